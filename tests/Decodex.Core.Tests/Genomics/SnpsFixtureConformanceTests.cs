using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

/// <summary>
/// Every fixture the peer library (apriha/snps) reads gives the same ids, chromosomes, positions and
/// genotypes — plain, gzipped and zipped. Expected rows are in Genomics/Expected/snps-fixtures.tsv,
/// taken from the peer's own tests. Deliberate differences are listed in <see cref="Differences"/>.
/// </summary>
public sealed class SnpsFixtureConformanceTests
{
    /// <summary>Where Decodex deliberately differs from the peer, and why.</summary>
    private static readonly Dictionary<string, string> Differences = new(StringComparer.Ordinal)
    {
        // The peer renames chr:pos ids to rsIDs through Illumina GSA map files (test stand-ins); Decodex ships
        // no such map, so it keeps those rows by position and compares them by position.
        ["tellmeGen.txt"] = "position-ids",
        ["codigo46.txt"] = "position-ids",
        ["sano.txt"] = "position-ids,forward-strand",
        ["sano_dtc.txt"] = "position-ids",
        ["sano_dtc_no_comments.txt"] = "position-ids",
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var path = Path.Combine(GenomeTestFiles.Expected, "snps-fixtures.tsv");
        foreach (var line in File.ReadLines(path).Where(l => !l.StartsWith('#') && !l.StartsWith("file\t", StringComparison.Ordinal)))
        {
            data.Add(line.Split('\t')[0]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_PeerFixture_SameRowsPlainGzipAndZip(string file)
    {
        GenomeTestFiles.SkipWithoutShared();
        var expected = Expected(file);
        var bytes = File.ReadAllBytes(Path.Combine(GenomeTestFiles.Fixtures, file));
        var options = new GenomeReadOptions { KeepAllVcfRecords = true };

        foreach (var (how, input) in new[] { ("plain", bytes), ("gzip", GenomeTestFiles.Gzip(bytes)), ("zip", GenomeTestFiles.Zip(bytes, file)) })
        {
            var result = GenomeTestFiles.Read(input, options);
            Assert.False(result.Refused, $"{file} ({how}) was refused: {(result.Issues.Count > 0 ? result.Issues[0] : null)}");
            AssertSameRows(file, expected, result.Genome!);
        }
    }

    private static void AssertSameRows(string file, List<(string Id, string Chromosome, int Position, string Genotype)> expected, Genome genome)
    {
        var ours = GenomeTestFiles.Rows(genome).ToList();
        var differences = Differences.GetValueOrDefault(file, string.Empty);
        foreach (var row in expected)
        {
            if (differences.Contains("forward-strand", StringComparison.Ordinal) && row.Id == "rs7")
            {
                // The peer complements Forward-strand alleles from a dbSNP reverse-strand list Decodex does not ship;
                // Decodex keeps them as given and flags the file (GEN019).
                continue;
            }

            var match = ours.Where(o => o.Id == row.Id).ToList();
            if (match.Count == 0 && differences.Contains("position-ids", StringComparison.Ordinal))
            {
                match = ours.Where(o => o.Chromosome == row.Chromosome && o.Position == row.Position).ToList();
                if (match.Count == 0 && row.Id.StartsWith("rs", StringComparison.Ordinal))
                {
                    // A named row without a position in the file: the peer placed it through a map; Decodex cannot.
                    continue;
                }
            }

            var found = Assert.Single(match);
            Assert.Equal((row.Chromosome, row.Position, row.Genotype), (found.Chromosome, found.Position, found.Genotype));
        }

        // Rows Decodex keeps beyond the peer's: only unnamed (position-only) rows, and no-calls the peer removed
        // (heterozygous mitochondrial calls, which Decodex keeps as no-calls and reports).
        var extra = ours.Where(o => !expected.Any(e => e.Id == o.Id || (e.Chromosome == o.Chromosome && e.Position == o.Position))).ToList();
        Assert.All(extra, o => Assert.True(!o.Id.StartsWith("rs", StringComparison.Ordinal) || o.Genotype == "--", $"{file}: unexpected row {o.Id}"));
    }

    private static List<(string Id, string Chromosome, int Position, string Genotype)> Expected(string file)
    {
        var path = Path.Combine(GenomeTestFiles.Expected, "snps-fixtures.tsv");
        var line = File.ReadLines(path).Single(l => l.StartsWith(file + "\t", StringComparison.Ordinal));
        var rows = line.Split('\t')[2];
        return rows.Length == 0
            ? []
            : rows.Split(';').Select(r => r.Split(',')).Select(p => (p[0], p[1] == "PAR" ? "XY" : p[1], int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), Normalise(p[3]))).ToList();
    }

    private static string Normalise(string genotype) => GenomeTestFiles.Sorted(genotype);
}
