using System.Text.RegularExpressions;
using Decodex.Core.Knowledge;
using Decodex.Core.Monographs;

namespace Decodex.Core.Tests.Monographs;

/// <summary>The monograph corrections of issue 14: the table order, the summary's wording and the source article's assertions.</summary>
public sealed partial class CerebrolysinCorrectionsTests
{
    private static readonly Compound Cerebrolysin = ShippedKnowledge.Base.Compound("cerebrolysin")!;

    private static readonly Lazy<string> Html = new(() =>
        MonographHtmlRenderer.Render(MonographDocument.Create(ShippedKnowledge.Base, Cerebrolysin)));

    [Fact]
    public void Glance_HumanOutcomesByGrade_BeforeAnimalAndMechanismClaims()
    {
        var rows = GlanceRowIds().Select(id => Cerebrolysin.Claims.Single(c => c.Id == id)).ToList();

        Assert.Equal(Cerebrolysin.Claims.Count, rows.Count);
        var human = rows.TakeWhile(c => c is { Section: ClaimSection.Effect, Scope: EvidenceScope.Human }).ToList();
        Assert.Equal(Cerebrolysin.Claims.Count(c => c is { Section: ClaimSection.Effect, Scope: EvidenceScope.Human }), human.Count);
        Assert.Equal(human.OrderBy(c => c.Grade.Level).Select(c => c.Id), human.Select(c => c.Id));
        var lastAnimal = rows.FindLastIndex(c => c.Section == ClaimSection.Effect && c.Scope is EvidenceScope.Animal or EvidenceScope.InVitro);
        var firstMechanism = rows.FindIndex(c => c.Section == ClaimSection.Mechanism);
        Assert.True(human.Count <= rows.FindIndex(c => c.Scope is EvidenceScope.Animal or EvidenceScope.InVitro));
        Assert.True(lastAnimal < firstMechanism, "Mechanism claims come after every animal outcome.");
        Assert.All(rows.Skip(firstMechanism), c => Assert.Equal(ClaimSection.Mechanism, c.Section));
    }

    [Fact]
    public void Glance_AnimalOutcomes_OrderedByPreclinicalGrade_AndNeverComparedWithHumanGrades()
    {
        var rows = EvidenceAtAGlance.Rows(Cerebrolysin);
        var animal = rows.Where(c => c.Section == ClaimSection.Effect && c.Scope is EvidenceScope.Animal or EvidenceScope.InVitro).ToList();

        Assert.Equal(animal.OrderBy(c => c.Grade.Level).Select(c => c.Id), animal.Select(c => c.Id));
        Assert.All(animal, c => Assert.Equal(GradeScale.Preclinical, c.Grade.Scale));
        Assert.Equal(rows.Select(c => c.Id), GlanceRowIds());
    }

    [Fact]
    public void Glance_EqualGradesKeepTheFileOrder_AndMechanismsKeepTheFileOrder()
    {
        var rows = EvidenceAtAGlance.Rows(Cerebrolysin);
        var mechanisms = rows.Where(c => c.Section == ClaimSection.Mechanism).Select(c => c.Id);

        Assert.Equal(Cerebrolysin.Claims.Where(c => c.Section == ClaimSection.Mechanism).Select(c => c.Id), mechanisms);
        var fileOrder = Cerebrolysin.Claims.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var pair in rows.Zip(rows.Skip(1)))
        {
            if (pair.First.Section == pair.Second.Section && pair.First.Scope == pair.Second.Scope && pair.First.Grade.Level == pair.Second.Grade.Level)
            {
                Assert.True(fileOrder[pair.First.Id] < fileOrder[pair.Second.Id], $"{pair.First.Id} before {pair.Second.Id}");
            }
        }
    }

    [Fact]
    public void Summary_SpeaksToReaders_NotAboutTheProcess()
    {
        var summary = Cerebrolysin.Summary;

        Assert.Contains("not verified", summary, StringComparison.Ordinal);
        foreach (var processWords in new[] { "were not read", "was not read", "not seen here", "read only", "reproduction" })
        {
            Assert.DoesNotContain(processWords, summary, StringComparison.OrdinalIgnoreCase);
        }

        var section = Html.Value[Html.Value.IndexOf("<section id=\"summary\"", StringComparison.Ordinal)..];
        Assert.Contains("the conclusions of the 2023 update are not verified", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Lithium_RatStudyEasedChangesWithEachDrug_NoComparisonAgainstLithiumAlone()
    {
        var claim = ShippedKnowledge.Base.Claim("cerebrolysin-lithium-depression-rats")!;
        var interaction = Cerebrolysin.Interactions.Single(i => i.Id == "cerebrolysin-lithium");
        var fromLithium = ShippedKnowledge.Base.Compound("lithium")!.Interactions.Single(i => i.Id == "lithium-cerebrolysin-rat");

        Assert.Equal(AssertionStatus.NotSupported, claim.Assertion!.Status);
        Assert.Contains("no comparison", claim.Statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Lithium alone", claim.Comparator!, StringComparison.Ordinal);
        foreach (var effect in new[] { interaction.Effect, fromLithium.Effect })
        {
            Assert.Contains("no comparison of the combination against lithium alone", effect, StringComparison.Ordinal);
            Assert.DoesNotContain("more clearly than lithium alone", effect, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Antidepressants_PartlySupported_TheLabelsAdditiveEffectIsACaution()
    {
        var claim = ShippedKnowledge.Base.Claim("cerebrolysin-antidepressant-cumulative-effects")!;

        Assert.Equal("It may enhance antidepressants.", claim.Assertion!.Text);
        Assert.Equal(AssertionStatus.PartlySupported, claim.Assertion.Status);
        Assert.Contains("caution, not a benefit", claim.Assertion.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Parkinsons_SecondRatStudy_ListedAsUnverified_NotMerged()
    {
        var first = ShippedKnowledge.Base.Claim("cerebrolysin-parkinsons-rats")!;
        var second = ShippedKnowledge.Base.Claim("cerebrolysin-parkinsons-rats-second-study")!;

        Assert.Equal(["abdel-salam-2014-rotenone-rats"], first.Evidence.Select(e => e.CitationId));
        Assert.Equal((EvidenceScope.Animal, AssertionStatus.NotFound), (second.Scope, second.Assertion!.Status));
        var citation = ShippedKnowledge.Base.Citation(Assert.Single(second.Evidence).CitationId)!;
        Assert.Equal(VerificationStatus.Unverified, citation.Verification.Status);
        Assert.Equal(GradeScale.Preclinical, second.Grade.Scale);
    }

    [Fact]
    public void NasalSpray_AssertedAsTheArticleSaysIt_AndNotVerified()
    {
        var claim = ShippedKnowledge.Base.Claim("cerebrolysin-intranasal-delivery")!;

        Assert.Contains("bypasses the liver and blood–brain barrier", claim.Assertion!.Text, StringComparison.Ordinal);
        Assert.Equal(AssertionStatus.NotFound, claim.Assertion.Status);
        Assert.Contains(claim.Evidence, e => ShippedKnowledge.Base.Citation(e.CitationId)!.Verification.Status == VerificationStatus.NotFound);
    }

    [Fact]
    public void SmartDrugLabel_Assessed_NootropicClassYes_EnhancementInHealthyPeopleNotShown()
    {
        var claim = ShippedKnowledge.Base.Claim("cerebrolysin-smart-drug-healthy-cognition")!;

        Assert.Contains("smart drug", claim.Assertion!.Text, StringComparison.Ordinal);
        Assert.Equal(AssertionStatus.NotFound, claim.Assertion.Status);
        Assert.Equal(("healthy", EvidenceScope.Human), (claim.Population.ConditionId, claim.Scope));
        Assert.Contains("N06BX", claim.Assertion.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(claim.Evidence, e => ShippedKnowledge.Base.Citation(e.CitationId)!.Verification.IsVerified);
    }

    [Fact]
    public void P21MoodAndMotivation_RecordedAndNotFound()
    {
        var claim = ShippedKnowledge.Base.Claim("p021-mood-motivation")!;

        Assert.Equal(AssertionStatus.NotFound, claim.Assertion!.Status);
        Assert.Contains("mood and motivation", claim.Assertion.Text, StringComparison.Ordinal);
        Assert.Equal(GradeLevel.Insufficient, claim.Grade.Level);
        Assert.Contains("mood and motivation", Cerebrolysin.Related.Single(r => r.CompoundId == "p021").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void CoverageGaps_DoseByConditionAndAge_CortexinMoreProteins_Germany()
    {
        Assert.Contains(Cerebrolysin.Dosing, d => d.Note is { } n && n.Contains("condition and age", StringComparison.Ordinal) && n.Contains("gives a dose by age", StringComparison.Ordinal));
        var cortexin = ShippedKnowledge.Base.Claim("cerebrolysin-vs-cortexin-stroke-rats")!;
        Assert.Contains("more proteins", cortexin.Assertion!.Text, StringComparison.Ordinal);
        Assert.Contains("\"More proteins\" is not supported", cortexin.Assertion.Note, StringComparison.Ordinal);
        Assert.Contains("Not allowed in Germany", Cerebrolysin.UserReports!.Comments.Single(c => c.Contains("Germany", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static List<string> GlanceRowIds()
    {
        var html = Html.Value;
        var start = html.IndexOf("<h3>Evidence at a glance</h3>", StringComparison.Ordinal);
        Assert.True(start >= 0);
        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        return [.. RowLink().Matches(table).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("<tr><td><a href=\"#([a-z0-9-]+)\">", RegexOptions.CultureInvariant)]
    private static partial Regex RowLink();
}
