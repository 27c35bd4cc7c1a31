using System.Globalization;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Testing;

namespace Decodex.Core.Tests.Labs;

/// <summary>
/// The lab points of the clinical audit (issue 11). Every expected value is worked out by hand from the
/// catalogue's cited numbers, with the arithmetic in a comment; none is taken from the code under test.
/// </summary>
public sealed class LabAuditTests
{
    private static LabCatalogue Catalogue => new(ShippedKnowledge.Base);

    private static string Shared => Path.Combine(RepositoryPaths.Shared, "data", "labs");

    private static LabResult Result(string loinc, decimal value, string unit, LabComparator comparator = LabComparator.Equal, decimal? low = null, decimal? high = null, string date = "2024-03-01") => new()
    {
        Date = DateTimeOffset.Parse(date, CultureInfo.InvariantCulture),
        Loinc = loinc,
        Value = new LabValue(value, comparator),
        Unit = unit,
        RangeLow = low,
        RangeHigh = high,
        Source = "test:1",
    };

    private static LabDemographics Person(MarkerSex? sex = MarkerSex.Male, string birth = "1974-03-01", bool? pregnant = null) =>
        new(sex, DateOnly.Parse(birth, CultureInfo.InvariantCulture)) { Pregnant = pregnant };

    private static LabInterpretation Interpret(LabResult result, LabDemographics? person = null) =>
        LabInterpreter.Interpret(Catalogue, result, person ?? Person(), []);

    private static IEnumerable<string> Labels(LabInterpretation i, string set) => i.Categories.Where(c => c.ThresholdId == set).Select(c => c.Category);

    // ---------------------------------------------------------------- 1. categories agree with the flag

    [Fact]
    public void Glucose_CriticallyLowInMmolPerLitre_IsNotNormal()
    {
        // 2.2 mmol/L ÷ 0.0555 = 39.64 mg/dL: under the Cleveland Clinic interval's 74, at or under every
        // critical low (WakeMed, Houston Methodist, UCSF 50; Sunrise, Cleveland Clinic 40).
        var glucose = Interpret(Result("2345-7", 2.2m, "mmol/L"));

        Assert.Equal(LabStanding.Below, glucose.Flag);
        Assert.Equal(5, glucose.Critical.Count(c => c.Direction == "low"));
        Assert.Empty(Labels(glucose, "ada-fasting-glucose"));
        Assert.Contains(glucose.Notes, n => n.Contains("no category is given", StringComparison.Ordinal));
    }

    [Fact]
    public void Glucose_FortyMgPerDecilitre_IsCriticalNotNormal()
    {
        // 40 mg/dL < 74 (low limit) and ≤ 40 and ≤ 50 (all five critical lows).
        var glucose = Interpret(Result("2345-7", 40m, "mg/dL"));

        Assert.Equal(LabStanding.Below, glucose.Flag);
        Assert.Equal(5, glucose.Critical.Count);
        Assert.Empty(glucose.Categories);
    }

    [Theory]
    [InlineData(90, "normal")]        // 74 ≤ 90 < 100
    [InlineData(110, "prediabetes")]  // 100 ≤ 110 < 126
    [InlineData(126, "diabetes")]     // 126 ≥ 126
    public void Glucose_InsideOrAboveTheInterval_KeepsItsAdaCategory(int mgdl, string expected) =>
        Assert.Equal([expected], Labels(Interpret(Result("2345-7", mgdl, "mg/dL")), "ada-fasting-glucose"));

    [Fact]
    public void Glucose_InsideTheLabsOwnRange_KeepsNormal()
    {
        // 72 mg/dL is inside the lab's 70-99 (though under the catalogue's 74) and above every critical low (50).
        var glucose = Interpret(Result("2345-7", 72m, "mg/dL", low: 70m, high: 99m));

        Assert.Equal(LabStanding.Within, glucose.Flag);
        Assert.Equal(["normal"], Labels(glucose, "ada-fasting-glucose"));
    }

    [Fact]
    public void Hba1c_BelowTheMayoInterval_IsNotNormal()
    {
        // 3.5 % < Mayo's 4.0 %: flagged low, so ADA "normal" (< 5.7 %) is not given.
        var hba1c = Interpret(Result("4548-4", 3.5m, "%"));

        Assert.Equal(LabStanding.Below, hba1c.Flag);
        Assert.Empty(Labels(hba1c, "ada-hba1c"));
    }

    // The family: sets whose lowest category itself names a low value keep it for low values.
    [Theory]
    [InlineData("62292-8", 8, "ng/mL", "iom-2011-vitamin-d", "at risk of deficiency")]   // 8 < 12
    [InlineData("62292-8", 8, "ng/mL", "mayo-vitamin-d-decision-values", "severe deficiency")] // 8 < 10
    [InlineData("718-7", 7.0, "g/dL", "who-anaemia-men", "severe anaemia")]               // 7.0 < 8.0
    [InlineData("2085-9", 35, "mg/dL", "ncep-atp3-hdl", "low")]                          // 35 < 40
    [InlineData("2571-8", 40, "mg/dL", "ncep-triglycerides", "normal")]                  // no catalogue interval: < 150
    [InlineData("18262-6", 50, "mg/dL", "ncep-atp3-ldl", "optimal")]                     // no catalogue interval: < 100
    [InlineData("30522-7", 0.5, "mg/L", "aha-cdc-2003-hscrp", "low risk")]               // interval has no low limit: < 1.0
    public void Categories_LowValues_KeepLowCategoriesWhereTheGuidelineNamesThem(string loinc, decimal value, string unit, string set, string expected) =>
        Assert.Equal([expected], Labels(Interpret(Result(loinc, value, unit)), set));

    [Fact]
    public void Categories_EverySetWhoseLowestCategoryCoversTheInterval_GivesNothingBelowIt()
    {
        // For each marker: the lowest catalogue low limit, halved, is below the interval; a set whose open
        // lowest category contains that limit must give no category (glucose, HbA1c % and mmol/mol).
        var checkedSets = 0;
        foreach (var marker in ShippedKnowledge.Base.Markers.Where(m => m.Thresholds.Count > 0 && m.Ranges.Any(r => r.Low is > 0 && r.Unit == m.Unit)))
        {
            var floor = marker.Ranges.Where(r => r.Low is > 0 && r.Unit == marker.Unit).Min(r => r.Low!.Value);
            foreach (var set in marker.Thresholds.Where(t => t.Unit == marker.Unit && t.Sex == MarkerSex.Any))
            {
                var lowest = set.Categories.FirstOrDefault(c => c.From is null && c.Above is null);
                if (lowest is null || !lowest.Contains(floor))
                {
                    continue;
                }

                var interpretation = Interpret(Result(marker.Loinc[0], floor / 2, marker.Unit), Person(MarkerSex.Female));
                Assert.Empty(Labels(interpretation, set.Id));
                checkedSets++;
            }
        }

        Assert.True(checkedSets >= 2, "glucose and HbA1c at least");
    }

    // ---------------------------------------------------------------- 2. HbA1c in mmol/mol

    // ADA (Clinical Diabetes table): prediabetes 39-47 mmol/mol (5.7-6.4 %), diabetes 48 mmol/mol (6.5 %) or more.
    [Theory]
    [InlineData(38, "normal")]
    [InlineData(39, "prediabetes")]
    [InlineData(47, "prediabetes")]
    [InlineData(48, "diabetes")]
    public void Hba1c_InMmolPerMol_GetsTheAdaIfccCategories(int ifcc, string expected)
    {
        var hba1c = Interpret(Result("4548-4", ifcc, "mmol/mol"));

        Assert.Equal([expected], Labels(hba1c, "ada-hba1c-ifcc"));
        Assert.Empty(Labels(hba1c, "ada-hba1c"));
    }

    [Theory]
    [InlineData(5.6, "normal")]
    [InlineData(5.7, "prediabetes")]
    [InlineData(6.4, "prediabetes")]
    [InlineData(6.5, "diabetes")]
    public void Hba1c_InPercent_GetsTheAdaPercentCategories(decimal ngsp, string expected)
    {
        var hba1c = Interpret(Result("4548-4", ngsp, "%"));

        Assert.Equal([expected], Labels(hba1c, "ada-hba1c"));
        Assert.Empty(Labels(hba1c, "ada-hba1c-ifcc"));
    }

    [Fact]
    public void Hba1c_InMmolPerMol_IsFlaggedThroughTheMasterEquation()
    {
        // IFCC network: NGSP = 0.0915 × 48 + 2.15 = 4.392 + 2.15 = 6.542 %, above Mayo's 5.6 %.
        var hba1c = Interpret(Result("4548-4", 48m, "mmol/mol"));

        Assert.Equal(6.542m, hba1c.Value);
        Assert.Equal(LabStanding.Above, hba1c.Flag);
        Assert.Contains("ifcc-hba1c-master-equation", hba1c.ConversionCitations);
    }

    // ---------------------------------------------------------------- 3. IU and U

    [Theory]
    [InlineData("1742-6", 142.27, "IU/L", MarkerSex.Female)] // ALT 142.27 U/L > 45 (Mayo, females)
    [InlineData("1742-6", 142.27, "U/L", MarkerSex.Female)]
    [InlineData("1920-8", 163.41, "IU/L", MarkerSex.Male)]   // AST 163.41 U/L > 48 (Mayo, males)
    [InlineData("6768-6", 200, "IU/L", MarkerSex.Male)]      // ALP 200 U/L > 129 (Mayo, males)
    public void Enzymes_InIuPerLitre_AreReadAsUPerLitre(string loinc, decimal value, string unit, MarkerSex sex)
    {
        var enzyme = Interpret(Result(loinc, value, unit), Person(sex));

        Assert.Equal(value, enzyme.Value);
        Assert.Equal(LabStanding.Above, enzyme.Flag);
        if (unit == "IU/L")
        {
            Assert.Contains("iupac-goldbook-international-unit", enzyme.ConversionCitations);
        }
    }

    [Theory]
    [InlineData("mU/L", 2.0)]    // TSH: mU/L read as mIU/L, 2.0 inside Mayo's 0.3-4.2
    [InlineData("mIU/L", 2.0)]
    [InlineData("uIU/mL", 2.0)]  // 1 µIU/mL = 10⁻⁶ IU / 10⁻³ L = 10⁻³ IU/L = 1 mIU/L
    public void Tsh_InMilliUnitsOrMilliInternationalUnits_IsTheSame(string unit, decimal expected)
    {
        var tsh = Interpret(Result("3016-3", 2.0m, unit));

        Assert.Equal(expected, tsh.Value);
        Assert.Equal(LabStanding.Within, tsh.Flag);
    }

    [Theory]
    [InlineData("62292-8", "IU/L")]  // vitamin D: an IU is not a mass here
    [InlineData("62292-8", "U/L")]
    [InlineData("3016-3", "U/mL")]   // TSH: only the milli-unit per litre spelling is read, scaled by UCUM
    public void UnrelatedUnits_AreNotEquated_OnlyScaled(string loinc, string unit)
    {
        var issues = new List<Issue>();
        var interpretation = LabInterpreter.Interpret(Catalogue, Result(loinc, 30m, unit), Person(), issues);

        if (loinc == "3016-3")
        {
            // U/mL is 1000 U/L = 10⁶ mU/L: read through the cited mU/L equivalence, 30 U/mL = 3 × 10⁷ mIU/L.
            Assert.Equal(30_000_000m, interpretation.Value);
            return;
        }

        Assert.Null(interpretation.Value);
        Assert.Equal(LabStanding.Indeterminate, interpretation.Flag);
        Assert.Contains(issues, i => i.Code == LabIssueCodes.IndeterminateUnit);
    }

    [Fact]
    public void Synthea_ElevatedAltAndAstInIuPerLitre_AreFlagged()
    {
        var path = Path.Combine(Shared, "fhir", "synthea-r4-Jordan_Cruickshank_5de38439-d320-46d3-854d-3c098e88de4c.json");
        Assert.SkipUnless(File.Exists(path), "the shared lab data (../shared/data/labs) is not beside the repository");
        var import = LabImport.ReadFile(path);

        var report = LabAnalyzer.Analyze(Catalogue, import.Results, import.Demographics);

        // The file's ALT (Elevated) 142.3 IU/L and AST (Elevated) 163.4 IU/L are above Mayo's 45 and 43 U/L (female).
        var elevated = report.Results.Where(r => r.Result.TestName is "ALT (Elevated)" or "AST (Elevated)").ToList();
        Assert.Equal(2, elevated.Count);
        Assert.All(elevated, e => Assert.Equal(LabStanding.Above, e.Flag));
    }

    // ---------------------------------------------------------------- 4. censored values

    [Fact]
    public void Censored_EgfrAboveNinety_IsKdigoG1AndWithin()
    {
        // ">90": every value is above 90, all inside G1 (≥ 90) and above the 60 lower limit.
        var egfr = Interpret(Result("33914-3", 90m, "mL/min/{1.73_m2}", LabComparator.GreaterThan));

        Assert.Equal(["G1 normal or high"], Labels(egfr, "kdigo-gfr-categories"));
        Assert.Equal(LabStanding.Within, egfr.Flag);
    }

    [Fact]
    public void Censored_EgfrAboveFifty_StraddlesAndGetsNothing()
    {
        // ">50" may be G3a (45-59), G2 (60-89) or G1, and either side of the 60 lower limit.
        var egfr = Interpret(Result("33914-3", 50m, "mL/min/{1.73_m2}", LabComparator.GreaterThan));

        Assert.Empty(egfr.Categories);
        Assert.Equal(LabStanding.Indeterminate, egfr.Flag);
    }

    [Fact]
    public void Censored_HsCrpBelowHalf_IsLowRiskInBothSets()
    {
        // "<0.5 mg/L" lies entirely under 1.0: AHA/CDC "low risk", ARUP "low".
        var crp = Interpret(Result("30522-7", 0.5m, "mg/L", LabComparator.LessThan));

        Assert.Equal(["low risk"], Labels(crp, "aha-cdc-2003-hscrp"));
        Assert.Equal(["low"], Labels(crp, "arup-hscrp"));
    }

    [Fact]
    public void Censored_HsCrpBelowTwo_StraddlesAndGetsNothing()
    {
        // "<2" may be under 1.0 (low) or 1.0-2 (average).
        Assert.Empty(Interpret(Result("30522-7", 2m, "mg/L", LabComparator.LessThan)).Categories);
    }

    [Fact]
    public void Censored_GlucoseBelowForty_IsCriticalAndBelow()
    {
        // "<40 mg/dL": every value is under 74 and under every critical low (40 and 50, inclusive).
        var glucose = Interpret(Result("2345-7", 40m, "mg/dL", LabComparator.LessThan));

        Assert.Equal(LabStanding.Below, glucose.Flag);
        Assert.Equal(5, glucose.Critical.Count(c => c.Direction == "low"));
        Assert.Empty(glucose.Categories);
    }

    [Theory]
    [InlineData(LabComparator.LessOrEqual, 5, LabStanding.Within)]         // ≤5 with an upper limit 5: all inside
    [InlineData(LabComparator.GreaterOrEqual, 5, LabStanding.Indeterminate)] // ≥5: 5 itself is inside, more is above
    [InlineData(LabComparator.GreaterThan, 5, LabStanding.Above)]          // >5: all above
    public void Censored_FlagAtTheBound_RespectsTheComparator(LabComparator comparator, decimal value, LabStanding expected) =>
        Assert.Equal(expected, Interpret(Result("1988-5", value, "mg/L", comparator, high: 5m)).Flag);

    // ---------------------------------------------------------------- 5. pregnancy

    [Theory]
    [InlineData(11.2, "no anaemia")]                                                   // 112 g/L ≥ 110
    [InlineData(10.8, "anaemia in the first or third trimester (not in the second)")] // 105 ≤ 108 < 110
    [InlineData(10.0, "anaemia in any trimester")]                                     // 100 < 105
    public void Pregnant_Haemoglobin_UsesTheWhoPregnancyCutOffs(decimal gdl, string expected)
    {
        var hb = Interpret(Result("718-7", gdl, "g/dL"), Person(MarkerSex.Female, "1994-01-01", pregnant: true));

        Assert.Equal([expected], Labels(hb, "who-2024-anaemia-pregnancy"));
        Assert.Empty(Labels(hb, "who-anaemia-women"));
    }

    [Fact]
    public void NotPregnant_Haemoglobin_UsesTheNonPregnantCutOff()
    {
        // 11.2 g/dL: WHO 2011 non-pregnant women, mild anaemia 11.0-11.9.
        var hb = Interpret(Result("718-7", 11.2m, "g/dL"), Person(MarkerSex.Female, "1994-01-01", pregnant: false));

        Assert.Equal(["mild anaemia"], Labels(hb, "who-anaemia-women"));
        Assert.Empty(Labels(hb, "who-2024-anaemia-pregnancy"));
    }

    [Fact]
    public void PregnancyUnknown_Haemoglobin_ShowsBothCutOffsAndSaysSo()
    {
        var hb = Interpret(Result("718-7", 11.2m, "g/dL"), Person(MarkerSex.Female, "1994-01-01"));

        Assert.Equal(["mild anaemia"], Labels(hb, "who-anaemia-women"));
        Assert.Equal(["no anaemia"], Labels(hb, "who-2024-anaemia-pregnancy"));
        Assert.Contains(hb.Notes, n => n.Contains("Pregnancy status not given", StringComparison.Ordinal));
    }

    [Fact]
    public void Pregnant_Egfr_CarriesTheNotValidatedCaveat()
    {
        var report = LabAnalyzer.Analyze(Catalogue, [Result("2160-0", 0.6m, "mg/dL")], Person(MarkerSex.Female, "1994-01-01", pregnant: true));

        var egfr = Assert.Single(report.Derived, d => d.Marker?.Id == "egfr");
        Assert.Contains(egfr.Notes, n => n.Contains("not validated in pregnancy", StringComparison.Ordinal) && n.Contains(LabAnalyzer.EgfrPregnancyCitation, StringComparison.Ordinal));
    }

    [Fact]
    public void Pregnant_Male_IsNotApplied()
    {
        var report = LabAnalyzer.Analyze(Catalogue, [Result("718-7", 12.0m, "g/dL")], Person(MarkerSex.Male, pregnant: true));

        Assert.Contains(report.Issues, i => i.Code == LabIssueCodes.PregnancyNotApplied);
        // 12.0 g/dL in a man: WHO 2011 men, mild anaemia 11.0-12.9; no pregnancy set.
        Assert.Equal(["mild anaemia"], Labels(report.Results[0], "who-anaemia-men"));
        Assert.Empty(Labels(report.Results[0], "who-2024-anaemia-pregnancy"));
    }

    // ---------------------------------------------------------------- 6. a CKD stage from one value is possible

    [Fact]
    public void OneEgfr_CkdStageIsPossibleWithTheKdigoCaveat()
    {
        // Male, 70, creatinine 2.0 mg/dL → eGFR 35.2 (the notes' test vector): G3b (30-44), below 60.
        var report = LabAnalyzer.Analyze(Catalogue, [Result("2160-0", 2.0m, "mg/dL")], Person(MarkerSex.Male, "1954-03-01"));

        var egfr = Assert.Single(report.Derived, d => d.Marker?.Id == "egfr");
        Assert.Equal(["possible G3b moderately to severely decreased (one value; KDIGO requires 3 months)"], Labels(egfr, "kdigo-gfr-categories"));
        var ckd = Assert.Single(report.Conditions, c => c.ConditionId == "chronic-kidney-disease");
        Assert.Equal("possible", ckd.Status);
        Assert.Contains("possible Chronic kidney disease (one value; KDIGO requires 3 months)", ckd.Explanation, StringComparison.Ordinal);
        Assert.Contains("mL/min/1.73 m²", ckd.Criteria, StringComparison.Ordinal);
    }

    [Fact]
    public void OneEgfr_InG1_IsNotHedged()
    {
        // Male, 40, creatinine 0.7 → 119.5 (test vector): G1 (≥ 90) is not a CKD stage by itself.
        var report = LabAnalyzer.Analyze(Catalogue, [Result("2160-0", 0.7m, "mg/dL")], Person(MarkerSex.Male, "1984-03-01"));

        Assert.Equal(["G1 normal or high"], Labels(report.Derived.Single(d => d.Marker?.Id == "egfr"), "kdigo-gfr-categories"));
    }

    [Fact]
    public void OneAcr_AlbuminuriaStageIsPossible()
    {
        // 45 mg/g: KDIGO A2 (30-300).
        var acr = Interpret(Result("9318-7", 45m, "mg/g"));

        Assert.Equal(["possible A2 moderately increased (one value; KDIGO requires 3 months)"], Labels(acr, "kdigo-albuminuria-categories"));
    }

    // ---------------------------------------------------------------- 7. numbers and units for people

    [Theory]
    [InlineData("mL/min/{1.73_m2}", "mL/min/1.73 m²")]
    [InlineData("10*3/uL", "×10³/µL")]
    [InlineData("10*6/uL", "×10⁶/µL")]
    [InlineData("10*9/L", "×10⁹/L")]
    [InlineData("ug/dL", "µg/dL")]
    [InlineData("umol/L", "µmol/L")]
    [InlineData("m[IU]/L", "mIU/L")]
    [InlineData("u[IU]/mL", "µIU/mL")]
    [InlineData("meq/L", "mEq/L")]
    [InlineData("K/uL", "×10³/µL")]
    [InlineData("mg/dL", "mg/dL")]
    [InlineData("%", "%")]
    [InlineData("not a unit", "not a unit")]
    public void Display_UnitsHaveNoUcumCodes(string ucum, string expected) =>
        Assert.Equal(expected, LabUnit.Display(ucum));

    [Fact]
    public void Display_DerivedEgfr_IsAWholeNumber()
    {
        // 35.2 (test vector) shown as 35.
        var report = LabAnalyzer.Analyze(Catalogue, [Result("2160-0", 2.0m, "mg/dL")], Person(MarkerSex.Male, "1954-03-01"));

        var egfr = report.Derived.Single(d => d.Marker?.Id == "egfr");
        Assert.Equal(35.2m, egfr.Value);
        Assert.Equal("35 mL/min/1.73 m²", LabDisplay.Of(egfr));
    }

    [Fact]
    public void Display_ConvertedGlucose_ShowsTheReportedValueAndTheRoundedCanonicalOne()
    {
        // 2.2 ÷ 0.0555 = 39.64 mg/dL; the catalogue's mg/dL limits are whole numbers → 40.
        Assert.Equal("2.2 mmol/L (40 mg/dL)", LabDisplay.Of(Interpret(Result("2345-7", 2.2m, "mmol/L"))));
    }

    [Fact]
    public void Display_ConvertedCreatinine_HasTwoDecimals()
    {
        // 120 ÷ 88.4 = 1.3575 mg/dL; Mayo's limits (0.74, 1.35 …) have two decimals → 1.36.
        var creatinine = Interpret(Result("2160-0", 120m, "umol/L"));

        Assert.Equal("120 µmol/L (1.36 mg/dL)", LabDisplay.Of(creatinine));
        Assert.Equal(120m / 88.4m, creatinine.Value!.Value, 10);
    }

    [Fact]
    public void Display_IfccHba1c_IsAWholeNumber()
    {
        // 10.93 × 6.5 − 23.5 = 47.545 → 48 mmol/mol.
        var report = LabAnalyzer.Analyze(Catalogue, [Result("4548-4", 6.5m, "%")], Person());

        Assert.Equal("48 mmol/mol", LabDisplay.Of(report.Derived.Single(d => d.Unit == "mmol/mol")));
    }

    [Fact]
    public void Messages_NeverShowAUcumAnnotation()
    {
        var report = LabAnalyzer.Analyze(Catalogue, [Result("33914-3", 70m, "mL/min"), Result("2160-0", 2.0m, "mg/dL")], Person(MarkerSex.Male, "1954-03-01"));

        Assert.Contains(report.Issues, i => i.Code == LabIssueCodes.IndeterminateUnit && i.Message.Contains("mL/min/1.73 m²", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Issues, i => i.Message.Contains('{', StringComparison.Ordinal));
        Assert.DoesNotContain(report.Conditions, c => c.Criteria.Contains('{', StringComparison.Ordinal) || c.Explanation.Contains('{', StringComparison.Ordinal));
        Assert.DoesNotContain(report.Derived.SelectMany(d => d.Notes), n => n.Contains('{', StringComparison.Ordinal));
    }
}
