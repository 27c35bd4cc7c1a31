using System.Text;
using Decodex.Core.Genomics.Bgzf;

namespace Decodex.Core.Tests.Genomics.Bgzf;

/// <summary>The same queries against the tabix and the CSI index of one file, checked against tabix's own answers and a full scan.</summary>
public sealed class GenomicIndexQueryTests
{
    public static TheoryData<string, string, int, string> ExpectedRegions => BgzfFixtures.ExpectedRegions();

    [Theory]
    [MemberData(nameof(ExpectedRegions))]
    public void Query_Tabix_SameRecordsAsTabixTool(string fixture, string region, int count, string sha256)
    {
        AssertRegion(fixture + ".vcf.gz.tbi", fixture, region, count, sha256);
    }

    [Theory]
    [MemberData(nameof(ExpectedRegions))]
    public void Query_Csi_SameRecordsAsTabixTool(string fixture, string region, int count, string sha256)
    {
        if (fixture != "small")
        {
            return; // only small.vcf.gz has a CSI index
        }

        AssertRegion(fixture + ".vcf.gz.csi", fixture, region, count, sha256);
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi")]
    [InlineData("small.vcf.gz.csi")]
    public void Query_ManyRandomRegions_SameRecordsAsFullScan(string indexName)
    {
        var index = ReadIndex(indexName);
        var lines = Encoding.UTF8.GetString(BgzfFixtures.Decompress("small.vcf.gz")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#'))
            .ToArray();
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));
        var random = new Random(42);
        string[] sequences = ["chr1", "chr19", "chrX"];

        for (var i = 0; i < 300; i++)
        {
            var sequence = sequences[random.Next(sequences.Length)];
            int begin0;
            int end0;
            if (i % 2 == 0)
            {
                begin0 = random.Next(44_870_000, 44_950_000);
                end0 = begin0 + random.Next(1, i % 4 == 0 ? 300 : 40_000);
            }
            else
            {
                begin0 = random.Next(0, 250_000_000);
                end0 = begin0 + random.Next(1, 30_000_000);
            }

            var expected = lines.Where(l => BgzfFixtures.Overlaps(l, sequence, begin0, end0)).ToList();
            var actual = BgzfFixtures.QueryRecords(index, reader, sequence, begin0, end0);

            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi")]
    [InlineData("small.vcf.gz.csi")]
    public void SequenceNames_SmallVcf_ContigsInFileOrder(string indexName)
    {
        Assert.Equal(["chr1", "chr19", "chrX"], ReadIndex(indexName).SequenceNames);
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi", "chr2")]
    [InlineData("small.vcf.gz.csi", "chr2")]
    [InlineData("small.vcf.gz.tbi", "19")]
    [InlineData("small.vcf.gz.csi", "19")]
    [InlineData("small.vcf.gz.tbi", "")]
    public void Query_UnknownSequence_Empty(string indexName, string sequence)
    {
        Assert.Empty(ReadIndex(indexName).Query(sequence, 0, 100_000_000));
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi")]
    [InlineData("small.vcf.gz.csi")]
    public void Query_EmptyRegionOrBeyondIndexRange_Empty(string indexName)
    {
        var index = ReadIndex(indexName);

        Assert.Empty(index.Query("chr19", 44_908_683, 44_908_683));
        Assert.Empty(index.Query("chr19", int.MaxValue - 1, int.MaxValue));
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi")]
    [InlineData("small.vcf.gz.csi")]
    public void Query_InvalidArguments_Throw(string indexName)
    {
        var index = ReadIndex(indexName);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Query("chr19", -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Query("chr19", 10, 9));
        Assert.Throws<ArgumentNullException>(() => index.Query(null!, 0, 10));
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi", "chr19", 0, 58_617_616)]
    [InlineData("small.vcf.gz.csi", "chr19", 0, 58_617_616)]
    [InlineData("small.vcf.gz.tbi", "chr1", 100_000_000, 200_000_000)]
    [InlineData("small.vcf.gz.csi", "chrX", 0, 1_000_000)]
    public void Query_AnyRegion_ChunksSortedDisjointAndInSeparateBlocks(string indexName, string sequence, int begin0, int end0)
    {
        var chunks = ReadIndex(indexName).Query(sequence, begin0, end0);

        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.True(c.Begin < c.End));
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i - 1].End.CompressedOffset < chunks[i].Begin.CompressedOffset);
        }
    }

    [Theory]
    [InlineData("small.vcf.gz.tbi")]
    [InlineData("small.vcf.gz.csi")]
    public void Query_SmallRegionLateInSequence_ReadsFarLessThanTheSequence(string indexName)
    {
        // chr19 has 2600 records; the linear index (tabix) or loffset (CSI) skips those before 50 Mb.
        var index = ReadIndex(indexName);
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));

        var lines = index.Query("chr19", 50_000_000, 50_100_000)
            .Sum(c => Encoding.UTF8.GetString(reader.ReadChunk(c)).Count(ch => ch == '\n'));

        Assert.InRange(lines, 1, 50);
    }

    [Fact]
    public void Query_TabixAndCsi_ReturnSameRecords()
    {
        var tabix = ReadIndex("small.vcf.gz.tbi");
        var csi = ReadIndex("small.vcf.gz.csi");
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")));

        Assert.Equal(
            BgzfFixtures.QueryRecords(tabix, reader, "chr19", 44_900_000, 44_910_000),
            BgzfFixtures.QueryRecords(csi, reader, "chr19", 44_900_000, 44_910_000));
    }

    [Fact]
    public void Csi_MadeByTabixC_SixLevelsOf16KbBins()
    {
        using var stream = File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz.csi"));

        var csi = CsiIndex.Read(stream);

        // tabix -C uses one level more than .tbi, so the generalised binning is exercised.
        Assert.Equal(14, csi.MinShift);
        Assert.Equal(6, csi.Depth);
    }

    private static void AssertRegion(string indexName, string fixture, string region, int count, string sha256)
    {
        var index = ReadIndex(indexName);
        var (sequence, begin0, end0) = BgzfFixtures.ParseRegion(region);
        using var reader = new BgzfRandomReader(File.OpenRead(BgzfFixtures.PathOf(fixture + ".vcf.gz")));

        var records = BgzfFixtures.QueryRecords(index, reader, sequence, begin0, end0);

        Assert.Equal(count, records.Count);
        Assert.Equal(sha256, BgzfFixtures.LinesSha256(records));
    }

    private static IGenomicIndex ReadIndex(string name)
    {
        using var stream = File.OpenRead(BgzfFixtures.PathOf(name));
        return name.EndsWith(".csi", StringComparison.Ordinal) ? CsiIndex.Read(stream) : TabixIndex.Read(stream);
    }
}
