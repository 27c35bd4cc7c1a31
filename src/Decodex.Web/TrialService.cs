using Decodex.Core.Trials;
using Decodex.Storage;

namespace Decodex.Web;

/// <summary>
/// The clock of self-experiments: which trial day it is. The system clock in the app; a test sets its
/// own to walk a trial through its days.
/// </summary>
public class TrialClock(TimeProvider time)
{
    public TrialClock()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Now.</summary>
    public virtual DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Today's date (UTC).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
}

/// <summary>
/// How long each browser test runs: the standard lengths unless <c>Decodex:CognitiveTests:*</c> shortens
/// them (for a demonstration or the browser tests of this project; a shortened PVT is not the validated test).
/// </summary>
public sealed record CognitiveTestLengths(int PvtBriefSeconds = 180, int PvtSeconds = 600, int DigitSpanLists = 14, int TwoBackTrials = 62, int StroopTrials = 80)
{
    /// <summary>The lengths from configuration, each kept within what a session may hold.</summary>
    public static CognitiveTestLengths From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var standard = new CognitiveTestLengths();
        int Read(string key, int fallback, int max) => Math.Clamp(config.GetValue<int?>("Decodex:CognitiveTests:" + key) ?? fallback, 4, max);
        return new CognitiveTestLengths(
            Read(nameof(PvtBriefSeconds), standard.PvtBriefSeconds, 180),
            Read(nameof(PvtSeconds), standard.PvtSeconds, 600),
            Read(nameof(DigitSpanLists), standard.DigitSpanLists, 40),
            Read(nameof(TwoBackTrials), standard.TwoBackTrials, 200),
            Read(nameof(StroopTrials), standard.StroopTrials, 200));
    }

    /// <summary>The test's length: seconds for the PVTs, trials (lists) for the others.</summary>
    public int For(OutcomeKind kind) => kind switch
    {
        OutcomeKind.PvtBrief => PvtBriefSeconds,
        OutcomeKind.Pvt => PvtSeconds,
        OutcomeKind.DigitSpan => DigitSpanLists,
        OutcomeKind.TwoBack => TwoBackTrials,
        _ => StroopTrials,
    };
}

/// <summary>A person's trials, kept sealed in the store as their records' JSON.</summary>
internal sealed class TrialService(DecodexStore store)
{
    public async Task<IReadOnlyList<(Guid Id, SelfExperiment Record)>> ListAsync(string owner, CancellationToken cancel) =>
        [.. (await store.ListTrialsAsync(owner, cancel)).Select(t => (t.Id, SelfExperiment.FromJson(t.Json)))];

    /// <summary>The trial, or null when there is none with that id for this owner.</summary>
    public async Task<SelfExperiment?> GetAsync(string owner, Guid id, CancellationToken cancel) =>
        await store.ReadTrialAsync(owner, id, cancel) is { } json ? SelfExperiment.FromJson(json) : null;

    public Task SaveAsync(string owner, SelfExperiment record, CancellationToken cancel) => store.SaveTrialAsync(owner, record.Id, record.ToJson(), cancel);
}
