using Decodex.Core.Trials;

namespace Decodex.Core.Tests.Trials;

/// <summary>
/// The simulation study the analysis must pass (Monte Carlo, fixed seed, 2,000 trials per scenario):
/// ABAB trials with the order of each pair randomised, 7-day phases, AR(1) days.
/// </summary>
public sealed class TrialSimulationTests
{
    private const int Runs = 2000;

    public static TheoryData<int, double> NullScenarios => new()
    {
        { 4, 0.0 }, { 4, 0.3 }, { 4, 0.6 },
        { 6, 0.0 }, { 6, 0.3 }, { 6, 0.6 },
    };

    [Theory]
    [MemberData(nameof(NullScenarios))]
    public void UnderNoEffect_BenefitIsClaimedAtMostFivePercentOfTheTime_AndIntervalsCover93To97(int cycles, double rho)
    {
        var r = TrialSimulation.Run(new SimulationScenario(cycles, 7, rho, 0, Runs));

        Assert.InRange(r.Benefit, 0, 0.05);
        Assert.InRange(r.Harm, 0, 0.05);
        Assert.InRange(r.Coverage, 0.93, 0.97);
        Assert.InRange(r.MeanProbabilityPositive, 0.45, 0.55);

        // The daily t-test on the same data: about nominal without autocorrelation, inflated with it.
        if (rho >= 0.3)
        {
            Assert.True(r.DailyTTest > 0.10, $"daily t-test false positives {r.DailyTTest:0.000} at rho {rho}");
            Assert.True(r.DailyTTestBenefit > r.Benefit);
        }

        // The randomisation test can never reach 0.05 with 4 pairs; with 6 it holds its level.
        Assert.Equal(cycles == 4 ? 0.125 : 0.03125, r.RandomisationMinimumP, 12);
        Assert.InRange(r.Randomisation, 0, cycles == 4 ? 0 : 0.06);
    }

    [Fact]
    public void WithAnEffectOfHalfASd_PowerGrowsWithCycles_AndTheIntervalsStillCover()
    {
        var four = TrialSimulation.Run(new SimulationScenario(4, 7, 0.3, 0.5, Runs));
        var six = TrialSimulation.Run(new SimulationScenario(6, 7, 0.3, 0.5, Runs));
        var large = TrialSimulation.Run(new SimulationScenario(6, 7, 0.3, 1.0, Runs));

        // The planning formula SE ≈ √(4/n · (1+ρ)/(1−ρ)) gives about 0.28 power for 56 days and 0.40 for 84.
        Assert.InRange(four.Benefit, 0.2, 0.45);
        Assert.InRange(six.Benefit, 0.3, 0.6);
        Assert.True(six.Benefit > four.Benefit);
        Assert.InRange(large.Benefit, 0.85, 1);
        Assert.Equal(0, six.Harm);
        Assert.InRange(six.Coverage, 0.93, 0.97);
    }

    [Fact]
    public void TheSameSeed_GivesTheSameFigures()
    {
        var scenario = new SimulationScenario(4, 7, 0.3, 0.5, 50, Seed: 3);
        Assert.Equal(TrialSimulation.Run(scenario), TrialSimulation.Run(scenario));
    }
}
