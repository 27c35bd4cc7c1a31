using Decodex.Core.Trials;

namespace Decodex.Core.Tests.Trials;

/// <summary>Plans, allocations, schedules, power before the start, the blinding check and the reminder calendar.</summary>
public sealed class TrialPlanTests
{
    private static TrialPlan Plan(TrialDesign design = TrialDesign.AbPairs, int phaseDays = 7, int cycles = 4, int washout = 2, int runIn = 3) => new()
    {
        Title = "Bacopa and focus",
        Intervention = new TrialCondition("Bacopa 300 mg", "bacopa-monnieri"),
        Comparator = new TrialCondition("placebo capsule"),
        Design = design,
        PhaseDays = phaseDays,
        Cycles = cycles,
        WashoutDays = washout,
        RunInDays = runIn,
        StartDate = new DateOnly(2027, 1, 4),
        Outcomes = [new("focus", OutcomeKind.Rating, MinimalImportantDifference: 1), new("pvt-speed", OutcomeKind.PvtBrief)],
        PrimaryOutcome = "focus",
    };

    [Theory]
    [InlineData(5.0, 2)] // caffeine-like: 25 h
    [InlineData(24.0, 5)]
    [InlineData(36.0, 8)] // 7.5 days, rounded up
    [InlineData(0.5, 1)]
    public void HalfLife_SuggestsAWashoutOfFiveHalfLivesInWholeDays(double hours, int days)
    {
        var plan = Plan() with { HalfLifeHours = hours };
        Assert.Equal(days, plan.SuggestedWashoutDays);
        Assert.Empty(plan.Problems());
        Assert.Contains(TrialReport.Of(SelfExperiment.Start(plan, DateTimeOffset.UnixEpoch).Unblind(DateTimeOffset.UnixEpoch), madeOn: plan.StartDate).Sections[0].Paragraphs,
            p => p.Contains($"five half-lives at {days} day(s){(days > 2 ? ", longer than the washout" : ".")}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    [InlineData(2001.0)]
    public void HalfLife_OutOfRange_IsAProblem(double hours) =>
        Assert.Contains("A half-life lies above 0 and up to 2,000 hours.", (Plan() with { HalfLifeHours = hours }).Problems());

    /// <summary>Without a half-life the plan's JSON, and so the hash of plans registered before the field existed, is unchanged.</summary>
    [Fact]
    public void HalfLife_Absent_LeavesThePlanJsonAsBefore() =>
        Assert.DoesNotContain("halfLife", Plan().ToJson(), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Schedule_RunInThenPhases_WashoutOnlyWhereTheConditionChanges()
    {
        var plan = Plan(TrialDesign.RandomisedBlocks, phaseDays: 5, cycles: 2, washout: 2, runIn: 3);
        var schedule = TrialSchedule.Of(plan, new TrialAllocation(["AABB", "BABA"], "00"));

        Assert.Equal(3 + (2 * 4 * 5), schedule.Count);
        Assert.All(schedule.Take(3), d => Assert.Equal((0, null, null, false), (d.Period, d.Arm, d.Envelope, d.Analysed)));
        Assert.Equal(new DateOnly(2027, 1, 7), schedule[3].Date);
        Assert.Equal(1, schedule[3].Envelope);

        // Phase 1 (A) starts a condition: 2 washout days. Phase 2 (A again): none. Phase 3 (B): 2.
        bool[] Washouts(int phase) => [.. schedule.Where(d => d.Phase == phase).Select(d => d.Washout)];
        Assert.Equal([true, true, false, false, false], Washouts(1));
        Assert.Equal([false, false, false, false, false], Washouts(2));
        Assert.Equal([true, true, false, false, false], Washouts(3));
        Assert.Equal([false, false, false, false, false], Washouts(4)); // B then B
        Assert.Equal([false, false, false, false, false], Washouts(5)); // block 2 starts with B after B
        Assert.Equal([true, true, false, false, false], Washouts(6));
        Assert.Equal(TrialArm.A, schedule.Single(d => d.Day == 4).Arm);
        Assert.Equal(2, schedule[^1].Period);
    }

    [Fact]
    public void Plan_Problems_NameWhatStopsItFromStarting()
    {
        Assert.Empty(Plan().Problems());
        Assert.NotEmpty((Plan() with { Design = TrialDesign.AlternatingDays }).Problems());
        Assert.NotEmpty(Plan(washout: 7).Problems());
        Assert.NotEmpty(Plan(cycles: 1).Problems());
        Assert.NotEmpty((Plan() with { PrimaryOutcome = "mood" }).Problems());
        Assert.NotEmpty((Plan() with { Outcomes = [new("focus", OutcomeKind.Rating), new("focus", OutcomeKind.Number)] }).Problems());
        Assert.NotEmpty((Plan() with { Outcomes = [new("focus;drop", OutcomeKind.Rating)], PrimaryOutcome = "focus;drop" }).Problems());
        Assert.NotEmpty(Plan(phaseDays: 90, cycles: 100).Problems());
    }

    [Fact]
    public void PlanHash_ChangesWithAnyField_AndTheCommitmentBindsTheAllocation()
    {
        var plan = Plan();
        Assert.Equal(plan.Sha256(), Plan().Sha256());
        Assert.NotEqual(plan.Sha256(), (plan with { WashoutDays = 1 }).Sha256());
        Assert.NotEqual(plan.Sha256(), (plan with { Outcomes = [plan.Outcomes[0] with { LowerIsBetter = true }, plan.Outcomes[1]] }).Sha256());

        var allocation = TrialAllocation.Draw(plan);
        Assert.Equal(4, allocation.Orders.Count);
        Assert.All(allocation.Orders, o => Assert.Contains(o, new[] { "AB", "BA" }));
        Assert.Equal(32, allocation.Salt.Length);
        Assert.NotEqual(allocation.Commitment(), (allocation with { Orders = [.. allocation.Orders.Select(o => o == "AB" ? "BA" : "AB")] }).Commitment());
        Assert.NotEqual(allocation.Commitment(), (allocation with { Salt = new string('0', 32) }).Commitment());
    }

    [Fact]
    public void Power_BySimulationOfThePlan_AgreesWithThePlanningFormula()
    {
        var plan = Plan(washout: 0, runIn: 0) with { Cycles = 4 };
        var estimate = TrialPower.Estimate(plan, effect: 0.5, rho: 0.3, runs: 400);

        Assert.Equal(56, estimate.AnalysedDays);
        Assert.Equal(0.125, estimate.MinimumRandomisationP);
        Assert.InRange(estimate.ApproximatePower, 0.25, 0.31);
        Assert.InRange(estimate.Power, estimate.ApproximatePower - 0.1, estimate.ApproximatePower + 0.1);

        // Washout days cost analysed days, and so power: 3 days in 5 to 8 of the 8 phases.
        var withWashout = TrialPower.Estimate(Plan(washout: 3, runIn: 0), 0.5, 0.3, runs: 400);
        Assert.InRange(withWashout.AnalysedDays, 56 - 24, 56 - 15);
        Assert.True(withWashout.ApproximatePower < estimate.ApproximatePower);
    }

    [Fact]
    public void BlindingCheck_ChanceGuessesPass_GuessesThatTrackTheTruthAreFlagged()
    {
        var random = new Random(4);
        var days = TrialSimulation.Simulate(new SimulationScenario(6, 7, 0, 0, 1), random);
        var chance = BlindingCheck.Of([.. days.Select(d => d with { Value = 0.5 })])!;
        Assert.Equal(0.25, chance.BrierScore, 12);
        Assert.False(chance.PossiblyUnblinded);
        Assert.Equal(0.5, chance.ProbabilityGuessesTrackTheTruth);

        // The same answer every day is never taken for knowledge, whatever the allocation.
        for (var seed = 0; seed < 20; seed++)
        {
            var other = TrialSimulation.Simulate(new SimulationScenario(4, 7, 0, 0, 1), new Random(seed));
            Assert.False(BlindingCheck.Of([.. other.Select(d => d with { Value = 0.7 })])!.PossiblyUnblinded);
        }

        var knowing = BlindingCheck.Of([.. days.Select(d => d with { Value = d.Arm == TrialArm.A ? 0.8 : 0.3 })])!;
        Assert.True(knowing.PossiblyUnblinded);
        Assert.True(knowing.BrierScore < 0.25);
        Assert.Equal(0.8, knowing.MeanGuessOnA, 12);

        Assert.Null(BlindingCheck.Of([.. days.Where(d => d.Arm == TrialArm.A)]));
    }

    [Fact]
    public void Calendar_OneReminderPerDay_NothingAboutTheTrialItself_FoldedAndEscaped()
    {
        var plan = Plan();
        var schedule = TrialSchedule.Of(plan, TrialAllocation.Draw(plan));
        var ics = TrialCalendar.Ics(schedule, new TimeOnly(8, 30), "trial-3f2a", new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Equal(schedule.Count, ics.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains("DTSTART:20270104T083000", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Decodex check-in\\, day 4 of 59 (envelope 1)", ics, StringComparison.Ordinal);
        Assert.Contains("UID:trial-3f2a-day-1@decodex.local", ics, StringComparison.Ordinal);
        foreach (var secret in new[] { "Bacopa", "placebo", "focus", "condition A", "bacopa" })
        {
            Assert.DoesNotContain(secret, ics, StringComparison.Ordinal);
        }

        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75));
        Assert.Throws<ArgumentException>(() => TrialCalendar.Ics(schedule, new TimeOnly(8, 0), "bad\r\nX-INJECT:1", DateTimeOffset.UnixEpoch));
    }
}
