using System.Text.Json;
using Decodex.Testing;

namespace Decodex.Cli.Tests;

public sealed class LabCommandsTests
{
    private const string Csv = "date,test,loinc,value,unit,low,high,flag\n2023-01-10,Creatinine,2160-0,1.45,mg/dL,,,\n2023-03-01,Creatinine,2160-0,1.50,mg/dL,,,\n2023-05-20,Creatinine,2160-0,1.45,mg/dL,,,\n2023-05-20,Potassium,2823-3,4.1,mmol/L,3.5,5.1,N\n2023-05-20,Total protein,2885-2,68,g/dL,,,\n";

    private static string Fhir => Path.Combine(RepositoryPaths.Shared, "data", "labs", "fhir");

    [Fact]
    public void Inspect_Json_EveryDocumentedNameIsPresent()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "labs.csv");
        File.WriteAllText(path, Csv);

        var run = CliRun.Of("labs", "inspect", path, "--sex", "male", "--birth-date", "1954-03-01", "--json", "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(1, run.ExitCode); // the ×10 slip is a warning to see
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        foreach (var name in new[] { "files", "person", "results", "derived", "conditions", "trends", "issues" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }

        Assert.Equal("male", root.GetProperty("person").GetProperty("sex").GetString());
        Assert.Equal("command line", root.GetProperty("person").GetProperty("source").GetString());
        string[] resultNames = ["date", "test", "loinc", "value", "unit", "marker", "markerName", "normalisedValue", "normalisedUnit", "conversion", "conversionCitations", "range", "flag", "labFlag", "critical", "categories", "notes", "source", "subject"];
        Assert.All(root.GetProperty("results").EnumerateArray(), r => Assert.All(resultNames, n => Assert.True(r.TryGetProperty(n, out _), n)));
        var potassium = root.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("marker").GetString() == "potassium");
        Assert.Equal("within", potassium.GetProperty("flag").GetString());
        Assert.Equal("lab", potassium.GetProperty("range").GetProperty("source").GetString());
        var protein = root.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("marker").GetString() == "total-protein");
        Assert.Equal("not-interpreted", protein.GetProperty("flag").GetString());
        Assert.Equal(3, root.GetProperty("derived").EnumerateArray().Count(d => d.GetProperty("marker").GetString() == "egfr"));
        var g3a = root.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("condition").GetString() == "ckd-g3a");
        Assert.Equal("sustained", g3a.GetProperty("status").GetString());
        Assert.Contains(root.GetProperty("issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "LAB011");
    }

    [Fact]
    public void Inspect_Plot_WritesOneSvgPerTrend()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "labs.csv");
        File.WriteAllText(path, Csv);
        var plots = Path.Combine(folder.Path, "plots");

        var run = CliRun.Of("labs", "inspect", path, "--sex", "male", "--birth-date", "1954-03-01", "--plot", plots, "--json", "--knowledge", RepositoryPaths.Knowledge);

        using var json = JsonDocument.Parse(run.Output);
        var trends = json.RootElement.GetProperty("trends").EnumerateArray().ToList();
        Assert.NotEmpty(trends);
        Assert.All(trends, t => Assert.True(File.Exists(t.GetProperty("plot").GetString())));
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(plots, "creatinine.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_RefusedFile_ExitsTwoWithTheLine()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "labs.csv");
        File.WriteAllText(path, "date,test,value,unit\n2023-01-10,Glucose,ninety,mg/dL\n");

        var run = CliRun.Of("labs", "inspect", path, "--json", "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var issue = json.RootElement.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "LAB004");
        Assert.Equal(2, issue.GetProperty("line").GetInt32());
        Assert.DoesNotContain("ninety", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_UsCoreBundle_Text_ShowsFlagsWithTheirSources()
    {
        Assert.SkipUnless(Directory.Exists(Fhir), "the shared lab data (../shared/data/labs) is not beside the repository");

        var run = CliRun.Of("labs", "inspect", Path.Combine(Fhir, "uscore-9.0.0-lab-examples.bundle.json"), "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Person: female", run.Output, StringComparison.Ordinal);
        Assert.Contains("LAB013", run.Output, StringComparison.Ordinal);
        Assert.Contains("LAB010", run.Output, StringComparison.Ordinal);
        Assert.Contains(", lab]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TypedResult_IsReadLikeAFileRow()
    {
        var run = CliRun.Of("labs", "inspect", "--result", "2024-03-01,Creatinine,6.1,mg/dL", "--sex", "male", "--birth-date", "1950-01-01", "--json", "--knowledge", RepositoryPaths.Knowledge);

        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("creatinine", Assert.Single(root.GetProperty("results").EnumerateArray()).GetProperty("marker").GetString());
        Assert.Contains(root.GetProperty("conditions").EnumerateArray(), c => c.GetProperty("condition").GetString() == "kidney-failure" && c.GetProperty("status").GetString() == "possible");
    }

    [Fact]
    public void Inspect_TypedResultWithBadValue_IsRefusedWithItsPosition()
    {
        var run = CliRun.Of("labs", "inspect", "--result", "2024-03-01,Creatinine,1.2,mg/dL", "--result", "2024-03-02,Creatinine,abc,mg/dL", "--json", "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(3, json.RootElement.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "LAB004").GetProperty("line").GetInt32());
    }

    [Fact]
    public void Inspect_BadBirthDate_ExitsTwo()
    {
        var run = CliRun.Of("labs", "inspect", "x.csv", "--birth-date", "1.2.1970");

        Assert.Equal(2, run.ExitCode);
    }
}
