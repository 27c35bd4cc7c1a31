using System.Text.Json;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Testing;

namespace Decodex.Core.Tests.Reports;

/// <summary>A report for a person who has not chosen to see their APOE result: nothing names it, and the verdict is unchanged.</summary>
public sealed class HiddenApoeTests
{
    private static (PersonalReport Shown, PersonalReport Hidden) Reports()
    {
        var kb = ShippedKnowledge.Base;
        var (profile, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), kb);
        Assert.NotNull(profile);
        var pgx = PgxDataLoader.LoadEmbedded();
        var inputs = ReportInputs.Load(profile, kb, pgx);
        return (ReportEngine.Build(kb, pgx, inputs, ["cerebrolysin"]), ReportEngine.Build(kb, pgx, inputs with { HideApoe = true }, ["cerebrolysin"]));
    }

    [Fact]
    public void Build_HideApoe_NamesNeitherTheGenotypeNorItsPositions()
    {
        var (shown, hidden) = Reports();
        var shownText = JsonSerializer.Serialize(shown);
        var hiddenText = JsonSerializer.Serialize(hidden);

        Assert.Contains("\\u03B54/\\u03B54", shownText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\\u03B54", hiddenText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("e4", hiddenText, StringComparison.Ordinal);
        Assert.DoesNotContain("rs429358", hiddenText, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HideApoe_KeepsTheFindingAndTheVerdict()
    {
        var (shown, hidden) = Reports();
        var shownApoe = Assert.Single(shown.Compounds[0].Findings, f => f.UsesApoe);
        var hiddenApoe = Assert.Single(hidden.Compounds[0].Findings, f => f.UsesApoe);

        Assert.Equal(ReportEngine.HiddenApoeTitle, hiddenApoe.Title);
        Assert.Equal(shownApoe.Level, hiddenApoe.Level);
        Assert.Empty(hiddenApoe.Citations);
        Assert.Equal(shown.Compounds[0].Verdict, hidden.Compounds[0].Verdict);
        Assert.Equal(shown.Compounds[0].Findings.Count, hidden.Compounds[0].Findings.Count);
    }

    [Fact]
    public void Build_HideApoe_CarrierAndNonCarrier_GetTheSameCards()
    {
        // A missing card must not tell a non-carrier apart: with APOE hidden, both see the same findings.
        var kb = ShippedKnowledge.Base;
        var (profile, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), kb);
        var pgx = PgxDataLoader.LoadEmbedded();
        var carrier = ReportInputs.Load(profile!, kb, pgx);
        var nonCarrier = carrier with { Apoe = carrier.Apoe! with { Genotype = "e3/e3", CarriesE4 = false } };

        var shownNonCarrier = ReportEngine.Build(kb, pgx, nonCarrier, ["cerebrolysin"]);
        var hiddenCarrier = ReportEngine.Build(kb, pgx, carrier with { HideApoe = true }, ["cerebrolysin"]);
        var hiddenNonCarrier = ReportEngine.Build(kb, pgx, nonCarrier with { HideApoe = true }, ["cerebrolysin"]);

        Assert.DoesNotContain(shownNonCarrier.Compounds[0].Findings, f => f.UsesApoe && f.Kind == FindingKind.GeneModifier);
        Assert.Equal(
            hiddenCarrier.Compounds[0].Findings.Where(f => f.UsesApoe).Select(f => (f.Title, f.Explanation, f.Level)),
            hiddenNonCarrier.Compounds[0].Findings.Where(f => f.UsesApoe).Select(f => (f.Title, f.Explanation, f.Level)));
        Assert.Equal(hiddenCarrier.Compounds[0].Verdict, hiddenNonCarrier.Compounds[0].Verdict);
    }
}
