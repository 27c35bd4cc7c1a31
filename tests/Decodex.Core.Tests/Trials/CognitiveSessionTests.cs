using Decodex.Core.Trials;
using Decodex.Core.Trials.Cognitive;

namespace Decodex.Core.Tests.Trials;

/// <summary>
/// Browser test sessions: the raw trials as the page stores them are turned into scores here (hand-computed
/// known answers for each test), the timing self-check's tolerances, the checks on crafted sessions, the
/// practice rule, and sessions inside a trial record.
/// </summary>
public sealed class CognitiveSessionTests
{
    private static readonly TimingCheck GoodTiming = new(300, 16.67, 1, 0.005, 4, 2, 0, 0, true);

    [Fact]
    public void Pvt_FromRawTrials_FalseStartsLapsesAndSpeed()
    {
        CognitiveTrial[] trials =
        [
            new(0, "", Response: "press", OnsetMs: 1000, ResponseMs: 1250, IntervalMs: 2000, Input: "key"),
            new(1, "", Response: "press", ResponseMs: 2500, IntervalMs: 4000, Input: "key"), // pressed while nothing was shown
            new(2, "", Response: "press", OnsetMs: 5000, ResponseMs: 5050, IntervalMs: 2300, Input: "key"), // under 100 ms
            new(3, "", OnsetMs: 8000, IntervalMs: 2900), // no answer: a lapse
            new(4, "", Response: "press", OnsetMs: 12000, ResponseMs: 12400, IntervalMs: 3500, Input: "touch"),
        ];

        var brief = CognitiveTests.Score(OutcomeKind.PvtBrief, trials, GoodTiming);
        Assert.Equal((4 + 2.5) / 2, brief.Primary!.Value, 10);
        Assert.Equal(4.0, Detail(brief, "Trials"));
        Assert.Equal(325.0, Detail(brief, "Median RT (ms)"));
        Assert.Equal(2.0, Detail(brief, "Lapses (RT ≥ 355 ms or none)")); // 400 ms and the unanswered one
        Assert.Equal(2.0, Detail(brief, "False starts"));
        Assert.Equal(250.0, Detail(brief, "Fastest 10 % RT (ms)"));
        Assert.Equal(2.5, Detail(brief, "Slowest 10 % speed (s⁻¹)"));

        var standard = CognitiveTests.Score(OutcomeKind.Pvt, trials, GoodTiming);
        Assert.Equal(1.0, Detail(standard, "Lapses (RT ≥ 500 ms or none)"));
    }

    [Fact]
    public void DigitSpan_FromRawTrials_CorrectOnlyWhenEveryDigitInOrder()
    {
        CognitiveTrial[] trials =
        [
            new(0, "123", Response: "123"), new(1, "4567", Response: "4576"), new(2, "890", Response: "890"),
            new(3, "1234", Response: "1234"), new(4, "12345", Response: null), new(5, "1234", Response: "1234"),
        ];

        // Reversals at lists 2 (4), 3 (3), 5 (5) and 6 (4): mean span 4.
        var result = CognitiveTests.Score(OutcomeKind.DigitSpan, trials, GoodTiming);
        Assert.Equal(4.0, result.Primary);
        Assert.Equal(4.0, Detail(result, "Reversals"));
        Assert.Equal(4.0, Detail(result, "Longest list recalled"));
    }

    [Fact]
    public void TwoBack_FromRawTrials_TargetsWorkedOutFromTheLettersFirstTwoUnscored()
    {
        CognitiveTrial[] trials =
        [
            new(0, "B", Response: "match", OnsetMs: 0, ResponseMs: 400), // nothing to match yet: not scored
            new(1, "C", OnsetMs: 3500),
            new(2, "B", Response: "match", OnsetMs: 7000, ResponseMs: 7600), // target, hit
            new(3, "D", Response: "match", OnsetMs: 10500, ResponseMs: 11000), // not a target: false alarm
            new(4, "B", OnsetMs: 14000), // target, missed
            new(5, "D", Response: "match", OnsetMs: 17500, ResponseMs: 17900), // target, hit
            new(6, "F", OnsetMs: 21000), // not a target, rightly left
        ];

        var result = CognitiveTests.Score(OutcomeKind.TwoBack, trials, GoodTiming);

        // H = (2 + 0.5) / (3 + 1) = 0.625, FA = (1 + 0.5) / (2 + 1) = 0.5: d′ = z(0.625) − z(0.5) = 0.318639.
        Assert.Equal(0.318639, result.Primary!.Value, 5);
        Assert.Equal(3.0, Detail(result, "Targets"));
        Assert.Equal(2.0, Detail(result, "Hits"));
        Assert.Equal(1.0, Detail(result, "False alarms"));
        Assert.Equal(500.0, Detail(result, "Mean RT of hits (ms)"));
    }

    [Fact]
    public void Stroop_FromRawTrials_CongruenceAndCorrectnessFromWordInkAndAnswer()
    {
        CognitiveTrial[] trials =
        [
            new(0, "red", "red", "red", 1000, 1500),
            new(1, "red", "blue", "blue", 3000, 3700),
            new(2, "green", "yellow", "green", 5000, 5600), // read the word, not the ink: wrong
            new(3, "blue", "blue", null, 7000), // no answer: wrong
        ];

        var result = CognitiveTests.Score(OutcomeKind.Stroop, trials, GoodTiming);
        Assert.Equal((2 + (1000 / 700.0)) / 2, result.Primary!.Value, 10);
        Assert.Equal(0.5, Detail(result, "Accuracy"));
        Assert.Equal(500.0, Detail(result, "Median congruent RT (ms)"));
        Assert.Equal(700.0, Detail(result, "Median incongruent RT (ms)"));
        Assert.Equal(200.0, Detail(result, "Interference (ms)"));
    }

    [Fact]
    public void TimingCheck_ToleranceFromTheNotes_AndACoarseClockWithholdsReactionTimes()
    {
        Assert.Empty(GoodTiming.Problems());
        Assert.InRange(GoodTiming.EstimatedNoiseSdMs, 5.3, 5.4); // √(16.67²/12 + 1 + 4)

        var jittery = GoodTiming with { FrameIntervalSdMs = 9 };
        Assert.Contains(jittery.Problems(), p => p.Contains("timing noise", StringComparison.Ordinal));

        var slow = GoodTiming with { FrameIntervalMs = 33.3 };
        Assert.Contains(slow.Problems(), p => p.Contains("50 frames", StringComparison.Ordinal));

        var hidden = GoodTiming with { HiddenCount = 1, BlurCount = 1 };
        Assert.Contains(hidden.Problems(), p => p.Contains("2 time(s)", StringComparison.Ordinal));

        // Firefox with resistFingerprinting rounds the clock to 100 ms: no reaction-time score at all.
        var coarse = GoodTiming with { TimerResolutionMs = 100 };
        Assert.True(coarse.ReactionTimesUnusable);
        Assert.Contains(coarse.Problems(), p => p.Contains("not scored", StringComparison.Ordinal));
        CognitiveTrial[] pvt = [new(0, "", Response: "press", OnsetMs: 1000, ResponseMs: 1300)];
        Assert.Null(CognitiveTests.Score(OutcomeKind.PvtBrief, pvt, coarse).Primary);
        Assert.Null(Detail(CognitiveTests.Score(OutcomeKind.PvtBrief, pvt, coarse), "Median RT (ms)"));

        // Accuracy-based tests keep their score.
        CognitiveTrial[] span = [new(0, "12", Response: "12"), new(1, "123", Response: "13")];
        Assert.NotNull(CognitiveTests.Score(OutcomeKind.DigitSpan, span, coarse).Primary);
    }

    [Theory]
    [InlineData(OutcomeKind.Stroop, """[{"index":0,"stimulus":"purple","ink":"red","response":"red"}]""")]
    [InlineData(OutcomeKind.Stroop, """[{"index":0,"stimulus":"red","response":"red"}]""")]
    [InlineData(OutcomeKind.TwoBack, """[{"index":0,"stimulus":"b"}]""")]
    [InlineData(OutcomeKind.TwoBack, """[{"index":0,"stimulus":"<script>"}]""")]
    [InlineData(OutcomeKind.DigitSpan, """[{"index":0,"stimulus":"12a"}]""")]
    [InlineData(OutcomeKind.DigitSpan, """[{"index":0,"stimulus":"1"}]""")]
    [InlineData(OutcomeKind.PvtBrief, """[{"index":0,"stimulus":"","onsetMs":2000,"responseMs":1000}]""")]
    [InlineData(OutcomeKind.PvtBrief, """[{"index":1,"stimulus":"","onsetMs":2000,"responseMs":2300}]""")]
    [InlineData(OutcomeKind.PvtBrief, """[{"index":0,"stimulus":"","onsetMs":-5,"responseMs":2300}]""")]
    [InlineData(OutcomeKind.PvtBrief, """[{"index":0,"stimulus":"","onsetMs":1e300,"responseMs":2300}]""")]
    [InlineData(OutcomeKind.PvtBrief, """[{"index":0,"stimulus":"","response":"press","input":"voice"}]""")]
    [InlineData(OutcomeKind.PvtBrief, """[]""")]
    [InlineData(OutcomeKind.Rating, """[{"index":0,"stimulus":""}]""")]
    public void CraftedSessions_AreRefused(OutcomeKind kind, string trialsJson)
    {
        var (trials, timing, problem) = CognitiveTests.Parse("""{"trials":""" + trialsJson + ""","timing":{"frames":300,"frameIntervalMs":16.7,"frameIntervalSdMs":1,"timerResolutionMs":0.1,"hiddenCount":0,"blurCount":0,"crossOriginIsolated":false}}""");
        Assert.Null(problem);
        Assert.NotEmpty(CognitiveTests.Problems(kind, trials, timing));
    }

    [Fact]
    public void CraftedSessions_TooManyTrialsImpossibleTimingOrNotJson_AreRefusedWithoutEchoingValues()
    {
        var many = Enumerable.Range(0, 201).Select(i => new CognitiveTrial(i, "")).ToList();
        Assert.NotEmpty(CognitiveTests.Problems(OutcomeKind.PvtBrief, many, GoodTiming));
        Assert.NotEmpty(CognitiveTests.Problems(OutcomeKind.PvtBrief, [new(0, "")], GoodTiming with { FrameIntervalMs = double.NaN }));
        Assert.NotEmpty(CognitiveTests.Problems(OutcomeKind.PvtBrief, [new(0, "")], null));

        var (_, _, problem) = CognitiveTests.Parse("""{"trials":[{"index":"SECRET-VALUE"}],"timing":{}}""");
        Assert.NotNull(problem);
        Assert.DoesNotContain("SECRET", problem, StringComparison.Ordinal);
        Assert.NotNull(CognitiveTests.Parse("""{"trials":[]}""").Problem);

        // A trial with a null stimulus is a JSON error; a null trial or one without a stimulus is refused by the checks (no null to trip over).
        const string Timing = ""","timing":{"frames":300,"frameIntervalMs":16.7,"frameIntervalSdMs":1,"timerResolutionMs":0.1,"hiddenCount":0,"blurCount":0,"crossOriginIsolated":false}}""";
        Assert.NotNull(CognitiveTests.Parse("""{"trials":[{"index":0,"stimulus":null}]""" + Timing).Problem);
        foreach (var trials in new[] { """[{"index":0}]""", "[null]" })
        {
            var parsed = CognitiveTests.Parse("""{"trials":""" + trials + Timing);
            Assert.Null(parsed.Problem);
            Assert.Contains("lacks its stimulus", Assert.Single(CognitiveTests.Problems(OutcomeKind.PvtBrief, parsed.Trials, parsed.Timing)), StringComparison.Ordinal);
        }

        Assert.Null(CognitiveTests.Parse("""{"trials":[{"index":0,"stimulus":""}]""" + Timing).Problem);
        Assert.NotNull(CognitiveTests.Parse("not json").Problem);
    }

    [Theory]
    [InlineData(OutcomeKind.PvtBrief, new[] { 3.0, 3.3 }, false)] // two sessions are not enough
    [InlineData(OutcomeKind.PvtBrief, new[] { 3.0, 3.3, 3.6 }, false)] // still rising: 3.6 − 3.15 > 5 %
    [InlineData(OutcomeKind.PvtBrief, new[] { 3.0, 3.5, 3.55, 3.5 }, true)]
    [InlineData(OutcomeKind.DigitSpan, new[] { 5.0, 5.5, 6.2 }, false)] // +0.95 digit
    [InlineData(OutcomeKind.DigitSpan, new[] { 5.0, 5.5, 5.6 }, true)]
    [InlineData(OutcomeKind.TwoBack, new[] { 1.0, 1.5, 1.9 }, false)] // +0.65 d′
    [InlineData(OutcomeKind.TwoBack, new[] { 1.0, 1.5, 1.4 }, true)]
    public void Practice_LevelsOffWhenTheLatestIsNoBetterThanTheTwoBefore(OutcomeKind kind, double[] scores, bool levelled) =>
        Assert.Equal(levelled, CognitiveTests.PracticeLevelledOff(kind, scores));

    [Fact]
    public void Sessions_InATrial_RunInIsPracticeScoresBecomeDailyValuesAndEverythingIsKept()
    {
        var plan = new TrialPlan
        {
            Title = "Caffeine and vigilance",
            Intervention = new TrialCondition("caffeine 100 mg", "caffeine"),
            Comparator = new TrialCondition("placebo capsule"),
            Design = TrialDesign.AbPairs,
            PhaseDays = 2,
            Cycles = 2,
            RunInDays = 2,
            StartDate = new DateOnly(2027, 1, 4),
            Outcomes = [new("pvt-b", OutcomeKind.PvtBrief), new("focus", OutcomeKind.Rating)],
            PrimaryOutcome = "pvt-b",
        };
        var now = new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);
        var record = SelfExperiment.Start(plan, now, new TrialAllocation(["AB", "BA"], "ab"));
        CognitiveTrial[] trials = [new(0, "", Response: "press", OnsetMs: 1000, ResponseMs: 1250), new(1, "", Response: "press", OnsetMs: 5000, ResponseMs: 5500)];

        // Run-in day: practice whatever the person chose, and no daily value.
        record = record.AddSession(plan.StartDate, "pvt-b", practice: false, trials, GoodTiming, now);
        Assert.True(record.Sessions[0].Practice);
        Assert.Empty(record.Entries);

        // A scored session on a trial day records its response speed as the day's value.
        var day3 = plan.StartDate.AddDays(2);
        record = record.AddSession(day3, "pvt-b", practice: false, trials, GoodTiming, now.AddDays(2));
        var entry = Assert.Single(record.Entries);
        Assert.Equal((4 + 2) / 2.0, entry.Value, 10);

        // A practice session on a trial day is kept but gives no value.
        record = record.AddSession(day3, "pvt-b", practice: true, trials, GoodTiming, now.AddDays(2));
        Assert.Single(record.Entries);
        Assert.Equal(2, record.Practice("pvt-b").Sessions.Count);

        // A rating is not a browser test; an unknown outcome neither; bad trials are refused; six sittings a day at most.
        Assert.Throws<ArgumentException>(() => record.AddSession(day3, "focus", false, trials, GoodTiming, now));
        Assert.Throws<ArgumentException>(() => record.AddSession(day3, "stroop", false, trials, GoodTiming, now));
        Assert.Throws<ArgumentException>(() => record.AddSession(day3, "pvt-b", false, [new(3, "")], GoodTiming, now));
        Assert.Throws<ArgumentOutOfRangeException>(() => record.AddSession(plan.StartDate.AddDays(-1), "pvt-b", false, trials, GoodTiming, now));
        for (var i = 0; i < SelfExperiment.MaxSessionsPerTestPerDay - 2; i++)
        {
            record = record.AddSession(day3, "pvt-b", true, trials, GoodTiming, now);
        }

        Assert.Throws<ArgumentException>(() => record.AddSession(day3, "pvt-b", true, trials, GoodTiming, now));

        // A session without a single answer has no event delays: it is stored and read back all the same.
        CognitiveTrial[] unanswered = [new(0, "", OnsetMs: 1000), new(1, "", OnsetMs: 40000)];
        var silent = GoodTiming with { EventDelayMeanMs = null, EventDelaySdMs = null };
        var withSilent = SelfExperiment.FromJson(record.AddSession(day3.AddDays(1), "pvt-b", false, unanswered, silent, now).ToJson());
        Assert.Equal(silent, withSilent.Sessions[^1].Timing);
        Assert.Null(withSilent.Sessions[^1].Score().Primary);

        // Kept through storage, exported raw, and counted in the report.
        var again = SelfExperiment.FromJson(record.ToJson());
        Assert.Equal(record.Sessions.Count, again.Sessions.Count);
        Assert.Equal(trials, again.Sessions[0].Trials);
        Assert.Equal(GoodTiming, again.Sessions[0].Timing);
        var csv = CognitiveTests.TrialsCsv(again.Sessions).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + (again.Sessions.Count * 2), csv.Length);
        Assert.EndsWith(",1000,1250,250,", csv[1], StringComparison.Ordinal);
        Assert.Equal(1 + again.Sessions.Count, CognitiveTests.SessionsCsv(again.Sessions).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var report = TrialReport.Of(again.Unblind(now.AddDays(10)), madeOn: new DateOnly(2027, 1, 20));
        var tests = Assert.Single(report.Sections, s => s.Heading.StartsWith("Browser tests", StringComparison.Ordinal));
        Assert.Contains(tests.Items, i => i.StartsWith($"pvt-b: {again.Sessions.Count} session(s), {again.Sessions.Count - 1} of them practice", StringComparison.Ordinal));
    }

    private static double? Detail(CognitiveResult result, string name) => Assert.Single(result.Details, d => d.Key == name).Value;
}
