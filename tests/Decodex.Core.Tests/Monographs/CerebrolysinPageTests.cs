using System.Text.Json;
using System.Text.RegularExpressions;
using Decodex.Core.Knowledge;
using Decodex.Core.Monographs;

namespace Decodex.Core.Tests.Monographs;

/// <summary>The flagship page carries the dossier's key facts with the right status.</summary>
public sealed partial class CerebrolysinPageTests
{
    private static readonly Lazy<MonographDocument> Document = new(() =>
        MonographDocument.Create(ShippedKnowledge.Base, ShippedKnowledge.Base.Compound("cerebrolysin")!));

    private static readonly Lazy<string> Html = new(() => MonographHtmlRenderer.Render(Document.Value));

    [Fact]
    public void Page_SchizophreniaTrial_VerifiedWithPmid()
    {
        var block = ArticleBlock("cerebrolysin-schizophrenia-cognition");

        Assert.Contains("22311531", ReferenceItem("cerebrolysin-risperidone-schizophrenia-2012"), StringComparison.Ordinal);
        Assert.Contains("https://pubmed.ncbi.nlm.nih.gov/22311531/", Html.Value, StringComparison.Ordinal);
        Assert.Contains("data-status=\"verified-abstract\"", block, StringComparison.Ordinal);
        Assert.Contains("double blind rct", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_StrokeRecovery_CastaAttachedAndSponsorLinkedFromItsCitation()
    {
        var block = ArticleBlock("cerebrolysin-stroke-recovery");
        var claim = ShippedKnowledge.Base.Claim("cerebrolysin-stroke-recovery")!;

        Assert.Contains("22282884", ReferenceItem("casta-2012"), StringComparison.Ordinal);
        Assert.Contains(claim.Evidence, e => e.CitationId == "casta-2012" && e.SponsorLinked && e.Role == EvidenceRole.Null);
        Assert.Contains(claim.Evidence, e => e.CitationId == "gharagozli-2017-stroke" && e.SponsorLinked);
        Assert.Contains("1070", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_StrokeMortality_ShowsCastaAsExcludedWithItsReason()
    {
        var block = ArticleBlock("cerebrolysin-stroke-mortality");

        Assert.Contains("Found but not counted", block, StringComparison.Ordinal);
        Assert.Contains("counting the trial again", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_DepressionAssertion_ShowsTheCongressAbstractDiscrepancy()
    {
        var block = ArticleBlock("cerebrolysin-depression-trd");

        Assert.Contains("Discrepancy", block, StringComparison.Ordinal);
        Assert.Contains("congress", block, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("As commonly claimed", block, StringComparison.Ordinal);
        var claim = ShippedKnowledge.Base.Claim("cerebrolysin-depression-trd")!;
        Assert.Equal(AssertionStatus.PartlySupported, claim.Assertion!.Status);
        Assert.Equal(GradeLevel.VeryLow, claim.Grade.Level);
    }

    [Fact]
    public void Page_ApoeE4_IsShownAsConflicting()
    {
        var modifier = ShippedKnowledge.Base.Compound("cerebrolysin")!.Modifiers.Single(m => m.Id == "cerebrolysin-apoe4");

        Assert.Equal(ModifierConsistency.Conflicting, modifier.Consistency);
        Assert.Contains(modifier.Evidence, e => e.CarrierResponse == CarrierResponse.Better);
        Assert.Contains(modifier.Evidence, e => e.CarrierResponse == CarrierResponse.Worse);
        Assert.Equal(["rs429358", "rs7412"], modifier.Factor.Variants.Select(v => v.RsId));
        Assert.Contains("Conflicting evidence", ArticleBlock("cerebrolysin-apoe4"), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_NPep12FiftyFourSubjectTrial_MarkedNotFound()
    {
        var claim = ShippedKnowledge.Base.Claim("cerebrolysin-npep12-memory-elderly")!;

        Assert.Equal(AssertionStatus.NotFound, claim.Assertion!.Status);
        Assert.DoesNotContain(claim.Evidence, e => ShippedKnowledge.Base.Citation(e.CitationId)!.Verification.IsVerified);
        Assert.Contains(claim.Evidence, e => ShippedKnowledge.Base.Citation(e.CitationId)!.Verification.Status == VerificationStatus.NotFound);
        Assert.Contains("Study not found", ArticleBlock("cerebrolysin-npep12-memory-elderly"), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_DiabeticNeuropathy_RecordsN18AndPlaceboEqual()
    {
        var claim = ShippedKnowledge.Base.Claim("cerebrolysin-diabetic-neuropathy-pain")!;

        Assert.Contains(claim.Evidence, e => e.Participants == 18 && e.Role == EvidenceRole.Null);
        Assert.NotEqual(EffectDirection.Benefit, claim.Direction);
        Assert.Contains("Discrepancy", ArticleBlock("cerebrolysin-diabetic-neuropathy-pain"), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_Contraindications_EpilepsyAndSevereRenalImpairment_InTheSafetyBox()
    {
        var summary = Section("summary");

        Assert.Contains("Contraindicated in <strong>Epilepsy</strong>", summary, StringComparison.Ordinal);
        Assert.Contains("Contraindicated in <strong>Severe renal impairment</strong>", summary, StringComparison.Ordinal);
        Assert.True(Html.Value.IndexOf("id=\"summary\"", StringComparison.Ordinal) < Html.Value.IndexOf("id=\"effects\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Page_Interactions_AntidepressantsFromLabel_LithiumFromRatsOnly()
    {
        var compound = ShippedKnowledge.Base.Compound("cerebrolysin")!;

        var antidepressants = compound.Interactions.Single(i => i.Id == "cerebrolysin-antidepressants");
        Assert.Equal(("antidepressants", EvidenceScope.Label), (antidepressants.With.ClassId, antidepressants.Scope));
        var lithium = compound.Interactions.Single(i => i.Id == "cerebrolysin-lithium");
        Assert.Equal(("lithium", EvidenceScope.Animal, GradeScale.Preclinical), (lithium.With.CompoundId, lithium.Scope, lithium.Grade.Scale));
        Assert.All(lithium.Evidence, e => Assert.Equal(Species.Rat, e.Species));
        Assert.Contains(compound.Interactions, i => i.With.ClassId == "maoi");
    }

    [Fact]
    public void Page_UserReports_KeptApartWithTheCommunityRating()
    {
        var reports = ShippedKnowledge.Base.Compound("cerebrolysin")!.UserReports!;
        var section = Section("experiences");

        Assert.Equal(new CommunityRating(12, 4.08m, 5), reports.Rating);
        Assert.Contains("4.08 of 5", section, StringComparison.Ordinal);
        Assert.Contains("12 votes", section, StringComparison.Ordinal);
        Assert.Contains("never enter a grade", section, StringComparison.Ordinal);
        Assert.Contains(reports.Negative, n => n.Contains("irritab", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Page_CochraneAndMetaAnalyses_WithConclusionsAndConflictOfInterest()
    {
        var kb = ShippedKnowledge.Base;

        Assert.Contains(kb.Citations, c => c.Doi == "10.1002/14651858.CD008900.pub3" && c.Pmid == "31710397");
        Assert.Contains(kb.Citations, c => c.Doi == "10.1002/14651858.CD007026.pub7");
        var gauthier = kb.Citations.Single(c => c.Pmid == "25832905");
        Assert.NotNull(gauthier.ConflictOfInterest);
        Assert.Contains("Conflict of interest", Html.Value, StringComparison.Ordinal);
        var vascular = kb.Compound("cerebrolysin")!.Claims.First(c => c.Population.ConditionId == "vascular-dementia");
        Assert.Equal(GradeLevel.Low, vascular.Grade.Level);
    }

    [Fact]
    public void Page_CerebralPalsyTrial_BlindingNotStated()
    {
        var claim = ShippedKnowledge.Base.Compound("cerebrolysin")!.Claims.Single(c => c.Population.ConditionId == "cerebral-palsy" && c.Scope == EvidenceScope.Human);

        Assert.DoesNotContain(claim.Evidence, e => e.Design == StudyDesign.DoubleBlindRct);
        Assert.Contains(claim.Evidence, e => e.Participants == 50);
    }

    [Fact]
    public void Page_AnimalEffects_NeverOnTheHumanScale()
    {
        var compound = ShippedKnowledge.Base.Compound("cerebrolysin")!;

        Assert.All(compound.Claims.Where(c => c.Scope is EvidenceScope.Animal or EvidenceScope.InVitro), c => Assert.Equal(GradeScale.Preclinical, c.Grade.Scale));
        Assert.Contains(compound.Claims, c => c.Scope == EvidenceScope.Animal && c.Population.ConditionId == "parkinsons-disease");
    }

    [Fact]
    public void Page_DosingAndRoutes_FromTheLabel()
    {
        var compound = ShippedKnowledge.Base.Compound("cerebrolysin")!;

        Assert.Contains(Route.Intravenous, compound.Routes);
        Assert.Contains(Route.Intramuscular, compound.Routes);
        Assert.Contains(compound.Dosing, d => d.SourceType == SourceType.Label && d.Dose.Contains("30", StringComparison.Ordinal));
    }

    [Fact]
    public void Page_IsSelfContainedWithDisclaimerAndPrintCss()
    {
        var html = Html.Value;

        Assert.DoesNotMatch(ExternalResource(), html);
        Assert.Contains("Not medical advice", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_EveryReferenceNumber_PointsToAListedReference()
    {
        var ids = RefLink().Matches(Html.Value).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

        Assert.All(ids, id => Assert.Contains($"<li id=\"ref-{id}\">", Html.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Json_HasStableNamesAndComputedGrades()
    {
        using var json = JsonDocument.Parse(MonographJson.Render(Document.Value));
        var root = json.RootElement;

        Assert.Equal(EvidenceGrader.Version, root.GetProperty("gradingAlgorithm").GetString());
        var claim = root.GetProperty("compound").GetProperty("claims").EnumerateArray().First(c => c.GetProperty("id").GetString() == "cerebrolysin-schizophrenia-cognition");
        Assert.Equal("human", claim.GetProperty("grade").GetProperty("scale").GetString());
        Assert.False(string.IsNullOrEmpty(claim.GetProperty("grade").GetProperty("label").GetString()));
        Assert.Equal("double-blind-rct", claim.GetProperty("evidence")[0].GetProperty("design").GetString());
        Assert.Contains(root.GetProperty("references").EnumerateArray(), r => r.TryGetProperty("pmid", out var pmid) && pmid.GetString() == "22311531");
    }

    [Fact]
    public void Text_HasTheSameSectionsAsTheHtml()
    {
        var text = MonographTextRenderer.Render(Document.Value);

        foreach (var heading in new[] { "Summary", "What it is", "How it is said to work", "Effects", "Dosing and routes", "Risks, contraindications and side effects", "Interactions", "Genes and other personal factors", "Related compounds", "User-reported experiences", "References" })
        {
            Assert.Contains("\n" + heading, text, StringComparison.Ordinal);
        }
    }

    private static string ArticleBlock(string id)
    {
        var html = Html.Value;
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No block with id {id}.");
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static string Section(string id)
    {
        var html = Html.Value;
        var start = html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section {id}.");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string ReferenceItem(string citationId)
    {
        var html = Html.Value;
        var start = html.IndexOf($"<li id=\"ref-{citationId}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No reference {citationId}.");
        return html[start..html.IndexOf("</li>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"<script|<link|<img|<iframe|@import|url\(|\ssrc=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExternalResource();

    [GeneratedRegex("href=\"#ref-([a-z0-9-]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex RefLink();
}
