namespace Decodex.Core.Trials;

/// <summary>How the conditions were assigned, which decides the reference set of the randomisation test.</summary>
public enum RandomisationScheme
{
    /// <summary>Each period holds both conditions in a randomised order (ABAB pairs, randomised blocks, alternating days in pairs): every period's A − B may change sign.</summary>
    WithinPeriods,

    /// <summary>Each period holds one condition, the conditions shuffled over the periods (counts kept).</summary>
    AcrossPeriods,
}

/// <summary>The randomisation test of one outcome.</summary>
/// <param name="Scheme">The reference set used.</param>
/// <param name="Statistic">The observed statistic: the mean over periods of (mean of A days − mean of B days), or with <see cref="RandomisationScheme.AcrossPeriods"/> the mean of A periods' means − the mean of B periods' means.</param>
/// <param name="P">Two-sided p: the share of allocations whose statistic is at least as far from 0 as the observed one.</param>
/// <param name="MinimumP">The smallest p the design can give (2 / 2^K for K periods within which order was randomised).</param>
/// <param name="Allocations">How many allocations were weighed.</param>
/// <param name="Exact">True when every allocation was enumerated; false for a Monte Carlo sample (fixed seed).</param>
/// <param name="Periods">The periods that entered the test.</param>
/// <param name="PeriodsLeftOut">Periods that could not enter it (a period with only one condition when the scheme is within periods).</param>
public sealed record RandomisationResult(RandomisationScheme Scheme, double Statistic, double P, double MinimumP, long Allocations, bool Exact, int Periods, int PeriodsLeftOut);

/// <summary>
/// The design-based test that goes with the Bayesian model: it assumes nothing about autocorrelation,
/// trend or distribution, only that the conditions were assigned at random as the scheme says, and its
/// reference distribution is every allocation the randomisation could have made (the logic of the R
/// package SCRT for randomised-block and completely randomised single-case designs). With few periods
/// it is coarse: four randomised pairs can never give p below 0.125.
/// </summary>
public static class RandomisationTest
{
    /// <summary>Above this many allocations a Monte Carlo sample is drawn instead of enumerating them all.</summary>
    public const int MaxExactAllocations = 1 << 20;

    /// <summary>Allocations in a Monte Carlo sample (the observed one among them): p to within about ±0.001 near 0.05.</summary>
    public const int MonteCarloSamples = 200_000;

    private const double Tolerance = 1e-9;

    /// <summary>Runs the test; null when fewer than two periods can enter it.</summary>
    public static RandomisationResult? Run(IReadOnlyList<TrialDay> days, int seed = 20261204)
    {
        ArgumentNullException.ThrowIfNull(days);
        var periods = days.GroupBy(d => d.Period).OrderBy(g => g.Key).Select(g => new
        {
            A = g.Where(d => d.Arm == TrialArm.A).Select(d => d.Value).ToArray(),
            B = g.Where(d => d.Arm == TrialArm.B).Select(d => d.Value).ToArray(),
        }).ToList();

        var mixed = periods.Where(p => p.A.Length > 0 && p.B.Length > 0).ToList();
        if (mixed.Count > 0)
        {
            var differences = mixed.Select(p => p.A.Average() - p.B.Average()).ToArray();
            return mixed.Count < 2 ? null : SignFlip(differences, periods.Count - mixed.Count, seed);
        }

        var means = periods.Select(p => (IsA: p.A.Length > 0, Mean: p.A.Length > 0 ? p.A.Average() : p.B.Average())).ToArray();
        var countA = means.Count(m => m.IsA);
        return countA == 0 || countA == means.Length ? null : Shuffle(means, countA, seed);
    }

    /// <summary>Sign flips of the periods' differences: 2^K allocations.</summary>
    private static RandomisationResult SignFlip(double[] d, int leftOut, int seed)
    {
        var k = d.Length;
        var observed = Math.Abs(d.Average());
        long extreme = 0;
        long total;
        var exact = k <= 20;
        if (exact)
        {
            total = 1L << k;
            for (long mask = 0; mask < total; mask++)
            {
                var sum = 0.0;
                for (var i = 0; i < k; i++)
                {
                    sum += (mask & (1L << i)) == 0 ? d[i] : -d[i];
                }

                if (Math.Abs(sum / k) >= observed - Tolerance)
                {
                    extreme++;
                }
            }
        }
        else
        {
            total = MonteCarloSamples;
            var random = new Random(seed);
            extreme = 1; // the observed allocation itself
            for (var s = 1; s < total; s++)
            {
                var sum = 0.0;
                for (var i = 0; i < k; i++)
                {
                    sum += random.Next(2) == 0 ? d[i] : -d[i];
                }

                if (Math.Abs(sum / k) >= observed - Tolerance)
                {
                    extreme++;
                }
            }
        }

        var minimum = exact ? 2.0 / total : 1.0 / total;
        return new RandomisationResult(RandomisationScheme.WithinPeriods, d.Average(), (double)extreme / total, Math.Min(1, minimum), total, exact, k, leftOut);
    }

    /// <summary>Reassigning the conditions over whole periods, the number of A periods kept: C(K, K_A) allocations.</summary>
    private static RandomisationResult Shuffle((bool IsA, double Mean)[] periods, int countA, int seed)
    {
        var k = periods.Length;
        var values = periods.Select(p => p.Mean).ToArray();
        var total = values.Sum();
        var countB = k - countA;
        double Statistic(double sumA) => (sumA / countA) - ((total - sumA) / countB);
        var observedStatistic = Statistic(periods.Where(p => p.IsA).Sum(p => p.Mean));
        var observed = Math.Abs(observedStatistic);

        var combinations = Combinations(k, countA);
        long extreme = 0;
        long count = 0;
        var exact = combinations <= MaxExactAllocations;
        if (exact)
        {
            // Every subset of countA periods, in lexicographic order.
            var chosen = Enumerable.Range(0, countA).ToArray();
            while (true)
            {
                var sumA = 0.0;
                foreach (var i in chosen)
                {
                    sumA += values[i];
                }

                count++;
                if (Math.Abs(Statistic(sumA)) >= observed - Tolerance)
                {
                    extreme++;
                }

                var j = countA - 1;
                while (j >= 0 && chosen[j] == k - countA + j)
                {
                    j--;
                }

                if (j < 0)
                {
                    break;
                }

                chosen[j]++;
                for (var m = j + 1; m < countA; m++)
                {
                    chosen[m] = chosen[m - 1] + 1;
                }
            }
        }
        else
        {
            var random = new Random(seed);
            var order = Enumerable.Range(0, k).ToArray();
            extreme = 1;
            count = MonteCarloSamples;
            for (var s = 1; s < count; s++)
            {
                random.Shuffle(order);
                var sumA = 0.0;
                for (var i = 0; i < countA; i++)
                {
                    sumA += values[order[i]];
                }

                if (Math.Abs(Statistic(sumA)) >= observed - Tolerance)
                {
                    extreme++;
                }
            }
        }

        // The smallest p: the observed allocation and, when the counts are equal, its mirror image.
        var minimum = (countA == countB ? 2.0 : 1.0) / count;
        return new RandomisationResult(RandomisationScheme.AcrossPeriods, observedStatistic, (double)extreme / count, Math.Min(1, minimum), count, exact, k, 0);
    }

    private static double Combinations(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
