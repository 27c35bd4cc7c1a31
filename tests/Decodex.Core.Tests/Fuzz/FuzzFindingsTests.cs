using Decodex.Core.Knowledge;
using Decodex.Core.Labs;

namespace Decodex.Core.Tests.Fuzz;

/// <summary>
/// Inputs that made a reader throw in the fuzz campaign (fuzz/README.md), each kept as found or as
/// libFuzzer minimised it: the reader must now answer with a coded issue instead.
/// </summary>
public sealed class FuzzFindingsTests
{
    [Fact]
    public void LabFhir_PropertyWithAnEmptyName_IsRefusedAsUnreadable()
    {
        // lab-fhir: the FHIR SDK's deserializer threw IndexOutOfRangeException on the empty key.
        var import = LabFhirReader.Read("""{"resourceType":"Observation","":1}""", "fuzz.json");

        Assert.True(import.Refused);
        Assert.Equal(LabIssueCodes.UnreadableFile, Assert.Single(import.Issues).Code);
    }

    [Theory]
    // lab-fhir: the SDK kept a string where a list of CodeableConcept belongs and threw
    // CodedValidationException when the reader asked for Observation.category (found in 26,061 runs).
    [InlineData("""{"resourceType":"Observation","status":"final","category":"x","code":{"text":"a"}}""")]
    [InlineData("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Observation","status":"final","category":{"text":"laboratory"},"code":{"text":"a"}}}]}""")]
    public void LabFhir_ValueOfTheWrongShape_IsRefusedWithACode(string json)
    {
        var import = LabFhirReader.Read(json, "fuzz.json");

        // Refused as unreadable, or (where the bounded reader reaches the observation first) as an invalid field.
        Assert.True(import.Refused);
        Assert.Contains(import.Issues, i => i.Severity == IssueSeverity.Error && i.Code is LabIssueCodes.UnreadableFile or LabIssueCodes.BadValue);
    }

    [Theory]
    // knowledge: YamlDotNet threw ArgumentException ("The current event is of an unsupported type")
    // out of KnowledgeBaseLoader.Load for NUL characters as a key (found in 10,684 runs; minimised).
    [InlineData("compounds/fuzz.yaml")]
    [InlineData("vocabularies/fuzz.yaml")]
    public void Knowledge_NulCharactersAsAKey_AreUnparseableYaml(string path)
    {
        var result = KnowledgeBaseLoader.Load([new KnowledgeSource(path, "\0:\0y")]);

        Assert.False(result.IsValid);
        Assert.Contains(result.Issues, i => i.Code == KnowledgeIssueCodes.UnparseableYaml && i.File == path);
    }
}
