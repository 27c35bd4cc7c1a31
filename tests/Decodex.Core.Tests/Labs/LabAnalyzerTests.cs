using Decodex.Core.Knowledge;
using Decodex.Core.Labs;

namespace Decodex.Core.Tests.Labs;

public sealed class LabAnalyzerTests
{
    private static LabCatalogue Catalogue => new(ShippedKnowledge.Base);

    private static LabResult Result(string loinc, decimal value, string unit, string date = "2024-03-01", decimal? low = null, decimal? high = null, LabComparator comparator = LabComparator.Equal, string? flag = null) => new()
    {
        Date = DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
        Loinc = loinc,
        Value = new LabValue(value, comparator),
        Unit = unit,
        RangeLow = low,
        RangeHigh = high,
        Flag = flag,
        Source = "test:1",
    };

    private static LabDemographics Person(MarkerSex? sex = MarkerSex.Male, string birth = "1974-03-01") =>
        new(sex, DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture));

    // The notes' test vectors for the CKD-EPI 2021 equation (kidney.org coefficients).
    [Theory]
    [InlineData("male", 50, 1.0, 91.7)]
    [InlineData("female", 18, 1.0, 83.7)]
    [InlineData("male", 40, 0.7, 119.5)]
    [InlineData("female", 30, 0.6, 123.8)]
    [InlineData("male", 70, 2.0, 35.2)]
    [InlineData("female", 65, 1.4, 41.8)]
    [InlineData("male", 60, 4.5, 14.2)]
    [InlineData("female", 55, 0.9, 75.5)]
    public void CkdEpi2021_ReproducesTheTestVectors(string sex, int age, decimal creatinine, decimal expected)
    {
        var egfr = LabAnalyzer.CkdEpi2021(creatinine, age, sex == "female" ? MarkerSex.Female : MarkerSex.Male);

        Assert.NotNull(egfr);
        Assert.InRange(egfr.Value, expected - 0.1m, expected + 0.1m);
    }

    [Fact]
    public void CkdEpi2021_ChildOrUnknownSex_GivesNothing()
    {
        Assert.Null(LabAnalyzer.CkdEpi2021(0.5m, 17, MarkerSex.Male));
        Assert.Null(LabAnalyzer.CkdEpi2021(0.9m, 40, MarkerSex.Any));
    }

    [Fact]
    public void Analyze_Creatinine_DerivesEgfrWithKdigoCategory()
    {
        var report = LabAnalyzer.Analyze(Catalogue, [Result("2160-0", 2.0m, "mg/dL", "2024-03-01")], Person(MarkerSex.Male, "1954-03-01"));

        var egfr = Assert.Single(report.Derived, d => d.Marker?.Id == "egfr");
        Assert.Equal(35.2m, egfr.Value);
        Assert.Contains(egfr.Categories, c => c.Category == "possible G3b moderately to severely decreased (one value; KDIGO requires 3 months)");
        Assert.Equal(LabAnalyzer.EgfrCkdEpi2021Loinc, egfr.Result.Loinc);
    }

    [Fact]
    public void Analyze_Child_GetsNoAdultEgfr()
    {
        var issues = LabAnalyzer.Analyze(Catalogue, [Result("2160-0", 0.5m, "mg/dL", "2024-03-01")], Person(MarkerSex.Female, "2015-01-01"));

        Assert.DoesNotContain(issues.Derived, d => d.Marker?.Id == "egfr");
        Assert.Contains(issues.Issues, i => i.Code == LabIssueCodes.MissingDemographics && i.Message.Contains("child", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_ImportedEgfrThatDiffers_IsReportedAndNotTrusted()
    {
        var report = LabAnalyzer.Analyze(Catalogue, [Result("2160-0", 2.0m, "mg/dL"), Result("33914-3", 60m, "mL/min/{1.73_m2}")], Person(MarkerSex.Male, "1954-03-01"));

        Assert.Contains(report.Issues, i => i.Code == LabIssueCodes.RecomputedDerived);
        Assert.Contains(report.Derived.Single(d => d.Marker?.Id == "egfr").Notes, n => n.Contains("not trusted", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_HbA1cPercent_AlsoGivenInMmolPerMol()
    {
        var report = LabAnalyzer.Analyze(Catalogue, [Result("4548-4", 6.5m, "%")], Person());

        var ifcc = Assert.Single(report.Derived, d => d.Unit == "mmol/mol");
        Assert.Equal(48m, ifcc.Value);
        Assert.Contains("ifcc-hba1c-master-equation", ifcc.ConversionCitations);
    }

    [Fact]
    public void Analyze_TotalAndHdlCholesterol_DeriveNonHdl()
    {
        var report = LabAnalyzer.Analyze(Catalogue, [Result("2093-3", 210m, "mg/dL"), Result("2085-9", 50m, "mg/dL")], Person());

        Assert.Equal(160m, Assert.Single(report.Derived, d => d.Result.Loinc == "43396-1").Value);
    }

    [Fact]
    public void Interpret_ValueInsideTheLabRange_IsNeverFlagged()
    {
        var interpretation = LabInterpreter.Interpret(Catalogue, Result("2823-3", 4.0m, "mmol/L", low: 3.5m, high: 5.1m), Person(), []);

        Assert.Equal(LabStanding.Within, interpretation.Flag);
        Assert.Equal("lab", interpretation.Range!.Source);
        Assert.Empty(interpretation.Critical);
    }

    [Fact]
    public void Interpret_NoLabRange_UsesTheCatalogueRangeWithItsSource()
    {
        var interpretation = LabInterpreter.Interpret(Catalogue, Result("2160-0", 1.5m, "mg/dL"), Person(MarkerSex.Female), []);

        Assert.Equal(LabStanding.Above, interpretation.Flag);
        Assert.Equal("catalogue", interpretation.Range!.Source);
        Assert.NotEmpty(interpretation.Range.CitationIds);
    }

    [Fact]
    public void Interpret_InvertedLabRange_IsReportedAndNotUsed()
    {
        var issues = new List<Issue>();

        var interpretation = LabInterpreter.Interpret(Catalogue, Result("4544-3", 43m, "%", low: 46m, high: 38m), Person(MarkerSex.Female), issues);

        Assert.Contains(issues, i => i.Code == LabIssueCodes.InvertedRange);
        Assert.NotEqual("lab", interpretation.Range?.Source);
    }

    [Fact]
    public void Interpret_TenfoldUnitSlip_IsImplausibleAndNotInterpreted()
    {
        var issues = new List<Issue>();

        var interpretation = LabInterpreter.Interpret(Catalogue, Result("2885-2", 70m, "g/dL"), Person(), issues);

        Assert.Equal(LabStanding.NotInterpreted, interpretation.Flag);
        var issue = Assert.Single(issues, i => i.Code == LabIssueCodes.ImplausibleValue);
        Assert.Contains("÷10", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("70", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_UnconvertibleUnit_StaysIndeterminate()
    {
        var issues = new List<Issue>();

        var interpretation = LabInterpreter.Interpret(Catalogue, Result("2345-7", 5.5m, "mmol/mol"), Person(), issues);

        Assert.Equal(LabStanding.Indeterminate, interpretation.Flag);
        Assert.Null(interpretation.Value);
        Assert.Contains(issues, i => i.Code == LabIssueCodes.IndeterminateUnit);
    }

    [Fact]
    public void Interpret_UnknownTest_IsKeptButNotInterpreted()
    {
        var issues = new List<Issue>();

        var interpretation = LabInterpreter.Interpret(Catalogue, Result("99999-9", 1m, "mg/dL"), Person(), issues);

        Assert.Equal(LabStanding.NotInterpreted, interpretation.Flag);
        Assert.Null(interpretation.Marker);
        Assert.Contains(issues, i => i.Code == LabIssueCodes.UnknownTest);
    }

    [Fact]
    public void Interpret_SexUnknown_FlagsOnlyOutsideBothSexes()
    {
        var inside = LabInterpreter.Interpret(Catalogue, Result("2160-0", 1.2m, "mg/dL"), Person(sex: null), []);
        var outside = LabInterpreter.Interpret(Catalogue, Result("2160-0", 2.5m, "mg/dL"), Person(sex: null), []);

        Assert.Equal(LabStanding.Indeterminate, inside.Flag);
        Assert.Equal(LabStanding.Above, outside.Flag);
    }

    [Theory]
    [InlineData(LabComparator.LessThan, 0.3, LabStanding.Within)]       // CRP <0.3 with the range below 5: inside
    [InlineData(LabComparator.GreaterThan, 8, LabStanding.Above)]      // >8 with an upper limit of 5: above
    [InlineData(LabComparator.GreaterThan, 3, LabStanding.Indeterminate)] // >3 could be either side of 5
    public void Interpret_CensoredValue_FlaggedOnlyWhenTheBoundDecides(LabComparator comparator, decimal value, LabStanding expected)
    {
        var interpretation = LabInterpreter.Interpret(Catalogue, Result("1988-5", value, "mg/L", comparator: comparator, high: 5m), Person(), []);

        Assert.Equal(expected, interpretation.Flag);
    }

    [Fact]
    public void Interpret_LabCriticalFlag_IsCritical()
    {
        var interpretation = LabInterpreter.Interpret(Catalogue, Result("2823-3", 6.9m, "mmol/L", low: 3.5m, high: 5.1m, flag: "HH"), Person(), []);

        Assert.Contains(interpretation.Critical, c => c.Direction == "high" && c.Source == "lab");
    }

    [Fact]
    public void Conditions_OneLowEgfr_IsPossibleNeverADiagnosis()
    {
        var report = LabAnalyzer.Analyze(Catalogue, [Result("2160-0", 6.0m, "mg/dL", "2024-03-01")], Person(MarkerSex.Male, "1954-03-01"));

        var failure = Assert.Single(report.Conditions, c => c.ConditionId == "kidney-failure");
        Assert.Equal("possible", failure.Status);
        Assert.Contains("possible", failure.Explanation, StringComparison.Ordinal);
        Assert.NotEmpty(failure.CitationIds);
    }

    [Fact]
    public void Conditions_G3aOverMoreThanThreeMonths_IsSustained()
    {
        LabResult[] results = [Result("2160-0", 1.45m, "mg/dL", "2024-01-10"), Result("2160-0", 1.5m, "mg/dL", "2024-03-01"), Result("2160-0", 1.45m, "mg/dL", "2024-05-20")];

        var report = LabAnalyzer.Analyze(Catalogue, results, Person(MarkerSex.Male, "1954-03-01"));

        var g3a = Assert.Single(report.Conditions, c => c.ConditionId == "ckd-g3a");
        Assert.Equal("sustained", g3a.Status);
        Assert.Equal(3, g3a.Values);
    }

    [Fact]
    public void Conditions_G3aForSixWeeks_IsOnlyPossible()
    {
        LabResult[] results = [Result("2160-0", 1.45m, "mg/dL", "2024-03-01"), Result("2160-0", 1.5m, "mg/dL", "2024-04-12")];

        var report = LabAnalyzer.Analyze(Catalogue, results, Person(MarkerSex.Male, "1954-03-01"));

        Assert.Equal("possible", Assert.Single(report.Conditions, c => c.ConditionId == "ckd-g3a").Status);
    }

    [Fact]
    public void Trends_ChangeBeyondTheReferenceChangeValue_IsMarked()
    {
        // Glucose: CVI 4.7 %, CVA 0.58 % → RCV = √2 × 1.96 × √(4.7² + 0.58²) ≈ 13.1 %.
        LabResult[] results = [Result("2345-7", 90m, "mg/dL", "2024-01-01"), Result("2345-7", 95m, "mg/dL", "2024-02-01"), Result("2345-7", 120m, "mg/dL", "2024-03-01")];

        var trend = Assert.Single(LabAnalyzer.Analyze(Catalogue, results, Person()).Trends);

        Assert.Equal(13.1m, trend.ReferenceChangePercent);
        Assert.Equal([null, false, true], trend.Points.Select(p => p.ExceedsReferenceChange));
        Assert.Contains(LabAnalyzer.ReferenceChangeCitation, trend.VariationCitations);
        Assert.StartsWith("<svg", LabTrendPlot.Svg(trend), StringComparison.Ordinal);
    }

    [Fact]
    public void Trends_MarkerWithoutVariationData_AreNotJudged()
    {
        LabResult[] results = [Result("3016-3", 1.0m, "m[IU]/L", "2024-01-01"), Result("3016-3", 4.0m, "m[IU]/L", "2024-03-01")];

        var trend = Assert.Single(LabAnalyzer.Analyze(Catalogue, results, Person()).Trends);

        Assert.Null(trend.ReferenceChangePercent);
        Assert.All(trend.Points, p => Assert.Null(p.ExceedsReferenceChange));
    }
}
