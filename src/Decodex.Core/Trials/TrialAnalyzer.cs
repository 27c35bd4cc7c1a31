using System.Globalization;

namespace Decodex.Core.Trials;

/// <summary>What the person fixed for an outcome before unblinding.</summary>
/// <param name="LowerIsBetter">True when a lower value is the better one (reaction time, side effects).</param>
/// <param name="MinimalImportantDifference">The smallest change that would matter to the person, in the outcome's units; null when none was given.</param>
/// <param name="Prior">An informative prior on A − B in the outcome's units, shown beside the flat-prior result; null for none.</param>
/// <param name="Population">The knowledge base's population effect for this outcome: shown beside the person's result and, without <paramref name="Prior"/>, turned into the informative prior.</param>
public sealed record OutcomeSettings(bool LowerIsBetter = false, double? MinimalImportantDifference = null, EffectPrior? Prior = null, PopulationEffect? Population = null);

/// <summary>Options of an analysis.</summary>
/// <param name="Trend">Whether the main model has a linear trend (practice effects, seasons); the trend diagnostic is computed either way.</param>
/// <param name="Outcomes">Settings by outcome name; outcomes not named get the defaults (higher is better, no MID, flat prior).</param>
public sealed record TrialAnalysisOptions(bool Trend = false, IReadOnlyDictionary<string, OutcomeSettings>? Outcomes = null);

/// <summary>The effect A − B in the first and in the second half of the days of each phase, a descriptive look at carry-over and slow onset.</summary>
public sealed record CarryOverCheck(double? EarlyDifference, double? LateDifference, int EarlyDays, int LateDays);

/// <summary>The analysis of one outcome.</summary>
public sealed record OutcomeAnalysis
{
    public required string Outcome { get; init; }

    /// <summary><c>estimated</c>, <c>too-few-days</c>, <c>one-condition</c> or <c>no-variation</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Days with a value (a day measured several times counts once, at its mean).</summary>
    public required int N { get; init; }
    public required int DaysA { get; init; }
    public required int DaysB { get; init; }
    public required int Periods { get; init; }
    public required OutcomeSettings Settings { get; init; }

    /// <summary>The flat-prior posterior; null unless estimated.</summary>
    public EffectPosterior? Posterior { get; init; }

    /// <summary>With an informative prior: the posterior under it (shown beside the flat one, never instead).</summary>
    public EffectPosterior? PosteriorWithPrior { get; init; }

    /// <summary>The effect with a linear trend in the model (when the main model has none), or without one (when it has).</summary>
    public EffectPosterior? Alternative { get; init; }

    public RandomisationResult? Randomisation { get; init; }
    public CarryOverCheck? CarryOver { get; init; }

    /// <summary>The mean of the A days minus the mean of the B days, as a first look (not the estimate).</summary>
    public double? RawDifference { get; init; }

    /// <summary>A plain-language summary; it never says "proven" or "significant".</summary>
    public required string Summary { get; init; }

    /// <summary>P(the better direction): P(A − B &gt; 0), or &lt; 0 when lower is better.</summary>
    public double? ProbabilityBenefit => Posterior is null ? null : Settings.LowerIsBetter ? 1 - Posterior.ProbabilityPositive : Posterior.ProbabilityPositive;

    /// <summary>P(a change at least the MID in the better direction).</summary>
    public double? ProbabilityMeaningfulBenefit => Posterior is null || Settings.MinimalImportantDifference is not { } mid ? null
        : Settings.LowerIsBetter ? Posterior.ProbabilityBelow(-mid) : Posterior.ProbabilityAbove(mid);

    /// <summary>P(a change at least the MID in the worse direction).</summary>
    public double? ProbabilityMeaningfulHarm => Posterior is null || Settings.MinimalImportantDifference is not { } mid ? null
        : Settings.LowerIsBetter ? Posterior.ProbabilityAbove(mid) : Posterior.ProbabilityBelow(-mid);
}

/// <summary>The analysis of a trial: one <see cref="OutcomeAnalysis"/> per outcome, in the order they first appear.</summary>
public sealed record TrialAnalysis(DateOnly FirstDate, DateOnly LastDate, int Periods, bool Trend, IReadOnlyList<OutcomeAnalysis> Outcomes);

/// <summary>Analyses the days of a trial outcome by outcome: the Bayesian AR(1) model, the randomisation test and the diagnostics.</summary>
public static class TrialAnalyzer
{
    public static TrialAnalysis Analyze(IReadOnlyList<TrialRow> rows, TrialAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("There are no measurements.", nameof(rows));
        }

        options ??= new TrialAnalysisOptions();
        var first = rows.Min(r => r.Date);
        var results = new List<OutcomeAnalysis>();
        foreach (var outcome in rows.Select(r => r.Outcome).Distinct(StringComparer.Ordinal))
        {
            var days = rows.Where(r => r.Outcome == outcome)
                .GroupBy(r => r.Date)
                .OrderBy(g => g.Key)
                .Select(g => new TrialDay(g.Key.DayNumber - first.DayNumber, g.First().Period, g.First().Arm, g.Average(r => r.Value)))
                .ToList();
            var settings = options.Outcomes?.GetValueOrDefault(outcome) ?? new OutcomeSettings();
            results.Add(AnalyzeOutcome(outcome, days, settings, options.Trend));
        }

        return new TrialAnalysis(first, rows.Max(r => r.Date), rows.Select(r => r.Period).Distinct().Count(), options.Trend, results);
    }

    /// <summary>Analyses one outcome's days (one value per day, in day order).</summary>
    public static OutcomeAnalysis AnalyzeOutcome(string outcome, IReadOnlyList<TrialDay> days, OutcomeSettings settings, bool trend)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(settings);
        var daysA = days.Count(d => d.Arm == TrialArm.A);
        var daysB = days.Count - daysA;
        var periods = days.Select(d => d.Period).Distinct().Count();
        var randomisation = RandomisationTest.Run(days);
        double? raw = daysA > 0 && daysB > 0 ? days.Where(d => d.Arm == TrialArm.A).Average(d => d.Value) - days.Where(d => d.Arm == TrialArm.B).Average(d => d.Value) : null;
        var analysis = new OutcomeAnalysis
        {
            Outcome = outcome,
            Status = "estimated",
            N = days.Count,
            DaysA = daysA,
            DaysB = daysB,
            Periods = periods,
            Settings = settings,
            Randomisation = randomisation,
            RawDifference = raw,
            CarryOver = CarryOver(days),
            Summary = string.Empty,
        };

        if (daysA == 0 || daysB == 0)
        {
            return analysis with
            {
                Status = "one-condition",
                Summary = $"{outcome}: every day with a value was on condition {(daysA == 0 ? "B" : "A")}, so there is nothing to compare.",
            };
        }

        if (days.All(d => d.Value == days[0].Value))
        {
            return analysis with
            {
                Status = "no-variation",
                Summary = $"{outcome}: the value was the same on every day, so there is no difference to estimate.",
            };
        }

        var posterior = ArOneModel.Fit(days, trend);
        if (posterior is null)
        {
            return analysis with
            {
                Status = "too-few-days",
                Summary = $"{outcome}: {days.Count} days are too few to estimate an effect and the day-to-day correlation (at least {(trend ? 5 : 4)} are needed, and many more for a useful answer).",
            };
        }

        // A population effect becomes a prior in the person's units through their own day-to-day SD.
        var prior = settings.Prior ?? settings.Population?.ToPrior(posterior.Sigma, settings.LowerIsBetter);
        analysis = analysis with
        {
            Settings = settings with { Prior = prior },
            Posterior = posterior,
            PosteriorWithPrior = prior is null ? null : ArOneModel.Fit(days, trend, prior),
            Alternative = ArOneModel.Fit(days, !trend),
        };
        return analysis with { Summary = Summarise(analysis) };
    }

    private static CarryOverCheck CarryOver(IReadOnlyList<TrialDay> days)
    {
        // A phase is a run of consecutive days (in the data) of one condition in one period.
        var early = new List<TrialDay>();
        var late = new List<TrialDay>();
        var start = 0;
        for (var i = 1; i <= days.Count; i++)
        {
            if (i < days.Count && days[i].Arm == days[start].Arm && days[i].Period == days[start].Period)
            {
                continue;
            }

            var length = i - start;
            var half = length / 2;
            for (var j = 0; j < length; j++)
            {
                (j < half ? early : late).Add(days[start + j]);
            }

            start = i;
        }

        static double? Difference(List<TrialDay> part)
        {
            var a = part.Where(d => d.Arm == TrialArm.A).Select(d => d.Value).ToList();
            var b = part.Where(d => d.Arm == TrialArm.B).Select(d => d.Value).ToList();
            return a.Count > 0 && b.Count > 0 ? a.Average() - b.Average() : null;
        }

        return new CarryOverCheck(Difference(early), Difference(late), early.Count, late.Count);
    }

    private static string Summarise(OutcomeAnalysis a)
    {
        var p = a.Posterior!;
        var s = a.Settings;
        var text = new System.Text.StringBuilder();
        string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        string Percent(double v) => v switch
        {
            < 0.01 => "under 1 %",
            > 0.99 => "over 99 %",
            _ => (v * 100).ToString("0", CultureInfo.InvariantCulture) + " %",
        };

        text.Append(CultureInfo.InvariantCulture, $"{a.Outcome}: over {a.N} days in {a.Periods} periods ({a.DaysA} on A, {a.DaysB} on B), ");
        text.Append(CultureInfo.InvariantCulture, $"A − B is estimated at {N(p.Effect.Estimate)} (95 % credible interval {N(p.Effect.Lower)} to {N(p.Effect.Upper)}). ");
        var better = s.LowerIsBetter ? "lowered" : "raised";
        text.Append(CultureInfo.InvariantCulture, $"The probability that A {better} it, which is the better direction, is {Percent(a.ProbabilityBenefit!.Value)}");
        if (s.MinimalImportantDifference is { } mid)
        {
            text.Append(CultureInfo.InvariantCulture, $"; that it did so by at least your chosen {N(mid)}, {Percent(a.ProbabilityMeaningfulBenefit!.Value)}; that it moved it at least as far the wrong way, {Percent(a.ProbabilityMeaningfulHarm!.Value)}");
        }

        text.Append(". ");
        text.Append(p.Effect.Lower > 0 || p.Effect.Upper < 0
            ? "The interval does not include 0 (no difference). This describes your own days under this plan, not people in general. "
            : "The data are consistent with no difference: the interval spans both directions. ");
        text.Append(CultureInfo.InvariantCulture, $"Carry-over from one day to the next (autocorrelation ρ ≈ {p.Rho:0.00}) is part of the model. ");
        if (a.Randomisation is { } r)
        {
            text.Append(CultureInfo.InvariantCulture, $"The randomisation test gives p = {N(r.P)}");
            text.Append(r.MinimumP > 0.05
                ? string.Create(CultureInfo.InvariantCulture, $"; with {r.Periods} randomised periods it can never go below {N(r.MinimumP)}, so more periods would sharpen it. ")
                : ". ");
        }

        if (a.Alternative is { } other && Math.Abs(other.Effect.Estimate - p.Effect.Estimate) > 0.5 * (p.Effect.Upper - p.Effect.Lower) / 2)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(p.TrendPerWeek is null ? "With a linear trend in the model" : "Without the trend")} the estimate moves to {N(other.Effect.Estimate)}: read the result with that in mind. ");
        }

        if (s.Population is { } population)
        {
            text.Append(CultureInfo.InvariantCulture, $"The published evidence (\u201C{population.ClaimTitle}\u201D, evidence grade {population.Grade.Label.ToLowerInvariant()}; {population.Metric} {N(population.Estimate)}, 95 % CI {N(population.Lower)} to {N(population.Upper)}, {population.Source}) is an average over other people, in units of differences between people; ");
            text.Append(CultureInfo.InvariantCulture, $"on your day-to-day SD of {N(p.Sigma)} it would be about {N(Math.Abs(population.BenefitInSds * p.Sigma))} in the {(population.BenefitInSds >= 0 ? "better" : "worse")} direction, against your own {N(p.Effect.Estimate)}. ");
        }

        if (a.PosteriorWithPrior is { } withPrior)
        {
            text.Append(CultureInfo.InvariantCulture, $"With an informative prior on A − B (mean {N(s.Prior!.Mean)}, SD {N(s.Prior.StandardDeviation)}{(s.Prior.Source is { } source ? ", from " + source : string.Empty)}) in place of the flat one, the estimate is {N(withPrior.Effect.Estimate)} ({N(withPrior.Effect.Lower)} to {N(withPrior.Effect.Upper)}). ");
        }

        return text.ToString().TrimEnd();
    }
}
