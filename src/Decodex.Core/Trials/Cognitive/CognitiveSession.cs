using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Decodex.Core.Trials.Cognitive;

/// <summary>
/// One raw trial of a browser test, as it happened. Times are on the page's own clock
/// (<c>performance.now()</c>, ms since the page opened): the onset is the timestamp of the first frame
/// that showed the stimulus, the response is the key or pointer event's own timestamp. Whether a trial
/// was right, a target or a false start is worked out here from these fields, never taken from the browser.
/// </summary>
/// <param name="Index">Its place in the session, from 0.</param>
/// <param name="Stimulus">What was shown: empty for the PVT, the digits of a digit-span list, the letter of an n-back trial, the word of a Stroop trial.</param>
/// <param name="Ink">The Stroop word's ink colour; null for the other tests.</param>
/// <param name="Response">What the person answered (the digits typed, a colour, "match", "press"); null when there was no answer.</param>
/// <param name="OnsetMs">When the stimulus appeared; null for a PVT press made while nothing was shown (a false start).</param>
/// <param name="ResponseMs">When the person answered; null for no answer.</param>
/// <param name="IntervalMs">The PVT's random wait before the stimulus.</param>
/// <param name="Input">How the answer was given: <c>key</c>, <c>touch</c>, <c>mouse</c> or <c>pen</c>.</param>
public sealed record CognitiveTrial(
    int Index,
    string Stimulus,
    string? Ink = null,
    string? Response = null,
    double? OnsetMs = null,
    double? ResponseMs = null,
    double? IntervalMs = null,
    string? Input = null)
{
    /// <summary>Response time: the response's timestamp minus the onset's, when both exist.</summary>
    [JsonIgnore]
    public double? ReactionTimeMs => OnsetMs is { } onset && ResponseMs is { } response ? response - onset : null;
}

/// <summary>
/// The browser's timing self-check for one session: the display's frame interval and its jitter (from
/// <c>requestAnimationFrame</c>), the clock's resolution, the delay from an input event's timestamp to
/// its handler, and whether the page was hidden or lost focus during the session.
/// </summary>
/// <param name="Frames">Frame intervals measured.</param>
/// <param name="FrameIntervalMs">Median frame interval (16.7 ms at 60 Hz).</param>
/// <param name="FrameIntervalSdMs">Standard deviation of the frame intervals.</param>
/// <param name="TimerResolutionMs">The smallest step <c>performance.now()</c> was seen to take.</param>
/// <param name="EventDelayMeanMs">Mean delay from an answer's event timestamp to its handler running.</param>
/// <param name="EventDelaySdMs">Its standard deviation: how much the event timestamps jitter against the page's clock.</param>
/// <param name="HiddenCount">Times the page was hidden (another tab, a locked screen) during the session.</param>
/// <param name="BlurCount">Times the window lost focus.</param>
/// <param name="CrossOriginIsolated">Whether the page had the finer clock of a cross-origin-isolated page.</param>
public sealed record TimingCheck(
    int Frames,
    double FrameIntervalMs,
    double FrameIntervalSdMs,
    double TimerResolutionMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? EventDelayMeanMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? EventDelaySdMs,
    int HiddenCount,
    int BlurCount,
    bool CrossOriginIsolated)
{
    /// <summary>The timing noise allowed for reaction-time scores: SD ≤ 10 ms (Basner et al. 2020, PMC8240655).</summary>
    public const double NoiseToleranceMs = 10;

    /// <summary>A clock coarser than this makes reaction times unreliable (a browser's anti-fingerprinting rounding).</summary>
    public const double ResolutionToleranceMs = 1;

    /// <summary>A clock this coarse (Firefox's resistFingerprinting rounds to 100 ms) makes reaction times meaningless: such a session gives no reaction-time score.</summary>
    public const double UnusableResolutionMs = 5;

    /// <summary>A frame interval above this (under 50 Hz) is a low frame rate.</summary>
    public const double SlowFrameMs = 20;

    /// <summary>
    /// The standard deviation that the measured parts add to a reaction time: the stimulus can appear
    /// anywhere within a frame (uniform: interval/√12), frames jitter, and event timestamps jitter. The
    /// fixed latency of a keyboard or a screen cannot be measured from a page; a constant one cancels out
    /// in an A − B comparison.
    /// </summary>
    [JsonIgnore]
    public double EstimatedNoiseSdMs => Math.Sqrt((FrameIntervalMs * FrameIntervalMs / 12) + (FrameIntervalSdMs * FrameIntervalSdMs) + ((EventDelaySdMs ?? 0) * (EventDelaySdMs ?? 0)));

    /// <summary>Whether reaction times from this session cannot be used at all (the clock is too coarse).</summary>
    [JsonIgnore]
    public bool ReactionTimesUnusable => TimerResolutionMs > UnusableResolutionMs;

    /// <summary>Where the session went beyond the tolerances, in words; empty when it kept them all.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (TimerResolutionMs > ResolutionToleranceMs)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The browser's clock moved in steps of {TimerResolutionMs:0.#} ms (more than {ResolutionToleranceMs:0} ms){(ReactionTimesUnusable ? ": too coarse for reaction times, which are not scored" : string.Empty)}. A privacy setting such as Firefox's resistFingerprinting does this."));
        }

        if (EstimatedNoiseSdMs > NoiseToleranceMs)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The timing noise was about {EstimatedNoiseSdMs:0.0} ms (SD), more than the {NoiseToleranceMs:0} ms allowed for reaction-time tests."));
        }

        if (FrameIntervalMs > SlowFrameMs)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The screen drew a frame every {FrameIntervalMs:0.0} ms (under 50 frames a second), so a stimulus could appear up to that late."));
        }

        if (HiddenCount + BlurCount > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The test's window was hidden or lost focus {HiddenCount + BlurCount} time(s) during the session."));
        }

        if (Frames < 30)
        {
            problems.Add("Too few frames were measured to judge the display's timing.");
        }

        return problems;
    }
}

/// <summary>A session's scores: the primary value that enters the analysis, and the secondary ones shown beside it.</summary>
/// <param name="Primary">The value for the trial analysis; null when the session gave none (no valid response, or an unusable clock).</param>
/// <param name="Unit">The primary value's unit.</param>
/// <param name="Details">Secondary scores by name, in display order.</param>
public sealed record CognitiveResult(double? Primary, string Unit, IReadOnlyList<KeyValuePair<string, double?>> Details);

/// <summary>
/// One sitting of a browser test within a trial: every raw trial, the timing self-check, and whether
/// it was practice. Its scores are computed from the raw trials whenever they are needed.
/// </summary>
public sealed record CognitiveSession
{
    public required Guid Id { get; init; }
    public required DateOnly Date { get; init; }

    /// <summary>The planned outcome the session measures.</summary>
    public required string Outcome { get; init; }

    public required OutcomeKind Test { get; init; }

    /// <summary>Practice sessions (and every session of a run-in day) are kept and shown, never analysed.</summary>
    public required bool Practice { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
    public required IReadOnlyList<CognitiveTrial> Trials { get; init; }
    public required TimingCheck Timing { get; init; }

    /// <summary>The session's scores, computed from its raw trials.</summary>
    public CognitiveResult Score() => CognitiveTests.Score(Test, Trials, Timing);
}

/// <summary>
/// The browser tests: what each is, how a session's raw trials are checked and scored, and when
/// practice has levelled off.
/// </summary>
public static class CognitiveTests
{
    /// <summary>The colours of the Stroop test (words and inks).</summary>
    public static readonly IReadOnlyList<string> StroopColours = ["red", "green", "blue", "yellow"];

    /// <summary>The n of the n-back.</summary>
    public const int Back = 2;

    /// <summary>Whether <paramref name="kind"/> is a browser test.</summary>
    public static bool IsTest(OutcomeKind kind) => kind is OutcomeKind.PvtBrief or OutcomeKind.Pvt or OutcomeKind.DigitSpan or OutcomeKind.TwoBack or OutcomeKind.Stroop;

    /// <summary>Whether the test's primary score is a reaction-time measure (and so depends on the browser's timing).</summary>
    public static bool UsesReactionTimes(OutcomeKind kind) => kind is OutcomeKind.PvtBrief or OutcomeKind.Pvt or OutcomeKind.Stroop;

    /// <summary>The test's name for people.</summary>
    public static string Title(OutcomeKind kind) => kind switch
    {
        OutcomeKind.PvtBrief => "3-minute vigilance test (PVT-B)",
        OutcomeKind.Pvt => "10-minute vigilance test (PVT)",
        OutcomeKind.DigitSpan => "Digit span",
        OutcomeKind.TwoBack => "2-back",
        OutcomeKind.Stroop => "Stroop colour-word test",
        _ => kind.ToString(),
    };

    /// <summary>Most raw trials a session of the test may hold (a 10-minute PVT has about 100).</summary>
    public static int MaxTrials(OutcomeKind kind) => kind switch
    {
        OutcomeKind.PvtBrief => 200,
        OutcomeKind.Pvt => 600,
        OutcomeKind.DigitSpan => 60,
        _ => 400,
    };

    /// <summary>
    /// The problems that stop a session's raw trials from being stored; empty when they can be. Checks
    /// the sizes, the order, that every time is a plausible number on the page's clock, and that every
    /// stimulus and answer is one the test can produce.
    /// </summary>
    public static IReadOnlyList<string> Problems(OutcomeKind kind, IReadOnlyList<CognitiveTrial>? trials, TimingCheck? timing)
    {
        var problems = new List<string>();
        if (!IsTest(kind))
        {
            return ["The outcome is not a browser test."];
        }

        if (trials is null || trials.Count == 0 || trials.Count > MaxTrials(kind))
        {
            return [string.Create(CultureInfo.InvariantCulture, $"A session of this test holds 1 to {MaxTrials(kind)} trials.")];
        }

        if (timing is null || !Finite(timing.FrameIntervalMs, 0, 1000) || !Finite(timing.FrameIntervalSdMs, 0, 1000) || !Finite(timing.TimerResolutionMs, 0, 1000)
            || !Finite(timing.EventDelayMeanMs, -1000, 1000) || !Finite(timing.EventDelaySdMs, 0, 1000) || timing.Frames is < 0 or > 1_000_000
            || timing.HiddenCount is < 0 or > 10_000 || timing.BlurCount is < 0 or > 10_000)
        {
            problems.Add("The session's timing check is missing or holds impossible values.");
        }

        for (var i = 0; i < trials.Count; i++)
        {
            var t = trials[i];
            if (t?.Stimulus is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Trial {i + 1} is empty or lacks its stimulus."));
                break;
            }

            if (t.Index != i || !Finite(t.OnsetMs, 0, 1e8) || !Finite(t.ResponseMs, 0, 1e8) || !Finite(t.IntervalMs, 0, 60_000)
                || t.ReactionTimeMs is < 0 || t.Input is not (null or "key" or "touch" or "mouse" or "pen") || !StimulusFits(kind, t))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Trial {i + 1} is out of order or holds a value this test cannot produce."));
                break;
            }
        }

        return problems;
    }

    /// <summary>The session's scores from its raw trials. Reaction-time scores are withheld when the clock was too coarse.</summary>
    public static CognitiveResult Score(OutcomeKind kind, IReadOnlyList<CognitiveTrial> trials, TimingCheck timing)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(timing);
        var rtUsable = !timing.ReactionTimesUnusable;
        switch (kind)
        {
            case OutcomeKind.PvtBrief or OutcomeKind.Pvt:
            {
                var s = CognitiveScoring.ScorePvt(PvtTrials(trials), brief: kind == OutcomeKind.PvtBrief);
                return new CognitiveResult(rtUsable ? s.ResponseSpeed : null, "s⁻¹",
                [
                    new("Trials", s.Trials), new("Median RT (ms)", rtUsable ? s.MedianRtMs : null),
                    new(string.Create(CultureInfo.InvariantCulture, $"Lapses (RT ≥ {s.LapseThresholdMs:0} ms or none)"), rtUsable ? s.Lapses : null),
                    new("False starts", s.FalseStarts), new("Fastest 10 % RT (ms)", rtUsable ? s.Fastest10PercentRtMs : null),
                    new("Slowest 10 % speed (s⁻¹)", rtUsable ? s.Slowest10PercentSpeed : null),
                ]);
            }

            case OutcomeKind.DigitSpan:
            {
                var s = CognitiveScoring.ScoreDigitSpan(DigitSpanTrials(trials));
                return new CognitiveResult(s.MeanSpan, "digits", [new("Lists", s.Trials), new("Reversals", s.Reversals), new("Longest list recalled", s.LongestCorrect)]);
            }

            case OutcomeKind.TwoBack:
            {
                var s = CognitiveScoring.ScoreNBack(NBackTrials(trials));
                return new CognitiveResult(s.DPrime, "d′",
                [
                    new("Targets", s.Targets), new("Hits", s.Hits), new("False alarms", s.FalseAlarms), new("Criterion c", s.Criterion),
                    new("Mean RT of hits (ms)", rtUsable ? s.MeanHitRtMs : null),
                ]);
            }

            case OutcomeKind.Stroop:
            {
                var s = CognitiveScoring.ScoreStroop(StroopTrials(trials));
                return new CognitiveResult(rtUsable ? s.ResponseSpeed : null, "s⁻¹",
                [
                    new("Trials", s.Trials), new("Accuracy", s.Accuracy), new("Median congruent RT (ms)", rtUsable ? s.MedianCongruentMs : null),
                    new("Median incongruent RT (ms)", rtUsable ? s.MedianIncongruentMs : null), new("Interference (ms)", rtUsable ? s.InterferenceMs : null),
                    new("Inverse efficiency (ms)", rtUsable ? s.InverseEfficiencyMs : null),
                ]);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), "Not a browser test.");
        }
    }

    /// <summary>
    /// PVT trials: a press while nothing was shown is a false start; a stimulus with no press timed out (a lapse).
    /// </summary>
    public static IReadOnlyList<PvtTrial> PvtTrials(IReadOnlyList<CognitiveTrial> trials) =>
        [.. trials.Select(t => t.OnsetMs is null ? new PvtTrial(null, ResponseWithoutStimulus: t.ResponseMs is not null) : new PvtTrial(t.ReactionTimeMs))
            .Where((p, i) => trials[i].OnsetMs is not null || p.ResponseWithoutStimulus)];

    /// <summary>Digit-span lists: correct when the digits typed are exactly the digits shown.</summary>
    public static IReadOnlyList<DigitSpanTrial> DigitSpanTrials(IReadOnlyList<CognitiveTrial> trials) =>
        [.. trials.Select(t => new DigitSpanTrial(t.Stimulus.Length, string.Equals(t.Response, t.Stimulus, StringComparison.Ordinal)))];

    /// <summary>
    /// n-back trials: a target is a letter equal to the one <see cref="Back"/> places before. The first
    /// <see cref="Back"/> letters have nothing to match and are not scored.
    /// </summary>
    public static IReadOnlyList<NBackTrial> NBackTrials(IReadOnlyList<CognitiveTrial> trials) =>
        [.. trials.Skip(Back).Select((t, i) => new NBackTrial(string.Equals(t.Stimulus, trials[i].Stimulus, StringComparison.Ordinal), t.Response is not null, t.Response is null ? null : t.ReactionTimeMs))];

    /// <summary>Stroop trials: congruent when word and ink agree, correct when the answer names the ink.</summary>
    public static IReadOnlyList<StroopTrial> StroopTrials(IReadOnlyList<CognitiveTrial> trials) =>
        [.. trials.Select(t => new StroopTrial(string.Equals(t.Stimulus, t.Ink, StringComparison.Ordinal), t.Response is not null && string.Equals(t.Response, t.Ink, StringComparison.Ordinal), t.Response is null ? null : t.ReactionTimeMs))];

    /// <summary>
    /// Whether practice has levelled off: at least three sessions, and the latest no better than the mean
    /// of the two before it by more than the test's margin (5 % for the speeds, 0.5 digit for the span,
    /// 0.3 for d′). The rule is this project's own (the notes advise practising "until you're not
    /// improving any more" without a number). Sessions without a score are skipped.
    /// </summary>
    /// <param name="kind">The test.</param>
    /// <param name="scores">Its practice scores, oldest first.</param>
    public static bool PracticeLevelledOff(OutcomeKind kind, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count < 3)
        {
            return false;
        }

        var latest = scores[^1];
        var before = (scores[^2] + scores[^3]) / 2;
        var margin = kind switch
        {
            OutcomeKind.DigitSpan => 0.5,
            OutcomeKind.TwoBack => 0.3,
            _ => Math.Abs(before) * 0.05,
        };
        return latest - before <= margin;
    }

    /// <summary>Reads a session's raw trials and timing check as the browser posts them (<c>{"trials": [...], "timing": {...}}</c>).</summary>
    /// <returns>The parts, or null with the reason (naming a position, never a value).</returns>
    public static (IReadOnlyList<CognitiveTrial>? Trials, TimingCheck? Timing, string? Problem) Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var posted = JsonSerializer.Deserialize(json, CognitiveJsonContext.Default.PostedSession);
            return posted?.Trials is null || posted.Timing is null
                ? (null, null, "The session lacks its trials or its timing check.")
                : (posted.Trials, posted.Timing, null);
        }
        catch (JsonException e)
        {
            return (null, null, "The session is not valid JSON for a test session" + (e.Path is { } path ? $" (at {path})." : "."));
        }
    }

    /// <summary>Every raw trial of the sessions as CSV, one row per trial, with its derived response time.</summary>
    public static string TrialsCsv(IEnumerable<CognitiveSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var text = new StringBuilder("session,date,outcome,test,practice,trial,stimulus,ink,response,interval_ms,onset_ms,response_ms,rt_ms,input\n");
        foreach (var s in sessions)
        {
            foreach (var t in s.Trials)
            {
                text.Append(CultureInfo.InvariantCulture, $"{s.Id:N},{s.Date:yyyy-MM-dd},{s.Outcome},{s.Test},{(s.Practice ? "yes" : "no")},{t.Index},{t.Stimulus},{t.Ink},{t.Response},{Ms(t.IntervalMs)},{Ms(t.OnsetMs)},{Ms(t.ResponseMs)},{Ms(t.ReactionTimeMs)},{t.Input}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>One row per session: its scores and its timing check.</summary>
    public static string SessionsCsv(IEnumerable<CognitiveSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var text = new StringBuilder("session,date,outcome,test,practice,recorded_at,trials,score,unit,frames,frame_interval_ms,frame_interval_sd_ms,timer_resolution_ms,event_delay_sd_ms,timing_noise_sd_ms,hidden,blurred,cross_origin_isolated,timing_problems\n");
        foreach (var s in sessions)
        {
            var r = s.Score();
            var t = s.Timing;
            text.Append(CultureInfo.InvariantCulture, $"{s.Id:N},{s.Date:yyyy-MM-dd},{s.Outcome},{s.Test},{(s.Practice ? "yes" : "no")},{s.RecordedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{s.Trials.Count},{r.Primary?.ToString("R", CultureInfo.InvariantCulture)},{r.Unit},{t.Frames},{Ms(t.FrameIntervalMs)},{Ms(t.FrameIntervalSdMs)},{Ms(t.TimerResolutionMs)},{Ms(t.EventDelaySdMs)},{Ms(t.EstimatedNoiseSdMs)},{t.HiddenCount},{t.BlurCount},{(t.CrossOriginIsolated ? "yes" : "no")},{t.Problems().Count}\n");
        }

        return text.ToString();
    }

    private static string Ms(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty;

    private static bool Finite(double? value, double min, double max) => value is not { } v || (double.IsFinite(v) && v >= min && v <= max);

    private static bool StimulusFits(OutcomeKind kind, CognitiveTrial t) => kind switch
    {
        OutcomeKind.PvtBrief or OutcomeKind.Pvt => t.Stimulus.Length == 0 && t.Ink is null && t.Response is null or "press",
        OutcomeKind.DigitSpan => t.Stimulus.Length is >= 2 and <= 16 && t.Stimulus.All(char.IsAsciiDigit) && t.Ink is null
                                 && (t.Response is null || (t.Response.Length <= 20 && t.Response.All(char.IsAsciiDigit))),
        OutcomeKind.TwoBack => t.Stimulus.Length == 1 && char.IsAsciiLetterUpper(t.Stimulus[0]) && t.Ink is null && t.Response is null or "match",
        OutcomeKind.Stroop => StroopColours.Contains(t.Stimulus) && t.Ink is not null && StroopColours.Contains(t.Ink) && (t.Response is null || StroopColours.Contains(t.Response)),
        _ => false,
    };

    /// <summary>What the browser posts for a session.</summary>
    internal sealed record PostedSession(IReadOnlyList<CognitiveTrial>? Trials, TimingCheck? Timing);
}

// A null where the types say there is a value is a JSON error; a missing stimulus is caught by Problems.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 8, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(CognitiveTests.PostedSession))]
internal sealed partial class CognitiveJsonContext : JsonSerializerContext;
