using MathNet.Numerics.Distributions;

namespace Decodex.Core.Trials;

/// <summary>A design and a truth to simulate: K cycles of an A phase and a B phase in random order, AR(1) days.</summary>
/// <param name="Cycles">Randomised pairs of phases (K).</param>
/// <param name="PhaseDays">Days per phase.</param>
/// <param name="Rho">The true day-to-day autocorrelation.</param>
/// <param name="Effect">The true A − B effect, in units of the day-to-day SD.</param>
/// <param name="Runs">Simulated trials.</param>
/// <param name="Seed">Seed of the random numbers: the same seed gives the same figures.</param>
public sealed record SimulationScenario(int Cycles, int PhaseDays, double Rho, double Effect, int Runs, int Seed = 20261204);

/// <summary>How often each method said what, over the runs of a scenario.</summary>
/// <param name="Scenario">What was simulated.</param>
/// <param name="Benefit">Share of runs where the Bayesian 95 % interval lay above 0 (the "benefit" verdict).</param>
/// <param name="Harm">Share where it lay below 0.</param>
/// <param name="Coverage">Share where the 95 % interval held the true effect.</param>
/// <param name="MeanProbabilityPositive">The mean of P(A − B &gt; 0) over runs.</param>
/// <param name="DailyTTest">Share of runs where a Welch t-test of A days against B days, ignoring autocorrelation, gave p &lt; 0.05 (either direction).</param>
/// <param name="DailyTTestBenefit">Share where it gave p &lt; 0.05 with A above B.</param>
/// <param name="Randomisation">Share where the randomisation test gave p ≤ 0.05.</param>
/// <param name="RandomisationMinimumP">The smallest p the design allows.</param>
public sealed record SimulationResult(SimulationScenario Scenario, double Benefit, double Harm, double Coverage, double MeanProbabilityPositive, double DailyTTest, double DailyTTestBenefit, double Randomisation, double RandomisationMinimumP);

/// <summary>
/// Monte Carlo check of the analysis: trials simulated under a known truth, analysed as a person's trial
/// would be, counting false positives, interval coverage and power; the daily t-test that other tools use
/// is run on the same data for comparison. Also the power estimate shown before a trial starts.
/// </summary>
public static class TrialSimulation
{
    public static SimulationResult Run(SimulationScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var random = new Random(scenario.Seed);
        int benefit = 0, harm = 0, covered = 0, tTest = 0, tTestBenefit = 0, randomisation = 0;
        var sumProbability = 0.0;
        var minimumP = 1.0;
        for (var run = 0; run < scenario.Runs; run++)
        {
            var days = Simulate(scenario, random);
            var posterior = ArOneModel.Fit(days)!;
            if (posterior.Effect.Lower > 0)
            {
                benefit++;
            }

            if (posterior.Effect.Upper < 0)
            {
                harm++;
            }

            if (posterior.Effect.Contains(scenario.Effect))
            {
                covered++;
            }

            sumProbability += posterior.ProbabilityPositive;
            var (p, difference) = WelchTTest(days);
            if (p < 0.05)
            {
                tTest++;
                if (difference > 0)
                {
                    tTestBenefit++;
                }
            }

            if (RandomisationTest.Run(days) is { } r)
            {
                minimumP = r.MinimumP;
                if (r.P <= 0.05)
                {
                    randomisation++;
                }
            }
        }

        double Share(int count) => (double)count / scenario.Runs;
        return new SimulationResult(scenario, Share(benefit), Share(harm), Share(covered), sumProbability / scenario.Runs, Share(tTest), Share(tTestBenefit), Share(randomisation), minimumP);
    }

    /// <summary>
    /// One simulated trial: each cycle's order (AB or BA) by a coin flip, then days whose errors follow
    /// a stationary AR(1) process with unit variance, plus the effect on A days.
    /// </summary>
    public static List<TrialDay> Simulate(SimulationScenario scenario, Random random)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(random);
        var days = new List<TrialDay>(scenario.Cycles * scenario.PhaseDays * 2);
        var innovation = Math.Sqrt(1 - (scenario.Rho * scenario.Rho));
        var error = Normal.Sample(random, 0, 1);
        var day = 0;
        for (var cycle = 1; cycle <= scenario.Cycles; cycle++)
        {
            var aFirst = random.Next(2) == 0;
            foreach (var arm in aFirst ? new[] { TrialArm.A, TrialArm.B } : [TrialArm.B, TrialArm.A])
            {
                for (var d = 0; d < scenario.PhaseDays; d++)
                {
                    if (day > 0)
                    {
                        error = (scenario.Rho * error) + (innovation * Normal.Sample(random, 0, 1));
                    }

                    days.Add(new TrialDay(day, cycle, arm, error + (arm == TrialArm.A ? scenario.Effect : 0)));
                    day++;
                }
            }
        }

        return days;
    }

    /// <summary>The naive analysis: Welch's t-test of the A days against the B days, as if days were independent.</summary>
    /// <returns>The two-sided p and the difference of means A − B.</returns>
    public static (double P, double Difference) WelchTTest(IReadOnlyList<TrialDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var a = days.Where(d => d.Arm == TrialArm.A).Select(d => d.Value).ToArray();
        var b = days.Where(d => d.Arm == TrialArm.B).Select(d => d.Value).ToArray();
        double Variance(double[] x, double mean) => x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
        var meanA = a.Average();
        var meanB = b.Average();
        var va = Variance(a, meanA) / a.Length;
        var vb = Variance(b, meanB) / b.Length;
        var t = (meanA - meanB) / Math.Sqrt(va + vb);
        var df = (va + vb) * (va + vb) / ((va * va / (a.Length - 1)) + (vb * vb / (b.Length - 1)));
        return (2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t))), meanA - meanB);
    }
}
