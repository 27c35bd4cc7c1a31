using MathNet.Numerics.Distributions;

namespace Decodex.Core.Trials.Cognitive;

/// <summary>
/// One trial of the psychomotor vigilance test, as the browser stored it.
/// </summary>
/// <param name="ReactionTimeMs">Stimulus onset to key press, in ms; null when the person did not respond before the trial timed out.</param>
/// <param name="ResponseWithoutStimulus">True for a key press while no stimulus was shown (a false start).</param>
public sealed record PvtTrial(double? ReactionTimeMs, bool ResponseWithoutStimulus = false);

/// <summary>The scores of one PVT session.</summary>
/// <param name="Trials">Trials with a stimulus.</param>
/// <param name="ResponseSpeed">Mean of 1000/RT over valid responses (RT ≥ 100 ms, lapses included), in s⁻¹: the primary outcome.</param>
/// <param name="MedianRtMs">Median RT of valid responses.</param>
/// <param name="Lapses">Valid responses with RT at or above the lapse threshold, plus trials with no response.</param>
/// <param name="FalseStarts">Responses under 100 ms and presses with no stimulus.</param>
/// <param name="Fastest10PercentRtMs">Mean RT of the fastest 10 % of valid responses.</param>
/// <param name="Slowest10PercentSpeed">Mean 1000/RT of the slowest 10 % of valid responses.</param>
/// <param name="LapseThresholdMs">500 ms for the 10-minute PVT, 355 ms for the 3-minute PVT-B.</param>
public sealed record PvtScore(int Trials, double? ResponseSpeed, double? MedianRtMs, int Lapses, int FalseStarts, double? Fastest10PercentRtMs, double? Slowest10PercentSpeed, double LapseThresholdMs);

/// <summary>One trial of the adaptive digit span: the length shown and whether it was recalled exactly.</summary>
public sealed record DigitSpanTrial(int Length, bool Correct);

/// <summary>The scores of one digit-span session.</summary>
/// <param name="Trials">Lists shown.</param>
/// <param name="MeanSpan">The mean of the lengths at which the staircase reversed (the primary outcome; finer than an integer span).</param>
/// <param name="Reversals">How many reversals the mean is over.</param>
/// <param name="LongestCorrect">The longest list recalled exactly.</param>
public sealed record DigitSpanScore(int Trials, double? MeanSpan, int Reversals, int? LongestCorrect);

/// <summary>One trial of the n-back: whether the letter matched the one n back, whether the person pressed, and the RT of a press.</summary>
public sealed record NBackTrial(bool IsTarget, bool Responded, double? ReactionTimeMs = null);

/// <summary>The scores of one n-back session (signal detection with the log-linear correction).</summary>
public sealed record NBackScore(int Targets, int NonTargets, int Hits, int Misses, int FalseAlarms, int CorrectRejections, double HitRate, double FalseAlarmRate, double DPrime, double Criterion, double? MeanHitRtMs);

/// <summary>One Stroop trial: whether word and ink agreed, whether the answer was right, and its RT.</summary>
public sealed record StroopTrial(bool Congruent, bool Correct, double? ReactionTimeMs);

/// <summary>The scores of one Stroop session.</summary>
/// <param name="Trials">Trials shown.</param>
/// <param name="ResponseSpeed">Mean 1000/RT over correct responses, in s⁻¹ (the primary outcome: steadier than the interference difference).</param>
/// <param name="Accuracy">Share of trials answered correctly (a trial without answer is wrong).</param>
/// <param name="MedianCongruentMs">Median RT of correct congruent trials.</param>
/// <param name="MedianIncongruentMs">Median RT of correct incongruent trials.</param>
/// <param name="InterferenceMs">Median incongruent − median congruent (secondary: a difference of two noisy medians).</param>
/// <param name="InterferenceRatio">Interference / median congruent.</param>
/// <param name="InverseEfficiencyMs">Mean RT of correct trials / accuracy.</param>
public sealed record StroopScore(int Trials, double? ResponseSpeed, double Accuracy, double? MedianCongruentMs, double? MedianIncongruentMs, double? InterferenceMs, double? InterferenceRatio, double? InverseEfficiencyMs);

/// <summary>
/// Scoring of the cognitive tests from their raw trials, as set out in the project's N-of-1 notes
/// (Basner and Dinges for the PVT, Woods et al. 2011 for the mean span, Hautus 1995 for the corrected
/// d′). Every score is recomputed from the stored trials, never taken from the browser.
/// </summary>
public static class CognitiveScoring
{
    /// <summary>Responses faster than this are false starts.</summary>
    public const double FalseStartMs = 100;

    /// <summary>The lapse threshold of the standard 10-minute PVT.</summary>
    public const double LapseMs = 500;

    /// <summary>The lapse threshold of the 3-minute PVT-B.</summary>
    public const double BriefLapseMs = 355;

    public static PvtScore ScorePvt(IReadOnlyList<PvtTrial> trials, bool brief)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var threshold = brief ? BriefLapseMs : LapseMs;
        var withStimulus = trials.Where(t => !t.ResponseWithoutStimulus).ToList();
        var valid = withStimulus.Where(t => t.ReactionTimeMs >= FalseStartMs).Select(t => t.ReactionTimeMs!.Value).Order().ToList();
        var falseStarts = trials.Count(t => t.ResponseWithoutStimulus || t.ReactionTimeMs < FalseStartMs);
        var lapses = valid.Count(rt => rt >= threshold) + withStimulus.Count(t => t.ReactionTimeMs is null);
        if (valid.Count == 0)
        {
            return new PvtScore(withStimulus.Count, null, null, lapses, falseStarts, null, null, threshold);
        }

        var tenth = Math.Max(1, (int)Math.Round(valid.Count * 0.1, MidpointRounding.AwayFromZero));
        return new PvtScore(
            withStimulus.Count,
            valid.Average(rt => 1000 / rt),
            Median(valid),
            lapses,
            falseStarts,
            valid.Take(tenth).Average(),
            valid.Skip(valid.Count - tenth).Average(rt => 1000 / rt),
            threshold);
    }

    public static DigitSpanScore ScoreDigitSpan(IReadOnlyList<DigitSpanTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);

        // The staircase goes up after a correct list and down after a wrong one; a reversal is a trial
        // whose outcome differs from the one before, and its length is where the staircase turned.
        var reversals = new List<int>();
        for (var i = 1; i < trials.Count; i++)
        {
            if (trials[i].Correct != trials[i - 1].Correct)
            {
                reversals.Add(trials[i].Length);
            }
        }

        int? longest = trials.Where(t => t.Correct).Select(t => (int?)t.Length).DefaultIfEmpty(null).Max();
        return new DigitSpanScore(trials.Count, reversals.Count >= 2 ? reversals.Average() : longest, reversals.Count, longest);
    }

    public static NBackScore ScoreNBack(IReadOnlyList<NBackTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var targets = trials.Count(t => t.IsTarget);
        var nonTargets = trials.Count - targets;
        var hits = trials.Count(t => t.IsTarget && t.Responded);
        var falseAlarms = trials.Count(t => !t.IsTarget && t.Responded);

        // Log-linear correction (Hautus 1995): add 0.5 to each count and 1 to each total, so rates of 0 or 1 stay finite.
        var hitRate = (hits + 0.5) / (targets + 1);
        var falseAlarmRate = (falseAlarms + 0.5) / (nonTargets + 1);
        var zHit = Normal.InvCDF(0, 1, hitRate);
        var zFalseAlarm = Normal.InvCDF(0, 1, falseAlarmRate);
        var hitRts = trials.Where(t => t.IsTarget && t.Responded && t.ReactionTimeMs is not null).Select(t => t.ReactionTimeMs!.Value).ToList();
        return new NBackScore(targets, nonTargets, hits, targets - hits, falseAlarms, nonTargets - falseAlarms, hitRate, falseAlarmRate,
            zHit - zFalseAlarm, -(zHit + zFalseAlarm) / 2, hitRts.Count > 0 ? hitRts.Average() : null);
    }

    public static StroopScore ScoreStroop(IReadOnlyList<StroopTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var correct = trials.Where(t => t.Correct && t.ReactionTimeMs > 0).ToList();
        var accuracy = trials.Count == 0 ? 0 : (double)trials.Count(t => t.Correct) / trials.Count;
        var congruent = correct.Where(t => t.Congruent).Select(t => t.ReactionTimeMs!.Value).Order().ToList();
        var incongruent = correct.Where(t => !t.Congruent).Select(t => t.ReactionTimeMs!.Value).Order().ToList();
        double? medianC = congruent.Count > 0 ? Median(congruent) : null;
        double? medianI = incongruent.Count > 0 ? Median(incongruent) : null;
        double? interference = medianC is { } c && medianI is { } i ? i - c : null;
        return new StroopScore(
            trials.Count,
            correct.Count > 0 ? correct.Average(t => 1000 / t.ReactionTimeMs!.Value) : null,
            accuracy,
            medianC,
            medianI,
            interference,
            interference is { } d && medianC is { } mc ? d / mc : null,
            correct.Count > 0 && accuracy > 0 ? correct.Average(t => t.ReactionTimeMs!.Value) / accuracy : null);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
