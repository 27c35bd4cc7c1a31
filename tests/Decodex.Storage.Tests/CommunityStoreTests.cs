using System.Text;
using Decodex.Core.Community;
using Microsoft.EntityFrameworkCore;

namespace Decodex.Storage.Tests;

/// <summary>The community's tables on SQLite and PostgreSQL: encryption at rest, visibility, one rating per rater, standings, imports and deletion.</summary>
public sealed partial class StorageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<string> AccountAsync(DecodexDbContext db, string email, DateTimeOffset created)
    {
        var user = new DecodexUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), Created = created };
        db.Users.Add(user);
        await db.SaveChangesAsync(Cancel);
        db.ChangeTracker.Clear();
        return user.Id;
    }

    private static CommunityPostBody Body(string text) => new(text);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommunityPosts_EncryptedAtRest_VisibleByState_NewestFirst_Paged(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new CommunityStore(db.Context, Protection);
        var author = await AccountAsync(db.Context, "author@example.org", T0);
        var other = await AccountAsync(db.Context, "other@example.org", T0);
        Assert.True(await store.JoinAsync(author, "Author", CommunityRole.Member, Cancel));
        Assert.False(await store.JoinAsync(other, "Author", CommunityRole.Member, Cancel));

        for (var i = 0; i < 25; i++)
        {
            var id = Guid.NewGuid();
            await store.AddPostAsync(store.NewPost(id, author, PostKind.Comment, "cerebrolysin", null, PostState.Published, Body($"secret words {i}"), T0.AddMinutes(i)), new AuditEntry(T0, "system", "published", id, null), Cancel);
        }

        var pending = Guid.NewGuid();
        await store.AddPostAsync(store.NewPost(pending, author, PostKind.Comment, "cerebrolysin", null, PostState.Pending, Body("waiting"), T0.AddHours(1)), new AuditEntry(T0, "system", "queued", pending, null), Cancel);

        // No text in clear in the database.
        var raw = await db.Context.CommunityPosts.AsNoTracking().Select(p => p.Content).ToListAsync(Cancel);
        Assert.All(raw, c => Assert.DoesNotContain("secret words", Encoding.UTF8.GetString(c), StringComparison.Ordinal));

        var anonymous = await store.TopPostsAsync("cerebrolysin", PostKind.Comment, null, moderator: false, 0, 20, Cancel);
        var counts = await store.TopCountsAsync("cerebrolysin", Cancel);
        Assert.Equal((25, 1), (counts[(PostKind.Comment, PostState.Published)], counts[(PostKind.Comment, PostState.Pending)]));
        Assert.Equal(25, CommunityStore.Visible(counts, PostKind.Comment, moderator: false, 0));
        Assert.Equal("secret words 24", anonymous[0].Body.Text);
        Assert.Equal(20, anonymous.Count);
        var second = await store.TopPostsAsync("cerebrolysin", PostKind.Comment, null, moderator: false, 20, 20, Cancel);
        Assert.Equal(["secret words 4", "secret words 3", "secret words 2", "secret words 1", "secret words 0"], second.Select(p => p.Body.Text));
        Assert.Equal(26, CommunityStore.Visible(counts, PostKind.Comment, moderator: false, (await store.OwnUnpublishedAsync("cerebrolysin", author, Cancel)).GetValueOrDefault(PostKind.Comment)));
        Assert.Equal(25, CommunityStore.Visible(counts, PostKind.Comment, moderator: false, (await store.OwnUnpublishedAsync("cerebrolysin", other, Cancel)).GetValueOrDefault(PostKind.Comment)));
        Assert.Equal(26, CommunityStore.Visible(counts, PostKind.Comment, moderator: true, 0));
        Assert.Equal("waiting", (await store.TopPostsAsync("cerebrolysin", PostKind.Comment, author, moderator: false, 0, 1, Cancel))[0].Body.Text);
        Assert.Equal("secret words 24", (await store.TopPostsAsync("cerebrolysin", PostKind.Comment, other, moderator: false, 0, 1, Cancel))[0].Body.Text);
        Assert.Equal("waiting", (await store.TopPostsAsync("cerebrolysin", PostKind.Comment, other, moderator: true, 0, 1, Cancel))[0].Body.Text);
        Assert.Equal(pending, Assert.Single(await store.QueueAsync(10, Cancel)).Row.Id);

        // Flags: stored, settled by a decision, and counted against the author's standing once upheld.
        var flagged = anonymous[0].Row.Id;
        var status = (await store.StatusAsync(flagged, Cancel))!;
        var (after, entries) = Moderation.Flag(status, other, TrustLevel.Member, "spam", T0.AddDays(1));
        await store.ApplyAsync(after, entries, Cancel);
        Assert.Contains(await store.QueueAsync(10, Cancel), p => p.Row.Id == flagged);
        var (removed, entry) = Moderation.Decide((await store.StatusAsync(flagged, Cancel))!, "moderator-id", CommunityRole.Moderator, ModerationDecision.Remove, null, T0.AddDays(1));
        await store.ApplyAsync(removed, [entry], Cancel);
        Assert.True(Assert.Single((await store.StatusAsync(flagged, Cancel))!.Flags).Upheld);
        var standing = (await store.StandingAsync(author, T0.AddDays(2), Cancel))!;
        Assert.Equal((24, 1), (standing.AcceptedContributions, standing.UpheldFlagsLast60Days));
        Assert.Equal(0, (await store.StandingAsync(author, T0.AddDays(70), Cancel))!.UpheldFlagsLast60Days);
        Assert.Contains(await store.AuditLogAsync(10, Cancel), a => a.Action == "remove" && a.PostId == flagged);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommunityRatings_OnePerRaterAndCompound_Edited_NotDuplicated(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new CommunityStore(db.Context, Protection);
        var account = await AccountAsync(db.Context, "rater@example.org", T0);

        await store.RateAsync("a:" + account, account, "cerebrolysin", 7, T0, Cancel);
        await store.RateAsync("a:" + account, account, "cerebrolysin", 3, T0.AddDays(1), Cancel);
        await store.RateAsync("a:" + account, account, "piracetam", 5, T0, Cancel);

        var ratings = await store.RatingsAsync(Cancel);
        Assert.Equal(2, ratings.Count);
        Assert.Equal(3, ratings.Single(r => r.CompoundId == "cerebrolysin").Value);

        // The database itself refuses a second row for the same rater and compound.
        db.Context.CommunityRatings.Add(new CommunityRatingEntity { Rater = "a:" + account, AccountId = account, CompoundId = "cerebrolysin", Value = 9 });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.Context.SaveChangesAsync(Cancel));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommunityAccountDeletion_AnonymisesOrDeletes_AsChosen_RatingsAlwaysGo(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new CommunityStore(db.Context, Protection);
        var keep = await AccountAsync(db.Context, "keep@example.org", T0);
        var erase = await AccountAsync(db.Context, "erase@example.org", T0);
        var plain = await AccountAsync(db.Context, "plain@example.org", T0);
        foreach (var (account, name) in new[] { (keep, "Keeper"), (erase, "Eraser"), (plain, "Plain") })
        {
            await store.JoinAsync(account, name, CommunityRole.Member, Cancel);
            var id = Guid.NewGuid();
            await store.AddPostAsync(store.NewPost(id, account, PostKind.Comment, "cerebrolysin", null, PostState.Published, Body("by " + name), T0), new AuditEntry(T0, account, "published", id, null), Cancel);
            await store.RateAsync("a:" + account, account, "cerebrolysin", 6, T0, Cancel);
            await store.ShareTrialAsync(new SharedTrialEntity { OwnerId = account, TrialId = Guid.NewGuid(), CompoundId = "cerebrolysin", Outcome = "focus", Instrument = "Rating", PlanSha256 = new string('a', 64), ItemId = name.PadRight(64, 'x'), Effect = 0.3, StandardError = 0.2 }, Cancel);
        }

        await store.ReleaseAsync(keep, delete: false, Cancel);
        await store.ReleaseAsync(erase, delete: true, Cancel);
        foreach (var account in new[] { keep, erase, plain })
        {
            // The account itself goes; the database's rules do the rest for the one that chose nothing.
            await db.Context.Users.Where(u => u.Id == account).ExecuteDeleteAsync(Cancel);
        }

        var posts = await db.Context.CommunityPosts.AsNoTracking().ToListAsync(Cancel);
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Null(p.AuthorId));
        var texts = new List<string>();
        foreach (var post in posts)
        {
            texts.Add((await store.PostAsync(post.Id, Cancel))!.Body.Text);
        }

        Assert.Equal(["by Keeper", "by Plain"], texts.Order(StringComparer.Ordinal));
        Assert.Empty(await store.RatingsAsync(Cancel));
        Assert.Empty(await db.Context.CommunityMembers.ToListAsync(Cancel));
        var trials = await store.SharedTrialsAsync(null, Cancel);
        Assert.Equal(2, trials.Count);
        Assert.All(trials, t => Assert.Null(t.OwnerId));
        Assert.Contains(await db.Context.CommunityAudit.AsNoTracking().ToListAsync(Cancel), a => a.Actor == keep);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommunityImports_HeldItemsRefused_ByTheirContentId(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new CommunityStore(db.Context, Protection);
        var post = store.NewPost(Guid.NewGuid(), null, PostKind.Report, "cerebrolysin", null, PostState.Pending, Body("imported"), T0);
        post.Origin = "0123456789abcdef";
        post.ItemId = new string('1', 64);
        var trial = new SharedTrialEntity { CompoundId = "cerebrolysin", Outcome = "focus", Instrument = "Rating", PlanSha256 = new string('b', 64), ItemId = new string('2', 64), Origin = "0123456789abcdef" };
        await store.ImportAsync([post], [trial], new AuditEntry(T0, "owner", "imported", Guid.Empty, "1 report"), Cancel);

        Assert.Equal([new string('1', 64), new string('2', 64)], (await store.HeldItemsAsync(Cancel)).Order(StringComparer.Ordinal));
        Assert.False(await store.ShareTrialAsync(new SharedTrialEntity { CompoundId = "cerebrolysin", Outcome = "focus", Instrument = "Rating", PlanSha256 = new string('b', 64), ItemId = new string('2', 64) }, Cancel));
        var again = store.NewPost(Guid.NewGuid(), null, PostKind.Report, "cerebrolysin", null, PostState.Pending, Body("imported"), T0);
        again.ItemId = new string('1', 64);
        await Assert.ThrowsAsync<DbUpdateException>(() => store.ImportAsync([again], [], new AuditEntry(T0, "owner", "imported", Guid.Empty, null), Cancel));
    }
}
