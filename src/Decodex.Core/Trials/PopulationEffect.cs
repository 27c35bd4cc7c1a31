using System.Globalization;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Trials;

/// <summary>
/// What the published trials say on average about a compound and an outcome, as the knowledge base's
/// graded claim holds it: a standardised mean difference (SMD, Hedges' g or Cohen's d) from human
/// evidence, with its 95 % interval, the claim's grade and the citation. Shown beside a person's own
/// result; used as an informative prior only when asked, and then shown with and without.
/// </summary>
/// <param name="ClaimId">The claim.</param>
/// <param name="CitationId">The study or review the figure comes from.</param>
/// <param name="Metric">As the source names it.</param>
/// <param name="Estimate">The standardised effect, signed as the source reports it.</param>
/// <param name="Lower">Its 95 % interval, lower end.</param>
/// <param name="Upper">Its 95 % interval, upper end.</param>
/// <param name="Direction">What the claim says the compound does to the outcome.</param>
/// <param name="Grade">The claim's computed grade.</param>
/// <param name="Participants">Participants behind the figure, when known.</param>
/// <param name="ClaimTitle">The claim's title, as a page shows it.</param>
/// <param name="Source">The source as a reader names it: first author, journal, year.</param>
public sealed record PopulationEffect(string ClaimId, string CitationId, string Metric, double Estimate, double Lower, double Upper, EffectDirection Direction, EvidenceGrade Grade, int? Participants, string ClaimTitle, string Source)
{
    private static readonly string[] StandardisedMetrics = ["smd", "hedges' g", "hedges g", "hedges’ g", "cohen's d", "cohen’s d", "cohen d", "g", "d"];

    /// <summary>
    /// The size of the effect in the better direction, in SD units: |estimate| when the claim says
    /// benefit, −|estimate| when it says harm, 0 for no effect or mixed evidence (whose interval still
    /// sets the spread).
    /// </summary>
    public double BenefitInSds => Direction switch
    {
        EffectDirection.Benefit => Math.Abs(Estimate),
        EffectDirection.Harm => -Math.Abs(Estimate),
        _ => 0,
    };

    /// <summary>The spread of the estimate in SD units (the 95 % interval's width over 3.92).</summary>
    public double SpreadInSds => Math.Abs(Upper - Lower) / 3.92;

    /// <summary>
    /// How far one person's own effect may lie from the average, in SD units, when turning a population
    /// effect into a prior: an assumption of ours, not a figure from the evidence (reviews report the
    /// uncertainty of the average, not the spread of individual responses). Half an SD lets a person's
    /// data move the estimate readily while still saying which way the trials point.
    /// </summary>
    public const double IndividualSpreadInSds = 0.5;

    /// <summary>
    /// A prior on the person's A − B in their outcome's units: the population effect in SDs times the
    /// person's day-to-day SD, signed so that benefit points the outcome's better way, with a spread
    /// that adds <see cref="IndividualSpreadInSds"/> to the interval's. This bridge from differences
    /// between people to differences between one person's days is rough, and is said so wherever it is
    /// shown; the result without it is always shown too.
    /// </summary>
    public EffectPrior ToPrior(double personSd, bool lowerIsBetter)
    {
        var sign = lowerIsBetter ? -1 : 1;
        var spread = Math.Sqrt((SpreadInSds * SpreadInSds) + (IndividualSpreadInSds * IndividualSpreadInSds));
        return new EffectPrior(sign * BenefitInSds * personSd, spread * personSd, $"\u201C{ClaimTitle}\u201D ({Source}, {Metric} {Estimate.ToString("0.##", CultureInfo.InvariantCulture)})");
    }

    /// <summary>
    /// The best population figure for <paramref name="compoundId"/> and <paramref name="outcomeId"/>: from
    /// human evidence with a standardised metric and an interval, preferring meta-analyses and then the
    /// most participants; null when the knowledge base has none (a monograph may hold only narrative
    /// evidence, or none in people).
    /// </summary>
    public static PopulationEffect? Find(KnowledgeBase knowledgeBase, string compoundId, string outcomeId)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        if (knowledgeBase.Compound(compoundId) is not { } compound)
        {
            return null;
        }

        var found = new List<(PopulationEffect Effect, bool Pooled, int Participants)>();
        foreach (var claim in compound.Claims.Where(c => c.OutcomeId == outcomeId))
        {
            foreach (var item in claim.Evidence)
            {
                if (item.Species == Species.Human && item.Effect is { } effect && IsStandardised(effect.Metric)
                    && TryParse(effect, out var estimate, out var lower, out var upper))
                {
                    found.Add((new PopulationEffect(claim.Id, item.CitationId, effect.Metric, estimate, lower, upper, claim.Direction, claim.Grade, item.Participants, claim.Title, SourceName(knowledgeBase.Citation(item.CitationId), item.CitationId)),
                        item.Design is StudyDesign.MetaAnalysis or StudyDesign.SystematicReview, item.Participants ?? 0));
                }
            }
        }

        return found.OrderByDescending(x => x.Pooled).ThenByDescending(x => x.Participants).ThenBy(x => x.Effect.ClaimId, StringComparer.Ordinal)
            .Select(x => x.Effect).FirstOrDefault();
    }

    /// <summary>First author (et al.), journal and year; the title when those are missing.</summary>
    private static string SourceName(Citation? citation, string fallback)
    {
        if (citation is null)
        {
            return fallback;
        }

        var who = citation.Authors.Count > 0 ? citation.Authors[0].Split(' ')[0] + (citation.Authors.Count > 1 ? " et al." : string.Empty) : null;
        var head = string.Join(" ", new[] { who, citation.Journal, citation.Year?.ToString(CultureInfo.InvariantCulture) }.OfType<string>());
        return head.Length > 0 ? head : citation.Title;
    }

    private static bool IsStandardised(string metric)
    {
        var m = metric.Trim().ToLowerInvariant();
        return StandardisedMetrics.Any(s => m == s || m.StartsWith(s + " ", StringComparison.Ordinal) || m.StartsWith(s + "(", StringComparison.Ordinal));
    }

    private static bool TryParse(EffectEstimate effect, out double estimate, out double lower, out double upper)
    {
        lower = upper = 0;
        if (!TryNumber(effect.Value, out estimate) || effect.Interval is null)
        {
            return false;
        }

        var parts = effect.Interval.Split(" to ", StringSplitOptions.TrimEntries);
        return parts.Length == 2 && TryNumber(parts[0], out lower) && TryNumber(parts[1], out upper) && lower <= upper;
    }

    private static bool TryNumber(string? text, out double value) =>
        double.TryParse(text?.Replace('−', '-'), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
