using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Decodex.Core.Trials;
using Decodex.Core.Trials.Cognitive;

namespace Decodex.Benchmarks.Trials;

/// <summary>
/// What the server does with a posted browser-test session: a 10-minute PVT of 120 trials read, checked
/// and scored; and a trial record of 12 weeks with three tests a day (252 sessions) written and read as
/// the store seals it.
/// </summary>
[MemoryDiagnoser]
public class CognitiveSessionBenchmarks
{
    private string _pvtJson = string.Empty;
    private string _recordJson = string.Empty;
    private SelfExperiment _record = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var json = new StringBuilder("{\"trials\":[");
        double t = 1000;
        for (var i = 0; i < 120; i++)
        {
            var wait = 2000 + random.Next(8001);
            var rt = 220 + random.Next(300);
            json.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : string.Empty)}{{\"index\":{i},\"stimulus\":\"\",\"response\":\"press\",\"onsetMs\":{t + wait:0.###},\"responseMs\":{t + wait + rt + 0.123:0.###},\"intervalMs\":{wait},\"input\":\"key\"}}");
            t += wait + rt + 1000;
        }

        _pvtJson = json.Append("],\"timing\":{\"frames\":36000,\"frameIntervalMs\":16.67,\"frameIntervalSdMs\":0.8,\"timerResolutionMs\":0.005,\"eventDelayMeanMs\":2.1,\"eventDelaySdMs\":0.9,\"hiddenCount\":0,\"blurCount\":0,\"crossOriginIsolated\":true}}").ToString();

        var plan = new TrialPlan
        {
            Title = "Caffeine and vigilance",
            Intervention = new TrialCondition("caffeine 100 mg", "caffeine"),
            Comparator = new TrialCondition("placebo capsule"),
            Design = TrialDesign.AbPairs,
            PhaseDays = 7,
            Cycles = 6,
            StartDate = new DateOnly(2027, 1, 4),
            Outcomes = [new("pvt", OutcomeKind.Pvt), new("two-back", OutcomeKind.TwoBack), new("stroop", OutcomeKind.Stroop)],
            PrimaryOutcome = "pvt",
        };
        var (trials, timing, _) = CognitiveTests.Parse(_pvtJson);
        var twoBack = Enumerable.Range(0, 62).Select(i => new CognitiveTrial(i, ((char)('B' + (i % 5))).ToString(), null, i % 3 == 0 ? "match" : null, i * 3500, i % 3 == 0 ? (i * 3500) + 600 : null, null, i % 3 == 0 ? "key" : null)).ToList();
        var stroop = Enumerable.Range(0, 80).Select(i => new CognitiveTrial(i, CognitiveTests.StroopColours[i % 4], CognitiveTests.StroopColours[(i / 4) % 4], CognitiveTests.StroopColours[(i / 4) % 4], i * 2000, (i * 2000) + 650, 500, "key")).ToList();
        var record = SelfExperiment.Start(plan, new DateTimeOffset(2027, 1, 3, 20, 0, 0, TimeSpan.Zero));
        for (var day = 0; day < plan.TotalDays; day++)
        {
            var date = plan.StartDate.AddDays(day);
            var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            record = record.AddSession(date, "pvt", false, trials!, timing!, at).AddSession(date, "two-back", false, twoBack, timing!, at).AddSession(date, "stroop", false, stroop, timing!, at);
        }

        _record = record;
        _recordJson = record.ToJson();
    }

    /// <summary>A posted 10-minute PVT: parsed, checked, scored.</summary>
    [Benchmark]
    public double? ReadCheckScorePvtSession()
    {
        var (trials, timing, _) = CognitiveTests.Parse(_pvtJson);
        return CognitiveTests.Problems(OutcomeKind.Pvt, trials, timing).Count == 0 ? CognitiveTests.Score(OutcomeKind.Pvt, trials!, timing!).Primary : null;
    }

    /// <summary>The trial record with 252 sessions written as JSON (before sealing).</summary>
    [Benchmark]
    public int WriteRecordWith252Sessions() => _record.ToJson().Length;

    /// <summary>The same record read back.</summary>
    [Benchmark]
    public int ReadRecordWith252Sessions() => SelfExperiment.FromJson(_recordJson).Sessions.Count;

    /// <summary>The record's size in characters (reported by the setup check).</summary>
    public int RecordChars => _recordJson.Length;
}
