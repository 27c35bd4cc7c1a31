using MathNet.Numerics.Distributions;

namespace Decodex.Core.Community;

/// <summary>
/// One person's completed, registered self-experiment as shared for pooling: the effect A − B on one
/// outcome, in that person's day-to-day standard deviations, with its standard error.
/// </summary>
/// <param name="Effect">The posterior mean of A − B divided by the person's day-to-day SD (higher is better).</param>
/// <param name="StandardError">The posterior SD of that standardised effect.</param>
public sealed record SharedTrialEffect(double Effect, double StandardError);

/// <summary>The pooled result of one stratum (one compound, outcome, instrument and design).</summary>
/// <param name="People">Trials pooled.</param>
/// <param name="Average">The average effect μ across people: posterior mean and 95 % interval.</param>
/// <param name="ProbabilityAveragePositive">P(μ &gt; 0).</param>
/// <param name="Spread">The spread between people τ: posterior mean and 95 % interval.</param>
/// <param name="NewPerson">The effect for a new person like these: predictive mean and 95 % interval.</param>
/// <param name="ProbabilityNewPersonBenefits">P(δ_new &gt; 0): the chance that it helps a new person at all.</param>
/// <param name="Shrunk">Each person's effect after pooling, in input order.</param>
public sealed record PooledResult(int People, Trials.Interval Average, double ProbabilityAveragePositive, Trials.Interval Spread, Trials.Interval NewPerson, double ProbabilityNewPersonBenefits, IReadOnlyList<double> Shrunk);

/// <summary>
/// Pools self-experiments with the two-level normal model of the community notes (Zucker et al. 1997):
/// each person's estimate d_i ~ N(δ_i, s_i²), people's true effects δ_i ~ N(μ, τ²). The prior is flat
/// on μ and half-normal on τ with scale <see cref="SpreadPriorScale"/> (effects are in day-to-day SDs,
/// so a spread between people beyond one SD is a priori unlikely but allowed). For each τ on a grid, μ
/// given τ is normal and τ's posterior is known in closed form up to a constant, so the whole posterior
/// is exact up to the grid: no sampling.
/// </summary>
public static class PooledSelfExperiments
{
    /// <summary>The half-normal prior's scale on τ, in day-to-day SDs.</summary>
    public const double SpreadPriorScale = 0.5;

    /// <summary>The τ grid: 0 to 3 SD in 601 steps.</summary>
    private const int GridPoints = 601;
    private const double GridMax = 3;

    /// <summary>The fewest trials pooled: with fewer the spread between people cannot be told from zero.</summary>
    public const int MinimumPeople = 3;

    /// <summary>μ given τ: its normal mean and variance (weights w_i = 1 / (s_i² + τ²)).</summary>
    public static (double Mean, double Variance) Conditional(IReadOnlyList<SharedTrialEffect> trials, double tau)
    {
        ArgumentNullException.ThrowIfNull(trials);
        double sumW = 0, sumWd = 0;
        foreach (var t in trials)
        {
            var w = 1 / ((t.StandardError * t.StandardError) + (tau * tau));
            sumW += w;
            sumWd += w * t.Effect;
        }

        return (sumWd / sumW, 1 / sumW);
    }

    /// <summary>The pooled result; null with fewer than <see cref="MinimumPeople"/> trials or an effect that is not a finite number with a positive standard error.</summary>
    public static PooledResult? Pool(IReadOnlyList<SharedTrialEffect> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (trials.Count < MinimumPeople || trials.Any(t => !double.IsFinite(t.Effect) || !(t.StandardError > 0) || !double.IsFinite(t.StandardError)))
        {
            return null;
        }

        var taus = new double[GridPoints];
        var logPost = new double[GridPoints];
        var means = new double[GridPoints];
        var variances = new double[GridPoints];
        for (var k = 0; k < GridPoints; k++)
        {
            var tau = GridMax * k / (GridPoints - 1);
            var (m, v) = Conditional(trials, tau);
            double logDet = 0, quad = 0;
            foreach (var t in trials)
            {
                var total = (t.StandardError * t.StandardError) + (tau * tau);
                logDet += Math.Log(total);
                quad += (t.Effect - m) * (t.Effect - m) / total;
            }

            // log p(τ | d) = log p(τ) + ½ log v − ½ Σ log(s_i² + τ²) − ½ Σ (d_i − m)² / (s_i² + τ²), plus a constant.
            var logPrior = -0.5 * (tau / SpreadPriorScale) * (tau / SpreadPriorScale);
            taus[k] = tau;
            means[k] = m;
            variances[k] = v;
            logPost[k] = logPrior + (0.5 * Math.Log(v)) - (0.5 * logDet) - (0.5 * quad);
        }

        var max = logPost.Max();
        var weights = logPost.Select(l => Math.Exp(l - max)).ToArray();
        weights[0] *= 0.5; // trapezoid rule on an evenly spaced grid
        weights[^1] *= 0.5;
        var sum = weights.Sum();
        for (var k = 0; k < GridPoints; k++)
        {
            weights[k] /= sum;
        }

        var average = new NormalMixture(weights, means, [.. variances.Select(Math.Sqrt)]);
        var newPerson = new NormalMixture(weights, means, [.. variances.Select((v, k) => Math.Sqrt(v + (taus[k] * taus[k])))]);
        var tauMean = weights.Select((w, k) => w * taus[k]).Sum();
        var shrunk = trials.Select(t => weights.Select((w, k) =>
        {
            var b = taus[k] * taus[k] / ((taus[k] * taus[k]) + (t.StandardError * t.StandardError));
            return w * ((b * t.Effect) + ((1 - b) * means[k]));
        }).Sum()).ToList();

        return new PooledResult(
            trials.Count,
            new Trials.Interval(average.Mean, average.Quantile(0.025), average.Quantile(0.975)),
            1 - average.Cdf(0),
            new Trials.Interval(tauMean, GridQuantile(taus, weights, 0.025), GridQuantile(taus, weights, 0.975)),
            new Trials.Interval(newPerson.Mean, newPerson.Quantile(0.025), newPerson.Quantile(0.975)),
            1 - newPerson.Cdf(0),
            shrunk);
    }

    private static double GridQuantile(double[] values, double[] weights, double q)
    {
        var cumulative = 0.0;
        for (var k = 0; k < values.Length; k++)
        {
            cumulative += weights[k];
            if (cumulative >= q)
            {
                return values[k];
            }
        }

        return values[^1];
    }

    /// <summary>A mixture of normal distributions (weights summing to 1).</summary>
    private sealed class NormalMixture(double[] weights, double[] means, double[] sds)
    {
        public double Mean { get; } = weights.Select((w, i) => w * means[i]).Sum();

        public double Cdf(double x)
        {
            var p = 0.0;
            for (var i = 0; i < weights.Length; i++)
            {
                if (weights[i] > 1e-15)
                {
                    p += weights[i] * Normal.CDF(means[i], sds[i], x);
                }
            }

            return Math.Clamp(p, 0, 1);
        }

        /// <summary>The quantile by bisection inside a bracket wide enough for every component.</summary>
        public double Quantile(double q)
        {
            var low = means.Min() - (12 * sds.Max());
            var high = means.Max() + (12 * sds.Max());
            for (var i = 0; i < 200 && high - low > 1e-10; i++)
            {
                var mid = (low + high) / 2;
                if (Cdf(mid) < q)
                {
                    low = mid;
                }
                else
                {
                    high = mid;
                }
            }

            return (low + high) / 2;
        }
    }
}
