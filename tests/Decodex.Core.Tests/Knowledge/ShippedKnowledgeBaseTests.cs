using System.Text.RegularExpressions;
using Decodex.Core.Knowledge;
using Decodex.Testing;

namespace Decodex.Core.Tests.Knowledge;

public sealed partial class ShippedKnowledgeBaseTests
{
    [Fact]
    public void Load_ShippedKnowledgeBase_HasNoIssues()
    {
        Assert.Empty(ShippedKnowledge.LoadResult.Issues);
    }

    [Theory]
    [InlineData("cerebrolysin")]
    [InlineData("p021")]
    [InlineData("cortexin")]
    [InlineData("n-pep-12")]
    [InlineData("lithium")]
    [InlineData("risperidone")]
    [InlineData("ssris")]
    [InlineData("snris")]
    [InlineData("tricyclic-antidepressants")]
    [InlineData("mao-inhibitors")]
    public void Compound_EachRequiredMonograph_IsARealMonograph(string id)
    {
        var compound = ShippedKnowledge.Base.Compound(id);

        Assert.NotNull(compound);
        Assert.True(compound.Summary.Length > 200, $"{id}: the summary is a stub.");
        Assert.NotEmpty(compound.Claims.Cast<object>().Concat(compound.Safety).Concat(compound.Interactions).Concat(compound.Modifiers));
    }

    [Theory]
    [InlineData("ssri", "escitalopram")]
    [InlineData("ssri", "sertraline")]
    [InlineData("snri", "duloxetine")]
    [InlineData("tca", "amitriptyline")]
    [InlineData("maoi", "phenelzine")]
    public void Classes_AntidepressantMembers_AreListedUnderTheirClass(string classId, string member)
    {
        var drugClass = ShippedKnowledge.Base.Class(classId);

        Assert.NotNull(drugClass);
        Assert.Contains(drugClass.Members, m => m.Name == member);
        Assert.Contains(ShippedKnowledge.Base.ClassAndAncestors(classId), c => c.Id == "antidepressants");
    }

    [Fact]
    public void Conditions_KidneyFailure_InferredFromEgfrBelow15WithSource()
    {
        var kidneyFailure = ShippedKnowledge.Base.Condition("kidney-failure")!;

        var criterion = Assert.Single(kidneyFailure.Criteria);
        Assert.Equal(("egfr", ComparisonOperator.LessThan, 15m), (criterion.MarkerId, criterion.Operator, criterion.Value));
        Assert.NotEmpty(criterion.CitationIds);
        Assert.Contains(ShippedKnowledge.Base.ConditionAndAncestors("kidney-failure"), c => c.Id == "severe-renal-impairment");
    }

    [Fact]
    public void Conditions_CkdStages_RequireThreeMonths()
    {
        foreach (var id in new[] { "ckd-g3a", "ckd-g3b", "ckd-g4" })
        {
            Assert.All(ShippedKnowledge.Base.Condition(id)!.Criteria, c => Assert.Equal(90, c.SustainedDays));
        }
    }

    [Fact]
    public void Citations_EveryPmidAndDoi_ComeFromTheDossiersOrCarryWhereTheyWereSeen()
    {
        var dossiers = Path.Combine(RepositoryPaths.Shared, "data", "evidence");
        Assert.SkipUnless(Directory.Exists(dossiers), "The shared evidence dossiers are not beside the repository.");
        var text = string.Concat(Directory.EnumerateFiles(dossiers, "*.md").Select(File.ReadAllText));

        var unsourced = ShippedKnowledge.Base.Citations
            .SelectMany(c => new[] { c.Pmid, c.Doi }.OfType<string>().Select(id => (c, id)))
            .Where(x => !text.Contains(x.id, StringComparison.OrdinalIgnoreCase) && x.c.Verification.SeenAt.Count == 0)
            .Select(x => x.c.Id + " " + x.id)
            .ToList();

        Assert.Empty(unsourced);
    }

    [Fact]
    public void Citations_DossierPairs_KeepPmidAndDoiTogether()
    {
        var kb = ShippedKnowledge.Base;

        Assert.Equal("10.1177/0004867411433213", kb.Citations.Single(c => c.Pmid == "22311531").Doi);
        Assert.Equal("10.1159/000377672", kb.Citations.Single(c => c.Pmid == "25832905").Doi);
        Assert.Equal("10.1093/ijnp/pyw024", kb.Citations.Single(c => c.Pmid == "27207906").Doi);
        Assert.Equal("10.1016/j.jpsychires.2024.02.029", kb.Citations.Single(c => c.Pmid == "38394763").Doi);
    }

    [Fact]
    public void Citations_IdentifiersSeenOnlyInUrls_AreNotRecorded()
    {
        // The dossier saw these numbers only inside page addresses; they must not become identifiers.
        Assert.DoesNotContain(ShippedKnowledge.Base.Citations, c => c.Pmid is "20500802" or "33205928" or "28655344" or "23810019");
    }

    [Fact]
    public void Claims_HumanClaims_HoldOnlyHumanEvidence()
    {
        var human = ShippedKnowledge.Base.Compounds.SelectMany(c => c.Claims).Where(c => c.Scope == EvidenceScope.Human);

        Assert.All(human, claim => Assert.All(claim.Evidence, e => Assert.Equal(Species.Human, e.Species)));
        Assert.All(human, claim => Assert.Equal(GradeScale.Human, claim.Grade.Scale));
    }

    [Fact]
    public void Modifiers_LevelsComeFromAnOutsideBody()
    {
        var withLevel = ShippedKnowledge.Base.Compounds.SelectMany(c => c.Modifiers).Where(m => m.Level is not null);

        Assert.All(withLevel, m => Assert.True(m.LevelScheme is "pharmgkb" or "cpic" && m.LevelCitationId is not null, m.Id));
    }

    [Fact]
    public void Text_NoGradeIsTypedIntoTheSources()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Knowledge, "*.yaml", SearchOption.AllDirectories);

        Assert.All(files, f => Assert.DoesNotMatch(GradeKey(), File.ReadAllText(f)));
    }

    [GeneratedRegex(@"^\s*-?\s*grade\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GradeKey();
}
