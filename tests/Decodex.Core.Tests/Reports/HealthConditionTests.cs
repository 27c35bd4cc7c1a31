using System.Text.Json;
using Decodex.Core.Genomics;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;

namespace Decodex.Core.Tests.Reports;

/// <summary>
/// A detected allow-listed variant counts as its condition in the report: the label contraindications and
/// warnings about G6PD deficiency and inherited thrombophilia reach the verdict, certainly or possibly as
/// the genotype allows, and a hidden sensitive topic is never named.
/// </summary>
public sealed class HealthConditionTests
{
    private const string Marker = "rs3094315\t1\t752566\tAG\n";

    private static string Male(string g6pd) =>
        Marker + string.Concat(Enumerable.Range(0, 40).Select(i => $"rs{9_000_000 + i}\tX\t{20_000_000 + (i * 1000)}\tAA\n"))
        + string.Concat(Enumerable.Range(0, 20).Select(i => $"rs{9_100_000 + i}\tY\t{3_000_000 + (i * 1000)}\tC\n"))
        + $"rs1050828\tX\t153764217\t{g6pd}\n";

    private static string Female(string extra) =>
        Marker + string.Concat(Enumerable.Range(0, 40).Select(i => $"rs{9_000_000 + i}\tX\t{20_000_000 + (i * 1000)}\tAG\n")) + extra;

    private static CompoundReport Report(string genome, string compound, string medication, ISet<string>? hidden = null)
    {
        var kb = ShippedKnowledge.Base;
        var pgx = PgxDataLoader.LoadEmbedded();
        var (profile, issues) = ProfileLoader.Parse($"medications: [{medication}]\n", "profile.yaml", kb, findFile: _ => null);
        Assert.NotNull(profile);
        var targets = ReportInputs.Targets(kb, pgx);
        var read = GenomeReader.Read(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(genome)), new GenomeReadOptions { Targets = targets });
        var inputs = ReportInputs.Combine(profile, kb, GenomeFindings.From(read, "dna.txt", targets, pgx), []);
        if (hidden is not null)
        {
            inputs = inputs with { HiddenHealthTopics = new HashSet<string>(hidden, StringComparer.Ordinal) };
        }

        return Assert.Single(ReportEngine.Build(kb, pgx, inputs, [compound]).Compounds);
    }

    [Theory]
    [InlineData("T")]
    [InlineData("TT")]
    public void G6pdAMinus_HemizygousMale_MakesRasburicaseAvoid_Certainly(string letters)
    {
        var report = Report(Male(letters), "rasburicase-us-label", "rasburicase");

        Assert.Equal("avoid", report.Verdict);
        var finding = Assert.Single(report.Findings, f => f.Title.StartsWith("Contraindicated: G6PD deficiency, from your DNA file", StringComparison.Ordinal));
        Assert.Equal(("certain", FindingLevel.Avoid), (finding.Certainty, finding.Level));
        Assert.Contains(finding.Inputs, i => i.Contains("rs1050828", StringComparison.Ordinal));
    }

    [Fact]
    public void G6pdAMinus_HeterozygousWoman_IsPossible_WithTheEnzymeTest()
    {
        var report = Report(Female("rs1050828\tX\t153764217\tCT\n"), "rasburicase-us-label", "rasburicase");

        var finding = Assert.Single(report.Findings, f => f.Title.StartsWith("Contraindicated: G6PD deficiency, from your DNA file", StringComparison.Ordinal));
        Assert.Equal("possible", finding.Certainty);
        Assert.Contains("enzyme", finding.WouldSettle, StringComparison.Ordinal);
    }

    [Fact]
    public void G6pdUsualAllele_IsNotReassurance_TheConditionStaysUnknown()
    {
        var report = Report(Male("C"), "rasburicase-us-label", "rasburicase");

        Assert.DoesNotContain(report.Findings, f => f.Title.Contains("from your DNA file", StringComparison.Ordinal));
        var unknown = report.Findings.First(f => f.Title == "Unknown: G6PD deficiency" && f.Level == FindingLevel.Caution);
        Assert.Contains("cannot rule it out", unknown.Explanation, StringComparison.Ordinal);
        Assert.Contains(unknown.Inputs, i => i == "G6PD A− (c.202G>A): not found");
        Assert.Contains("enzyme", unknown.WouldSettle, StringComparison.Ordinal);
        Assert.NotEqual("no-known-issue", report.Verdict);
    }

    [Theory]
    [InlineData("rs6025\t1\t169519049\tCT\n")]
    [InlineData("rs1799963\t11\t46761055\tAG\n")]
    public void Thrombophilia_MakesAnOestrogenContraindicationApply(string row)
    {
        var report = Report(Female(row), "estradiol-progesterone-us-label", "estradiol and progesterone");

        Assert.Equal("avoid", report.Verdict);
        Assert.Contains(report.Findings, f => f.Title.StartsWith("Contraindicated: Inherited thrombophilia, from your DNA file", StringComparison.Ordinal) && f.Certainty == "certain");
    }

    [Fact]
    public void Thrombophilia_HiddenTopic_KeepsTheVerdict_NamesNothing()
    {
        var report = Report(Female("rs6025\t1\t169519049\tCT\n"), "estradiol-progesterone-us-label", "estradiol and progesterone", new HashSet<string> { "thrombophilia" });

        Assert.Equal("avoid", report.Verdict);
        var text = JsonSerializer.Serialize(report);
        Assert.Contains("hidden health results", text, StringComparison.Ordinal);
        Assert.DoesNotContain("thrombophilia", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Leiden", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rs6025", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingSite_IsNeverReadAsTheUsualAllele()
    {
        var report = Report(Marker, "rasburicase-us-label", "rasburicase");

        Assert.DoesNotContain(report.Findings, f => f.Title.Contains("from your DNA file", StringComparison.Ordinal));
        var unknown = report.Findings.First(f => f.Title == "Unknown: G6PD deficiency");
        Assert.Contains(unknown.Inputs, i => i == "G6PD A− (c.202G>A): not read");
    }
}
