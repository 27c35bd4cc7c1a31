using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Decodex.Core.Community;
using Decodex.Core.Knowledge;
using Decodex.Core.Trials;
using Decodex.Storage;

namespace Decodex.Web.Community;

/// <summary>Who is looking: their account (null when signed out), their membership, role and trust level.</summary>
public sealed record CommunityViewer(string? Account, CommunityMemberEntity? Member, CommunityRole Role, TrustLevel Level)
{
    public static readonly CommunityViewer Anonymous = new(null, null, CommunityRole.Member, TrustLevel.New);

    public bool SignedIn => Account is not null;

    public bool Joined => Member is not null;

    public bool Moderates => Joined && Role != CommunityRole.Member;
}

/// <summary>A post as a page shows it: its author by pseudonym and label, its text as safe HTML, its replies or answers.</summary>
public sealed record ShownPost(
    Guid Id,
    PostKind Kind,
    string Author,
    string? AuthorLabel,
    bool Own,
    PostState State,
    DateTimeOffset Created,
    string Html,
    ExperienceReport? Report,
    bool Accepted,
    bool Imported,
    IReadOnlyList<ShownPost> Children);

/// <summary>One pooled stratum: a compound's outcome measured the same way, blinded or not, with its result when enough people shared.</summary>
public sealed record PooledStratum(string Outcome, OutcomeKind Instrument, bool Blinded, int People, PooledResult? Result);

/// <summary>The rating aggregates of every compound, and what was left out of them.</summary>
public sealed record RatingAggregates(IReadOnlyDictionary<string, RatingSummary> Summaries, IReadOnlyDictionary<string, (int NotYetTrusted, int Burst, int Ring)> Left);

/// <summary>A compound's community part of its page: the aggregates, the newest posts of each kind and the pooled self-experiments.</summary>
public sealed record CommunityView(
    string CompoundId,
    string CompoundName,
    CommunityViewer Viewer,
    RatingSummary? Summary,
    (int NotYetTrusted, int Burst, int Ring) Left,
    int? ViewerRating,
    string? ViewerRatingExcluded,
    IReadOnlyList<ShownPost> Reports,
    int ReportTotal,
    IReadOnlyList<ShownPost> Questions,
    int QuestionTotal,
    IReadOnlyList<ShownPost> Comments,
    int CommentTotal,
    IReadOnlyList<PooledStratum> Pooled);

/// <summary>
/// What the pages show changes only when a rating, a post, a post's state, a role or the nightly check changes:
/// the rating aggregates (kept at most ten minutes too, since trust grows with an account's age), each
/// compound's post counts and the ordered ids of its published posts (16 bytes a post: 40,000 comments take
/// 640 KB) are kept here between changes, and the rendered text of each post by its id and last change (at
/// most 20,000 texts). Any change made through this process makes them all be read again on their next use;
/// counts, lists and pooling are also read again at least once a minute, for changes made by another process.
/// </summary>
internal sealed class CommunityCache : IDisposable
{
    private const int MaxRendered = 20_000;
    private readonly ConcurrentDictionary<(Guid, DateTimeOffset), string> _rendered = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _version;
    private (long Version, DateTimeOffset At, RatingAggregates Value)? _ratings;
    private readonly ConcurrentDictionary<string, (long Version, IReadOnlyList<PooledStratum> Value)> _pooled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Version, IReadOnlyDictionary<(PostKind, PostState), int> Value)> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, PostKind), (long Version, IReadOnlyList<Guid> Value)> _ids = new();

    public void Changed() => Interlocked.Increment(ref _version);

    /// <summary>Changes with every change made here and at least once a minute (for changes another process made on the same database).</summary>
    private long Stamp => (Interlocked.Read(ref _version) * 1_000_000_007L) + (Environment.TickCount64 / 60_000);

    public void Dispose() => _gate.Dispose();

    public string Html(Guid id, DateTimeOffset updated, string markdown)
    {
        if (_rendered.TryGetValue((id, updated), out var html))
        {
            return html;
        }

        html = CommunityMarkdown.ToHtml(markdown);
        if (_rendered.Count >= MaxRendered)
        {
            _rendered.Clear();
        }

        _rendered[(id, updated)] = html;
        return html;
    }

    public async Task<RatingAggregates> RatingsAsync(CommunityStore store, DateTimeOffset now, CancellationToken cancel)
    {
        var version = Interlocked.Read(ref _version);
        if (_ratings is { } cached && cached.Version == version && now - cached.At < TimeSpan.FromMinutes(10))
        {
            return cached.Value;
        }

        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (_ratings is { } again && again.Version == version && now - again.At < TimeSpan.FromMinutes(10))
            {
                return again.Value;
            }

            var value = await CommunityService.ComputeAggregatesAsync(store, now, cancel).ConfigureAwait(false);
            _ratings = (version, now, value);
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A compound's published top-level post ids of a kind, newest first, read again after any change.</summary>
    public async Task<IReadOnlyList<Guid>> TopIdsAsync(CommunityStore store, string compound, PostKind kind, CancellationToken cancel)
    {
        var version = Stamp;
        if (_ids.TryGetValue((compound, kind), out var cached) && cached.Version == version)
        {
            return cached.Value;
        }

        var value = await store.PublishedTopIdsAsync(compound, kind, cancel).ConfigureAwait(false);
        _ids[(compound, kind)] = (version, value);
        return value;
    }

    /// <summary>A compound's post counts by kind and state, counted again after any change.</summary>
    public async Task<IReadOnlyDictionary<(PostKind, PostState), int>> CountsAsync(CommunityStore store, string compound, CancellationToken cancel)
    {
        var version = Stamp;
        if (_counts.TryGetValue(compound, out var cached) && cached.Version == version)
        {
            return cached.Value;
        }

        var value = await store.TopCountsAsync(compound, cancel).ConfigureAwait(false);
        _counts[compound] = (version, value);
        return value;
    }

    public async Task<IReadOnlyList<PooledStratum>> PooledAsync(CommunityStore store, string compound, CancellationToken cancel)
    {
        var version = Stamp;
        if (_pooled.TryGetValue(compound, out var cached) && cached.Version == version)
        {
            return cached.Value;
        }

        var value = CommunityService.Pool(await store.SharedTrialsAsync(compound, cancel).ConfigureAwait(false));
        _pooled[compound] = (version, value);
        return value;
    }
}

/// <summary>
/// The community of one instance: joining under a pseudonym, experience reports, ratings, comments, questions
/// and answers, flags and moderation, pooled self-experiments, and signed bundles in and out. The rules are
/// Core's (<see cref="Moderation"/>, <see cref="Trust"/>, <see cref="RatingSummaries"/>, <see cref="PooledSelfExperiments"/>);
/// this class applies them to the stored rows. The knowledge base's grader never sees any of it.
/// </summary>
internal sealed class CommunityService(CommunityStore store, CommunityCache cache, KnowledgeBase kb, TrialClock clock)
{
    /// <summary>Posts of each kind on a compound's page; the rest are on its community pages.</summary>
    public const int OnMonograph = 5;

    /// <summary>Posts of each kind on a page of a community list.</summary>
    public const int PerPage = 20;

    public CommunityStore Store => store;

    /// <summary>
    /// The viewer: their membership and role, and (<paramref name="level"/>) their trust level, which needs
    /// three queries and only matters to what they post; pages that only read leave it out (then it is New).
    /// </summary>
    public async Task<CommunityViewer> ViewerAsync(ClaimsPrincipal user, bool level = true, CancellationToken cancel = default)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } account)
        {
            return CommunityViewer.Anonymous;
        }

        var member = await store.MemberAsync(account, cancel).ConfigureAwait(false);
        var role = CommunityStore.Role(member);
        var standing = member is not null && level ? await store.StandingAsync(account, clock.Now, cancel).ConfigureAwait(false) : null;
        return new CommunityViewer(account, member, role, standing is null ? TrustLevel.New : Trust.Level(standing, role, clock.Now));
    }

    /// <summary>A compound's community part: <paramref name="take"/> posts of each kind (skipping <paramref name="skip"/> of <paramref name="only"/> when given).</summary>
    public async Task<CommunityView> ViewAsync(Compound compound, CommunityViewer viewer, int take = OnMonograph, PostKind? only = null, int skip = 0, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(compound);
        ArgumentNullException.ThrowIfNull(viewer);
        var aggregates = await cache.RatingsAsync(store, clock.Now, cancel).ConfigureAwait(false);
        var own = viewer.Joined ? await store.RatingAsync("a:" + viewer.Account, compound.Id, cancel).ConfigureAwait(false) : null;
        var waiting = viewer.Joined && !viewer.Moderates ? await store.OwnUnpublishedAsync(compound.Id, viewer.Account!, cancel).ConfigureAwait(false) : null;

        var counts = await cache.CountsAsync(store, compound.Id, cancel).ConfigureAwait(false);
        async Task<(IReadOnlyList<ShownPost>, int)> Kind(PostKind kind)
        {
            var unpublished = waiting?.GetValueOrDefault(kind) ?? 0;
            var total = CommunityStore.Visible(counts, kind, viewer.Moderates, unpublished);
            if ((only is not null && only != kind) || total == 0)
            {
                return ([], total);
            }

            // Most viewers see only published posts: their page is a slice of the cached id list. A moderator, or an
            // author with posts of their own waiting, gets theirs from the database.
            var from = only == kind ? skip : 0;
            var posts = viewer.Moderates || unpublished > 0
                ? await store.TopPostsAsync(compound.Id, kind, viewer.Account, viewer.Moderates, from, take, cancel).ConfigureAwait(false)
                : [.. (await store.PostsAsync([.. (await cache.TopIdsAsync(store, compound.Id, kind, cancel).ConfigureAwait(false)).Skip(from).Take(take)], cancel).ConfigureAwait(false))
                    .Where(p => p.Row.State == nameof(PostState.Published))]; // a list read before another process hid a post never shows it
            var children = kind is PostKind.Question or PostKind.Comment
                ? await store.ChildrenAsync([.. posts.Select(p => p.Row.Id)], viewer.Account, viewer.Moderates, take * 20, cancel).ConfigureAwait(false)
                : [];
            return (await ShowAsync(posts, children, viewer, cancel).ConfigureAwait(false), total);
        }

        var (reports, reportTotal) = await Kind(PostKind.Report).ConfigureAwait(false);
        var (questions, questionTotal) = await Kind(PostKind.Question).ConfigureAwait(false);
        var (comments, commentTotal) = await Kind(PostKind.Comment).ConfigureAwait(false);
        return new CommunityView(
            compound.Id, compound.Name, viewer, aggregates.Summaries.GetValueOrDefault(compound.Id), aggregates.Left.GetValueOrDefault(compound.Id),
            own?.Value, own?.Excluded, reports, reportTotal, questions, questionTotal, comments, commentTotal,
            await cache.PooledAsync(store, compound.Id, cancel).ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<ShownPost>> ShowAsync(IReadOnlyList<CommunityPostRead> posts, IReadOnlyList<CommunityPostRead> children, CommunityViewer viewer, CancellationToken cancel)
    {
        var members = await store.MembersAsync(posts.Concat(children).Select(p => p.Row.AuthorId).OfType<string>(), cancel).ConfigureAwait(false);
        var byParent = children.ToLookup(c => c.Row.ParentId);
        return [.. posts.Select(p => Show(p, [.. byParent[p.Row.Id].Select(c => Show(c, []))]))];

        ShownPost Show(CommunityPostRead p, IReadOnlyList<ShownPost> replies)
        {
            var member = p.Row.AuthorId is { } author ? members.GetValueOrDefault(author) : null;
            var name = member?.Pseudonym ?? p.Body.Pseudonym ?? Pseudonyms.Former;
            var label = member is null ? (p.Row.Origin is not null ? "imported" : null)
                : member.Clinician ? "clinician"
                : CommunityStore.Role(member) switch { CommunityRole.Owner => "owner", CommunityRole.Moderator => "moderator", _ => null };
            return new ShownPost(p.Row.Id, Enum.Parse<PostKind>(p.Row.Kind), name, label, viewer.Account is not null && p.Row.AuthorId == viewer.Account,
                Enum.Parse<PostState>(p.Row.State), p.Row.Created, cache.Html(p.Row.Id, p.Row.Updated, p.Body.Text), p.Body.Report, p.Row.Accepted, p.Row.Origin is not null,
                replies);
        }
    }

    /// <summary>Joins (or renames) under <paramref name="pseudonym"/>; the reason when it cannot. The instance's owner joins as the community's owner.</summary>
    public async Task<string?> JoinAsync(string account, string pseudonym, bool instanceOwner, CancellationToken cancel = default)
    {
        if (Pseudonyms.Problem(pseudonym) is { } problem)
        {
            return problem;
        }

        var existing = await store.MemberAsync(account, cancel).ConfigureAwait(false);
        var role = existing is not null ? CommunityStore.Role(existing) : instanceOwner ? CommunityRole.Owner : CommunityRole.Member;
        if (!await store.JoinAsync(account, pseudonym.Trim(), role, cancel).ConfigureAwait(false))
        {
            return "Another member has that public name: choose another.";
        }

        await store.AuditAsync([new AuditEntry(clock.Now, account, existing is null ? "joined" : "renamed", Guid.Empty, null)], cancel).ConfigureAwait(false);
        return null;
    }

    /// <summary>Why the viewer cannot post now (not joined, or over the hourly limit of their trust level); null when they can.</summary>
    public async Task<string?> CannotPostAsync(CommunityViewer viewer, CancellationToken cancel = default)
    {
        if (!viewer.Joined)
        {
            return "Choose a public name first: your email never shows.";
        }

        var limit = Trust.PostsPerHour(viewer.Level);
        return await store.PostsSinceAsync(viewer.Account!, clock.Now.AddHours(-1), cancel).ConfigureAwait(false) >= limit
            ? $"You have written {limit} posts in the last hour, the limit for your account's level. Please wait a while."
            : null;
    }

    /// <summary>Stores an experience report (queued for review when the author is new) and sets the author's rating of the compound to its rating.</summary>
    public async Task<(Guid? Id, IReadOnlyList<string> Problems)> WriteReportAsync(CommunityViewer viewer, ExperienceReport report, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (await CannotPostAsync(viewer, cancel).ConfigureAwait(false) is { } cannot)
        {
            return (null, [cannot]);
        }

        var problems = ExperienceReports.Problems(report, kb);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var id = Guid.NewGuid();
        var now = clock.Now;
        var (status, entry) = Moderation.Create(id, viewer.Account!, PostKind.Report, viewer.Level, now);
        await store.AddPostAsync(store.NewPost(id, viewer.Account, PostKind.Report, report.CompoundId, null, status.State, new CommunityPostBody(report.Text, report with { Text = string.Empty }), now), entry, cancel).ConfigureAwait(false);
        await store.RateAsync("a:" + viewer.Account, viewer.Account, report.CompoundId, report.Rating, now, cancel).ConfigureAwait(false);
        cache.Changed();
        return (id, []);
    }

    /// <summary>Sets the viewer's rating of a compound (one per account and compound, replaced when changed).</summary>
    public async Task<string?> RateAsync(CommunityViewer viewer, string compound, int value, CancellationToken cancel = default)
    {
        if (!viewer.Joined)
        {
            return "Choose a public name first: your email never shows.";
        }

        if (kb.Compound(compound) is not { IsImported: false } || value is < 0 or > 10)
        {
            return "Rate a compound of the knowledge base from 0 to 10.";
        }

        await store.RateAsync("a:" + viewer.Account, viewer.Account, compound, value, clock.Now, cancel).ConfigureAwait(false);
        cache.Changed();
        return null;
    }

    /// <summary>A comment (a reply when <paramref name="parent"/> is a comment of the same compound), a question, or an answer to a question.</summary>
    public async Task<(Guid? Id, string? Problem)> WriteAsync(CommunityViewer viewer, PostKind kind, string compound, Guid? parent, string text, CancellationToken cancel = default)
    {
        if (await CannotPostAsync(viewer, cancel).ConfigureAwait(false) is { } cannot)
        {
            return (null, cannot);
        }

        if (kind == PostKind.Report || kb.Compound(compound) is not { IsImported: false })
        {
            return (null, "Write on a compound of the knowledge base.");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > Pseudonyms.MaxPostLength)
        {
            return (null, $"Write between 1 and {Pseudonyms.MaxPostLength:N0} characters.");
        }

        if (parent is { } p)
        {
            // A reply goes to the thread's first comment; an answer to a question; both on the same compound and visible to the writer.
            var target = await store.PostAsync(p, cancel).ConfigureAwait(false);
            var wanted = kind == PostKind.Answer ? PostKind.Question : PostKind.Comment;
            if (target is null || target.Row.Kind != wanted.ToString() || target.Row.CompoundId != compound || target.Row.State != nameof(PostState.Published))
            {
                return (null, kind == PostKind.Answer ? "Answer a published question." : "Reply to a published comment.");
            }

            parent = target.Row.ParentId ?? target.Row.Id;
        }
        else if (kind == PostKind.Answer)
        {
            return (null, "Answer a published question.");
        }

        var id = Guid.NewGuid();
        var now = clock.Now;
        var (status, entry) = Moderation.Create(id, viewer.Account!, kind, viewer.Level, now);
        await store.AddPostAsync(store.NewPost(id, viewer.Account, kind, compound, parent, status.State, new CommunityPostBody(text), now), entry, cancel).ConfigureAwait(false);
        cache.Changed();
        return (id, null);
    }

    /// <summary>The question's author accepts one answer.</summary>
    public async Task<string?> AcceptAsync(CommunityViewer viewer, Guid answer, CancellationToken cancel = default)
    {
        if (await store.PostAsync(answer, cancel).ConfigureAwait(false) is not { Row: { Kind: nameof(PostKind.Answer), State: nameof(PostState.Published), ParentId: { } question } }
            || await store.PostAsync(question, cancel).ConfigureAwait(false) is not { } asked || asked.Row.AuthorId is null || asked.Row.AuthorId != viewer.Account)
        {
            return "Only the person who asked accepts an answer.";
        }

        await store.AcceptAsync(question, answer, cancel).ConfigureAwait(false);
        await store.AuditAsync([new AuditEntry(clock.Now, viewer.Account!, "accepted-answer", answer, null)], cancel).ConfigureAwait(false);
        return null;
    }

    public async Task<string?> FlagAsync(CommunityViewer viewer, Guid post, string reason, CancellationToken cancel = default)
    {
        if (!viewer.Joined)
        {
            return "Choose a public name first: your email never shows.";
        }

        if (await store.StatusAsync(post, cancel).ConfigureAwait(false) is not { State: PostState.Published } status)
        {
            return "That post cannot be flagged.";
        }

        try
        {
            var (flagged, entries) = Moderation.Flag(status, viewer.Account!, viewer.Level, reason, clock.Now);
            await store.ApplyAsync(flagged, entries, cancel).ConfigureAwait(false);
            cache.Changed();
            return null;
        }
        catch (ArgumentException)
        {
            return "Flag with a reason from the list, once, and not your own post.";
        }
    }

    public async Task<string?> DecideAsync(CommunityViewer viewer, Guid post, ModerationDecision decision, string? note, CancellationToken cancel = default)
    {
        if (!viewer.Moderates || await store.StatusAsync(post, cancel).ConfigureAwait(false) is not { } status)
        {
            return "Only a moderator decides on posts.";
        }

        try
        {
            var (decided, entry) = Moderation.Decide(status, viewer.Account!, viewer.Role, decision, note, clock.Now);
            await store.ApplyAsync(decided, [entry], cancel).ConfigureAwait(false);
            if (decision == ModerationDecision.Approve && await store.PostAsync(post, cancel).ConfigureAwait(false) is { Row.Origin: { } origin, Body.Report: { } imported })
            {
                // An approved imported report rates its compound under its signing key: one rating per key and compound.
                await store.RateAsync("k:" + origin, null, imported.CompoundId, imported.Rating, clock.Now, cancel).ConfigureAwait(false);
            }

            cache.Changed();
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "A moderator never decides on their own post.";
        }
    }

    /// <summary>The owner appoints or dismisses a moderator, or marks a clinician.</summary>
    public async Task<string?> SetRoleAsync(CommunityViewer viewer, string target, bool? moderator, bool? clinician, CancellationToken cancel = default)
    {
        if (viewer.Role != CommunityRole.Owner || await store.MemberAsync(target, cancel).ConfigureAwait(false) is not { } member || target == viewer.Account)
        {
            return "Only the owner sets roles, and not their own.";
        }

        var now = clock.Now;
        if (moderator is { } m)
        {
            try
            {
                var (role, entry) = Moderation.SetRole(viewer.Account!, viewer.Role, target, CommunityStore.Role(member), m, now);
                await store.SetRoleAsync(target, role, entry, cancel).ConfigureAwait(false);
            }
            catch (UnauthorizedAccessException)
            {
                return "Only the owner sets roles, and not their own.";
            }
        }

        if (clinician is { } c)
        {
            await store.SetClinicianAsync(target, c, new AuditEntry(now, viewer.Account!, c ? "marked-clinician" : "unmarked-clinician", Guid.Empty, target), cancel).ConfigureAwait(false);
        }

        cache.Changed();
        return null;
    }

    /// <summary>Shares the unblinded trial's outcomes on knowledge-base compounds for pooling; how many were shared.</summary>
    public async Task<int> ShareTrialAsync(string owner, Guid trialId, SelfExperiment record, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.Unblinded || record.Plan.Intervention.CompoundId is not { } compound || kb.Compound(compound) is not { IsImported: false })
        {
            return 0;
        }

        var shared = 0;
        foreach (var outcome in record.Plan.Outcomes)
        {
            if (SharedTrialSummary.From(record, outcome.Name) is { } summary
                && await store.ShareTrialAsync(Row(summary, owner, trialId, null), cancel).ConfigureAwait(false))
            {
                shared++;
            }
        }

        cache.Changed();
        return shared;
    }

    /// <summary>Withdraws the trial's shared effects from pooling; how many were withdrawn.</summary>
    public async Task<int> WithdrawTrialAsync(string owner, Guid trialId, CancellationToken cancel = default)
    {
        var n = await store.WithdrawTrialAsync(owner, trialId, cancel).ConfigureAwait(false);
        cache.Changed();
        return n;
    }

    internal static SharedTrialEntity Row(SharedTrialSummary s, string? owner, Guid? trial, string? origin) => new()
    {
        OwnerId = owner, TrialId = trial, CompoundId = s.CompoundId, Outcome = s.Outcome, Instrument = s.Instrument.ToString(), Blinded = s.Blinded,
        AnalysedDays = s.AnalysedDays, Effect = s.Effect, StandardError = s.StandardError, PlanSha256 = s.PlanSha256, ItemId = CommunityBundle.ItemId(s), Origin = origin,
    };

    /// <summary>The member's reports and shared trial summaries as a bundle signed with their own key; null when they have not joined.</summary>
    public async Task<byte[]?> ExportAsync(CommunityViewer viewer, CancellationToken cancel = default)
    {
        if (!viewer.Joined || await store.SigningKeyAsync(viewer.Account!, cancel).ConfigureAwait(false) is not { } pkcs8)
        {
            return null;
        }

        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        var reports = (await store.ReportsOfAsync(viewer.Account!, cancel).ConfigureAwait(false))
            .Where(p => p.Body.Report is not null)
            .Select(p => new SharedReport(viewer.Member!.Pseudonym, p.Body.Report! with { Text = p.Body.Text }, p.Row.Created)).ToList();
        var trials = (await store.SharedTrialsOfAsync(viewer.Account!, cancel).ConfigureAwait(false))
            .Select(t => new SharedTrialSummary(t.CompoundId, t.Outcome, Enum.Parse<OutcomeKind>(t.Instrument), t.Blinded, t.AnalysedDays, t.Effect, t.StandardError, t.PlanSha256)).ToList();
        return CommunityBundle.Sign(new CommunityBundleContent(CommunityBundle.Format, clock.Now, reports, trials), key);
    }

    /// <summary>The result of an import: what was added, what was a duplicate, or why the file was refused.</summary>
    public sealed record ImportResult(int Reports, int Trials, int Duplicates, int Skipped, string? Problem);

    /// <summary>
    /// Imports a signed bundle (a moderator's or the owner's action): the signature is checked first;
    /// reports on compounds this knowledge base has are queued for review under the pseudonym they carry,
    /// trial summaries join the pooling; items already held are refused; all in one transaction.
    /// </summary>
    public async Task<ImportResult> ImportAsync(CommunityViewer viewer, ReadOnlyMemory<byte> file, CancellationToken cancel = default)
    {
        if (!viewer.Moderates)
        {
            return new ImportResult(0, 0, 0, 0, "Only a moderator or the owner imports bundles.");
        }

        var (bundle, problem) = CommunityBundle.Verify(file.Span);
        if (bundle is null)
        {
            return new ImportResult(0, 0, 0, 0, problem);
        }

        var (reports, trials, duplicates) = CommunityBundle.NewItems(bundle, await store.HeldItemsAsync(cancel).ConfigureAwait(false));
        var now = clock.Now;
        var posts = new List<CommunityPostEntity>();
        var rows = new List<SharedTrialEntity>();
        var skipped = 0;
        foreach (var shared in reports)
        {
            var report = shared.Report;
            if (ExperienceReports.Problems(report, kb).Count > 0 || Pseudonyms.Problem(shared.Pseudonym) is not null)
            {
                skipped++;
                continue;
            }

            var row = store.NewPost(Guid.NewGuid(), null, PostKind.Report, report.CompoundId, null, PostState.Pending,
                new CommunityPostBody(report.Text, report with { Text = string.Empty }, shared.Pseudonym.Trim() + " (imported)"), now);
            row.Origin = bundle.KeyFingerprint;
            row.ItemId = CommunityBundle.ItemId(shared);
            posts.Add(row);
        }

        foreach (var trial in trials)
        {
            if (kb.Compound(trial.CompoundId) is not { IsImported: false } || !double.IsFinite(trial.Effect) || !(trial.StandardError is > 0 and < 100) || trial.Outcome.Length is 0 or > 100 || trial.PlanSha256.Length != 64)
            {
                skipped++;
                continue;
            }

            rows.Add(Row(trial, null, null, bundle.KeyFingerprint));
        }

        try
        {
            await store.ImportAsync(posts, rows, new AuditEntry(now, viewer.Account!, "imported", Guid.Empty, $"{posts.Count} reports queued, {rows.Count} trial summaries, {duplicates} duplicates refused, {skipped} not valid here; key {bundle.KeyFingerprint}"), cancel).ConfigureAwait(false);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Another import stored some of the same items meanwhile (the unique content ids decided): nothing of this one was stored.
            return new ImportResult(0, 0, 0, 0, "Some of these items arrived at the same moment from another import; nothing was stored. Import the file again.");
        }

        cache.Changed();
        return new ImportResult(posts.Count, rows.Count, duplicates, skipped, null);
    }

    /// <summary>Pools each stratum (outcome, instrument, blinded or not) of a compound's shared trials.</summary>
    internal static IReadOnlyList<PooledStratum> Pool(IReadOnlyList<SharedTrialEntity> trials) =>
        [.. trials.GroupBy(t => (t.Outcome, t.Instrument, t.Blinded))
            .Select(g =>
            {
                var instrument = Enum.TryParse<OutcomeKind>(g.Key.Instrument, out var k) ? k : OutcomeKind.Number;
                var effects = g.OrderBy(t => t.ItemId, StringComparer.Ordinal).Select(t => new SharedTrialEffect(t.Effect, t.StandardError)).ToList();
                return new PooledStratum(g.Key.Outcome, instrument, g.Key.Blinded, effects.Count, PooledSelfExperiments.Pool(effects));
            })
            .OrderByDescending(s => s.People).ThenBy(s => s.Outcome, StringComparer.Ordinal)];

    /// <summary>
    /// The aggregates: for each compound the counted ratings (accounts whose trust counts, approved imported
    /// reports, none the nightly check excluded), summarised with shrinkage toward the mean of all compounds.
    /// </summary>
    internal static async Task<RatingAggregates> ComputeAggregatesAsync(CommunityStore store, DateTimeOffset now, CancellationToken cancel)
    {
        var ratings = await store.RatingsAsync(cancel).ConfigureAwait(false);
        var accounts = ratings.Select(r => r.AccountId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var standings = await store.StandingsAsync(accounts, now, cancel).ConfigureAwait(false);
        var members = await store.MembersAsync(accounts, cancel).ConfigureAwait(false);
        TrustLevel LevelOf(CommunityRatingEntity r) => r.AccountId is null ? TrustLevel.Member
            : standings.TryGetValue(r.AccountId, out var s) ? Trust.Level(s, CommunityStore.Role(members.GetValueOrDefault(r.AccountId)), now)
            : TrustLevel.New;

        var counted = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var left = new Dictionary<string, (int NotYetTrusted, int Burst, int Ring)>(StringComparer.Ordinal);
        foreach (var r in ratings)
        {
            var l = left.GetValueOrDefault(r.CompoundId);
            if (r.Excluded == "burst")
            {
                left[r.CompoundId] = l with { Burst = l.Burst + 1 };
            }
            else if (r.Excluded is not null)
            {
                left[r.CompoundId] = l with { Ring = l.Ring + 1 };
            }
            else if (!Trust.Counts(LevelOf(r)))
            {
                left[r.CompoundId] = l with { NotYetTrusted = l.NotYetTrusted + 1 };
            }
            else
            {
                (counted.TryGetValue(r.CompoundId, out var list) ? list : counted[r.CompoundId] = []).Add(r.Value);
            }
        }

        return new RatingAggregates(RatingSummaries.Of(counted.ToDictionary(c => c.Key, c => (IReadOnlyList<int>)c.Value, StringComparer.Ordinal)), left);
    }
}
