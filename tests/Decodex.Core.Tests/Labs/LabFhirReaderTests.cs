using Decodex.Core.Labs;

namespace Decodex.Core.Tests.Labs;

/// <summary>Crafted FHIR JSON is refused with a code, never thrown (issue 12, finding 5).</summary>
public sealed class LabFhirReaderTests
{
    private const string Secret = "SECRET-VALUE-7391";

    public static TheoryData<string> CraftedObservations => new()
    {
        "{\"resourceType\":\"Observation\",\"\":1}",
        Observation("\"abc\""),
        Observation("\"" + Secret + "\""),
        Observation("1e400"),
        Observation("-1e400"),
        Observation(new string('9', 400)),
        Observation("true"),
        Observation("{}"),
        Observation("[1,2]"),
        "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":" + Observation("1e400") + "}]}",
        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"effectiveDateTime\":\"" + Secret + "\"}",
        "{\"resourceType\":\"Observation\"," + new string('[', 5000) + new string(']', 5000) + "}",
        "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1,\"value\":2}}",
        "{\"resourceType\":\"\"}",
        "{\"resourceType\":1}",
        "{}",
        "{",
    };

    [Theory]
    [MemberData(nameof(CraftedObservations))]
    public void Read_CraftedJson_CodedIssueNeverAnException(string json)
    {
        var import = LabImport.Read(json, "crafted.json");

        Assert.All(import.Issues, i => Assert.StartsWith("LAB0", i.Code, StringComparison.Ordinal));
        Assert.All(import.Issues, i => Assert.DoesNotContain(Secret, i.Message, StringComparison.Ordinal));
        if (import.Refused)
        {
            Assert.Contains(import.Issues, i => i.Severity == IssueSeverity.Error);
            Assert.Empty(import.Results);
        }
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1" + "00000000000000000000000000000000000000000000000000")]
    public void Read_ValueQuantityNotADecimal_RefusedAsBadValue(string value)
    {
        var import = LabImport.Read(Observation(value), "crafted.json");

        Assert.True(import.Refused);
        Assert.Empty(import.Results);
        Assert.Equal(IssueSeverity.Error, Assert.Single(import.Issues, i => i.Code == LabIssueCodes.BadValue).Severity);
    }

    [Fact]
    public void Read_EmptyPropertyName_RefusedAsUnreadable()
    {
        var import = LabImport.Read("{\"resourceType\":\"Observation\",\"\":1}", "crafted.json");

        Assert.True(import.Refused);
        Assert.Equal(LabIssueCodes.UnreadableFile, Assert.Single(import.Issues).Code);
    }

    [Fact]
    public void Read_BundleBeyondResultLimit_RefusedWithCode()
    {
        var entries = string.Join(",", Enumerable.Range(1, 11).Select(i => "{\"resource\":" + Observation(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i) + "}"));
        var bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + entries + "]}";

        var within = LabImport.Read(bundle, "b.json", new ReadLimits { MaxLabResults = 11 });
        var beyond = LabImport.Read(bundle, "b.json", new ReadLimits { MaxLabResults = 10 });

        Assert.False(within.Refused);
        Assert.Equal(11, within.Results.Count);
        Assert.True(beyond.Refused);
        Assert.Empty(beyond.Results);
        Assert.Equal(LabIssueCodes.TooManyResults, Assert.Single(beyond.Issues).Code);
    }

    [Fact]
    public void Read_ModelIsHandedToTheSdkWithoutReferenceWalking()
    {
        // The native build cannot walk assembly references; the SDK must find the inspectors Decodex built.
        var import = LabImport.Read(Observation("1.1"), "one.json");

        Assert.False(import.Refused);
        Assert.True(FhirModel.Registered);
        Assert.Same(FhirModel.Inspector, Hl7.Fhir.Model.ModelInfo.ModelInspector);
    }

    private static string Observation(string value, int day = 1) =>
        "{\"resourceType\":\"Observation\",\"id\":\"o" + day.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2160-0\"}],\"text\":\"Creatinine\"},\"effectiveDateTime\":\"2024-01-" + day.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "\","
        + "\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"mg/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/dL\"}}";
}
