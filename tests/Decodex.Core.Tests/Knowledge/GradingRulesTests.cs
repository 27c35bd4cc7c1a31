using Decodex.Core.Knowledge;
using Decodex.Testing;

namespace Decodex.Core.Tests.Knowledge;

/// <summary>The grading rules of knowledge/GRADING.md (decodex-grade/2), each with an example that fails it.</summary>
public sealed class GradingRulesTests
{
    private const string Comp = KnowledgeFixture.CompoundPath;
    private const string Vocab = KnowledgeFixture.VocabularyPath;

    private static readonly Dictionary<string, Citation> Citations = new[]
    {
        Cite("trial-a", VerificationStatus.VerifiedAbstract),
        Cite("trial-b", VerificationStatus.VerifiedAbstract),
        Cite("review", VerificationStatus.VerifiedAbstract),
        Cite("review-2", VerificationStatus.VerifiedAbstract),
        Cite("guideline", VerificationStatus.VerifiedAbstract),
        Cite("label", VerificationStatus.Secondary),
        Cite("reddit", VerificationStatus.Secondary) with { PublicationType = PublicationType.Community },
    }.ToDictionary(c => c.Id);

    private readonly EvidenceGrader _grader = new(id => Citations.GetValueOrDefault(id));

    // ---- rule 1: sponsor links follow the recorded facts

    [Fact]
    public void Load_ItemSaysNotSponsorLinkedButCitationRecordsMakerStaff_KB026()
    {
        var vocabulary = WithMakerAuthor(KnowledgeFixture.Vocabulary);
        var compound = KnowledgeFixture.Compound.Replace("        nRandomised: 120\n", "        nRandomised: 120\n        sponsorLinked: false\n", StringComparison.Ordinal);

        var issue = AssertError(KnowledgeFixture.Sources(vocabulary, compound), KnowledgeIssueCodes.SponsorContradiction);

        Assert.Equal(Comp, issue.File);
        Assert.Equal(KnowledgeFixture.LineOf(compound, "- citation: trial-2020"), issue.Line);
    }

    [Fact]
    public void Load_AuthorRecordedAsMakerStaffInAnotherCitation_KB026OnTheUnlinkedCitation()
    {
        var vocabulary = KnowledgeFixture.Vocabulary.Replace("    title: A double-blind trial of testamine\n", "    title: A double-blind trial of testamine\n    authors: [Smith A, Maker B]\n", StringComparison.Ordinal)
            .Replace("  - id: label-copy\n", """
              - id: staff-paper
                title: Another paper
                authors: [Maker B]
                url: https://example.org/staff
                verification: {status: secondary}
                makerLinks:
                  - {kind: author, name: Maker B, organisation: Testamine Pharma}
              - id: label-copy

            """.Replace("\n\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);

        var issue = AssertError(KnowledgeFixture.Sources(vocabulary), KnowledgeIssueCodes.SponsorContradiction);

        Assert.Equal(Vocab, issue.File);
        Assert.Equal(KnowledgeFixture.LineOf(vocabulary, "- id: trial-2020"), issue.Line);
    }

    [Fact]
    public void Load_MakerLinkOnCitation_DerivesSponsorLinkedAndLowersSponsorOnlyEvidence()
    {
        var result = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(WithMakerAuthor(KnowledgeFixture.Vocabulary)));

        Assert.Empty(result.Issues);
        var claim = result.KnowledgeBase!.Claim("testamine-memory")!;
        Assert.True(claim.Evidence[0].SponsorLinked);
        Assert.Contains(claim.Grade.Reasons, r => r.Contains("maker", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MakerStaffNameNotInAuthorList_KB026()
    {
        var vocabulary = WithMakerAuthor(KnowledgeFixture.Vocabulary).Replace("name: Maker B", "name: Maker X", StringComparison.Ordinal);

        AssertError(KnowledgeFixture.Sources(vocabulary), KnowledgeIssueCodes.SponsorContradiction);
    }

    // ---- rule 2: community sources are never evidence

    [Fact]
    public void Grade_TrialKnownOnlyFromACommunityPost_NeverCountedNorLiftsTheGrade()
    {
        var alone = _grader.Grade(EvidenceScope.Human, [Item("trial-a", StudyDesign.DoubleBlindRct, 62)]);
        var withPost = _grader.Grade(EvidenceScope.Human, [Item("trial-a", StudyDesign.DoubleBlindRct, 62), Item("reddit", StudyDesign.DoubleBlindRct, 272)]);

        Assert.Equal(alone.Level, withPost.Level);
        Assert.Equal(GradeLevel.Low, withPost.Level);
        Assert.Contains(withPost.Reasons, r => r.Contains("community post", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_OnlyACommunityPost_Insufficient()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("reddit", StudyDesign.DoubleBlindRct, 272)]);

        Assert.Equal(GradeLevel.Insufficient, grade.Level);
    }

    // ---- rule 3: a meta-analysis starts from what it pooled

    [Fact]
    public void Grade_MetaAnalysisOfMostlyCohorts_StartsLow()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("review", StudyDesign.MetaAnalysis, 5685) with
        {
            Pooled = [new PooledDesign(StudyDesign.Rct, 1), new PooledDesign(StudyDesign.Cohort, 4)],
        }]);

        Assert.StartsWith("Starts at low", grade.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(GradeLevel.Low, grade.Level);
    }

    [Fact]
    public void Grade_MetaAnalysisWithAFewCohortsAmongManyTrials_StartsHigh()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("review", StudyDesign.MetaAnalysis, 5000) with
        {
            Pooled = [new PooledDesign(StudyDesign.DoubleBlindRct, 9), new PooledDesign(StudyDesign.Cohort, 1)],
        }]);

        Assert.Equal(GradeLevel.High, grade.Level);
    }

    [Fact]
    public void Grade_MetaAnalysisSharesNotReported_StartsFromTheWeakestDesign()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("review", StudyDesign.MetaAnalysis, 5685) with
        {
            Pooled = [new PooledDesign(StudyDesign.Rct, null), new PooledDesign(StudyDesign.Cohort, null)],
        }]);

        Assert.Equal(GradeLevel.Low, grade.Level);
    }

    [Fact]
    public void Grade_ObservationalMetaAnalysisBesideSmallTrials_ItsParticipantsDoNotCancelImprecision()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [
            Item("trial-a", StudyDesign.DoubleBlindRct, 46, EvidenceRole.Null),
            Item("trial-b", StudyDesign.DoubleBlindRct, 139),
            Item("review", StudyDesign.MetaAnalysis, 5685) with { Pooled = [new PooledDesign(StudyDesign.Rct, null), new PooledDesign(StudyDesign.Cohort, null)] }]);

        Assert.Contains(grade.Reasons, r => r.Contains("185 participants", StringComparison.Ordinal));
        Assert.Equal(GradeLevel.Low, grade.Level);
    }

    [Fact]
    public void Grade_PharmacokineticMetaAnalysis_StartsLowAndIsIndirect()
    {
        var grade = _grader.GradeModifier([Item("review", StudyDesign.MetaAnalysis, null) with
        {
            Pooled = [new PooledDesign(StudyDesign.Pharmacokinetic, null)],
            Indirect = true,
            CarrierResponse = CarrierResponse.Worse,
        }]);

        Assert.Equal(GradeLevel.VeryLow, grade.Level);
        Assert.StartsWith("Starts at low", grade.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MetaAnalysisWithoutPooledDesigns_KB027()
    {
        var compound = KnowledgeFixture.Compound.Replace("design: double-blind-rct", "design: meta-analysis", StringComparison.Ordinal);

        var issue = AssertError(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.PooledDesigns);

        Assert.Equal(KnowledgeFixture.LineOf(compound, "- citation: trial-2020"), issue.Line);
    }

    [Fact]
    public void Load_PharmacokineticMetaAnalysisOnAClinicalOutcomeNotIndirect_KB027()
    {
        var compound = KnowledgeFixture.Compound.Replace("design: double-blind-rct", "design: meta-analysis\n        pooled: [{design: pharmacokinetic}]", StringComparison.Ordinal);

        AssertError(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.PooledDesigns);

        Assert.Empty(KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(compound: compound.Replace("        role: supports", "        indirect: true\n        role: supports", StringComparison.Ordinal))).Issues);
    }

    // ---- rule 4: the largest trials cannot be missing silently

    private static readonly string BigTrial = KnowledgeFixture.Vocabulary.Replace("  - id: label-copy\n", """
          - id: big-trial
            title: A large neutral trial of testamine
            url: https://example.org/big
            verification: {status: verified-abstract}
            trial: {compound: testamine, outcomes: [memory], randomised: 1070}
          - id: label-copy

        """.Replace("\n\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);

    [Fact]
    public void Load_LargeTrialOnTheOutcomeNeitherAttachedNorExcluded_KB028()
    {
        var issue = AssertError(KnowledgeFixture.Sources(BigTrial), KnowledgeIssueCodes.LargeTrialMissing);

        Assert.Equal(Comp, issue.File);
        Assert.Equal(KnowledgeFixture.LineOf(KnowledgeFixture.Compound, "- id: testamine-memory"), issue.Line);
    }

    [Fact]
    public void Load_LargeTrialExcludedWithAReason_ValidAndShownOnTheClaim()
    {
        var compound = KnowledgeFixture.Compound.Replace("        role: supports\n", "        role: supports\n    excluded:\n      - {citation: big-trial, reason: Another population.}\n", StringComparison.Ordinal);

        var result = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(BigTrial, compound));

        Assert.Empty(result.Issues);
        var excluded = Assert.Single(result.KnowledgeBase!.Claim("testamine-memory")!.Excluded);
        Assert.Equal(("big-trial", "Another population."), (excluded.CitationId, excluded.Reason));
    }

    [Fact]
    public void Load_ExclusionWithoutReason_KB002()
    {
        var compound = KnowledgeFixture.Compound.Replace("        role: supports\n", "        role: supports\n    excluded:\n      - {citation: big-trial}\n", StringComparison.Ordinal);

        AssertError(KnowledgeFixture.Sources(BigTrial, compound), KnowledgeIssueCodes.Structure);
    }

    // ---- rule 5: harms are graded with harms

    private static readonly string SafetyVocabulary = KnowledgeFixture.Vocabulary.Replace("""
          - id: memory
            name: Memory
        """, """
          - id: memory
            name: Memory
          - {id: adverse-events, name: Adverse events, category: safety}
          - {id: serious-adverse-events, name: Serious adverse events, category: safety}
        """, StringComparison.Ordinal);

    private const string HarmClaims = """
          - id: testamine-adverse-events
            section: effect
            title: Side effects
            statement: About as common as with placebo.
            outcome: adverse-events
            direction: no-effect
            scope: human
            evidence:
              - {citation: trial-2020, design: double-blind-rct, species: human, nRandomised: 120, role: "null"}
          - id: testamine-serious-adverse-events
            section: effect
            title: Serious adverse events
            statement: Possibly more.
            outcome: serious-adverse-events
            direction: harm
            scope: human
            evidence:
              - {citation: label-copy, design: label, species: human, role: supports}
        safety:

        """;

    [Fact]
    public void Load_NoHarmClaimLeavesOutTheHarmFoundOnTheSamePage_KB029()
    {
        var compound = KnowledgeFixture.Compound.Replace("safety:\n", HarmClaims, StringComparison.Ordinal);

        var issue = AssertError(KnowledgeFixture.Sources(SafetyVocabulary, compound), KnowledgeIssueCodes.HarmsNotCarried);

        Assert.Equal(KnowledgeFixture.LineOf(compound, "- id: testamine-adverse-events"), issue.Line);
    }

    [Fact]
    public void Load_NoHarmClaimAttachesTheHarm_ValidAndLoweredForInconsistency()
    {
        var compound = KnowledgeFixture.Compound.Replace("safety:\n", HarmClaims, StringComparison.Ordinal)
            .Replace("""nRandomised: 120, role: "null"}""", """nRandomised: 120, role: "null"}""" + "\n      - {citation: label-copy, design: label, species: human, role: refutes}", StringComparison.Ordinal);

        var result = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(SafetyVocabulary, compound));

        Assert.Empty(result.Issues);
        Assert.Contains(result.KnowledgeBase!.Claim("testamine-adverse-events")!.Grade.Reasons, r => r.Contains("disagree", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReviewRiskOfBiasRecordedOnOneClaimOnly_KB029OnTheOther()
    {
        var compound = KnowledgeFixture.Compound
            .Replace("        design: double-blind-rct\n", "        design: systematic-review\n        pooled: [{design: rct, studies: 6}]\n        riskOfBias: high\n", StringComparison.Ordinal)
            .Replace("safety:\n", string.Join('\n',
                "  - id: testamine-memory-2",
                "    section: effect",
                "    title: Memory again",
                "    statement: The same review.",
                "    outcome: memory",
                "    direction: benefit",
                "    scope: human",
                "    evidence:",
                "      - {citation: trial-2020, design: systematic-review, pooled: [{design: rct, studies: 6}], species: human, nRandomised: 597, role: supports}",
                "safety:",
                string.Empty), StringComparison.Ordinal);

        var issue = AssertError(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.HarmsNotCarried);

        Assert.Equal(KnowledgeFixture.LineOf(compound, "- {citation: trial-2020, design: systematic-review"), issue.Line);
    }

    // ---- rule 6: guidelines speak in their own scheme

    [Fact]
    public void GradeModifier_CpicLevelAStrongGuidelineOnly_ShowsItsLevelAndStrengthNotAGradeCertainty()
    {
        var grade = _grader.GradeModifier([Item("guideline", StudyDesign.Guideline, null) with { Strength = "strong", CarrierResponse = CarrierResponse.Worse }], "A", "cpic");

        Assert.Equal(GradeScale.Guideline, grade.Scale);
        Assert.Equal("Guideline: CPIC level A, strong recommendation", grade.Label);
        Assert.DoesNotContain("Very low", grade.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void GradeModifier_GuidelineAndLabelOnly_StillTheGuidelineScheme()
    {
        var grade = _grader.GradeModifier([
            Item("guideline", StudyDesign.Guideline, null) with { Strength = "strong", CarrierResponse = CarrierResponse.Worse },
            Item("label", StudyDesign.Label, null) with { CarrierResponse = CarrierResponse.Worse }], "A", "cpic");

        Assert.Equal(GradeScale.Guideline, grade.Scale);
    }

    [Fact]
    public void Grade_GuidelineBesideAStudy_GradedOnTheStudyAlone()
    {
        var alone = _grader.Grade(EvidenceScope.Human, [Item("trial-a", StudyDesign.Cohort, 257)]);
        var both = _grader.Grade(EvidenceScope.Human, [Item("guideline", StudyDesign.Guideline, null), Item("trial-a", StudyDesign.Cohort, 257)]);

        Assert.Equal(alone.Level, both.Level);
        Assert.Contains(both.Reasons, r => r.Contains("own scheme", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_StrengthOnAStudy_KB030()
    {
        var compound = KnowledgeFixture.Compound.Replace("        nRandomised: 120\n", "        nRandomised: 120\n        strength: strong\n", StringComparison.Ordinal);

        AssertError(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.GuidelineStrength);
    }

    // ---- rule 7: reported certainty is kept

    [Fact]
    public void Grade_ReviewersRatedVeryLowBesideALargeNetworkMetaAnalysis_ShowsBothRatings()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [
            Item("review", StudyDesign.MetaAnalysis, 43049) with { Pooled = [new PooledDesign(StudyDesign.Rct, 212)] },
            Item("review-2", StudyDesign.SystematicReview, 2428) with { Pooled = [new PooledDesign(StudyDesign.Rct, 15)], ReportedCertainty = GradeLevel.VeryLow }]);

        Assert.Equal(GradeLevel.High, grade.Level);
        Assert.Equal(GradeLevel.VeryLow, grade.ReportedCertainty);
        Assert.Contains(grade.Reasons, r => r.Contains("rated this evidence very low", StringComparison.Ordinal) && r.Contains("this grade is high", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_OnlyReviewRatesModerate_CappedAndNoSecondRatingShown()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("review", StudyDesign.SystematicReview, 1601) with { ReportedCertainty = GradeLevel.Moderate }]);

        Assert.Equal(GradeLevel.Moderate, grade.Level);
        Assert.Equal(GradeLevel.Moderate, grade.ReportedCertainty);
        Assert.DoesNotContain(grade.Reasons, r => r.Contains("this grade is", StringComparison.Ordinal));
    }

    private static string WithMakerAuthor(string vocabulary) => vocabulary.Replace("""
            title: A double-blind trial of testamine
        """, """
            title: A double-blind trial of testamine
            authors: [Smith A, Maker B]
            makerLinks:
              - {kind: author, name: Maker B, organisation: Testamine Pharma, note: Affiliation in the record.}
        """, StringComparison.Ordinal);

    private static Issue AssertError(IReadOnlyList<KnowledgeSource> sources, string code)
    {
        var result = KnowledgeBaseLoader.Load(sources);
        var issue = Assert.Single(result.Issues, i => i.Code == code);
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Null(result.KnowledgeBase);
        return issue;
    }

    private static Citation Cite(string id, VerificationStatus status) => new()
    {
        Id = id,
        Title = id,
        Url = "https://example.org/" + id,
        Verification = new Verification { Status = status },
    };

    private static EvidenceItem Item(string citation, StudyDesign design, int? n, EvidenceRole role = EvidenceRole.Supports) => new()
    {
        CitationId = citation,
        Design = design,
        Species = Species.Human,
        NRandomised = n,
        Role = role,
    };
}
