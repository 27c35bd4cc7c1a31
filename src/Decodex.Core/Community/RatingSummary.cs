using MathNet.Numerics.Distributions;

namespace Decodex.Core.Community;

/// <summary>
/// The community's ratings of one compound on the anchored 0–10 scale, summarised the way the community
/// notes advise (after the SlateStarCodex nootropics surveys): the whole distribution, n, the median, the
/// share rating 5 or more with its Wilson interval, and the mean shrunk toward the all-compound mean.
/// Nothing but n is shown below <see cref="RatingSummaries.MinimumShown"/> ratings. Self-selected and
/// unblinded: never evidence, and never read by the grader.
/// </summary>
/// <param name="Count">Ratings counted.</param>
/// <param name="Hidden">True below the minimum: every other figure is null.</param>
/// <param name="Histogram">How many rated 0, 1, … 10.</param>
/// <param name="Median">The median rating.</param>
/// <param name="ShareAtLeastFive">The share rating 5 or more, with its 95 % Wilson interval.</param>
/// <param name="Mean">The plain mean.</param>
/// <param name="ShrunkMean">The mean shrunk toward the all-compound mean (empirical Bayes); null when too few compounds have enough ratings to estimate how much compounds differ.</param>
public sealed record RatingSummary(int Count, bool Hidden, IReadOnlyList<int>? Histogram, double? Median, Trials.Interval? ShareAtLeastFive, double? Mean, double? ShrunkMean)
{
    /// <summary>The caption every display of these figures carries.</summary>
    public const string Caption = "Self-selected, unblinded ratings from people who chose to report: not evidence.";
}

/// <summary>Builds <see cref="RatingSummary"/>s for every compound at once (the shrinkage needs them all).</summary>
public static class RatingSummaries
{
    /// <summary>Fewer ratings than this are not summarised (a cell this small could identify people and says little).</summary>
    public const int MinimumShown = 5;

    /// <summary>The 95 % Wilson score interval of <paramref name="successes"/> out of <paramref name="n"/>.</summary>
    public static Trials.Interval Wilson(int successes, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        var z = Normal.InvCDF(0, 1, 0.975);
        var p = (double)successes / n;
        var z2n = z * z / n;
        var centre = (p + (z2n / 2)) / (1 + z2n);
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n))) / (1 + z2n);
        return new Trials.Interval(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// The summaries of every compound's ratings (each 0 to 10). The shrinkage is the normal–normal
    /// empirical Bayes of the compounds with at least <see cref="MinimumShown"/> ratings: the within-compound
    /// variance σ² pooled over them, the all-compound mean μ as the plain mean of their means, the
    /// between-compound variance τ² by the method of moments (the variance of the means less the mean of
    /// σ²/n, at least 0); each mean then moves toward μ by the weight (σ²/n) / (σ²/n + τ²). With fewer
    /// than three such compounds there is no shrunk mean.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A rating lies outside 0 to 10.</exception>
    public static IReadOnlyDictionary<string, RatingSummary> Of(IReadOnlyDictionary<string, IReadOnlyList<int>> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (ratings.Values.Any(r => r.Any(v => v is < 0 or > 10)))
        {
            throw new ArgumentOutOfRangeException(nameof(ratings), "Ratings lie from 0 to 10.");
        }

        var shown = ratings.Where(r => r.Value.Count >= MinimumShown).ToDictionary(r => r.Key, r => r.Value);
        double? mu = null, tau2 = null, sigma2 = null;
        if (shown.Count >= 3)
        {
            var means = shown.Values.Select(r => r.Average()).ToList();
            var freedom = shown.Values.Sum(r => r.Count - 1);
            sigma2 = shown.Values.Sum(r => { var m = r.Average(); return r.Sum(v => (v - m) * (v - m)); }) / freedom;
            mu = means.Average();
            var between = means.Sum(m => (m - mu.Value) * (m - mu.Value)) / (means.Count - 1);
            tau2 = Math.Max(0, between - shown.Values.Average(r => sigma2.Value / r.Count));
        }

        var result = new Dictionary<string, RatingSummary>(StringComparer.Ordinal);
        foreach (var (compound, values) in ratings)
        {
            if (values.Count < MinimumShown)
            {
                result[compound] = new RatingSummary(values.Count, true, null, null, null, null, null);
                continue;
            }

            var histogram = new int[11];
            foreach (var v in values)
            {
                histogram[v]++;
            }

            var sorted = values.Order().ToList();
            var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
            var mean = values.Average();
            double? shrunk = null;
            if (mu is { } m && tau2 is { } t && sigma2 is { } s)
            {
                var noise = s / values.Count;
                shrunk = noise + t == 0 ? m : ((t * mean) + (noise * m)) / (t + noise);
            }

            result[compound] = new RatingSummary(values.Count, false, histogram, median, Wilson(values.Count(v => v >= 5), values.Count), mean, shrunk);
        }

        return result;
    }
}
