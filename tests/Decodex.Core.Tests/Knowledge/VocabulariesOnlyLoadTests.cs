using System.Text.Json;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Testing;

namespace Decodex.Core.Tests.Knowledge;

/// <summary>Lab commands read only the vocabularies; what they interpret must not change.</summary>
public sealed class VocabulariesOnlyLoadTests
{
    [Fact]
    public void Vocabularies_HaveEveryMarkerAndCondition_AndNoCompound()
    {
        var full = ShippedKnowledge.Base;

        var result = KnowledgeBaseLoader.LoadVocabularies(RepositoryPaths.Knowledge);

        var vocabularies = Assert.IsType<KnowledgeBase>(result.KnowledgeBase);
        Assert.DoesNotContain(result.Issues, i => i.Severity == IssueSeverity.Error);
        Assert.Empty(vocabularies.Compounds);
        Assert.Equal(full.Markers.Select(m => m.Id), vocabularies.Markers.Select(m => m.Id));
        Assert.Equal(full.Conditions.Select(c => c.Id), vocabularies.Conditions.Select(c => c.Id));
    }

    [Fact]
    public void SampleLabs_InterpretTheSame_WithTheVocabulariesAsWithTheWholeBase()
    {
        var labs = LabImport.ReadFile(Path.Combine(RepositoryPaths.Root, "samples", "labs.csv"));
        var person = new LabDemographics(MarkerSex.Female, new DateOnly(1961, 5, 4));

        var full = LabAnalyzer.Analyze(new LabCatalogue(ShippedKnowledge.Base), labs.Results, person);
        var vocabularies = LabAnalyzer.Analyze(new LabCatalogue(KnowledgeBaseLoader.LoadVocabularies(RepositoryPaths.Knowledge).KnowledgeBase!), labs.Results, person);

        Assert.NotEmpty(full.Results);
        Assert.Equal(Json(full), Json(vocabularies));
    }

    [Fact]
    public void MissingFolder_IsAnIssue_NotAThrow()
    {
        var result = KnowledgeBaseLoader.LoadVocabularies(Path.Combine(Path.GetTempPath(), $"decodex-none-{Guid.NewGuid():N}"));

        Assert.Null(result.KnowledgeBase);
        Assert.Equal(KnowledgeIssueCodes.NoKnowledgeBase, Assert.Single(result.Issues).Code);
    }

    private static string Json(LabReport report) => JsonSerializer.Serialize(report, Decodex.Core.Monographs.MonographJson.CreateOptions(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()));
}
