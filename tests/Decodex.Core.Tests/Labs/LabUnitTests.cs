using Decodex.Core.Labs;

namespace Decodex.Core.Tests.Labs;

public sealed class LabUnitTests
{
    [Theory]
    [InlineData("mg/dL", "g/L", 100, 1)]
    [InlineData("ng/mL", "ug/L", 42, 42)]
    [InlineData("K/uL", "10*9/L", 7.5, 7.5)]
    [InlineData("x10E3/uL", "10*3/uL", 250, 250)]
    [InlineData("M/uL", "10*12/L", 4.6, 4.6)]
    [InlineData("10*3/uL", "/L", 1, 1e9)]
    [InlineData("mEq/L", "meq/L", 140, 140)]
    [InlineData("g/dL", "g/L", 6.5, 65)]
    [InlineData("mcg/dL", "ug/dL", 90, 90)]
    [InlineData("uIU/mL", "m[IU]/L", 2.1, 2.1)]
    [InlineData("mIU/L", "m[IU]/L", 2.1, 2.1)]
    [InlineData("ng/dl", "ng/dL", 1.2, 1.2)]
    [InlineData("%", "1", 50, 0.5)]
    [InlineData("fL", "pL", 90, 0.09)]
    [InlineData("mL/min/1.73m2", "mL/min/{1.73_m2}", 60, 60)]
    public void Convert_CommensurableUnits_ScaleExactly(string from, string to, decimal value, decimal expected)
    {
        Assert.True(LabUnit.TryParse(from, out var source), from);
        Assert.True(LabUnit.TryParse(to, out var target), to);

        Assert.Equal(expected, source.Convert(value, target));
    }

    [Theory]
    [InlineData("mg/dL", "mmol/L")]           // mass ↔ molar needs the analyte
    [InlineData("%", "mmol/mol")]             // HbA1c NGSP and IFCC are different scales
    [InlineData("mL/min", "mL/min/{1.73_m2}")] // absolute vs body-surface-normalised GFR
    [InlineData("mU/L", "m[IU]/L")]           // enzyme units vs arbitrary international units
    [InlineData("mg/g", "%")]
    [InlineData("mEq/L", "mmol/L")]           // equivalents ↔ moles depend on the ion's charge
    public void Convert_DifferentQuantities_IsIndeterminate(string from, string to)
    {
        Assert.True(LabUnit.TryParse(from, out var source));
        Assert.True(LabUnit.TryParse(to, out var target));

        Assert.False(source.IsCommensurableWith(target));
        Assert.Null(source.Convert(1m, target));
    }

    [Theory]
    [InlineData("furlongs")]
    [InlineData("K")]        // kelvin is not a lab unit; "K/uL" only reads through its alias
    [InlineData("mg/")]
    [InlineData("[pH]")]
    [InlineData("")]
    [InlineData("12")]
    public void TryParse_UnknownUnits_Fail(string text) => Assert.False(LabUnit.TryParse(text, out _));

    public static TheoryData<string, string, decimal> CatalogueConversions()
    {
        var data = new TheoryData<string, string, decimal>();
        foreach (var marker in ShippedKnowledge.Base.Markers)
        {
            foreach (var conversion in marker.Conversions)
            {
                data.Add(marker.Id, conversion.Unit, conversion.Factor);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogueConversions))]
    public void Catalogue_EveryConversion_UsesItsCitedFactorBothWays(string markerId, string unit, decimal factor)
    {
        var marker = ShippedKnowledge.Base.Marker(markerId)!;
        var conversion = marker.Conversions.Single(c => c.Unit == unit);

        var forward = LabConverter.Convert(marker, 10m, marker.Unit, unit);
        var back = LabConverter.Convert(marker, 10m * factor, unit, marker.Unit);

        Assert.NotNull(forward);
        Assert.Equal(10m * factor, forward.Value, 6);
        Assert.Equal(10m, back!.Value, 6);
        Assert.NotEmpty(conversion.CitationIds);
        Assert.All(conversion.CitationIds, id => Assert.NotNull(ShippedKnowledge.Base.Citation(id)));
    }

    [Theory]
    [InlineData("creatinine", 1.0, "mg/dL", "umol/L", 88.4)]
    [InlineData("glucose", 100, "mg/dL", "mmol/L", 5.55)]
    [InlineData("total-cholesterol", 200, "mg/dL", "mmol/L", 5.172)]
    [InlineData("triglycerides", 150, "mg/dL", "mmol/L", 1.695)]
    [InlineData("urea-nitrogen", 14, "mg/dL", "mmol/L", 4.998)]
    public void Convert_MassToMolar_UsesTheMarkersFactor(string markerId, decimal value, string from, string to, decimal expected)
    {
        var marker = ShippedKnowledge.Base.Marker(markerId)!;

        var result = LabConverter.Convert(marker, value, from, to);

        Assert.NotNull(result);
        Assert.Equal(expected, result.Value, 3);
        Assert.NotEmpty(result.CitationIds);
    }

    [Fact]
    public void Convert_UnitTheMarkerDoesNotKnow_IsIndeterminate()
    {
        var marker = ShippedKnowledge.Base.Marker("glucose")!;

        Assert.Null(LabConverter.Convert(marker, 5m, "mmol/mol", "mg/dL"));
        Assert.Null(LabConverter.Convert(marker, 5m, "K/uL", "mg/dL"));
        Assert.Null(LabConverter.Convert(marker, 5m, null, "mg/dL"));
    }

    [Fact]
    public void Catalogue_HasTheRequiredPanelsWithSourcedRanges()
    {
        string[] required = ["glucose", "urea-nitrogen", "creatinine", "sodium", "potassium", "chloride", "bicarbonate", "calcium", "total-protein", "albumin", "bilirubin-total", "alkaline-phosphatase", "alt", "ast", "total-cholesterol", "ldl-cholesterol", "hdl-cholesterol", "triglycerides", "wbc", "rbc", "hemoglobin", "hematocrit", "mcv", "platelets", "hba1c", "tsh", "free-t4", "vitamin-d-25oh", "vitamin-b12", "ferritin", "iron", "tibc", "transferrin-saturation", "crp", "uric-acid", "urine-acr", "egfr"];
        var kb = ShippedKnowledge.Base;

        Assert.All(required, id => Assert.NotNull(kb.Marker(id)));
        Assert.All(kb.Markers.SelectMany(m => m.Ranges), r => Assert.NotEmpty(r.CitationIds));
        Assert.All(kb.Markers.SelectMany(m => m.Thresholds), t => Assert.NotEmpty(t.CitationIds));
        Assert.All(kb.Markers, m => Assert.NotNull(m.Plausible));
        Assert.Contains(kb.Marker("hba1c")!.Thresholds, t => t.Categories.Any(c => c.Label == "diabetes" && c.From == 6.5m));
        Assert.Contains(kb.Marker("egfr")!.Thresholds, t => t.Categories.Any(c => c.Label.StartsWith("G5", StringComparison.Ordinal) && c.Below == 15m));
    }
}
