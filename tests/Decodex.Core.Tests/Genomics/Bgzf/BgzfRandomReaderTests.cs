using System.Text;
using Decodex.Core.Genomics.Bgzf;

namespace Decodex.Core.Tests.Genomics.Bgzf;

public sealed class BgzfRandomReaderTests
{
    [Fact]
    public void ReadChunk_WholeFile_EqualsStreamedText()
    {
        var bytes = BgzfFixtures.Bytes("small.vcf.gz");
        using var reader = new BgzfRandomReader(new MemoryStream(bytes));

        // From the start to the end-of-file marker block, which is the last 28 bytes.
        var all = reader.ReadChunk(new GenomicIndexChunk(default, VirtualOffset.FromParts(bytes.Length - 28, 0)));

        Assert.Equal(BgzfFixtures.PlainSha256("small.vcf"), BgzfFixtures.Sha256Hex(all));
    }

    [Fact]
    public void ReadChunk_AcrossBlockBoundary_ReturnsExactBytes()
    {
        var text = BgzfFixtures.SyntheticText(300, seed: 5);
        var bgzf = BgzfFixtures.WriteBgzf(text, [1000]);
        var blocks = BlockOffsets(bgzf);
        using var reader = new BgzfRandomReader(new MemoryStream(bgzf));

        // From byte 900 of the second block (text offset 1900) to byte 250 of the third (text offset 2250).
        var chunk = reader.ReadChunk(new GenomicIndexChunk(VirtualOffset.FromParts(blocks[1], 900), VirtualOffset.FromParts(blocks[2], 250)));

        Assert.Equal(text.AsSpan(1900, 350).ToArray(), chunk);
    }

    [Fact]
    public void ReadChunk_WithinOneBlock_ReturnsExactBytes()
    {
        var text = BgzfFixtures.SyntheticText(300, seed: 6);
        using var reader = new BgzfRandomReader(new MemoryStream(BgzfFixtures.WriteBgzf(text, [5000])));

        var chunk = reader.ReadChunk(new GenomicIndexChunk(VirtualOffset.FromParts(0, 10), VirtualOffset.FromParts(0, 20)));

        Assert.Equal(text.AsSpan(10, 10).ToArray(), chunk);
    }

    [Fact]
    public void ReadChunk_EmptyChunk_ReturnsNothing()
    {
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));
        var at = VirtualOffset.FromParts(17148, 30);

        Assert.Empty(reader.ReadChunk(new GenomicIndexChunk(at, at)));
    }

    [Fact]
    public void ReadChunk_EndBeforeBegin_ThrowsArgument()
    {
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));

        Assert.Throws<ArgumentException>(() => reader.ReadChunk(new GenomicIndexChunk(VirtualOffset.FromParts(0, 10), VirtualOffset.FromParts(0, 5))));
    }

    [Fact]
    public void ReadChunk_PastEndOfFile_ThrowsInvalidData()
    {
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));

        Assert.Throws<InvalidDataException>(() => reader.ReadChunk(new GenomicIndexChunk(VirtualOffset.FromParts(1_000_000, 0), VirtualOffset.FromParts(1_000_000, 10))));
    }

    [Fact]
    public void ReadChunk_OffsetNotAtBlockStart_ThrowsInvalidData()
    {
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));

        Assert.Throws<InvalidDataException>(() => reader.ReadChunk(new GenomicIndexChunk(VirtualOffset.FromParts(100, 0), VirtualOffset.FromParts(100, 10))));
    }

    [Fact]
    public void ReadChunk_UncompressedOffsetBeyondBlock_ThrowsInvalidData()
    {
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));

        // The fifth block (at 64181) holds 12187 bytes.
        Assert.Throws<InvalidDataException>(() => reader.ReadChunk(new GenomicIndexChunk(VirtualOffset.FromParts(64181, 0), VirtualOffset.FromParts(64181, 20000))));
    }

    [Fact]
    public void ReadChunk_EndInsideABlockNotAtItsStart_ThrowsInvalidData()
    {
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));

        Assert.Throws<InvalidDataException>(() => reader.ReadChunk(new GenomicIndexChunk(VirtualOffset.FromParts(0, 0), VirtualOffset.FromParts(20000, 10))));
    }

    [Fact]
    public void ReadChunk_TruncatedFile_ThrowsInvalidData()
    {
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small-truncated.vcf.gz")));

        Assert.Throws<InvalidDataException>(() => reader.ReadChunk(new GenomicIndexChunk(VirtualOffset.FromParts(33543, 0), VirtualOffset.FromParts(33543, 100))));
    }

    [Fact]
    public void ReadHeaderBytes_SmallVcf_UpToAndIncludingChromLine()
    {
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));

        var header = Encoding.UTF8.GetString(reader.ReadHeaderBytes());

        Assert.StartsWith("##fileformat=VCFv4.2\n", header, StringComparison.Ordinal);
        Assert.EndsWith("\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSYNTHETIC\n", header, StringComparison.Ordinal);
        Assert.Equal(10, header.Count(c => c == '\n'));
    }

    [Fact]
    public void ReadHeaderBytes_HeaderSpansTinyBlocks_SameHeader()
    {
        var text = BgzfFixtures.Decompress("small-nochr.vcf.gz");
        using var reader = new BgzfRandomReader(new MemoryStream(BgzfFixtures.WriteBgzf(text, [3, 0, 50])));
        using var original = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small-nochr.vcf.gz")));

        Assert.Equal(original.ReadHeaderBytes(), reader.ReadHeaderBytes());
    }

    [Fact]
    public void ReadHeaderBytes_ChromLineWithoutLineEnding_ReturnsAll()
    {
        var text = "##fileformat=VCFv4.2\n#CHROM\tPOS"u8.ToArray();
        using var reader = new BgzfRandomReader(new MemoryStream(BgzfFixtures.WriteBgzf(text, [10])));

        Assert.Equal(text, reader.ReadHeaderBytes());
    }

    [Theory]
    [InlineData("##fileformat=VCFv4.2\nchr1\t1\t.\tA\tG\n#CHROM\tPOS\n")]
    [InlineData("##fileformat=VCFv4.2\n##only meta\n")]
    [InlineData("")]
    public void ReadHeaderBytes_NoChromLineFirst_ThrowsInvalidData(string text)
    {
        using var reader = new BgzfRandomReader(new MemoryStream(BgzfFixtures.WriteBgzf(Encoding.UTF8.GetBytes(text), [16])));

        Assert.Throws<InvalidDataException>(() => reader.ReadHeaderBytes());
    }

    [Fact]
    public void Constructor_NonSeekableStream_ThrowsArgument()
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(), System.IO.Compression.CompressionMode.Decompress);

        Assert.Throws<ArgumentException>(() => new BgzfRandomReader(gzip));
    }

    [Fact]
    public void Dispose_Twice_DisposesStreamOnce()
    {
        var stream = new MemoryStream(BgzfFixtures.Bytes("small.vcf.gz"));
        var reader = new BgzfRandomReader(stream);

        reader.Dispose();
        reader.Dispose();

        Assert.False(stream.CanRead);
        Assert.Throws<ObjectDisposedException>(() => reader.ReadHeaderBytes());
    }

    private static List<long> BlockOffsets(byte[] bgzf)
    {
        var offsets = new List<long>();
        for (var offset = 0; offset < bgzf.Length; offset += (bgzf[offset + 16] | (bgzf[offset + 17] << 8)) + 1)
        {
            offsets.Add(offset);
        }

        return offsets;
    }
}
