using Decodex.Core.Community;
using Decodex.Storage;

namespace Decodex.Web.Community;

/// <summary>What one run of the rating check found.</summary>
internal sealed record CommunityCheckResult(IReadOnlyList<RatingBurst> Bursts, IReadOnlyList<RatingRing> Rings, int Excluded);

/// <summary>
/// The nightly rating check: bursts of new accounts rating one compound (<see cref="RatingBursts"/>) and rings
/// of accounts that always agree (<see cref="RatingRings"/>). Their ratings are marked as excluded from the
/// aggregates, with the reason, and stay visible and labelled; a rating no longer caught is counted again.
/// Every run writes an audit entry.
/// </summary>
internal static class CommunityCheck
{
    public static async Task<CommunityCheckResult> RunAsync(CommunityStore store, Core.Knowledge.KnowledgeBase kb, DateTimeOffset now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(kb);
        var ratings = await store.RatingsAsync(cancel).ConfigureAwait(false);
        var accounts = ratings.Select(r => r.AccountId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var created = (await store.StandingsAsync(accounts, now, cancel).ConfigureAwait(false)).ToDictionary(s => s.Key, s => s.Value.Created, StringComparer.Ordinal);

        // An imported rater is known here only since its rating came: it counts as a new account.
        DateTimeOffset Created(CommunityRatingEntity r) => r.AccountId is { } a && created.TryGetValue(a, out var c) ? c : r.RatedAt;

        var bursts = RatingBursts.Detect([.. ratings.Select(r => new RatingEvent(r.Rater, Created(r), r.CompoundId, r.RatedAt))]);
        var rings = RatingRings.Detect([.. ratings.Select(r => new AccountRating(r.Rater, r.CompoundId, r.Value, r.RatedAt, Created(r)))]);
        var inBurst = bursts.SelectMany(b => b.Accounts.Select(a => (a, b.Compound))).ToHashSet();
        var inRing = rings.SelectMany(r => r.Accounts).ToHashSet(StringComparer.Ordinal);
        var excluded = new Dictionary<Guid, string>();
        foreach (var r in ratings)
        {
            if (inBurst.Contains((r.Rater, r.CompoundId)))
            {
                excluded[r.Id] = "burst";
            }
            else if (inRing.Contains(r.Rater))
            {
                excluded[r.Id] = "ring";
            }
        }

        var entries = new List<AuditEntry>();
        entries.AddRange(bursts.Select(b => new AuditEntry(now, Moderation.System, "burst-excluded", Guid.Empty,
            $"{kb.Compound(b.Compound)?.Name ?? "a compound no longer in the knowledge base"} on {b.Day:yyyy-MM-dd}: {b.NewAccountRatings} ratings from new accounts, {b.ExpectedPerDay:0.#} a day expected")));
        entries.AddRange(rings.Select(r => new AuditEntry(now, Moderation.System, "ring-excluded", Guid.Empty,
            $"{r.Accounts.Count} accounts rating {r.Compounds.Count} compounds identically")));
        entries.Add(new AuditEntry(now, Moderation.System, "rating-check", Guid.Empty, $"{ratings.Count} ratings checked, {excluded.Count} excluded"));
        await store.SetExclusionsAsync(excluded, entries, cancel).ConfigureAwait(false);
        return new CommunityCheckResult(bursts, rings, excluded.Count);
    }
}

/// <summary>
/// Runs <see cref="CommunityCheck"/> a minute after start and then every <c>Decodex:Community:CheckHours</c>
/// hours (24 by default; 0 turns it off). A failure is logged by its kind only and retried at the next run.
/// </summary>
internal sealed partial class CommunityNightly(IServiceScopeFactory scopes, CommunityCache cache, Core.Knowledge.KnowledgeBase kb, TrialClock clock, IConfiguration config, ILogger<CommunityNightly> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hours = config.GetValue<double?>("Decodex:Community:CheckHours") ?? 24;
        if (hours <= 0)
        {
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(TimeSpan.FromHours(hours));
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var result = await CommunityCheck.RunAsync(scope.ServiceProvider.GetRequiredService<CommunityStore>(), kb, clock.Now, stoppingToken).ConfigureAwait(false);
                    cache.Changed();
                    Checked(log, result.Bursts.Count, result.Rings.Count, result.Excluded);
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
#pragma warning disable CA1031 // The check runs again at its next time; the pages serve the last aggregates meanwhile.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Failed(log, e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Community rating check: {Bursts} bursts, {Rings} rings, {Excluded} ratings excluded")]
    private static partial void Checked(ILogger log, int bursts, int rings, int excluded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Community rating check failed ({Kind}); it runs again at its next time")]
    private static partial void Failed(ILogger log, string kind);
}
