using Decodex.Core.Genomics.Bgzf;

namespace Decodex.Core.Tests.Genomics.Bgzf;

/// <summary>Reading index files: refusal of anything that is not a complete index, and finding the index beside a file.</summary>
public sealed class IndexReadingTests
{
    [Fact]
    public void TabixRead_CsiFile_ThrowsInvalidData()
    {
        using var stream = File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz.csi"));

        Assert.Throws<InvalidDataException>(() => TabixIndex.Read(stream));
    }

    [Fact]
    public void CsiRead_TabixFile_ThrowsInvalidData()
    {
        using var stream = File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz.tbi"));

        Assert.Throws<InvalidDataException>(() => CsiIndex.Read(stream));
    }

    [Fact]
    public void TabixRead_BgzfVcfInsteadOfIndex_ThrowsInvalidData()
    {
        using var stream = File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz"));

        Assert.Throws<InvalidDataException>(() => TabixIndex.Read(stream));
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi", 0.5)]
    [InlineData("small.vcf.gz.csi", 0.5)]
    [InlineData("small.vcf.gz.tbi", 0.99)]
    public void Read_TruncatedIndexFile_ThrowsInvalidData(string name, double keep)
    {
        var bytes = BgzfFixtures.Bytes(name);
        using var stream = new MemoryStream(bytes[..(int)(bytes.Length * keep)]);

        Assert.Throws<InvalidDataException>(() => Read(name, stream));
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi")]
    [InlineData("small.vcf.gz.csi")]
    public void Read_IndexContentCutShort_ThrowsInvalidData(string name)
    {
        // Valid BGZF around an index whose fields end early.
        var content = BgzfFixtures.Decompress(name);
        using var stream = new MemoryStream(BgzfFixtures.WriteBgzf(content.AsSpan(0, content.Length / 3), [65280]));

        Assert.Throws<InvalidDataException>(() => Read(name, stream));
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi")]
    [InlineData("small.vcf.gz.csi")]
    public void Read_RewrittenWithTinyBlocks_SameQueries(string name)
    {
        var content = BgzfFixtures.Decompress(name);
        using var original = File.OpenRead(BgzfFixtures.PathOf(name));
        using var rewritten = new MemoryStream(BgzfFixtures.WriteBgzf(content, [100, 7]));

        Assert.Equal(Read(name, original).Query("chr19", 44_900_000, 44_910_000), Read(name, rewritten).Query("chr19", 44_900_000, 44_910_000));
    }

    [Fact]
    public void Open_CsiAndTbiBeside_PrefersCsi()
    {
        Assert.IsType<CsiIndex>(GenomicIndex.Open(BgzfFixtures.PathOf("small.vcf.gz")));
    }

    [Fact]
    public void Open_OnlyTbiBeside_ReturnsTabixIndexWithNames()
    {
        var index = GenomicIndex.Open(BgzfFixtures.PathOf("small-nochr.vcf.gz"));

        Assert.IsType<TabixIndex>(index);
        Assert.Equal(["1", "19", "X"], index.SequenceNames);
    }

    [Fact]
    public void Open_NoIndexBeside_ReturnsNull()
    {
        Assert.Null(GenomicIndex.Open(BgzfFixtures.PathOf("small-nochr-multimember.vcf.gz")));
    }

    [Fact]
    public void Open_CorruptIndexBeside_ThrowsInvalidData()
    {
        var folder = Directory.CreateTempSubdirectory("decodex-bgzf-");
        try
        {
            var vcf = Path.Combine(folder.FullName, "x.vcf.gz");
            File.WriteAllBytes(vcf, BgzfFixtures.Bytes("small.vcf.gz"));
            File.WriteAllBytes(vcf + ".tbi", BgzfFixtures.Bytes("small.vcf.gz.tbi")[..1000]);

            Assert.Throws<InvalidDataException>(() => GenomicIndex.Open(vcf));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IGenomicIndex Read(string name, Stream stream) =>
        name.EndsWith(".csi", StringComparison.Ordinal) ? CsiIndex.Read(stream) : TabixIndex.Read(stream);
}
