using Decodex.Core.Community;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Decodex.Storage;

/// <summary>A post as read back: its clear columns and its decrypted body.</summary>
public sealed record CommunityPostRead(CommunityPostEntity Row, CommunityPostBody Body);

/// <summary>
/// The community's tables. Posts are shared with every member of the instance, so they cannot be sealed
/// with their author's key: their bodies are encrypted with the instance's community key (ASP.NET Data
/// Protection, kept with the app's keys), so that a copy of the database alone reveals no text. The moderation
/// rules themselves are in <see cref="Moderation"/> and <see cref="Trust"/>; this class stores their results.
/// </summary>
public sealed class CommunityStore(DecodexDbContext db, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Decodex.Community.Posts.v1");

    public DecodexDbContext Db => db;

    public Task<CommunityMemberEntity?> MemberAsync(string account, CancellationToken cancel = default) =>
        db.CommunityMembers.AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == account, cancel);

    /// <summary>The members with these account ids, by id.</summary>
    public async Task<IReadOnlyDictionary<string, CommunityMemberEntity>> MembersAsync(IEnumerable<string> accounts, CancellationToken cancel = default)
    {
        var ids = accounts.Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 0
            ? new Dictionary<string, CommunityMemberEntity>()
            : await db.CommunityMembers.AsNoTracking().Where(m => ids.Contains(m.AccountId)).ToDictionaryAsync(m => m.AccountId, StringComparer.Ordinal, cancel).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CommunityMemberEntity>> AllMembersAsync(CancellationToken cancel = default) =>
        await db.CommunityMembers.AsNoTracking().OrderBy(m => m.Pseudonym).ToListAsync(cancel).ConfigureAwait(false);

    /// <summary>Joins under <paramref name="pseudonym"/>; false when another member has that name.</summary>
    public async Task<bool> JoinAsync(string account, string pseudonym, CommunityRole role, CancellationToken cancel = default)
    {
        if (await db.CommunityMembers.AnyAsync(m => m.Pseudonym == pseudonym && m.AccountId != account, cancel).ConfigureAwait(false))
        {
            return false;
        }

        var row = await db.CommunityMembers.SingleOrDefaultAsync(m => m.AccountId == account, cancel).ConfigureAwait(false);
        if (row is null)
        {
            db.CommunityMembers.Add(new CommunityMemberEntity { AccountId = account, Pseudonym = pseudonym, Role = Name(role) });
        }
        else
        {
            row.Pseudonym = pseudonym;
        }

        try
        {
            await db.SaveChangesAsync(cancel).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two joins raced for the same name: the unique index decided.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public async Task SetRoleAsync(string account, CommunityRole role, AuditEntry entry, CancellationToken cancel = default)
    {
        await db.CommunityMembers.Where(m => m.AccountId == account).ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, Name(role)), cancel).ConfigureAwait(false);
        await AuditAsync([entry], cancel).ConfigureAwait(false);
    }

    public async Task SetClinicianAsync(string account, bool clinician, AuditEntry entry, CancellationToken cancel = default)
    {
        await db.CommunityMembers.Where(m => m.AccountId == account).ExecuteUpdateAsync(s => s.SetProperty(m => m.Clinician, clinician), cancel).ConfigureAwait(false);
        await AuditAsync([entry], cancel).ConfigureAwait(false);
    }

    /// <summary>The member's signing key (PKCS#8), made and stored encrypted on first use; null for an account that has not joined.</summary>
    public async Task<byte[]?> SigningKeyAsync(string account, CancellationToken cancel = default)
    {
        var keys = protection.CreateProtector("Decodex.Community.SigningKeys.v1");
        var row = await db.CommunityMembers.SingleOrDefaultAsync(m => m.AccountId == account, cancel).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        if (row.SigningKey is null)
        {
            using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            row.SigningKey = keys.Protect(key.ExportPkcs8PrivateKey());
            await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        }

        db.ChangeTracker.Clear();
        return keys.Unprotect(row.SigningKey);
    }

    public static CommunityRole Role(CommunityMemberEntity? member) => member?.Role switch
    {
        "owner" => CommunityRole.Owner,
        "moderator" => CommunityRole.Moderator,
        _ => CommunityRole.Member,
    };

    public static string Name(CommunityRole role) => role.ToString().ToLowerInvariant();

    /// <summary>
    /// The account's standing for its trust level: when it was made, its contributions that stayed published,
    /// and the flags upheld against its posts in the last 60 days.
    /// </summary>
    public async Task<AccountStanding?> StandingAsync(string account, DateTimeOffset now, CancellationToken cancel = default) =>
        (await StandingsAsync([account], now, cancel).ConfigureAwait(false)).GetValueOrDefault(account);

    /// <inheritdoc cref="StandingAsync"/>
    public async Task<IReadOnlyDictionary<string, AccountStanding>> StandingsAsync(IReadOnlyCollection<string>? accounts, DateTimeOffset now, CancellationToken cancel = default)
    {
        var users = db.Users.AsNoTracking();
        var posts = db.CommunityPosts.AsNoTracking().Where(p => p.AuthorId != null && p.State == nameof(PostState.Published));
        var since = now.AddDays(-60);
        var flags = from f in db.CommunityFlags.AsNoTracking()
                    join p in db.CommunityPosts.AsNoTracking() on f.PostId equals p.Id
                    where f.Upheld == true && f.At >= since && p.AuthorId != null
                    select p.AuthorId;
        if (accounts is not null)
        {
            var ids = accounts.ToList();
            users = users.Where(u => ids.Contains(u.Id));
            posts = posts.Where(p => ids.Contains(p.AuthorId!));
            flags = flags.Where(a => ids.Contains(a!));
        }

        var created = await users.Select(u => new { u.Id, u.Created }).ToListAsync(cancel).ConfigureAwait(false);
        var accepted = await posts.GroupBy(p => p.AuthorId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancel).ConfigureAwait(false);
        var upheld = await flags.GroupBy(a => a!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancel).ConfigureAwait(false);
        return created.ToDictionary(u => u.Id, u => new AccountStanding(u.Created, accepted.GetValueOrDefault(u.Id), upheld.GetValueOrDefault(u.Id)), StringComparer.Ordinal);
    }

    /// <summary>Stores a new post (its body encrypted) with its audit entry.</summary>
    public async Task AddPostAsync(CommunityPostEntity row, AuditEntry entry, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        db.CommunityPosts.Add(row);
        db.CommunityAudit.Add(Audit(entry));
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>A new post's row with <paramref name="body"/> encrypted.</summary>
    public CommunityPostEntity NewPost(Guid id, string? author, PostKind kind, string compound, Guid? parent, PostState state, CommunityPostBody body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new CommunityPostEntity
        {
            Id = id, AuthorId = author, Kind = kind.ToString(), CompoundId = compound, ParentId = parent, State = state.ToString(),
            Created = now, Updated = now, Content = _protector.Protect(body.ToJson()),
        };
    }

    /// <summary>Replaces a post's body (its author editing it).</summary>
    public async Task EditPostAsync(Guid id, CommunityPostBody body, DateTimeOffset now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var content = _protector.Protect(body.ToJson());
        await db.CommunityPosts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Content, content).SetProperty(p => p.Updated, now), cancel).ConfigureAwait(false);
    }

    public async Task<CommunityPostRead?> PostAsync(Guid id, CancellationToken cancel = default) =>
        await db.CommunityPosts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancel).ConfigureAwait(false) is { } row ? Read(row) : null;

    /// <summary>
    /// A compound's posts of <paramref name="kind"/> without a parent, newest first, that the viewer may see:
    /// published ones, and the viewer's own pending or hidden ones (all but removed ones for a moderator).
    /// </summary>
    public async Task<IReadOnlyList<CommunityPostRead>> TopPostsAsync(string compound, PostKind kind, string? viewer, bool moderator, int skip, int take, CancellationToken cancel = default)
    {
        var k = kind.ToString();
        var rows = await Visible(db.CommunityPosts.AsNoTracking().Where(p => p.CompoundId == compound && p.Kind == k && p.ParentId == null), viewer, moderator)
            .OrderByDescending(p => p.Created).ThenBy(p => p.Id).Skip(skip).Take(take).ToListAsync(cancel).ConfigureAwait(false);
        return [.. rows.Select(Read)];
    }

    /// <summary>
    /// The ids of a compound's published posts of <paramref name="kind"/> without a parent, newest first (the
    /// order of <see cref="TopPostsAsync"/>): read from the index alone, for a cache that serves any page of the
    /// list without an OFFSET, whose cost grows with the page's depth (40,000 comments deep: about 25 ms).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> PublishedTopIdsAsync(string compound, PostKind kind, CancellationToken cancel = default)
    {
        var k = kind.ToString();
        return await db.CommunityPosts.AsNoTracking().Where(p => p.CompoundId == compound && p.Kind == k && p.ParentId == null && p.State == nameof(PostState.Published))
            .OrderByDescending(p => p.Created).ThenBy(p => p.Id).Select(p => p.Id).ToListAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The posts with these ids, in the order given (ids not found are left out).</summary>
    public async Task<IReadOnlyList<CommunityPostRead>> PostsAsync(IReadOnlyList<Guid> ids, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var list = ids.ToList();
        var rows = await db.CommunityPosts.AsNoTracking().Where(p => list.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancel).ConfigureAwait(false);
        return [.. list.Where(rows.ContainsKey).Select(id => Read(rows[id]))];
    }

    /// <summary>
    /// How many posts without a parent a compound has, by kind and state: one pass over the index, which a
    /// cache keeps between changes (counting 40,000 comments costs PostgreSQL about 9 ms).
    /// </summary>
    public async Task<IReadOnlyDictionary<(PostKind Kind, PostState State), int>> TopCountsAsync(string compound, CancellationToken cancel = default)
    {
        var rows = await db.CommunityPosts.AsNoTracking().Where(p => p.CompoundId == compound && p.ParentId == null)
            .GroupBy(p => new { p.Kind, p.State }).Select(g => new { g.Key.Kind, g.Key.State, Count = g.Count() }).ToListAsync(cancel).ConfigureAwait(false);
        return rows.ToDictionary(r => (Enum.Parse<PostKind>(r.Kind), Enum.Parse<PostState>(r.State)), r => r.Count);
    }

    /// <summary>The viewer's own pending and hidden posts without a parent on a compound, by kind.</summary>
    public async Task<IReadOnlyDictionary<PostKind, int>> OwnUnpublishedAsync(string compound, string viewer, CancellationToken cancel = default)
    {
        var rows = await db.CommunityPosts.AsNoTracking()
            .Where(p => p.AuthorId == viewer && p.CompoundId == compound && p.ParentId == null && (p.State == nameof(PostState.Pending) || p.State == nameof(PostState.Hidden)))
            .GroupBy(p => p.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancel).ConfigureAwait(false);
        return rows.ToDictionary(r => Enum.Parse<PostKind>(r.Key), r => r.Count);
    }

    /// <summary>The number of posts a viewer sees in a list, from <see cref="TopCountsAsync"/> and <see cref="OwnUnpublishedAsync"/>.</summary>
    public static int Visible(IReadOnlyDictionary<(PostKind Kind, PostState State), int> counts, PostKind kind, bool moderator, int ownUnpublished)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var published = counts.GetValueOrDefault((kind, PostState.Published));
        return moderator ? published + counts.GetValueOrDefault((kind, PostState.Pending)) + counts.GetValueOrDefault((kind, PostState.Hidden)) : published + ownUnpublished;
    }

    /// <summary>The visible replies and answers to <paramref name="parents"/>, oldest first.</summary>
    public async Task<IReadOnlyList<CommunityPostRead>> ChildrenAsync(IReadOnlyCollection<Guid> parents, string? viewer, bool moderator, int limit, CancellationToken cancel = default)
    {
        if (parents.Count == 0)
        {
            return [];
        }

        var ids = parents.ToList();
        var rows = await Visible(db.CommunityPosts.AsNoTracking().Where(p => p.ParentId != null && ids.Contains(p.ParentId.Value)), viewer, moderator)
            .OrderBy(p => p.Created).ThenBy(p => p.Id).Take(limit).ToListAsync(cancel).ConfigureAwait(false);
        return [.. rows.Select(Read)];
    }

    private static IQueryable<CommunityPostEntity> Visible(IQueryable<CommunityPostEntity> posts, string? viewer, bool moderator) =>
        moderator ? posts.Where(p => p.State != nameof(PostState.Removed))
        : viewer is null ? posts.Where(p => p.State == nameof(PostState.Published))
        : posts.Where(p => p.State == nameof(PostState.Published) || (p.AuthorId == viewer && (p.State == nameof(PostState.Pending) || p.State == nameof(PostState.Hidden))));

    /// <summary>The review queue: pending posts, and hidden posts with flags not yet decided, oldest first.</summary>
    public async Task<IReadOnlyList<CommunityPostRead>> QueueAsync(int take, CancellationToken cancel = default)
    {
        var rows = await db.CommunityPosts.AsNoTracking()
            .Where(p => p.State == nameof(PostState.Pending)
                        || (p.State != nameof(PostState.Removed) && db.CommunityFlags.Any(f => f.PostId == p.Id && f.Upheld == null)))
            .OrderBy(p => p.Created).Take(take).ToListAsync(cancel).ConfigureAwait(false);
        return [.. rows.Select(Read)];
    }

    /// <summary>A post's moderation state and flags, for the rules of <see cref="Moderation"/>.</summary>
    public async Task<PostStatus?> StatusAsync(Guid id, CancellationToken cancel = default)
    {
        if (await db.CommunityPosts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancel).ConfigureAwait(false) is not { } row)
        {
            return null;
        }

        var flags = await db.CommunityFlags.AsNoTracking().Where(f => f.PostId == id).ToListAsync(cancel).ConfigureAwait(false);
        return new PostStatus(row.Id, row.AuthorId ?? string.Empty, Enum.Parse<PostKind>(row.Kind), Enum.Parse<PostState>(row.State),
            [.. flags.OrderBy(f => f.At).Select(f => new PostFlag(f.ById, f.Reason, f.At, f.Upheld))]);
    }

    /// <summary>Stores what a moderation rule decided: the post's state, its flags (new ones added, decided ones settled) and the audit entries.</summary>
    public async Task ApplyAsync(PostStatus status, IReadOnlyList<AuditEntry> entries, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        var row = await db.CommunityPosts.SingleAsync(p => p.Id == status.Id, cancel).ConfigureAwait(false);
        row.State = status.State.ToString();
        var stored = await db.CommunityFlags.Where(f => f.PostId == status.Id).ToListAsync(cancel).ConfigureAwait(false);
        foreach (var flag in status.Flags)
        {
            if (stored.FirstOrDefault(f => f.ById == flag.By && f.At == flag.At) is { } existing)
            {
                existing.Upheld = flag.Upheld;
            }
            else
            {
                db.CommunityFlags.Add(new CommunityFlagEntity { PostId = status.Id, ById = flag.By, Reason = flag.Reason, At = flag.At, Upheld = flag.Upheld });
            }
        }

        db.CommunityAudit.AddRange(entries.Select(Audit));
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>Marks <paramref name="answer"/> as the accepted answer of its question (and no other).</summary>
    public async Task AcceptAsync(Guid question, Guid answer, CancellationToken cancel = default)
    {
        await db.CommunityPosts.Where(p => p.ParentId == question && p.Accepted).ExecuteUpdateAsync(s => s.SetProperty(p => p.Accepted, false), cancel).ConfigureAwait(false);
        await db.CommunityPosts.Where(p => p.Id == answer && p.ParentId == question).ExecuteUpdateAsync(s => s.SetProperty(p => p.Accepted, true), cancel).ConfigureAwait(false);
    }

    /// <summary>How many posts the account wrote since <paramref name="since"/> (for rate limits).</summary>
    public Task<int> PostsSinceAsync(string account, DateTimeOffset since, CancellationToken cancel = default) =>
        db.CommunityPosts.AsNoTracking().CountAsync(p => p.AuthorId == account && p.Created >= since, cancel);

    /// <summary>Sets the rating of <paramref name="rater"/> for <paramref name="compound"/>: one per rater and compound, replaced when changed.</summary>
    public async Task RateAsync(string rater, string? account, string compound, int value, DateTimeOffset now, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10);
        var row = await db.CommunityRatings.SingleOrDefaultAsync(r => r.Rater == rater && r.CompoundId == compound, cancel).ConfigureAwait(false);
        if (row is null)
        {
            db.CommunityRatings.Add(new CommunityRatingEntity { Rater = rater, AccountId = account, CompoundId = compound, Value = value, RatedAt = now });
        }
        else
        {
            row.Value = value;
            row.RatedAt = now;
        }

        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    public Task<CommunityRatingEntity?> RatingAsync(string rater, string compound, CancellationToken cancel = default) =>
        db.CommunityRatings.AsNoTracking().SingleOrDefaultAsync(r => r.Rater == rater && r.CompoundId == compound, cancel);

    /// <summary>Every rating (for the aggregates and the nightly check).</summary>
    public async Task<IReadOnlyList<CommunityRatingEntity>> RatingsAsync(CancellationToken cancel = default) =>
        await db.CommunityRatings.AsNoTracking().ToListAsync(cancel).ConfigureAwait(false);

    /// <summary>Sets which ratings the nightly check excludes and why (every other rating is counted again).</summary>
    public async Task SetExclusionsAsync(IReadOnlyDictionary<Guid, string> excluded, IReadOnlyList<AuditEntry> entries, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        var rows = await db.CommunityRatings.Where(r => r.Excluded != null || excluded.Keys.Contains(r.Id)).ToListAsync(cancel).ConfigureAwait(false);
        foreach (var row in rows)
        {
            row.Excluded = excluded.GetValueOrDefault(row.Id);
        }

        db.CommunityAudit.AddRange(entries.Select(Audit));
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>The newest audit entries first.</summary>
    public async Task<IReadOnlyList<CommunityAuditEntity>> AuditLogAsync(int take, CancellationToken cancel = default) =>
        await db.CommunityAudit.AsNoTracking().OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(take).ToListAsync(cancel).ConfigureAwait(false);

    public async Task AuditAsync(IEnumerable<AuditEntry> entries, CancellationToken cancel = default)
    {
        db.CommunityAudit.AddRange(entries.Select(Audit));
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>A shared trial summary; false when the same summary is already held.</summary>
    public async Task<bool> ShareTrialAsync(SharedTrialEntity row, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (await db.SharedTrials.AnyAsync(t => t.ItemId == row.ItemId || (row.TrialId != null && t.TrialId == row.TrialId && t.Outcome == row.Outcome), cancel).ConfigureAwait(false))
        {
            return false;
        }

        db.SharedTrials.Add(row);
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return true;
    }

    public async Task<IReadOnlyList<SharedTrialEntity>> SharedTrialsAsync(string? compound, CancellationToken cancel = default) =>
        await (compound is null ? db.SharedTrials : db.SharedTrials.Where(t => t.CompoundId == compound)).AsNoTracking().ToListAsync(cancel).ConfigureAwait(false);

    /// <summary>The summaries an account shared (for its export).</summary>
    public async Task<IReadOnlyList<SharedTrialEntity>> SharedTrialsOfAsync(string owner, CancellationToken cancel = default) =>
        await db.SharedTrials.AsNoTracking().Where(t => t.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false);

    public async Task<int> WithdrawTrialAsync(string owner, Guid trial, CancellationToken cancel = default) =>
        await db.SharedTrials.Where(t => t.OwnerId == owner && t.TrialId == trial).ExecuteDeleteAsync(cancel).ConfigureAwait(false);

    /// <summary>The content ids already held (imported posts and shared trials), for refusing duplicates.</summary>
    public async Task<IReadOnlySet<string>> HeldItemsAsync(CancellationToken cancel = default)
    {
        var posts = await db.CommunityPosts.AsNoTracking().Where(p => p.ItemId != null).Select(p => p.ItemId!).ToListAsync(cancel).ConfigureAwait(false);
        var trials = await db.SharedTrials.AsNoTracking().Select(t => t.ItemId).ToListAsync(cancel).ConfigureAwait(false);
        return new HashSet<string>(posts.Concat(trials), StringComparer.Ordinal);
    }

    /// <summary>Stores an import in one transaction: every new report (queued for review) and trial summary, and the audit entry.</summary>
    public async Task ImportAsync(IReadOnlyList<CommunityPostEntity> posts, IReadOnlyList<SharedTrialEntity> trials, AuditEntry entry, CancellationToken cancel = default)
    {
        db.CommunityPosts.AddRange(posts);
        db.SharedTrials.AddRange(trials);
        db.CommunityAudit.Add(Audit(entry));
        try
        {
            // One SaveChanges is one transaction: all of the import or none of it.
            await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The account's own reports, for its signed bundle.</summary>
    public async Task<IReadOnlyList<CommunityPostRead>> ReportsOfAsync(string account, CancellationToken cancel = default) =>
        [.. (await PostsOfAsync(account, cancel).ConfigureAwait(false)).Where(p => p.Row.Kind == nameof(PostKind.Report) && p.Row.State != nameof(PostState.Removed))];

    /// <summary>Everything the account posted, oldest first (for its signed bundle and its data export).</summary>
    public async Task<IReadOnlyList<CommunityPostRead>> PostsOfAsync(string account, CancellationToken cancel = default)
    {
        var rows = await db.CommunityPosts.AsNoTracking().Where(p => p.AuthorId == account).ToListAsync(cancel).ConfigureAwait(false);
        return [.. rows.OrderBy(p => p.Created).Select(Read)];
    }

    /// <summary>The account's ratings (for its data export).</summary>
    public async Task<IReadOnlyList<CommunityRatingEntity>> RatingsOfAsync(string account, CancellationToken cancel = default) =>
        await db.CommunityRatings.AsNoTracking().Where(r => r.AccountId == account).ToListAsync(cancel).ConfigureAwait(false);

    /// <summary>
    /// Before an account is deleted: its posts and shared trials are deleted (<paramref name="delete"/>) or
    /// kept without their author (anonymised). Ratings, flags and the membership go with the account either
    /// way (the database's own rules do the same when an account is deleted without this call: posts kept
    /// anonymised). Others' replies to a deleted post are theirs and stay stored, but no page shows them without it.
    /// </summary>
    public async Task ReleaseAsync(string account, bool delete, CancellationToken cancel = default)
    {
        if (delete)
        {
            await db.CommunityPosts.Where(p => p.AuthorId == account).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
            await db.SharedTrials.Where(t => t.OwnerId == account).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        }
        else
        {
            await db.CommunityPosts.Where(p => p.AuthorId == account).ExecuteUpdateAsync(s => s.SetProperty(p => p.AuthorId, (string?)null), cancel).ConfigureAwait(false);
            await db.SharedTrials.Where(t => t.OwnerId == account).ExecuteUpdateAsync(s => s.SetProperty(t => t.OwnerId, (string?)null).SetProperty(t => t.TrialId, (Guid?)null), cancel).ConfigureAwait(false);
        }

        await db.CommunityRatings.Where(r => r.AccountId == account).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        await db.CommunityFlags.Where(f => f.ById == account).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        await db.CommunityMembers.Where(m => m.AccountId == account).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
    }

    private CommunityPostRead Read(CommunityPostEntity row) => new(row, CommunityPostBody.FromJson(_protector.Unprotect(row.Content)));

    private static CommunityAuditEntity Audit(AuditEntry e) =>
        new() { At = e.At, Actor = e.Actor, Action = e.Action, PostId = e.Post == Guid.Empty ? null : e.Post, Note = e.Note };
}
