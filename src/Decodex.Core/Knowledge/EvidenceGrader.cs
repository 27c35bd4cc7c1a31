using System.Globalization;

namespace Decodex.Core.Knowledge;

/// <summary>
/// Computes evidence grades with the documented algorithm in <c>knowledge/GRADING.md</c>
/// (<see cref="Version"/>). The same evidence always gets the same grade. Human evidence is graded
/// GRADE-like; animal, in-vitro and mechanism evidence on a separate preclinical scale; labelling on
/// its own scale. User reports never reach this class. Thread-safe; holds no state but the lookup.
/// </summary>
public sealed class EvidenceGrader
{
    /// <summary>The algorithm version stamped on every grade.</summary>
    public const string Version = "decodex-grade/2";

    /// <summary>Below this many participants in all, precision is seriously limited (two levels).</summary>
    public const int VerySmallTotal = 100;

    /// <summary>Below this many participants in all, precision is limited (one level): GRADE's rule of thumb.</summary>
    public const int OptimalInformationSize = 400;

    /// <summary>
    /// A randomised trial with at least this many people must be attached to, or excluded with a
    /// reason from, every claim on its outcome (never left out silently).
    /// </summary>
    public const int LargeTrialSize = 300;

    /// <summary>
    /// A pooled design is substantial when it makes up at least this share of a review's studies; the
    /// review starts from its weakest substantial design. When shares are not reported, every design counts.
    /// </summary>
    public const double SubstantialShare = 0.25;

    private readonly Func<string, Citation?> _citations;

    /// <summary>Creates a grader that looks citations up with <paramref name="citations"/>.</summary>
    public EvidenceGrader(Func<string, Citation?> citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        _citations = citations;
    }

    /// <summary>
    /// Grades evidence for a claim or an interaction of the given scope. For a claim of no effect
    /// (<paramref name="direction"/> <see cref="EffectDirection.NoEffect"/>), a study that found no
    /// difference supports it.
    /// </summary>
    public EvidenceGrade Grade(EvidenceScope scope, IReadOnlyList<EvidenceItem> evidence, EffectDirection direction = EffectDirection.Benefit)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var nullSupports = direction == EffectDirection.NoEffect;
        return scope switch
        {
            EvidenceScope.Human => GradeHuman(evidence, carrierResponses: false, nullSupports, cpicLevel: null),
            EvidenceScope.Label => GradeLabel(evidence),
            _ => GradePreclinical(evidence, nullSupports),
        };
    }

    /// <summary>
    /// Grades a genotype or other modifier: human scale, where inconsistency means carriers did better
    /// in some studies and worse in others.
    /// </summary>
    public EvidenceGrade GradeModifier(IReadOnlyList<EvidenceItem> evidence, string? level = null, string? levelScheme = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.All(e => e.Species != Species.Human)
            ? GradePreclinical(evidence, nullSupports: false)
            : GradeHuman(evidence, carrierResponses: true, nullSupports: false, levelScheme == "cpic" ? level : null);
    }

    /// <summary>Whether studies behind a modifier agree on the carriers' response.</summary>
    public ModifierConsistency Consistency(IReadOnlyList<EvidenceItem> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var counted = Counted(evidence, []);
        if (counted.Count == 0)
        {
            return ModifierConsistency.NoEvidence;
        }

        var better = counted.Any(e => e.CarrierResponse == CarrierResponse.Better);
        var worse = counted.Any(e => e.CarrierResponse == CarrierResponse.Worse);
        if (better && worse)
        {
            return ModifierConsistency.Conflicting;
        }

        return counted.Count == 1 ? ModifierConsistency.SingleStudy : ModifierConsistency.Consistent;
    }

    private EvidenceGrade GradeHuman(IReadOnlyList<EvidenceItem> evidence, bool carrierResponses, bool nullSupports, string? cpicLevel)
    {
        var reasons = new List<string>();
        var all = Counted(evidence, reasons);
        var guidelines = all.Where(e => e.Design == StudyDesign.Guideline).ToList();
        var counted = all.Where(e => e.Design != StudyDesign.Guideline).ToList();
        if (guidelines.Count > 0 && counted.All(e => e.Design == StudyDesign.Label))
        {
            // No study at all: the guideline speaks in its own scheme (labelling beside it is listed).
            return GradeGuideline(guidelines, cpicLevel, reasons, labels: counted.Count);
        }

        if (counted.Count == 0)
        {
            reasons.Add("No verifiable human study was found.");
            return Make(GradeScale.Human, GradeLevel.Insufficient, reasons);
        }

        if (guidelines.Count > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{(guidelines.Count == 1 ? "A guideline is" : $"{guidelines.Count} guidelines are")} shown in {(guidelines.Count == 1 ? "its" : "their")} own scheme and not counted as study evidence."));
        }

        var verified = counted.Where(IsVerified).ToList();
        var basis = verified.Count > 0 ? verified : counted;
        var best = basis.MinBy(Start)!;
        var level = Start(best);
        reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Starts at {Words(level)}: the best {(verified.Count > 0 ? "verified " : string.Empty)}evidence is {DesignWords(best.Design)}{PooledWords(best)}."));

        if (verified.Count > 0)
        {
            var better = counted.Where(e => !IsVerified(e) && Start(e) < level).ToList();
            if (better.Count > 0)
            {
                reasons.Add($"A stronger design ({DesignWords(better[0].Design)}) is cited but not verified, so it does not set the starting level.");
            }
        }
        else
        {
            level = Lower(level, 1);
            reasons.Add("Lowered one level: none of the studies could be checked against its abstract or record; they were seen only second-hand.");
        }

        // Precision is judged on the evidence at the starting level (or a better design): participants of
        // weaker designs (an observational meta-analysis beside trials) do not make the better evidence precise.
        var startLevel = Start(best);
        var atStart = counted.Where(e => Start(e) <= startLevel).ToList();
        var known = atStart.Where(e => e.Participants is not null).ToList();
        var total = known.Sum(e => e.Participants!.Value);
        var weaker = counted.Where(e => Start(e) > startLevel && e.Participants is not null).Sum(e => e.Participants!.Value);
        var imprecision = 0;
        if (known.Count == 0)
        {
            imprecision = 1;
            reasons.Add("Lowered one level: no study size was reported, so precision cannot be judged.");
        }
        else if (total < VerySmallTotal)
        {
            imprecision = 2;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Lowered two levels: {total} participants in all, fewer than {VerySmallTotal}; estimates are very imprecise."));
        }
        else if (total < OptimalInformationSize)
        {
            imprecision = 1;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Lowered one level: {total} participants in all, fewer than the {OptimalInformationSize} usually needed for a precise estimate."));
        }

        if (imprecision > 0 && weaker > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"The {weaker} participants of weaker designs are not added to the count."));
        }

        level = Lower(level, imprecision);
        if (counted.Count == 1 && !IsSynthesis(counted[0].Design) && imprecision < 2)
        {
            // A lone study cannot show consistency; a very small one is already two levels down.
            level = Lower(level, 1);
            reasons.Add("Lowered one level: a single study that has not been replicated.");
        }

        if (carrierResponses)
        {
            var better = counted.Count(e => e.CarrierResponse == CarrierResponse.Better);
            var worse = counted.Count(e => e.CarrierResponse == CarrierResponse.Worse);
            if (better > 0 && worse > 0)
            {
                level = Lower(level, 1);
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Lowered one level: the studies conflict; carriers did better in {better} and worse in {worse}."));
            }
        }
        else
        {
            var supports = counted.Count(e => Supports(e, nullSupports));
            var against = counted.Count - supports;
            if (supports > 0 && against > 0)
            {
                level = Lower(level, 1);
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Lowered one level: the studies disagree; {supports} support the claim and {against} {(nullSupports ? "found an effect" : "found no difference or the opposite")}."));
            }
            else if (supports == 0)
            {
                reasons.Add("No counted study supports the claim as stated; the grade is the certainty of what the studies found.");
            }
            else if (counted.Any(e => e.Heterogeneity))
            {
                level = Lower(level, 1);
                reasons.Add("Lowered one level: the review reports important differences between the results of its studies (heterogeneity).");
            }
        }

        var startItems = basis.Where(e => Start(e) == startLevel).ToList();
        if (startItems.All(e => e.RiskOfBias == RiskOfBias.High))
        {
            level = Lower(level, 1);
            reasons.Add("Lowered one level: the best studies are at high risk of bias, as their reviewers judged.");
        }

        if (counted.All(e => e.Indirect))
        {
            level = Lower(level, 1);
            reasons.Add("Lowered one level: the studies are only indirectly about this population or outcome.");
        }

        if (counted.All(e => e.SponsorLinked))
        {
            level = Lower(level, 1);
            reasons.Add("Lowered one level: every study was funded or co-authored by the maker; no independent evidence.");
        }

        // The reviewers' own rating caps the grade only when every study that set the start carries
        // one: a second review at the same level without such a rating is not held down by it.
        if (startItems.All(e => e.ReportedCertainty is not null)
            && startItems.Select(e => e.ReportedCertainty!.Value).Min() is var cap && cap > level)
        {
            level = cap;
            reasons.Add($"Capped at {Words(cap)}: the review's own authors rated the certainty of this evidence {Words(cap)}.");
        }

        var reported = counted.Where(e => e.ReportedCertainty is not null).ToList();
        GradeLevel? reportedLevel = reported.Count == 0 ? null : reported.Max(e => e.ReportedCertainty!.Value);
        foreach (var r in reported.Where(r => r.ReportedCertainty != level))
        {
            reasons.Add($"The review's own authors rated this evidence {Words(r.ReportedCertainty!.Value)} ({r.CitationId}); this grade is {Words(level)}.");
        }

        return Make(GradeScale.Human, level, reasons) with { ReportedCertainty = reportedLevel };
    }

    private EvidenceGrade GradeGuideline(List<EvidenceItem> guidelines, string? cpicLevel, List<string> reasons, int labels)
    {
        var strength = guidelines.Select(g => g.Strength).FirstOrDefault(s => s is not null);
        var words = (cpicLevel, strength) switch
        {
            (not null, not null) => $"CPIC level {cpicLevel}, {strength} recommendation",
            (not null, null) => $"CPIC level {cpicLevel}",
            (null, not null) => $"{strength} recommendation",
            _ => null,
        };
        reasons.Add("A guideline recommendation, shown in the guideline's own scheme (level and strength). It is not a GRADE certainty of study evidence, and no study is cited here.");
        if (labels > 0)
        {
            reasons.Add("Product labelling cited beside it is listed as a regulatory statement.");
        }

        var seen = guidelines.Any(IsVerified);
        if (!seen)
        {
            reasons.Add("The guideline was seen only second-hand; check the official text.");
        }

        return Make(GradeScale.Guideline, seen ? GradeLevel.High : GradeLevel.Moderate, reasons) with { Guideline = words };
    }

    /// <summary>
    /// The level an item starts from: its design's, except that a meta-analysis or systematic review
    /// that records what it pooled starts from its weakest substantial pooled design (randomised trials
    /// of any blinding count as high there, as GRADE does; their bias is the review's risk-of-bias judgement).
    /// </summary>
    internal static GradeLevel Start(EvidenceItem item)
    {
        var start = StartLevel(item.Design);
        if (!IsSynthesis(item.Design) || item.Pooled.Count == 0)
        {
            return start;
        }

        return Substantial(item.Pooled).Select(p => PooledStart(p.Design)).Max() is var weakest && weakest > start ? weakest : start;
    }

    /// <summary>The pooled designs that make up a substantial share (all of them when a share is not reported).</summary>
    public static IEnumerable<PooledDesign> Substantial(IReadOnlyList<PooledDesign> pooled)
    {
        if (pooled.Any(p => p.Studies is null))
        {
            return pooled;
        }

        var total = pooled.Sum(p => p.Studies!.Value);
        return total == 0 ? pooled : pooled.Where(p => p.Studies!.Value >= SubstantialShare * total);
    }

    private static GradeLevel PooledStart(StudyDesign design) => design switch
    {
        StudyDesign.DoubleBlindRct or StudyDesign.Rct or StudyDesign.OpenRct => GradeLevel.High,
        _ => StartLevel(design),
    };

    private static string PooledWords(EvidenceItem item)
    {
        if (!IsSynthesis(item.Design) || item.Pooled.Count == 0 || Start(item) == StartLevel(item.Design))
        {
            return string.Empty;
        }

        var weakest = Substantial(item.Pooled).MaxBy(p => PooledStart(p.Design))!;
        return $" whose pooled studies include {DesignWords(weakest.Design)[(DesignWords(weakest.Design).IndexOf(' ', StringComparison.Ordinal) + 1)..]} designs, so it starts where they do";
    }

    private static bool Supports(EvidenceItem item, bool nullSupports) =>
        item.Role == EvidenceRole.Supports || (nullSupports && item.Role == EvidenceRole.Null);

    private EvidenceGrade GradePreclinical(IReadOnlyList<EvidenceItem> evidence, bool nullSupports)
    {
        var reasons = new List<string>();
        var counted = Counted(evidence, reasons);
        if (counted.Count == 0)
        {
            reasons.Add("No verifiable study was found.");
            return Make(GradeScale.Preclinical, GradeLevel.Insufficient, reasons);
        }

        reasons.Add("Preclinical scale: animal, cell and mechanistic evidence says nothing certain about effects in people.");
        var animal = counted.Where(e => e.Design == StudyDesign.Animal).ToList();
        GradeLevel level;
        if (animal.Count > 0)
        {
            var supporting = animal.Where(e => Supports(e, nullSupports)).ToList();
            var species = supporting.Select(e => e.Species).Distinct().Count();
            var studies = supporting.Select(e => e.CitationId).Distinct().Count();
            if (studies >= 3 && species >= 2)
            {
                level = GradeLevel.High;
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Starts at high: {studies} supporting animal studies in {species} species."));
            }
            else if (studies >= 2)
            {
                level = GradeLevel.Moderate;
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Starts at moderate: {studies} supporting animal studies."));
            }
            else
            {
                level = GradeLevel.Low;
                reasons.Add("Starts at low: a single animal study or none supporting.");
            }
        }
        else if (counted.Any(e => e.Design == StudyDesign.InVitro))
        {
            level = GradeLevel.VeryLow;
            reasons.Add("Starts at very low: cell or tissue studies only.");
        }
        else
        {
            level = GradeLevel.VeryLow;
            reasons.Add("Starts at very low: a mechanistic statement without an outcome study.");
        }

        if (!counted.Any(IsVerified))
        {
            level = Lower(level, 1);
            reasons.Add("Lowered one level: none of the studies could be checked against its abstract or record.");
        }

        var supports = counted.Count(e => Supports(e, nullSupports));
        var against = counted.Count - supports;
        if (supports > 0 && against > 0)
        {
            level = Lower(level, 1);
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Lowered one level: the studies disagree; {supports} support the claim and {against} do not."));
        }

        if (counted.All(e => e.SponsorLinked))
        {
            level = Lower(level, 1);
            reasons.Add("Lowered one level: every study was funded or co-authored by the maker.");
        }

        return Make(GradeScale.Preclinical, level, reasons);
    }

    private EvidenceGrade GradeLabel(IReadOnlyList<EvidenceItem> evidence)
    {
        var reasons = new List<string>();
        var counted = Counted(evidence, reasons);
        if (counted.Count == 0)
        {
            reasons.Add("The labelling text could not be found.");
            return Make(GradeScale.Label, GradeLevel.Insufficient, reasons);
        }

        if (counted.Any(IsVerified))
        {
            reasons.Add("Stated in product labelling or a guideline; the official text was seen. This is a regulatory statement, not a measure of study certainty.");
            return Make(GradeScale.Label, GradeLevel.High, reasons);
        }

        reasons.Add("Stated in product labelling, but seen only in copies on secondary pages; check the official text. This is a regulatory statement, not a measure of study certainty.");
        return Make(GradeScale.Label, GradeLevel.Moderate, reasons);
    }

    private List<EvidenceItem> Counted(IReadOnlyList<EvidenceItem> evidence, List<string> reasons)
    {
        var counted = new List<EvidenceItem>(evidence.Count);
        var notFound = 0;
        var contradicted = 0;
        var community = 0;
        foreach (var item in evidence)
        {
            if (_citations(item.CitationId) is { IsCommunityOnly: true })
            {
                community++;
                continue;
            }

            switch (_citations(item.CitationId)?.Verification.Status)
            {
                case null:
                case VerificationStatus.NotFound:
                    notFound++;
                    break;
                case VerificationStatus.Contradicted:
                    contradicted++;
                    break;
                default:
                    counted.Add(item);
                    break;
            }
        }

        if (notFound > 0)
        {
            reasons.Add(notFound == 1
                ? "One cited study could not be found; it is listed but not counted."
                : string.Create(CultureInfo.InvariantCulture, $"{notFound} cited studies could not be found; they are listed but not counted."));
        }

        if (community > 0)
        {
            reasons.Add(community == 1
                ? "One study is known only from a community post; it is shown as a lead and never counted."
                : string.Create(CultureInfo.InvariantCulture, $"{community} studies are known only from community posts; they are shown as leads and never counted."));
        }

        if (contradicted > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{contradicted} cited record(s) contradict what was attributed to them and are not counted."));
        }

        return counted;
    }

    private bool IsVerified(EvidenceItem item) => _citations(item.CitationId)?.Verification.IsVerified == true;

    private static bool IsSynthesis(StudyDesign design) => design is StudyDesign.MetaAnalysis or StudyDesign.SystematicReview;

    /// <summary>The level a human design starts from, before any lowering.</summary>
    internal static GradeLevel StartLevel(StudyDesign design) => design switch
    {
        StudyDesign.MetaAnalysis or StudyDesign.SystematicReview or StudyDesign.DoubleBlindRct => GradeLevel.High,
        StudyDesign.Rct or StudyDesign.OpenRct or StudyDesign.Guideline => GradeLevel.Moderate,
        StudyDesign.NonRandomisedControlled or StudyDesign.Cohort or StudyDesign.CaseControl
            or StudyDesign.Pharmacokinetic or StudyDesign.Label => GradeLevel.Low,
        _ => GradeLevel.VeryLow,
    };

    private static GradeLevel Lower(GradeLevel level, int steps) =>
        (GradeLevel)Math.Min((int)GradeLevel.VeryLow, (int)level + steps);

    private static EvidenceGrade Make(GradeScale scale, GradeLevel level, List<string> reasons) => new()
    {
        Scale = scale,
        Level = level,
        Reasons = reasons,
        Algorithm = Version,
    };

    private static string Words(GradeLevel level) => level switch
    {
        GradeLevel.High => "high",
        GradeLevel.Moderate => "moderate",
        GradeLevel.Low => "low",
        _ => "very low",
    };

    /// <summary>Plain words for a design, as used in grade reasons and on pages.</summary>
    public static string DesignWords(StudyDesign design) => design switch
    {
        StudyDesign.MetaAnalysis => "a meta-analysis",
        StudyDesign.SystematicReview => "a systematic review",
        StudyDesign.DoubleBlindRct => "a double-blind randomised trial",
        StudyDesign.Rct => "a randomised trial whose blinding is not stated",
        StudyDesign.OpenRct => "an open (unblinded) randomised trial",
        StudyDesign.NonRandomisedControlled => "a non-randomised controlled study",
        StudyDesign.Cohort => "a cohort study",
        StudyDesign.CaseControl => "a case-control study",
        StudyDesign.Pharmacokinetic => "a pharmacokinetic study",
        StudyDesign.CaseSeries => "an uncontrolled case series",
        StudyDesign.CaseReport => "a case report",
        StudyDesign.CongressAbstract => "a congress abstract",
        StudyDesign.NarrativeReview => "a narrative review",
        StudyDesign.Guideline => "a guideline",
        StudyDesign.Label => "product labelling",
        StudyDesign.ExpertOpinion => "expert opinion",
        StudyDesign.Animal => "an animal study",
        _ => "a cell or tissue study",
    };
}
