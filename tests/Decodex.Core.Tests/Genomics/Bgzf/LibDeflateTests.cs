using Decodex.Core.Genomics.Bgzf;

namespace Decodex.Core.Tests.Genomics.Bgzf;

public sealed class LibDeflateTests
{
    [Fact]
    public void Inflate_LibDeflateAndManagedPaths_GiveTheSameBytes()
    {
        var withNative = BgzfFixtures.Decompress("small.vcf.gz", workers: 2);
        LibDeflate.Enabled = false;
        try
        {
            var managed = BgzfFixtures.Decompress("small.vcf.gz", workers: 2);

            Assert.Equal(BgzfFixtures.Sha256Hex(managed), BgzfFixtures.Sha256Hex(withNative));
        }
        finally
        {
            LibDeflate.Enabled = true;
        }
    }

    [Fact]
    public void Inflate_CorruptBlock_RejectedOnTheNativePathToo()
    {
        var bytes = BgzfFixtures.Bytes("small.vcf.gz");
        bytes[200] ^= 0x5A;

        using var stream = new ParallelBgzfStream(new MemoryStream(bytes), workers: 1);

        Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
    }
}
