using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Testing;

namespace Decodex.Core.Tests.Labs;

public sealed class LabImportTests
{
    private static string Shared => Path.Combine(RepositoryPaths.Shared, "data", "labs");

    private static void SkipWithoutShared() => Assert.SkipUnless(Directory.Exists(Shared), "the shared lab data (../shared/data/labs) is not beside the repository");

    private static LabCatalogue Catalogue => new(ShippedKnowledge.Base);

    [Fact]
    public void Csv_LabReportLayout_ImportsWithItsInvertedRangesReported()
    {
        SkipWithoutShared();

        var import = LabImport.ReadFile(Path.Combine(Shared, "csv", "lab-report-style.csv"));
        var report = LabAnalyzer.Analyze(Catalogue, import.Results, LabDemographics.Unknown);

        Assert.False(import.Refused);
        Assert.Equal("lab-report-csv", import.Format);
        Assert.Equal(16, import.Results.Count);
        Assert.Equal(3, report.Issues.Count(i => i.Code == LabIssueCodes.InvertedRange));
        Assert.All(import.Results, r => Assert.NotNull(r.Loinc));
    }

    [Fact]
    public void Csv_SyntheaLayout_ImportsEveryNumericLaboratoryRow()
    {
        SkipWithoutShared();
        var path = Path.Combine(Shared, "csv", "synthea-format-labs.csv");
        var rows = File.ReadLines(path).Skip(1).Count(l => l.Contains(",laboratory,", StringComparison.Ordinal) && l.EndsWith(",numeric", StringComparison.Ordinal));

        var import = LabImport.ReadFile(path);

        Assert.False(import.Refused);
        Assert.Equal("synthea-csv", import.Format);
        Assert.Equal(rows, import.Results.Count + import.Issues.Count(i => i.Code == LabIssueCodes.DuplicateResult));
        Assert.Equal(3, import.Results.Select(r => r.Subject).Distinct().Count());
    }

    [Fact]
    public void Csv_DecodexLayout_ReadsNamesDecimalCommasAndCensoredValues()
    {
        const string csv = "date;test;value;unit;low;high\n2024-03-01;Glucose;\"5,4\";mmol/L;;\n2024-03-01;CRP;<0,5;mg/L;;5\n";

        var import = LabImport.Read(csv, "labs.csv");

        Assert.False(import.Refused);
        Assert.Equal(new LabValue(5.4m), import.Results[0].Value);
        Assert.Equal(new LabValue(0.5m, LabComparator.LessThan), import.Results[1].Value);
        Assert.Equal(5m, import.Results[1].RangeHigh);
    }

    [Theory]
    [InlineData("date,test,value,unit\n03/04/2024,Glucose,90,mg/dL\n", LabIssueCodes.BadDate, 2)]
    [InlineData("date,test,value,unit\n2024-03-01,Glucose,ninety,mg/dL\n", LabIssueCodes.BadValue, 2)]
    [InlineData("date,test,value,unit\n2024-03-01,Glucose,1,234.5,mg/dL\n", LabIssueCodes.MalformedRow, 2)]
    [InlineData("date,test,value,unit\n2024-03-01,Glucose,90,mg/dL\n2024-03-01,,90,mg/dL\n", LabIssueCodes.MalformedRow, 3)]
    public void Csv_MalformedRow_RefusesTheWholeFileWithItsLine(string csv, string code, int line)
    {
        var import = LabImport.Read(csv, "labs.csv");

        Assert.True(import.Refused);
        Assert.Empty(import.Results);
        var issue = Assert.Single(import.Issues, i => i.Code == code);
        Assert.Equal(line, issue.Line);
        Assert.DoesNotContain("ninety", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_Duplicates_KeptOnce_Conflicts_Refused()
    {
        const string duplicate = "date,test,value,unit\n2024-03-01,Glucose,90,mg/dL\n2024-03-01,Glucose,90,mg/dL\n";
        const string conflict = "date,test,value,unit\n2024-03-01,Glucose,90,mg/dL\n2024-03-01,Glucose,95,mg/dL\n";

        var kept = LabImport.Read(duplicate, "a.csv");
        var refused = LabImport.Read(conflict, "b.csv");

        Assert.Single(kept.Results);
        Assert.Contains(kept.Issues, i => i.Code == LabIssueCodes.DuplicateResult);
        Assert.True(refused.Refused);
        Assert.Contains(refused.Issues, i => i.Code == LabIssueCodes.ConflictingResult);
    }

    [Fact]
    public void Csv_UnknownLayout_IsRefused()
    {
        var import = LabImport.Read("a,b,c\n1,2,3\n", "x.csv");

        Assert.True(import.Refused);
        Assert.Equal(LabIssueCodes.UnreadableFile, Assert.Single(import.Issues).Code);
    }

    public static TheoryData<string> SyntheaBundles()
    {
        var data = new TheoryData<string>();
        var folder = Path.Combine(Shared, "fhir");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "synthea-r4-*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }
        else
        {
            data.Add("(absent)");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SyntheaBundles))]
    public void Fhir_EverySyntheaBundle_ImportsAndIsInterpreted(string file)
    {
        SkipWithoutShared();

        var import = LabImport.ReadFile(Path.Combine(Shared, "fhir", file));
        var report = LabAnalyzer.Analyze(Catalogue, import.Results, import.Demographics);

        Assert.False(import.Refused);
        Assert.Equal("fhir-bundle", import.Format);
        Assert.NotEmpty(import.Results);
        Assert.NotNull(import.Demographics.Sex);
        Assert.NotNull(import.Demographics.BirthDate);
        Assert.Contains(report.Results, r => r.Marker is not null && r.Flag != LabStanding.NotInterpreted);
        Assert.All(report.Issues.Concat(import.Issues), i => Assert.DoesNotMatch(@"\d+\.\d{3,}", i.Message));
    }

    [Fact]
    public void Fhir_SyntheaUnitSlips_AreImplausibleInBothDirections()
    {
        SkipWithoutShared();
        var import = LabImport.ReadFile(Path.Combine(Shared, "fhir", "synthea-r4-Parker_Casper_6d0c6969-6843-47e1-9921-d9bf11b1df31.json"));

        var report = LabAnalyzer.Analyze(Catalogue, import.Results, import.Demographics);

        Assert.Contains(report.Results, r => r.Marker?.Id == "total-protein" && r.Flag == LabStanding.NotInterpreted);
        Assert.Contains(report.Results, r => r.Marker?.Id == "globulin" && r.Flag == LabStanding.NotInterpreted);
        Assert.Contains(report.Issues, i => i.Code == LabIssueCodes.ImplausibleValue && i.Message.Contains("÷10", StringComparison.Ordinal));
        Assert.Contains(report.Issues, i => i.Code == LabIssueCodes.ImplausibleValue && i.Message.Contains("×10", StringComparison.Ordinal));
    }

    [Fact]
    public void Fhir_SyntheaCkdPatient_EgfrIsRecomputedFromCreatinineNotTrusted()
    {
        SkipWithoutShared();
        var import = LabImport.ReadFile(Path.Combine(Shared, "fhir", "synthea-r4-Gabriela_Streich_2469aaa6-cd76-46be-89cf-1443858151b5.json"));

        var report = LabAnalyzer.Analyze(Catalogue, import.Results, import.Demographics);

        var creatinines = report.Results.Count(r => r.Marker?.Id == "creatinine" && r.Value is not null);
        Assert.Equal(creatinines, report.Derived.Count(d => d.Marker?.Id == "egfr"));
        Assert.Contains(report.Issues, i => i.Code == LabIssueCodes.RecomputedDerived);
        Assert.Contains(report.Trends, t => t.MarkerId == "egfr" && t.Points.All(p => p.Derived));
        Assert.Contains(report.Derived, d => d.Marker?.Id == "egfr" && d.Categories.Any(c => c.Category.StartsWith("possible G4", StringComparison.Ordinal) && c.Category.EndsWith(LabInterpreter.OneValueCaveat, StringComparison.Ordinal)));
    }

    [Fact]
    public void Fhir_Child_GetsNoAdultEgfr()
    {
        SkipWithoutShared();
        var import = LabImport.ReadFile(Path.Combine(Shared, "fhir", "synthea-r4-Alexis_Toy_68cd1181-6359-4047-a77f-a165d7912480.json"));

        var report = LabAnalyzer.Analyze(Catalogue, import.Results, import.Demographics);

        Assert.True(import.Demographics.AgeAt(DateTimeOffset.UtcNow) < 18);
        Assert.DoesNotContain(report.Derived, d => d.Marker?.Id == "egfr");
    }

    [Fact]
    public void Fhir_UsCoreBundle_PartialParseKeptWithSexFromTheExtension()
    {
        SkipWithoutShared();

        var import = LabImport.ReadFile(Path.Combine(Shared, "fhir", "uscore-9.0.0-lab-examples.bundle.json"));
        var report = LabAnalyzer.Analyze(Catalogue, import.Results, import.Demographics);

        Assert.False(import.Refused);
        Assert.Equal(16, import.Results.Count);
        Assert.Contains(import.Issues, i => i.Code == LabIssueCodes.PartialFhir);
        Assert.Equal(MarkerSex.Female, import.Demographics.Sex);
        Assert.Equal(3, report.Issues.Count(i => i.Code == LabIssueCodes.InvertedRange));
        Assert.Contains(report.Results, r => r.Range?.Source == "lab" && r.Flag is LabStanding.Below or LabStanding.Above);
    }

    [Fact]
    public void Fhir_NotFhir_IsRefused()
    {
        var import = LabImport.Read("{\"resourceType\": \"Nonsense\"}", "x.json");

        Assert.True(import.Refused);
    }
}
