using Decodex.Core.Knowledge;

namespace Decodex.Core.Tests.Knowledge;

public sealed class EvidenceGraderTests
{
    private static readonly Dictionary<string, Citation> Citations = new[]
    {
        Cite("verified", VerificationStatus.VerifiedAbstract),
        Cite("verified-2", VerificationStatus.VerifiedAbstract),
        Cite("verified-3", VerificationStatus.VerifiedFullText),
        Cite("secondary", VerificationStatus.Secondary),
        Cite("not-found", VerificationStatus.NotFound),
        Cite("contradicted", VerificationStatus.Contradicted),
    }.ToDictionary(c => c.Id);

    private readonly EvidenceGrader _grader = new(id => Citations.GetValueOrDefault(id));

    [Fact]
    public void Grade_SingleVerifiedDbRct109_LowForImprecisionAndNoReplication()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.DoubleBlindRct, 109)]);

        Assert.Equal((GradeScale.Human, GradeLevel.Low), (grade.Scale, grade.Level));
        Assert.Equal(EvidenceGrader.Version, grade.Algorithm);
        Assert.StartsWith("Starts at high", grade.Reasons[0], StringComparison.Ordinal);
        Assert.Contains(grade.Reasons, r => r.Contains("109 participants", StringComparison.Ordinal));
        Assert.Contains(grade.Reasons, r => r.Contains("single study", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_SingleVerifiedDbRct46_LowerTwoForVerySmallButNotThreeLevels()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.DoubleBlindRct, 46)]);

        Assert.Equal(GradeLevel.Low, grade.Level);
        Assert.DoesNotContain(grade.Reasons, r => r.Contains("single study", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_SingleLargeDbRct_ModerateForNoReplication()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.DoubleBlindRct, 500)]);

        Assert.Equal(GradeLevel.Moderate, grade.Level);
    }

    [Fact]
    public void Grade_TwoLargeRctsThatAgree_High()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.DoubleBlindRct, 250), Item("verified-2", StudyDesign.DoubleBlindRct, 250)]);

        Assert.Equal(GradeLevel.High, grade.Level);
    }

    [Fact]
    public void Grade_TwoLargeRctsThatDisagree_ModerateWithInconsistencyReason()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [
            Item("verified", StudyDesign.DoubleBlindRct, 250),
            Item("verified-2", StudyDesign.DoubleBlindRct, 250, EvidenceRole.Null)]);

        Assert.Equal(GradeLevel.Moderate, grade.Level);
        Assert.Contains(grade.Reasons, r => r.Contains("disagree", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_SponsorOnlyMetaAnalysisWithoutSize_Low()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.MetaAnalysis, null) with { SponsorLinked = true }]);

        Assert.Equal(GradeLevel.Low, grade.Level);
        Assert.Contains(grade.Reasons, r => r.Contains("no study size", StringComparison.Ordinal));
        Assert.Contains(grade.Reasons, r => r.Contains("maker", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_SponsorLinkedAlongsideIndependent_NotLoweredForSponsor()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [
            Item("verified", StudyDesign.DoubleBlindRct, 300) with { SponsorLinked = true },
            Item("verified-2", StudyDesign.DoubleBlindRct, 300)]);

        Assert.Equal(GradeLevel.High, grade.Level);
    }

    [Fact]
    public void Grade_AllIndirect_LoweredOne()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [
            Item("verified", StudyDesign.DoubleBlindRct, 300) with { Indirect = true },
            Item("verified-2", StudyDesign.DoubleBlindRct, 300) with { Indirect = true }]);

        Assert.Equal(GradeLevel.Moderate, grade.Level);
        Assert.Contains(grade.Reasons, r => r.Contains("indirectly", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_CongressAbstractOf20_VeryLowFloor()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.CongressAbstract, 20)]);

        Assert.Equal(GradeLevel.VeryLow, grade.Level);
        Assert.Equal("Very low", grade.Label);
    }

    [Fact]
    public void Grade_OnlyNotFoundStudy_InsufficientAndSaysSo()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("not-found", StudyDesign.DoubleBlindRct, 54)]);

        Assert.Equal(GradeLevel.Insufficient, grade.Level);
        Assert.Contains(grade.Reasons, r => r.Contains("could not be found", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_ContradictedRecord_NotCounted()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("contradicted", StudyDesign.DoubleBlindRct, 500)]);

        Assert.Equal(GradeLevel.Insufficient, grade.Level);
    }

    [Fact]
    public void Grade_OnlySecondaryCitations_LoweredOneForVerification()
    {
        var secondary = _grader.Grade(EvidenceScope.Human, [Item("secondary", StudyDesign.DoubleBlindRct, 500), Item("secondary", StudyDesign.DoubleBlindRct, 500)]);
        var verified = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.DoubleBlindRct, 500), Item("verified-2", StudyDesign.DoubleBlindRct, 500)]);

        Assert.Equal(GradeLevel.High, verified.Level);
        Assert.Equal(GradeLevel.Moderate, secondary.Level);
        Assert.Contains(secondary.Reasons, r => r.Contains("second-hand", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_UnverifiedBetterDesign_DoesNotSetTheStart()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [
            Item("secondary", StudyDesign.DoubleBlindRct, 300),
            Item("verified", StudyDesign.Cohort, 300)]);

        Assert.StartsWith("Starts at low", grade.Reasons[0], StringComparison.Ordinal);
        Assert.Contains(grade.Reasons, r => r.Contains("not verified", StringComparison.Ordinal));
        Assert.Equal(GradeLevel.Low, grade.Level);
    }

    [Fact]
    public void Grade_NoSupportingStudy_SaysSo()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.Rct, 18, EvidenceRole.Null)]);

        Assert.Contains(grade.Reasons, r => r.Contains("No counted study supports", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_ThreeAnimalStudiesTwoSpecies_PreclinicalHighNeverHuman()
    {
        var grade = _grader.Grade(EvidenceScope.Animal, [
            Item("verified", StudyDesign.Animal, null, species: Species.Mouse),
            Item("verified-2", StudyDesign.Animal, null, species: Species.Rat),
            Item("verified-3", StudyDesign.Animal, null, species: Species.Rat)]);

        Assert.Equal((GradeScale.Preclinical, GradeLevel.High), (grade.Scale, grade.Level));
        Assert.Equal("Preclinical: high", grade.Label);
    }

    [Fact]
    public void Grade_OneUnverifiedAnimalStudy_PreclinicalVeryLow()
    {
        var grade = _grader.Grade(EvidenceScope.Animal, [Item("secondary", StudyDesign.Animal, null, species: Species.Rat)]);

        Assert.Equal(GradeLevel.VeryLow, grade.Level);
    }

    [Fact]
    public void Grade_ConflictingAnimalStudies_Lowered()
    {
        var grade = _grader.Grade(EvidenceScope.Animal, [
            Item("verified", StudyDesign.Animal, null, species: Species.Rat),
            Item("verified-2", StudyDesign.Animal, null, EvidenceRole.Null, Species.Rat)]);

        Assert.Equal(GradeLevel.VeryLow, grade.Level);
    }

    [Fact]
    public void Grade_LabelSeenOnlyInCopies_LabelScaleModerate()
    {
        var grade = _grader.Grade(EvidenceScope.Label, [Item("secondary", StudyDesign.Label, null)]);

        Assert.Equal((GradeScale.Label, GradeLevel.Moderate), (grade.Scale, grade.Level));
        Assert.Contains(grade.Reasons, r => r.Contains("official text", StringComparison.Ordinal));
    }

    [Fact]
    public void Consistency_CarriersBetterAndWorse_Conflicting()
    {
        IReadOnlyList<EvidenceItem> items = [
            Item("verified", StudyDesign.Rct, 110) with { CarrierResponse = CarrierResponse.Better },
            Item("verified-2", StudyDesign.Cohort, 72) with { CarrierResponse = CarrierResponse.Worse },
            Item("not-found", StudyDesign.Rct, null) with { CarrierResponse = CarrierResponse.Worse }];

        Assert.Equal(ModifierConsistency.Conflicting, _grader.Consistency(items));
        var grade = _grader.GradeModifier(items);
        Assert.Contains(grade.Reasons, r => r.Contains("conflict", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CarrierResponse.Better, CarrierResponse.Better, ModifierConsistency.Consistent)]
    [InlineData(CarrierResponse.Worse, CarrierResponse.NoDifference, ModifierConsistency.Consistent)]
    public void Consistency_AgreeingStudies_Consistent(CarrierResponse a, CarrierResponse b, ModifierConsistency expected)
    {
        IReadOnlyList<EvidenceItem> items = [
            Item("verified", StudyDesign.Rct, 110) with { CarrierResponse = a },
            Item("verified-2", StudyDesign.Rct, 110) with { CarrierResponse = b }];

        Assert.Equal(expected, _grader.Consistency(items));
    }

    [Fact]
    public void Consistency_OnlyNotFound_NoEvidence_OneStudy_Single()
    {
        Assert.Equal(ModifierConsistency.NoEvidence, _grader.Consistency([Item("not-found", StudyDesign.Rct, null) with { CarrierResponse = CarrierResponse.Worse }]));
        Assert.Equal(ModifierConsistency.SingleStudy, _grader.Consistency([Item("verified", StudyDesign.Rct, null) with { CarrierResponse = CarrierResponse.Worse }]));
    }

    [Fact]
    public void Grade_ReviewWithHighRiskOfBiasAndHeterogeneity_Low()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.SystematicReview, 597) with { RiskOfBias = RiskOfBias.High, Heterogeneity = true }]);

        Assert.Equal(GradeLevel.Low, grade.Level);
        Assert.Contains(grade.Reasons, r => r.Contains("risk of bias", StringComparison.Ordinal));
        Assert.Contains(grade.Reasons, r => r.Contains("heterogeneity", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_ReviewersRatedLow_CapsAHigherGrade()
    {
        var grade = _grader.Grade(EvidenceScope.Human, [Item("verified", StudyDesign.SystematicReview, 2000) with { ReportedCertainty = GradeLevel.Low }]);

        Assert.Equal(GradeLevel.Low, grade.Level);
        Assert.Contains(grade.Reasons, r => r.StartsWith("Capped at low", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_NoEffectClaimWithNullStudies_NullStudiesSupportIt()
    {
        IReadOnlyList<EvidenceItem> items = [Item("verified", StudyDesign.DoubleBlindRct, 300, EvidenceRole.Null), Item("verified-2", StudyDesign.DoubleBlindRct, 300, EvidenceRole.Null)];

        var noEffect = _grader.Grade(EvidenceScope.Human, items, EffectDirection.NoEffect);
        var benefit = _grader.Grade(EvidenceScope.Human, items, EffectDirection.Benefit);

        Assert.Equal(GradeLevel.High, noEffect.Level);
        Assert.DoesNotContain(noEffect.Reasons, r => r.Contains("No counted study supports", StringComparison.Ordinal));
        Assert.Contains(benefit.Reasons, r => r.Contains("No counted study supports", StringComparison.Ordinal));
    }

    [Fact]
    public void Grade_SameEvidence_SameGrade()
    {
        IReadOnlyList<EvidenceItem> items = [Item("verified", StudyDesign.OpenRct, 150), Item("secondary", StudyDesign.CaseSeries, 30, EvidenceRole.Null)];

        Assert.Equal(_grader.Grade(EvidenceScope.Human, items).Reasons, _grader.Grade(EvidenceScope.Human, items).Reasons);
    }

    private static Citation Cite(string id, VerificationStatus status) => new()
    {
        Id = id,
        Title = id,
        Url = "https://example.org/" + id,
        Verification = new Verification { Status = status },
    };

    private static EvidenceItem Item(string citation, StudyDesign design, int? n, EvidenceRole role = EvidenceRole.Supports, Species species = Species.Human) => new()
    {
        CitationId = citation,
        Design = design,
        Species = species,
        NRandomised = n,
        Role = role,
    };
}
