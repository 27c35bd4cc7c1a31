using System.Text.Json;
using Decodex.Core.Genomics;
using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;

namespace Decodex.Core.Tests.Pgx;

/// <summary>
/// Conformance with a peer: PharmCAT's own example VCF (GRCh38, every defining position present) must
/// give the diplotypes of its <c>.match.json</c> and the phenotypes and activity scores of its
/// <c>.phenotype.json</c>, for every gene whose definitions ship.
/// </summary>
public sealed class PharmCatConformanceTests
{
    private static string Examples => Path.Combine(SharedPgx.Folder, "pharmcat", "docs", "examples");

    private static IReadOnlyList<PgxGeneCall> CallExample()
    {
        var data = PgxDataLoader.LoadEmbedded();
        var read = GenomeReader.ReadFile(Path.Combine(Examples, "pharmcat.example.vcf"), new GenomeReadOptions { Targets = data.GenomeTargets() });
        Assert.NotNull(read.Genome);
        Assert.Equal(GenomeBuild.Grch38, read.Genome.Build);
        return PgxCaller.Call(data, read.Genome);
    }

    [Fact]
    public void ExampleVcf_Diplotypes_EqualPharmCatMatchJson()
    {
        Assert.SkipUnless(Directory.Exists(Examples), "the shared PGx data (../shared/data/pgx) is not beside the repository");
        var calls = CallExample().ToDictionary(c => c.Gene);
        using var match = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Examples, "pharmcat.example.match.json")));
        var compared = 0;
        foreach (var result in match.RootElement.GetProperty("results").EnumerateArray())
        {
            var gene = result.GetProperty("gene").GetString()!;
            var expected = result.GetProperty("diplotypes").EnumerateArray().Select(d => Unordered(d.GetProperty("name").GetString()!)).Order(StringComparer.Ordinal).ToList();
            var call = calls[gene];
            Assert.Equal(expected, call.PharmCatDiplotypes.Select(Unordered).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(expected, call.Diplotypes.Select(Unordered).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(call.PositionsRequired, call.PositionsRead);
            compared++;
        }

        Assert.Equal(19, compared);
    }

    [Fact]
    public void ExampleVcf_PhenotypesAndScores_EqualPharmCatPhenotypeJson()
    {
        Assert.SkipUnless(Directory.Exists(Examples), "the shared PGx data (../shared/data/pgx) is not beside the repository");
        var calls = CallExample().ToDictionary(c => c.Gene);
        using var phenotype = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Examples, "pharmcat.example.phenotype.json")));
        var compared = new List<string>();
        foreach (var report in phenotype.RootElement.GetProperty("geneReports").EnumerateObject())
        {
            if (report.Value.GetProperty("callSource").GetString() != "MATCHER" || !calls.TryGetValue(report.Name, out var call))
            {
                continue;
            }

            var source = report.Value.GetProperty("sourceDiplotypes")[0];
            var phenotypes = source.GetProperty("phenotypes").EnumerateArray().Select(p => p.GetString()!).ToList();
            var data = PgxDataLoader.LoadEmbedded().FindGene(report.Name)!;
            if (data.PhenotypeMethod is null || data.HasFlag("no-diplotype-phenotypes"))
            {
                // G6PD and RYR1 maps are missing from the snapshot; CYP4F2 and IFNL3 have none: no phenotype, never a guess.
                Assert.Null(call.Phenotype);
                continue;
            }

            Assert.Equal(PgxCallStatus.Called, call.Status);
            Assert.Equal(phenotypes.Single(), call.Phenotype);
            var score = source.TryGetProperty("activityScore", out var s) && s.ValueKind != JsonValueKind.Null ? s.GetString() : null;
            Assert.Equal(score, call.ActivityScore);
            compared.Add(report.Name);
        }

        Assert.Equal(15, compared.Count);
    }

    [Fact]
    public void SubAlleleNames_EqualPharmCatTranslationData()
    {
        var folder = Path.Combine(SharedPgx.Folder, "pharmcat", "src", "main", "resources", "org", "pharmgkb", "pharmcat", "definition", "alleles");
        Assert.SkipUnless(Directory.Exists(folder), "the shared PGx data (../shared/data/pgx) is not beside the repository");
        var found = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*_translation.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            if (json.RootElement.TryGetProperty("suballelesMap", out var map) && map.ValueKind == JsonValueKind.Object && map.EnumerateObject().Any())
            {
                found[json.RootElement.GetProperty("gene").GetString()!] = map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            }
        }

        Assert.Equal(found.Keys.Order(StringComparer.Ordinal), PgxAlleleOrder.SubAlleles.Keys.Order(StringComparer.Ordinal));
        foreach (var (gene, map) in found)
        {
            Assert.Equal(map.OrderBy(p => p.Key, StringComparer.Ordinal), PgxAlleleOrder.SubAlleles[gene].OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    private static string Unordered(string diplotype)
    {
        var parts = diplotype.Split('/');
        return string.Join("/", parts.Order(StringComparer.Ordinal));
    }
}
