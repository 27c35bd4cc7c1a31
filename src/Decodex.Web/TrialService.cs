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
