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

    [Fact]
    public void LabFhir_MalformedBundleOfInvalidUtf8_IsRefusedNotThrown()
    {
        // Found by the lab-fhir target after the bounded reader was merged (217,766 runs): broken JSON with
        // a byte that is not UTF-8, read as the fuzz target reads it.
        var bytes = Convert.FromBase64String("ewogInJlc291cmNlVHlwZSI6ICJyZXNvdXJjZSIiT2JzZXJ2YXRpb24iLAogImlkIjogImNiYy1lcnl0aHJvY3l0ZXMiLAogIm1ldGEiOiB7CiAgImxhc3RVcGRhdGVkIjogIjIwMDUtMDctMDVUMTU6Mjk6NTguNTk3MDAwKzAwOjAwIiwKICAicHJvZmlsZSI6IFsKICAgImh0dHA6Ly9obDcub3JnL2ZoaXIvdXMvY29+cmUvU3RydWN0dXJlRGVmaW5pdGlvbi91cy1jb3JlLW9ic2VydmF0aW9uLWxhYnw5LjAuMCIKICBdCiB9LAogInN0YXR1cyI6ICJmaW5hbCIsCiAiY2F0ZWdvcnkiOiBbCiAgewogICAiY29kaW5nMjogWwogICAgewogICAgICJzeXN0ZW0iOiAiaHR0cDovL3Rlcm1pbm9sb2d5LmhsOC5vcmcvQ29kZVN5c3RlbS9vYnNlcnZhdGlvbi1jYXRlZ29yeSIsCiAgICAgImNvZGUiOiAibGFib3JhdG9yeSIsCiAgICAgImRpc3BsYXkiOiAiTGFib3JhdG9yeSIKICAgIH0KICAgXSwKICAgInRleHQiOiAiTGFib3JhdG9yeSIKICB9CiBdLAogImNvZGplY3QiOiB7CiAgInJlZmVyZW5jZSI6ICJQYXRpZW50L2V4YW1wbGUiLAogICJkaXNwbGF5IjogIkFteSBTaGF3IgogfSwKICJlZmZlY3RpdmVEYXRlcmZvcm1lciI6W3sicmVmZXJlbmNlIjoiUHJhY3RpdGlvbmVyL3ByYWN0aXRpb25lci0xIiwiZGlzcGxheSI6IkRyIFJvbmFsZCBCb25lIn1dLCJ2YWx1ZVF1YW6OdGl0eSI6eyJ2YWx1ZSI6MTM3LCJ1bml0IjoibW1vbC9MIiwic3lzdGVtIjoiaHR0cDovL3VuaXRzb2ZtZWFzdXJlLm9yZyIsImNvZGUiOiJtbW9sLyJpbnRlcnByZXRhdGlvbiJpb24iOlt7ImNvZGluZyI6W3sic3lzdGVtIjoiaHR0cDovL3Rlcm1pbm9sb2d5LmhsNy5vcmcvQ29kZVN5c3RlbS92My1PYnNlcnZhdGlvbkludGVycHJldGF0aW9uIiwiY29kZSI6Ik4iLCJkaXNwbGF5IjoiTm9ybXA6Ly90ZXJtaW5vbG8/Z3kuaGw3Lm9yZy9Db2RlU3lzdGVtL3YzLU9ic2VydmF0aW9uSW50ZXJwcmV0YXRpb24iLAogICAgICJjb2RlIjogIk4iLAogICAgICJkaXNwbGF5IjogIk5vcm1hbCIKICAgIH0KIF0sCiAgICJ0ZXh0IjogIk5vcm1hbCIKICB9CiBdLAogIjFlNDBvZGUiOiAiMTAqNi91TCIKICAgfSwKICAgInR5cGUiOiB7CiAgICBvZGluZyI6IFsKICAgICB7CiAgICAgICJzSwYAAAAAAAB5c3RlbSI6ICJodHRwOi8vdGVybWlub2xvZ3kuaGw3Lm9yZy9Db2RlU3lzdGVtL3JlZmVyZW5jZXJhbmdlLW1lYW5pbmciLAogICAgICAiY29kZSI6ICJub3JtYWwiLAogICAgICAiZGlzcGxheSI6ICJOb3JtYWwgUmFuZ2UiCiAgICAgfQogICAgXSwKICAgICJ0biBFeGFtcGxlIgogfQp9");

        var import = LabFhirReader.Read(System.Text.Encoding.UTF8.GetString(bytes), "fuzz.json");

        Assert.True(import.Refused);
        Assert.Contains(import.Issues, i => i.Severity == IssueSeverity.Error);
    }

    [Fact]
    public void Genome_TwentyRowsAllInOneIndexTable_ReadToTheEnd()
    {
        // genome (found by the CI smoke run, 659 runs): the rsID index, split in two tables by a hash bit,
        // sized each for half the rows; these ids all fell in one, which filled, and the build never ended.
        var bytes = Convert.FromBase64String("IyByc2lkCWNocm9tb3NvbWUJcG9zaXRpb24JZ2Vub3R5cGUNCnJzMDAxCTEJMglBQQ0KcnMwMDIJMQkxMAlBRw0KcnMwMDMJMQkxNAlBRw0KcnMwMDQJMQkyNAlUQw0KcnMwMTAJMQk4MAlHRw0KcnMwMTEJMQk4OQlUVA0KcnMwMTIJMQk5NgktLQ0KcnMwMTMJMQk5OQlDQw0KcnMwMTQJMQkxMDIJR0cNCnJzMDE1CTEJMTEyCVRUDQpyczAxNgkyCTUJQ0MNCnJzMDE3CTIJMTEJQ1QNCnJzMDE4CTIJMTYJQ0MNCnJzMDE5CTIJMjAJR0cNCnJzMDIwCTIJMzMJQ1QNCnJzMDIxCTIJMzkJQUENCnJzMDIyCTIJNDQJQ0MNCnJzMDIzCTIJNDgJQ0MNCnJzMDI0CTIJNcv2vr7y9Y2LMDI1CTIJNTkJQ1QNCnJzMDI2CVkJMTIJVA0KcnMwMjcJWQkyMAlDDQo=");

        var read = Decodex.Core.Genomics.GenomeReader.Read(new MemoryStream(bytes));

        Assert.False(read.Refused);
        Assert.True(read.Genome!.Count > 15);
    }
}
