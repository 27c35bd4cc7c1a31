using Decodex.Core.Trials;
using MathNet.Numerics.LinearAlgebra;

namespace Decodex.Core.Tests.Trials;

/// <summary>The N-of-1 analysis: known answers for the randomisation test, the AR(1) posterior against a direct computation, priors, summaries.</summary>
public sealed class TrialAnalysisTests
{
    private static List<TrialDay> Days(params (int Period, TrialArm Arm, double Value)[] values) =>
        [.. values.Select((v, i) => new TrialDay(i, v.Period, v.Arm, v.Value))];

    [Fact]
    public void RandomisationTest_SignFlipsOfThreePeriods_GiveTheExactP()
    {
        // Period differences A − B of 1, 2 and 3: of the 8 sign patterns only +++ and −−− reach |mean| ≥ 2.
        var days = Days((1, TrialArm.A, 11), (1, TrialArm.B, 10), (2, TrialArm.B, 10), (2, TrialArm.A, 12), (3, TrialArm.A, 13), (3, TrialArm.B, 10));
        var r = RandomisationTest.Run(days)!;

        Assert.Equal(RandomisationScheme.WithinPeriods, r.Scheme);
        Assert.Equal(2.0, r.Statistic, 12);
        Assert.Equal(8, r.Allocations);
        Assert.True(r.Exact);
        Assert.Equal(0.25, r.P, 12);
        Assert.Equal(0.25, r.MinimumP, 12);

        // Differences 1, 2, −3 average 0: every allocation is at least as extreme.
        var balanced = Days((1, TrialArm.A, 11), (1, TrialArm.B, 10), (2, TrialArm.A, 12), (2, TrialArm.B, 10), (3, TrialArm.A, 10), (3, TrialArm.B, 13));
        Assert.Equal(1.0, RandomisationTest.Run(balanced)!.P, 12);
    }

    [Fact]
    public void RandomisationTest_ConditionsShuffledOverPeriods_EnumeratesEverySubset()
    {
        // Period means 5 (A), 1 (B), 4 (A), 2 (B): observed 4.5 − 1.5 = 3; of the C(4,2) = 6 subsets, {1,3} and {2,4} reach |3|.
        var days = Days((1, TrialArm.A, 5), (1, TrialArm.A, 5), (2, TrialArm.B, 1), (2, TrialArm.B, 1), (3, TrialArm.A, 4), (4, TrialArm.B, 2));
        var r = RandomisationTest.Run(days)!;

        Assert.Equal(RandomisationScheme.AcrossPeriods, r.Scheme);
        Assert.Equal(3.0, r.Statistic, 12);
        Assert.Equal(6, r.Allocations);
        Assert.Equal(2.0 / 6, r.P, 12);
        Assert.Equal(2.0 / 6, r.MinimumP, 12);
    }

    [Fact]
    public void RandomisationTest_APeriodWithOneCondition_IsLeftOutAndCounted_AndOnePeriodIsNoTest()
    {
        var days = Days((1, TrialArm.A, 11), (1, TrialArm.B, 10), (2, TrialArm.B, 10), (2, TrialArm.A, 12), (3, TrialArm.A, 13));
        var r = RandomisationTest.Run(days)!;
        Assert.Equal(2, r.Periods);
        Assert.Equal(1, r.PeriodsLeftOut);
        Assert.Equal(0.5, r.MinimumP, 12);

        Assert.Null(RandomisationTest.Run(Days((1, TrialArm.A, 11), (1, TrialArm.B, 10))));
    }

    [Fact]
    public void RandomisationTest_ManyPeriods_SamplesAllocationsWithAFixedSeed()
    {
        // 21 periods whose A − B are all +1: only the observed signs and their mirror reach it (exact p = 2/2^21).
        var days = Enumerable.Range(1, 21).SelectMany(k => new[] { (k, TrialArm.A, 11.0), (k, TrialArm.B, 10.0) }).ToArray();
        var r = RandomisationTest.Run(Days(days))!;

        Assert.False(r.Exact);
        Assert.Equal(RandomisationTest.MonteCarloSamples, r.Allocations);
        Assert.InRange(r.P, 1.0 / RandomisationTest.MonteCarloSamples, 3.0 / RandomisationTest.MonteCarloSamples);
        Assert.Equal(r, RandomisationTest.Run(Days(days)));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    public void Posterior_AgreesWithADirectComputationOverTheFullCovarianceMatrix(bool trend, int seed)
    {
        // Days with gaps (missing days), so the whitening's ρ^gap is exercised.
        var random = new Random(seed);
        var days = new List<TrialDay>();
        var day = 0;
        for (var period = 1; period <= 4; period++)
        {
            foreach (var arm in random.Next(2) == 0 ? new[] { TrialArm.A, TrialArm.B } : [TrialArm.B, TrialArm.A])
            {
                for (var i = 0; i < 4; i++)
                {
                    day += 1 + (random.Next(4) == 0 ? 2 : 0);
                    days.Add(new TrialDay(day, period, arm, (arm == TrialArm.A ? 0.7 : 0) + (0.05 * day) + Gaussian(random)));
                }
            }
        }

        var model = ArOneModel.Fit(days, trend)!;
        var (mean, probabilityPositive) = Direct(days, trend);

        Assert.Equal(mean, model.Effect.Estimate, 6);
        Assert.Equal(probabilityPositive, model.ProbabilityPositive, 6);
        Assert.InRange(model.Effect.Estimate, model.Effect.Lower, model.Effect.Upper);
        Assert.Equal(trend, model.TrendPerWeek is not null);
    }

    [Fact]
    public void Prior_PullsTheEstimateTowardsItsMean_AndNarrowsTheInterval()
    {
        var random = new Random(5);
        var days = TrialSimulation.Simulate(new SimulationScenario(4, 7, 0.3, 1.0, 1), random);
        var flat = ArOneModel.Fit(days)!;
        var withPrior = ArOneModel.Fit(days, prior: new EffectPrior(0, 0.2))!;

        Assert.True(withPrior.Effect.Estimate < flat.Effect.Estimate);
        Assert.True(withPrior.Effect.Estimate > 0);
        Assert.True(withPrior.Effect.Upper - withPrior.Effect.Lower < flat.Effect.Upper - flat.Effect.Lower);
        Assert.Equal(flat.DegreesOfFreedom + 1, withPrior.DegreesOfFreedom);
    }

    [Fact]
    public void Fit_TooFewDaysOrOneCondition_GivesNothing()
    {
        Assert.Null(ArOneModel.Fit(Days((1, TrialArm.A, 1), (1, TrialArm.B, 2), (2, TrialArm.A, 1))));
        Assert.Null(ArOneModel.Fit(Days((1, TrialArm.A, 1), (1, TrialArm.A, 2), (2, TrialArm.A, 1), (2, TrialArm.A, 3), (3, TrialArm.A, 2))));
        Assert.NotNull(ArOneModel.Fit(Days((1, TrialArm.A, 1), (1, TrialArm.B, 2), (2, TrialArm.A, 1.5), (2, TrialArm.B, 2.5))));
    }

    [Fact]
    public void Analyze_AveragesSeveralValuesOfADay_AndSaysWhenThereIsNothingToCompare()
    {
        var rows = new List<TrialRow>();
        var date = new DateOnly(2026, 1, 1);
        var random = new Random(9);
        for (var d = 0; d < 28; d++)
        {
            var period = 1 + (d / 14);
            var arm = d % 14 < 7 ? TrialArm.A : TrialArm.B;
            rows.Add(new TrialRow(date.AddDays(d), period, arm, "rt", 300 + Gaussian(random), d + 2));
            rows.Add(new TrialRow(date.AddDays(d), period, arm, "rt", 302 + Gaussian(random), d + 2));
            rows.Add(new TrialRow(date.AddDays(d), period, arm, "only-a", 1, d + 2));
        }

        // "only-a" measured only on A days.
        rows.RemoveAll(r => r.Outcome == "only-a" && r.Arm == TrialArm.B);
        var analysis = TrialAnalyzer.Analyze(rows, new TrialAnalysisOptions(Outcomes: new Dictionary<string, OutcomeSettings> { ["rt"] = new(LowerIsBetter: true, MinimalImportantDifference: 5) }));

        var rt = analysis.Outcomes.Single(o => o.Outcome == "rt");
        Assert.Equal("estimated", rt.Status);
        Assert.Equal(28, rt.N);
        Assert.Equal(1 - rt.Posterior!.ProbabilityPositive, rt.ProbabilityBenefit!.Value, 12);
        Assert.NotNull(rt.ProbabilityMeaningfulBenefit);
        Assert.Contains("lowered", rt.Summary, StringComparison.Ordinal);

        var constant = TrialAnalyzer.AnalyzeOutcome("same", [.. TrialSimulation.Simulate(new SimulationScenario(4, 7, 0, 0, 1), new Random(2)).Select(d => d with { Value = 5 })], new OutcomeSettings(), trend: false);
        Assert.Equal("no-variation", constant.Status);
        Assert.Null(constant.Posterior);

        var onlyA = analysis.Outcomes.Single(o => o.Outcome == "only-a");
        Assert.Equal("one-condition", onlyA.Status);
        Assert.Null(onlyA.Posterior);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.8)]
    [InlineData(3.0)]
    public void Summary_NeverClaimsProofOrSignificance(double effect)
    {
        var days = TrialSimulation.Simulate(new SimulationScenario(6, 7, 0.3, effect, 1), new Random(11));
        var a = TrialAnalyzer.AnalyzeOutcome("focus", days, new OutcomeSettings(MinimalImportantDifference: 0.5, Prior: new EffectPrior(0.2, 0.3, "test")), trend: false);

        foreach (var word in new[] { "proven", "proof", "significant", "confirms", "works for you" })
        {
            Assert.DoesNotContain(word, a.Summary, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("randomisation test", a.Summary, StringComparison.Ordinal);
        Assert.NotNull(a.PosteriorWithPrior);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// The same posterior from first principles: for each ρ of the grid, generalised least squares with
    /// the full covariance ρ^|t_i − t_j| (no whitening), the marginal likelihood
    /// |Σ|^−½ |XᵀΣ⁻¹X|^−½ S^−(n−k)/2, and the t mixture's mean and P(δ &gt; 0).
    /// </summary>
    private static (double Mean, double ProbabilityPositive) Direct(List<TrialDay> days, bool trend)
    {
        var n = days.Count;
        var k = trend ? 3 : 2;
        var meanDay = days.Average(d => (double)d.Day);
        var x = Matrix<double>.Build.Dense(n, k, (i, j) => j switch
        {
            0 => 1,
            1 => days[i].Arm == TrialArm.A ? 1 : 0,
            _ => (days[i].Day - meanDay) / 7.0,
        });
        var y = Vector<double>.Build.Dense(n, i => days[i].Value);
        var logWeights = new List<double>();
        var means = new List<double>();
        var scales = new List<double>();
        for (var g = 0; g < ArOneModel.GridPoints; g++)
        {
            var rho = ArOneModel.Rho(g);
            var sigma = Matrix<double>.Build.Dense(n, n, (i, j) => Math.Pow(rho, Math.Abs(days[i].Day - days[j].Day)));
            var inverse = sigma.Inverse();
            var xtx = x.TransposeThisAndMultiply(inverse * x);
            var xtxInverse = xtx.Inverse();
            var beta = xtxInverse * (x.TransposeThisAndMultiply(inverse * y));
            var residual = y - (x * beta);
            var s = residual * (inverse * residual);
            logWeights.Add((-0.5 * sigma.Cholesky().DeterminantLn) - (0.5 * xtx.Cholesky().DeterminantLn) - (0.5 * (n - k) * Math.Log(s)));
            means.Add(beta[1]);
            scales.Add(Math.Sqrt(s / (n - k) * xtxInverse[1, 1]));
        }

        var max = logWeights.Max();
        var weights = logWeights.Select(l => Math.Exp(l - max)).ToList();
        var total = weights.Sum();
        var t = new MathNet.Numerics.Distributions.StudentT(0, 1, n - k);
        var mean = 0.0;
        var positive = 0.0;
        for (var g = 0; g < weights.Count; g++)
        {
            mean += weights[g] / total * means[g];
            positive += weights[g] / total * (1 - t.CumulativeDistribution((0 - means[g]) / scales[g]));
        }

        return (mean, positive);
    }
}
