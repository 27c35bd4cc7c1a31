using Decodex.Core.Community;
using MathNet.Numerics.Distributions;

namespace Decodex.Core.Tests.Community;

/// <summary>
/// The two-level normal model that pools self-experiments: μ given τ by hand, and the whole posterior
/// against a direct two-dimensional integration of the same model (an independent computation).
/// </summary>
public sealed class PooledSelfExperimentsTests
{
    private static readonly SharedTrialEffect[] Five = [new(0.6, 0.25), new(0.1, 0.3), new(0.45, 0.2), new(-0.2, 0.35), new(0.9, 0.4)];

    [Fact]
    public void Conditional_ByHand()
    {
        // d = 1, 2, 3 with s = 1 and τ = 1: weights 1/2 each, v = 1/1.5, m = 2.
        var (m, v) = PooledSelfExperiments.Conditional([new(1, 1), new(2, 1), new(3, 1)], 1);
        Assert.Equal(2, m, 12);
        Assert.Equal(2 / 3.0, v, 12);

        // d = 1, 3 with s = 1, 2 and τ = 0: weights 1 and 1/4, v = 0.8, m = (1 + 0.75) × 0.8 = 1.4.
        (m, v) = PooledSelfExperiments.Conditional([new(1, 1), new(3, 2)], 0);
        Assert.Equal(1.4, m, 12);
        Assert.Equal(0.8, v, 12);
    }

    [Fact]
    public void Pool_AgreesWithADirectIntegrationOverMuAndTau()
    {
        var pooled = PooledSelfExperiments.Pool(Five)!;

        // The same model integrated directly: a fine μ grid times the τ grid, the full likelihood Π N(d_i; μ, s_i² + τ²).
        double total = 0, muMean = 0, muPositive = 0, tauMean = 0, newPositive = 0;
        for (var k = 0; k <= 600; k++)
        {
            var tau = 3.0 * k / 600;
            var trapezoid = k is 0 or 600 ? 0.5 : 1;
            for (var j = 0; j <= 8000; j++)
            {
                var mu = -4 + (8.0 * j / 8000);
                var log = -0.5 * (tau / 0.5) * (tau / 0.5);
                foreach (var t in Five)
                {
                    var variance = (t.StandardError * t.StandardError) + (tau * tau);
                    log += (-0.5 * Math.Log(variance)) - (0.5 * (t.Effect - mu) * (t.Effect - mu) / variance);
                }

                var p = trapezoid * Math.Exp(log);
                total += p;
                muMean += p * mu;
                muPositive += mu > 0 ? p : 0;
                tauMean += p * tau;
                newPositive += p * (tau == 0 ? (mu > 0 ? 1 : 0) : Normal.CDF(0, 1, mu / tau));
            }
        }

        Assert.Equal(muMean / total, pooled.Average.Estimate, 3);
        Assert.Equal(muPositive / total, pooled.ProbabilityAveragePositive, 3);
        Assert.Equal(tauMean / total, pooled.Spread.Estimate, 3);
        Assert.Equal(newPositive / total, pooled.ProbabilityNewPersonBenefits, 3);
        Assert.True(pooled.Average.Lower < pooled.Average.Estimate && pooled.Average.Estimate < pooled.Average.Upper);
        Assert.True(pooled.NewPerson.Upper - pooled.NewPerson.Lower > pooled.Average.Upper - pooled.Average.Lower, "a new person's interval is wider than the average's");
    }

    [Fact]
    public void Pool_ShrinksEachPersonTowardTheAverage()
    {
        var pooled = PooledSelfExperiments.Pool(Five)!;
        for (var i = 0; i < Five.Length; i++)
        {
            var (low, high) = Five[i].Effect < pooled.Average.Estimate ? (Five[i].Effect, pooled.Average.Estimate) : (pooled.Average.Estimate, Five[i].Effect);
            Assert.InRange(pooled.Shrunk[i], low, high);
        }
    }

    [Fact]
    public void Pool_RefusesTooFewOrBrokenTrials()
    {
        Assert.Null(PooledSelfExperiments.Pool([new(0.5, 0.2), new(0.4, 0.2)]));
        Assert.Null(PooledSelfExperiments.Pool([new(0.5, 0.2), new(0.4, 0), new(0.1, 0.3)]));
        Assert.Null(PooledSelfExperiments.Pool([new(double.NaN, 0.2), new(0.4, 0.2), new(0.1, 0.3)]));
    }
}

/// <summary>
/// A Monte Carlo check of the pooled model (fixed seed, 400 simulated communities per row): people's
/// standard errors 0.2 to 0.5 SD, their true effects spread by τ around μ.
/// </summary>
public sealed class PooledSelfExperimentsSimulationTests
{
    [Theory]
    [InlineData(10, 0.0, 0.3)]
    [InlineData(30, 0.0, 0.3)]
    [InlineData(10, 0.0, 0.0)]
    public void UnderNoAverageEffect_FewFalseBenefitsAndHonestIntervals(int people, double mu, double tau)
    {
        var (coverage, benefit) = Simulate(people, mu, tau, 400, seed: 20261204);
        Assert.InRange(coverage, 0.92, 0.99);
        Assert.True(benefit <= 0.05, $"a benefit claimed in {benefit:P1} of communities with no average effect");
    }

    [Fact]
    public void WithAnAverageEffect_MorePeopleFindItMoreOften()
    {
        var (_, ten) = Simulate(10, 0.3, 0.3, 400, seed: 7);
        var (coverage, thirty) = Simulate(30, 0.3, 0.3, 400, seed: 7);
        Assert.True(thirty > ten + 0.2, $"power {ten:P0} with 10 people, {thirty:P0} with 30");
        Assert.InRange(coverage, 0.92, 0.99);
    }

    /// <summary>The share of 95 % intervals of μ that hold the truth, and the share whose interval lies above 0.</summary>
    internal static (double Coverage, double Benefit) Simulate(int people, double mu, double tau, int runs, int seed)
    {
        var random = new Random(seed);
        int covered = 0, benefit = 0;
        for (var run = 0; run < runs; run++)
        {
            var trials = new SharedTrialEffect[people];
            for (var i = 0; i < people; i++)
            {
                var s = 0.2 + (0.3 * random.NextDouble());
                var delta = mu + (tau * Gaussian(random));
                trials[i] = new SharedTrialEffect(delta + (s * Gaussian(random)), s);
            }

            var pooled = PooledSelfExperiments.Pool(trials)!;
            covered += pooled.Average.Contains(mu) ? 1 : 0;
            benefit += pooled.Average.Lower > 0 ? 1 : 0;
        }

        return ((double)covered / runs, (double)benefit / runs);
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
