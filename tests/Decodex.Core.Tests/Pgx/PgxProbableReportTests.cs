using Decodex.Core.Genomics;
using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;
using Decodex.Core.Reports;
using Decodex.Testing;

namespace Decodex.Core.Tests.Pgx;

/// <summary>A probable pharmacogene phenotype reaches the report's verdict marked <c>probable</c>, narrowed by the profile's ancestry.</summary>
public sealed class PgxProbableReportTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    private static Finding? UltrarapidFinding(string yaml) => Finding(yaml, "*17", "*17", "CYP2C19 ultrarapid");

    private static Finding? Finding(string yaml, string first, string second, string rule)
    {
        var kb = ShippedKnowledge.Base;
        var pgx = PgxDataLoader.LoadEmbedded();
        var gene = pgx.FindGene("CYP2C19")!;

        // CYP2C19 *17/*17 on the three array SNPs: *17/*17 (ultrarapid), *4/*17 (intermediate) or *4/*4 (poor).
        // European: P(Ultrarapid) = f17² / (f17 + f4)² = (0.2154386 / 0.2178983)² = 0.989165² = 0.978447.
        var rows = PgxTestGenomes.Rows(gene, first, second, GenomeBuild.Grch37, "rs4244285", "rs4986893", "rs12248560").Concat(PgxTestGenomes.Markers(GenomeBuild.Grch37)).ToList();
        var genome = GenomeReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(PgxTestGenomes.TwentyThreeAndMe(rows))), new GenomeReadOptions()).Genome!;
        var (profile, _) = ProfileLoader.Parse(yaml, "profile.yaml", kb, findFile: _ => null);
        var calls = PgxCaller.Call(pgx, genome);
        if (first == "*17" && second == "*17")
        {
            Assert.Equal(0.978447, calls.Single(c => c.Gene == "CYP2C19").Probable!.Groups.Single(g => g.Group == "European").Of("Ultrarapid Metabolizer"), 1e-5);
        }

        var report = ReportEngine.Build(kb, pgx, new ReportInputs { Profile = profile!, Genome = genome, PgxCalls = calls, AsOf = AsOf }, ["ssris"]);
        return report.Compounds.Single().Findings.FirstOrDefault(f => f.Rule.Contains(rule, StringComparison.Ordinal));
    }

    [Fact]
    public void StatedAncestry_MakesTheFindingApply_WithCertaintyProbable()
    {
        var finding = UltrarapidFinding("sex: female\nmedications: [citalopram]\nancestry: European\n");

        Assert.NotNull(finding);
        Assert.Equal(FindingKind.GeneModifier, finding.Kind);
        Assert.Equal("probable", finding.Certainty);
        Assert.Contains(finding.Inputs, i => i.Contains("probable: 97.8 %", StringComparison.Ordinal) && i.Contains("European", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutAncestry_TheRangeAcrossGroupsIsUsed()
    {
        var finding = UltrarapidFinding("sex: female\nmedications: [citalopram]\n");

        // Only groups with a *4 frequency fall below 1; European (97.8 %) is the lowest, still above 95 %.
        Assert.NotNull(finding);
        Assert.Equal(FindingKind.GeneModifier, finding.Kind);
        Assert.Equal("probable", finding.Certainty);
        Assert.Contains(finding.Inputs, i => i.Contains("probable: 97.8 % to", StringComparison.Ordinal) && i.Contains("across CPIC's biogeographic groups", StringComparison.Ordinal));
    }

    [Fact]
    public void BelowTheThreshold_TheFindingStaysUnknown_WithTheMostLikelyPhenotype()
    {
        // CYP2C19 *1/*17 on the array SNPs: Rapid 91.1 % (Sub-Saharan African) to over 99.9 %; poor (*4/*4) remains possible.
        var finding = Finding("sex: female\nmedications: [citalopram]\n", "*1", "*17", "CYP2C19 poor");

        Assert.NotNull(finding);
        Assert.Equal(FindingKind.MissingData, finding.Kind);
        Assert.Equal("uncertain", finding.Certainty);
        Assert.Contains(finding.Inputs, i => i.Contains("most likely Rapid Metabolizer (91.1 % to over 99.9 %", StringComparison.Ordinal));
    }
}
