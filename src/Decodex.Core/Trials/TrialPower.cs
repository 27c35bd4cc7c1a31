using MathNet.Numerics.Distributions;

namespace Decodex.Core.Trials;

/// <summary>What a plan can be expected to find, before it starts.</summary>
/// <param name="Effect">The effect assumed, in units of the day-to-day SD.</param>
/// <param name="Rho">The day-to-day autocorrelation assumed.</param>
/// <param name="Runs">Simulated trials.</param>
/// <param name="Power">Share of simulated trials whose 95 % interval lay on the better side of 0.</param>
/// <param name="ApproximatePower">The planning formula Φ(δ/SE − 1.96) with SE ≈ √(4/n · (1+ρ)/(1−ρ)), for comparison.</param>
/// <param name="AnalysedDays">Days per outcome that enter the analysis (run-in and washout days left out), on average over allocations: a phase that continues the condition before it has no washout.</param>
/// <param name="MinimumRandomisationP">The smallest p the randomisation test can give with this many cycles.</param>
public sealed record PowerEstimate(double Effect, double Rho, int Runs, double Power, double ApproximatePower, double AnalysedDays, double MinimumRandomisationP);

/// <summary>
/// The power of a plan, by simulating it under the AR(1) model: each run draws a fresh allocation, makes
/// every scheduled day (run-in and washout included, so the autocorrelation runs through them) and
/// analyses the days that count, exactly as the real trial will be.
/// </summary>
public static class TrialPower
{
    public static PowerEstimate Estimate(TrialPlan plan, double effect, double rho, int runs = 1000, int seed = 20261204)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        if (!(Math.Abs(rho) < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), "The autocorrelation lies strictly between −1 and 1.");
        }

        var random = new Random(seed);
        var innovation = Math.Sqrt(1 - (rho * rho));
        var found = 0;
        var analysed = 0L;
        for (var run = 0; run < runs; run++)
        {
            var schedule = TrialSchedule.Of(plan, TrialAllocation.Draw(plan, random));
            var days = new List<TrialDay>(schedule.Count);
            var error = Normal.Sample(random, 0, 1);
            for (var i = 0; i < schedule.Count; i++)
            {
                if (i > 0)
                {
                    error = (rho * error) + (innovation * Normal.Sample(random, 0, 1));
                }

                var day = schedule[i];
                if (day.Analysed)
                {
                    days.Add(new TrialDay(day.Day, day.Period, day.Arm!.Value, error + (day.Arm == TrialArm.A ? effect : 0)));
                }
            }

            analysed += days.Count;
            if (ArOneModel.Fit(days) is { } posterior && posterior.Effect.Lower > 0)
            {
                found++;
            }
        }

        var meanDays = (double)analysed / runs;
        var se = Math.Sqrt(4.0 / meanDays * (1 + rho) / (1 - rho));
        var approximate = Normal.CDF(0, 1, (effect / se) - 1.96);
        return new PowerEstimate(effect, rho, runs, (double)found / runs, approximate, meanDays, Math.Min(1, 2 / Math.Pow(2, plan.Cycles)));
    }
}

/// <summary>The blinding check at the end of a trial.</summary>
/// <param name="Guesses">Days with a guess.</param>
/// <param name="BrierScore">Mean of (guess − truth)², truth 1 on A days: 0.25 is what guessing 50 % every day scores; lower is better guessing.</param>
/// <param name="MeanGuessOnA">Mean stated probability of A on A days.</param>
/// <param name="MeanGuessOnB">Mean stated probability of A on B days.</param>
/// <param name="ProbabilityGuessesTrackTheTruth">P(the guesses were higher on A days than on B days), from the same AR(1) model as the outcomes; null with too few guesses.</param>
/// <param name="PossiblyUnblinded">True when that probability is at least 0.95.</param>
public sealed record BlindingCheck(int Guesses, double BrierScore, double MeanGuessOnA, double MeanGuessOnB, double? ProbabilityGuessesTrackTheTruth, bool PossiblyUnblinded)
{
    /// <summary>
    /// Scores the daily "what do you think you took?" answers (the stated probability of A) against the
    /// allocation. Guesses are not used to adjust the effect (they come after the treatment); a person who
    /// could tell the conditions apart is told that expectation may explain part of the result.
    /// </summary>
    public static BlindingCheck? Of(IReadOnlyList<TrialDay> guesses)
    {
        ArgumentNullException.ThrowIfNull(guesses);
        var onA = guesses.Where(g => g.Arm == TrialArm.A).Select(g => g.Value).ToList();
        var onB = guesses.Where(g => g.Arm == TrialArm.B).Select(g => g.Value).ToList();
        if (onA.Count == 0 || onB.Count == 0)
        {
            return null;
        }

        // Guesses that never change (always 50 %, say) track nothing: the model has no variation to weigh.
        var brier = guesses.Average(g => Math.Pow(g.Value - (g.Arm == TrialArm.A ? 1 : 0), 2));
        var tracking = guesses.All(g => g.Value == guesses[0].Value) ? 0.5 : ArOneModel.Fit(guesses)?.ProbabilityPositive;
        return new BlindingCheck(guesses.Count, brier, onA.Average(), onB.Average(), tracking, tracking >= 0.95);
    }
}
