using System.Text.Json;

namespace Decodex.Cli.Tests;

/// <summary><c>decodex meds resolve</c>: brands, combinations and misspellings as a user types them.</summary>
public sealed class MedicineCommandsTests
{
    [Fact]
    public void Resolve_BrandAndCombination_ShowsIngredientsAndHops()
    {
        var run = CliRun.Of("meds", "resolve", "Lasix 40 mg tab", "Tylenol with codeine");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Lasix 40 mg tab: furosemide (RxCUI 4603)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Lasix → furosemide (brand name, RxNorm release 2025-10-06)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Tylenol with codeine: acetaminophen + codeine (RxCUI 2670)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Medicine vocabulary decodex-medicines/1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Misspelling_ExitsOneWithSuggestionsNotApplied()
    {
        var run = CliRun.Of("meds", "resolve", "ibuprophen");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ibuprophen: not recognised. Nearest known names (not applied): ibuprofen", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Json_GivesIngredientsClassesAndSources()
    {
        var run = CliRun.Of("meds", "resolve", "lithium carbonate", "Advil", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.StartsWith("decodex-medicines/1 ", root.GetProperty("version").GetString(), StringComparison.Ordinal);
        var lithium = Assert.Single(root.GetProperty("results")[0].GetProperty("ingredients").EnumerateArray());
        Assert.Equal("lithium", lithium.GetProperty("name").GetString());
        Assert.Equal("salt", lithium.GetProperty("matchedBy").GetString());
        Assert.Contains(lithium.GetProperty("classes").EnumerateArray(), c => c.GetProperty("classId").GetString() == "mood-stabilisers");
        var ibuprofen = Assert.Single(root.GetProperty("results")[1].GetProperty("ingredients").EnumerateArray());
        Assert.Equal("ibuprofen", ibuprofen.GetProperty("name").GetString());
        Assert.Contains(root.GetProperty("attributions").EnumerateArray(), a => a.GetString()!.Contains("National Library of Medicine", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_NoName_ExitsTwo() => Assert.Equal(2, CliRun.Of("meds", "resolve").ExitCode);
}
