using MathNet.Numerics.Distributions;

namespace Decodex.Core.Trials;

/// <summary>
/// The Bayesian model of one outcome of an N-of-1 trial: a daily value is a baseline, plus the effect
/// δ on days of condition A, plus (optionally) a linear trend, plus errors that follow a stationary
/// AR(1) process over calendar days (<c>Cov(e_i, e_j) = τ²·ρ^|t_i − t_j|</c>), so missing days are allowed.
/// </summary>
/// <remarks>
/// <para>
/// Priors: flat on the baseline and the trend, <c>p(τ²) ∝ 1/τ²</c>, ρ uniform on a grid of 99 points
/// over (−0.98, 0.98), and on δ either flat or, when an informative prior is given, normal with that
/// mean and standard deviation (made conjugate by expressing its spread in units of τ as estimated by
/// the flat fit). For each ρ the data are whitened (<c>z_i = (y_i − r_i·y_{i−1}) / √(1 − r_i²)</c> with
/// <c>r_i = ρ^(t_i − t_{i−1})</c>), which turns the model into ordinary regression with independent
/// errors; β and τ² then integrate out in closed form. The marginal likelihood of each ρ weighs its
/// conditional posterior of δ, a Student t; the posterior of δ is the weighted mixture of those t's,
/// exact up to the grid. No sampling: the same data always give the same numbers.
/// </para>
/// <para>
/// This is the normal model of the R package nof1ins (Schmid lab) with AR(1) errors, solved on a grid
/// instead of by MCMC, as set out in the project's N-of-1 research notes.
/// </para>
/// </remarks>
public static class ArOneModel
{
    /// <summary>Points of the grid over ρ.</summary>
    public const int GridPoints = 99;

    private const double RhoLimit = 0.98;

    /// <summary>Fits the model; null when there are too few days (the residual degrees of freedom must be at least 2), only one condition, or no variation at all (the same value every day).</summary>
    /// <param name="days">One value per day, in day order; days need not be consecutive.</param>
    /// <param name="trend">Whether to add a linear trend (per week) to the model.</param>
    /// <param name="prior">An informative normal prior on δ (A − B), in the outcome's units; null for a flat prior.</param>
    public static EffectPosterior? Fit(IReadOnlyList<TrialDay> days, bool trend = false, EffectPrior? prior = null)
    {
        ArgumentNullException.ThrowIfNull(days);
        var n = days.Count;
        var k = trend ? 3 : 2;
        if (n - k < 2 || days.All(d => d.Arm == TrialArm.A) || days.All(d => d.Arm == TrialArm.B) || days.All(d => d.Value == days[0].Value))
        {
            return null;
        }

        for (var i = 1; i < n; i++)
        {
            if (days[i].Day <= days[i - 1].Day)
            {
                throw new ArgumentException("Days must be in increasing order, one value per day.", nameof(days));
            }
        }

        if (prior is null)
        {
            return Solve(days, trend, null);
        }

        // The prior's spread is set against the day-to-day SD of the flat fit, which keeps the model conjugate.
        var flat = Solve(days, trend, null);
        var tau = flat.Sigma;
        if (!(tau > 0) || !(prior.StandardDeviation > 0))
        {
            return flat;
        }

        return Solve(days, trend, (prior.Mean, Math.Pow(prior.StandardDeviation / tau, 2)));
    }

    private static EffectPosterior Solve(IReadOnlyList<TrialDay> days, bool trend, (double Mean, double Variance)? prior)
    {
        var n = days.Count;
        var k = trend ? 3 : 2;
        var nu = n - k + (prior is null ? 0 : 1);
        var meanDay = days.Average(d => (double)d.Day);

        var logWeights = new double[GridPoints];
        var means = new double[GridPoints];
        var scales = new double[GridPoints];
        var sigmas = new double[GridPoints];
        var slopes = new double[GridPoints];
        var slopeScales = new double[GridPoints];
        Span<double> x = stackalloc double[3];
        Span<double> previousX = stackalloc double[3];
        Span<double> xz = stackalloc double[3];
        Span<double> xtx = stackalloc double[9];
        Span<double> beta = stackalloc double[3];
        Span<double> inverse = stackalloc double[9];

        for (var g = 0; g < GridPoints; g++)
        {
            var rho = Rho(g);
            xtx.Clear();
            xz.Clear();
            var zz = 0.0;
            var logC = 0.0;
            var previousY = 0.0;
            for (var i = 0; i < n; i++)
            {
                var day = days[i];
                x[0] = 1;
                x[1] = day.Arm == TrialArm.A ? 1 : 0;
                x[2] = trend ? (day.Day - meanDay) / 7.0 : 0;
                double z;
                if (i == 0)
                {
                    z = day.Value;
                }
                else
                {
                    var r = Math.Pow(rho, day.Day - days[i - 1].Day);
                    var c = Math.Sqrt(1 - (r * r));
                    logC += Math.Log(c);
                    z = (day.Value - (r * previousY)) / c;
                    for (var j = 0; j < k; j++)
                    {
                        var raw = x[j];
                        x[j] = (raw - (r * previousX[j])) / c;
                        previousX[j] = raw;
                    }

                    previousY = day.Value;
                    Accumulate(x, z, k, xtx, xz, ref zz);
                    continue;
                }

                for (var j = 0; j < k; j++)
                {
                    previousX[j] = x[j];
                }

                previousY = day.Value;
                Accumulate(x, z, k, xtx, xz, ref zz);
            }

            // The informative prior on δ adds one pseudo-observation: precision 1/v on δ, pulling it to its mean.
            if (prior is { } p)
            {
                xtx[(1 * 3) + 1] += 1 / p.Variance;
                xz[1] += p.Mean / p.Variance;
                zz += p.Mean * p.Mean / p.Variance;
            }

            if (!Invert(xtx, k, inverse, out var logDeterminant))
            {
                logWeights[g] = double.NegativeInfinity;
                continue;
            }

            var fitted = 0.0;
            for (var a = 0; a < k; a++)
            {
                beta[a] = 0;
                for (var b = 0; b < k; b++)
                {
                    beta[a] += inverse[(a * 3) + b] * xz[b];
                }

                fitted += beta[a] * xz[a];
            }

            var residual = Math.Max(zz - fitted, 1e-300);
            logWeights[g] = -logC - (0.5 * logDeterminant) - (0.5 * nu * Math.Log(residual));
            var variance = residual / nu;
            means[g] = beta[1];
            scales[g] = Math.Sqrt(variance * inverse[(1 * 3) + 1]);
            sigmas[g] = Math.Sqrt(variance);
            if (trend)
            {
                slopes[g] = beta[2];
                slopeScales[g] = Math.Sqrt(variance * inverse[(2 * 3) + 2]);
            }
        }

        var weights = Normalise(logWeights);
        var effect = new TMixture(weights, means, scales, nu);
        var rhoMean = 0.0;
        var sigma = 0.0;
        for (var g = 0; g < GridPoints; g++)
        {
            rhoMean += weights[g] * Rho(g);
            sigma += weights[g] * sigmas[g];
        }

        Interval? slope = null;
        if (trend)
        {
            var slopeMixture = new TMixture(weights, slopes, slopeScales, nu);
            slope = new Interval(slopeMixture.Mean, slopeMixture.Quantile(0.025), slopeMixture.Quantile(0.975));
        }

        return new EffectPosterior
        {
            Effect = new Interval(effect.Mean, effect.Quantile(0.025), effect.Quantile(0.975)),
            Median = effect.Quantile(0.5),
            ProbabilityPositive = 1 - effect.Cdf(0),
            Rho = rhoMean,
            RhoInterval = GridInterval(weights),
            Sigma = sigma,
            DegreesOfFreedom = nu,
            TrendPerWeek = slope,
            Distribution = effect,
        };
    }

    private static void Accumulate(ReadOnlySpan<double> x, double z, int k, Span<double> xtx, Span<double> xz, ref double zz)
    {
        for (var a = 0; a < k; a++)
        {
            xz[a] += x[a] * z;
            for (var b = 0; b < k; b++)
            {
                xtx[(a * 3) + b] += x[a] * x[b];
            }
        }

        zz += z * z;
    }

    /// <summary>ρ at grid point <paramref name="g"/>: −0.98 to 0.98 in steps of 0.02 (0 included).</summary>
    internal static double Rho(int g) => Math.Round(-RhoLimit + (2 * RhoLimit * g / (GridPoints - 1)), 2);

    /// <summary>Inverts a symmetric positive-definite k×k matrix (k ≤ 3, row stride 3) by Cholesky; false when it is singular.</summary>
    private static bool Invert(ReadOnlySpan<double> m, int k, Span<double> inverse, out double logDeterminant)
    {
        Span<double> l = stackalloc double[9];
        l.Clear();
        logDeterminant = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = m[(i * 3) + j];
                for (var p = 0; p < j; p++)
                {
                    sum -= l[(i * 3) + p] * l[(j * 3) + p];
                }

                if (i == j)
                {
                    if (!(sum > 1e-12 * Math.Max(1, Math.Abs(m[(i * 3) + i]))))
                    {
                        return false;
                    }

                    l[(i * 3) + i] = Math.Sqrt(sum);
                    logDeterminant += 2 * Math.Log(l[(i * 3) + i]);
                }
                else
                {
                    l[(i * 3) + j] = sum / l[(j * 3) + j];
                }
            }
        }

        // inverse = L⁻ᵀ L⁻¹, column by column from the unit vectors.
        Span<double> column = stackalloc double[3];
        for (var c = 0; c < k; c++)
        {
            for (var i = 0; i < k; i++)
            {
                var sum = i == c ? 1.0 : 0.0;
                for (var p = 0; p < i; p++)
                {
                    sum -= l[(i * 3) + p] * column[p];
                }

                column[i] = sum / l[(i * 3) + i];
            }

            for (var i = k - 1; i >= 0; i--)
            {
                var sum = column[i];
                for (var p = i + 1; p < k; p++)
                {
                    sum -= l[(p * 3) + i] * inverse[(p * 3) + c];
                }

                inverse[(i * 3) + c] = sum / l[(i * 3) + i];
            }
        }

        return true;
    }

    private static double[] Normalise(double[] logWeights)
    {
        var max = logWeights.Max();
        var weights = new double[logWeights.Length];
        var total = 0.0;
        for (var g = 0; g < weights.Length; g++)
        {
            weights[g] = double.IsNegativeInfinity(logWeights[g]) ? 0 : Math.Exp(logWeights[g] - max);
            total += weights[g];
        }

        for (var g = 0; g < weights.Length; g++)
        {
            weights[g] /= total;
        }

        return weights;
    }

    private static Interval GridInterval(double[] weights)
    {
        double Quantile(double q)
        {
            var cumulative = 0.0;
            for (var g = 0; g < weights.Length; g++)
            {
                cumulative += weights[g];
                if (cumulative >= q)
                {
                    return Rho(g);
                }
            }

            return Rho(weights.Length - 1);
        }

        var mean = 0.0;
        for (var g = 0; g < weights.Length; g++)
        {
            mean += weights[g] * Rho(g);
        }

        return new Interval(mean, Quantile(0.025), Quantile(0.975));
    }
}

/// <summary>A weighted mixture of scaled Student t distributions with the same degrees of freedom.</summary>
public sealed class TMixture
{
    private readonly double[] _weights;
    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly StudentT _standard;
    private readonly double _varianceFactor;

    internal TMixture(double[] weights, double[] means, double[] scales, int degreesOfFreedom)
    {
        // Components with negligible weight are dropped: they cannot move any probability reported.
        var keep = Enumerable.Range(0, weights.Length).Where(i => weights[i] > 1e-12 && scales[i] > 0).ToArray();
        var total = keep.Sum(i => weights[i]);
        _weights = [.. keep.Select(i => weights[i] / total)];
        _means = [.. keep.Select(i => means[i])];
        _scales = [.. keep.Select(i => scales[i])];
        _standard = new StudentT(0, 1, degreesOfFreedom);
        _varianceFactor = degreesOfFreedom > 2 ? degreesOfFreedom / (degreesOfFreedom - 2.0) : 3;
        Mean = _weights.Select((w, i) => w * _means[i]).Sum();
    }

    /// <summary>The mean of the mixture.</summary>
    public double Mean { get; }

    /// <summary>P(X ≤ <paramref name="x"/>).</summary>
    public double Cdf(double x)
    {
        var p = 0.0;
        for (var i = 0; i < _weights.Length; i++)
        {
            p += _weights[i] * _standard.CumulativeDistribution((x - _means[i]) / _scales[i]);
        }

        return Math.Clamp(p, 0, 1);
    }

    /// <summary>The density at <paramref name="x"/>.</summary>
    public double Density(double x)
    {
        var d = 0.0;
        for (var i = 0; i < _weights.Length; i++)
        {
            d += _weights[i] * _standard.Density((x - _means[i]) / _scales[i]) / _scales[i];
        }

        return d;
    }

    /// <summary>The value below which lies probability <paramref name="q"/> (Newton's method, kept inside a bracket).</summary>
    public double Quantile(double q)
    {
        if (!(q > 0 && q < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), "The probability must lie strictly between 0 and 1.");
        }

        // A bracket that holds the quantile, widened until it does; then Newton from a normal approximation.
        var widest = _scales.Max();
        var step = 50 * widest;
        var low = _means.Min() - step;
        var high = _means.Max() + step;
        while (Cdf(low) > q)
        {
            low -= step *= 2;
        }

        step = 50 * widest;
        while (Cdf(high) < q)
        {
            high += step *= 2;
        }

        var variance = 0.0;
        for (var i = 0; i < _weights.Length; i++)
        {
            variance += _weights[i] * ((_scales[i] * _scales[i] * _varianceFactor) + (_means[i] * _means[i]));
        }

        var sd = Math.Sqrt(Math.Max(variance - (Mean * Mean), 0));
        var x = Math.Clamp(Mean + (sd * Normal.InvCDF(0, 1, q)), low, high);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var f = Cdf(x) - q;
            if (Math.Abs(f) < 1e-10)
            {
                break;
            }

            if (f > 0)
            {
                high = x;
            }
            else
            {
                low = x;
            }

            var density = Density(x);
            var next = density > 0 ? x - (f / density) : double.NaN;
            x = next > low && next < high ? next : (low + high) / 2;
            if (high - low < 1e-12 * Math.Max(1, Math.Abs(x)))
            {
                break;
            }
        }

        return x;
    }
}
