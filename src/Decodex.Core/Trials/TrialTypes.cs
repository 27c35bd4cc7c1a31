namespace Decodex.Core.Trials;

/// <summary>The two conditions of a trial: A is the intervention, B the comparator (placebo, nothing, or another intervention).</summary>
public enum TrialArm
{
    A,
    B,
}

/// <summary>One day's value of one outcome.</summary>
/// <param name="Day">Days since the trial's first day.</param>
/// <param name="Period">The randomised block the day belongs to.</param>
/// <param name="Arm">The condition of the day.</param>
/// <param name="Value">The outcome's value that day (the mean when it was measured several times).</param>
public readonly record struct TrialDay(int Day, int Period, TrialArm Arm, double Value);

/// <summary>A normal prior on the effect A − B, in the outcome's units.</summary>
public sealed record EffectPrior(double Mean, double StandardDeviation, string? Source = null);

/// <summary>An estimate with its 95 % interval.</summary>
public sealed record Interval(double Estimate, double Lower, double Upper)
{
    /// <summary>Whether <paramref name="value"/> lies inside the interval.</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}

/// <summary>The posterior of one outcome's effect under <see cref="ArOneModel"/>.</summary>
public sealed record EffectPosterior
{
    /// <summary>The effect A − B: posterior mean and 95 % credible interval (2.5 % and 97.5 % quantiles).</summary>
    public required Interval Effect { get; init; }

    public required double Median { get; init; }

    /// <summary>P(A − B &gt; 0).</summary>
    public required double ProbabilityPositive { get; init; }

    /// <summary>The posterior mean of the day-to-day autocorrelation.</summary>
    public required double Rho { get; init; }

    /// <summary>ρ's posterior mean with its 95 % interval on the grid.</summary>
    public required Interval RhoInterval { get; init; }

    /// <summary>The day-to-day standard deviation τ (posterior mean of its conditional estimate).</summary>
    public required double Sigma { get; init; }

    /// <summary>The residual degrees of freedom of the conditional t's.</summary>
    public required int DegreesOfFreedom { get; init; }

    /// <summary>With a trend in the model: the change per week, with its 95 % interval.</summary>
    public Interval? TrendPerWeek { get; init; }

    /// <summary>The whole posterior of A − B.</summary>
    public required TMixture Distribution { get; init; }

    /// <summary>P(A − B &gt; <paramref name="threshold"/>).</summary>
    public double ProbabilityAbove(double threshold) => 1 - Distribution.Cdf(threshold);

    /// <summary>P(A − B &lt; <paramref name="threshold"/>).</summary>
    public double ProbabilityBelow(double threshold) => Distribution.Cdf(threshold);
}
