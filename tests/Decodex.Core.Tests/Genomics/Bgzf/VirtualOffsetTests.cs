using Decodex.Core.Genomics.Bgzf;

namespace Decodex.Core.Tests.Genomics.Bgzf;

public sealed class VirtualOffsetTests
{
    [Theory]
    [InlineData(0L, 0)]
    [InlineData(17148L, 65535)]
    [InlineData(VirtualOffset.MaxCompressedOffset, 1)]
    public void FromParts_AnyValidParts_RoundTrip(long compressed, int uncompressed)
    {
        var offset = VirtualOffset.FromParts(compressed, uncompressed);

        Assert.Equal(compressed, offset.CompressedOffset);
        Assert.Equal(uncompressed, offset.UncompressedOffset);
        Assert.Equal(((ulong)compressed << 16) | (uint)uncompressed, offset.Value);
    }

    [Fact]
    public void Value_AsStoredInIndex_SplitsIntoParts()
    {
        var offset = new VirtualOffset(0x0000_0001_2345_6789);

        Assert.Equal(0x1_2345, offset.CompressedOffset);
        Assert.Equal(0x6789, offset.UncompressedOffset);
        Assert.Equal("74565:26505", offset.ToString());
    }

    [Theory]
    [InlineData(-1L, 0)]
    [InlineData(VirtualOffset.MaxCompressedOffset + 1, 0)]
    [InlineData(0L, -1)]
    [InlineData(0L, 65536)]
    public void FromParts_OutOfRange_Throws(long compressed, int uncompressed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VirtualOffset.FromParts(compressed, uncompressed));
    }

    [Fact]
    public void CompareTo_LaterBlockWithSmallerInBlockOffset_IsLater()
    {
        var earlier = VirtualOffset.FromParts(10, 60000);
        var later = VirtualOffset.FromParts(11, 0);

        Assert.True(earlier < later);
        Assert.True(later >= earlier);
        Assert.True(earlier.CompareTo(later) < 0);
        Assert.Equal(default, VirtualOffset.FromParts(0, 0));
    }
}
