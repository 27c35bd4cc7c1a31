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
        Assert.Equal(path, issue.GetProperty("file").GetString());
        Assert.Equal(path, json.RootElement.GetProperty("files")[0].GetProperty("file").GetString());
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
        // The second --result, not the third line of Decodex's internal CSV.
        var issue = json.RootElement.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "LAB004");
        Assert.Equal(2, issue.GetProperty("line").GetInt32());
        Assert.Equal("--result", issue.GetProperty("file").GetString());
    }

    [Fact]
    public void Inspect_MissingFile_IsNamedAsGiven()
    {
        var run = CliRun.Of("labs", "inspect", "no-such-folder/my labs.csv", "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'no-such-folder/my labs.csv'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_Pregnant_UsesThePregnancyCutOffAndSaysSo()
    {
        var run = CliRun.Of("labs", "inspect", "--result", "2024-03-01,Hemoglobin,10.8,g/dL", "--sex", "female", "--birth-date", "1994-01-01", "--pregnant", "--json", "--knowledge", RepositoryPaths.Knowledge);

        using var json = JsonDocument.Parse(run.Output);
        Assert.True(json.RootElement.GetProperty("person").GetProperty("pregnant").GetBoolean());
        // 10.8 g/dL = 108 g/L: WHO 2024 pregnancy, 105 ≤ 108 < 110; the non-pregnant set is not used.
        var categories = json.RootElement.GetProperty("results")[0].GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal("who-2024-anaemia-pregnancy", Assert.Single(categories).GetProperty("threshold").GetString());
        Assert.Equal("anaemia in the first or third trimester (not in the second)", categories[0].GetProperty("category").GetString());
    }

    [Fact]
    public void Inspect_PregnancyNotGiven_IsNullNotAssumed()
    {
        var run = CliRun.Of("labs", "inspect", "--result", "2024-03-01,Hemoglobin,10.8,g/dL", "--sex", "female", "--birth-date", "1994-01-01", "--json", "--knowledge", RepositoryPaths.Knowledge);

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("person").GetProperty("pregnant").ValueKind);
        Assert.Equal(2, json.RootElement.GetProperty("results")[0].GetProperty("categories").GetArrayLength());
    }

    [Fact]
    public void Inspect_Display_RoundsForPeopleAndKeepsFullPrecisionInValues()
    {
        var run = CliRun.Of("labs", "inspect", "--result", "2024-03-01,Glucose,2.2,mmol/L", "--result", "2024-03-01,Creatinine,0.6,mg/dL", "--sex", "female", "--birth-date", "1994-01-01", "--json", "--knowledge", RepositoryPaths.Knowledge);

        using var json = JsonDocument.Parse(run.Output);
        var glucose = json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("marker").GetString() == "glucose");
        // 2.2 ÷ 0.0555 = 39.6396… mg/dL, shown as 40 (the catalogue's mg/dL limits are whole numbers).
        Assert.Equal("2.2 mmol/L (40 mg/dL)", glucose.GetProperty("display").GetString());
        Assert.Equal(39.6396m, Math.Round(glucose.GetProperty("normalisedValue").GetDecimal(), 4));
        Assert.True(glucose.GetProperty("normalisedValue").GetDecimal() != 39.6396m);
        // Female, 30, creatinine 0.6 mg/dL → 123.8 (the notes' CKD-EPI 2021 test vector), shown as 124.
        var egfr = json.RootElement.GetProperty("derived").EnumerateArray().Single(d => d.GetProperty("marker").GetString() == "egfr");
        Assert.Equal(123.8m, egfr.GetProperty("normalisedValue").GetDecimal());
        Assert.Equal("124 mL/min/1.73 m²", egfr.GetProperty("display").GetString());
        Assert.Equal("mL/min/{1.73_m2}", egfr.GetProperty("normalisedUnit").GetString());
        Assert.Equal("mL/min/1.73 m²", egfr.GetProperty("normalisedUnitDisplay").GetString());

        var text = CliRun.Of("labs", "inspect", "--result", "2024-03-01,Glucose,2.2,mmol/L", "--result", "2024-03-01,Creatinine,0.6,mg/dL", "--result", "2024-03-01,WBC,12.5,10*3/uL", "--sex", "female", "--birth-date", "1994-01-01", "--knowledge", RepositoryPaths.Knowledge);
        Assert.DoesNotContain("{", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("10*3", text.Output, StringComparison.Ordinal);
        Assert.Contains("×10³/µL", text.Output, StringComparison.Ordinal);
        Assert.Contains("124 mL/min/1.73 m²", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_BadBirthDate_ExitsTwo()
    {
        var run = CliRun.Of("labs", "inspect", "x.csv", "--birth-date", "1.2.1970");

        Assert.Equal(2, run.ExitCode);
    }
}
