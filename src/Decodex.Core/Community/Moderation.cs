namespace Decodex.Core.Community;

/// <summary>What a community post is.</summary>
public enum PostKind
{
    Report,
    Comment,
    Question,
    Answer,
}

/// <summary>Where a post stands.</summary>
public enum PostState
{
    /// <summary>Waiting for a moderator (a new account's report).</summary>
    Pending,

    /// <summary>Shown to everyone.</summary>
    Published,

    /// <summary>Hidden until a moderator looks at it (flagged), or hidden by a moderator; the author still sees it.</summary>
    Hidden,

    /// <summary>Removed by a moderator; kept for the audit log, shown to nobody but moderators.</summary>
    Removed,
}

/// <summary>What a moderator decides.</summary>
public enum ModerationDecision
{
    /// <summary>Publish a pending post, or a hidden one whose flags are dismissed.</summary>
    Approve,

    /// <summary>Hide a post.</summary>
    Hide,

    /// <summary>Remove a post for good; its open flags are upheld.</summary>
    Remove,
}

/// <summary>A flag raised on a post.</summary>
/// <param name="By">The flagging account.</param>
/// <param name="Reason">Why, from <see cref="Moderation.FlagReasons"/>.</param>
/// <param name="At">When it was raised.</param>
/// <param name="Upheld">Null while open; then whether a moderator upheld it.</param>
public sealed record PostFlag(string By, string Reason, DateTimeOffset At, bool? Upheld = null);

/// <summary>A community post's moderation state (its content is kept elsewhere).</summary>
public sealed record PostStatus(Guid Id, string Author, PostKind Kind, PostState State, IReadOnlyList<PostFlag> Flags);

/// <summary>One line of the audit log: every moderation action, automatic ones included.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">The account that acted, or <see cref="Moderation.System"/> for an automatic action.</param>
/// <param name="Action">What was done (<c>queued</c>, <c>published</c>, <c>flagged</c>, <c>hidden-by-flags</c>, <c>approve</c>, <c>hide</c>, <c>remove</c>, <c>appointed-moderator</c>, <c>dismissed-moderator</c>).</param>
/// <param name="Post">The post acted on (empty for a change of role).</param>
/// <param name="Note">The flag's reason, the moderator's note (at most 500 characters) or the account whose role changed.</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, Guid Post, string? Note);

/// <summary>
/// The moderation rules of this project (its own, after Discourse and Stack Exchange): a new account's
/// report waits for a moderator; a flag from a trusted account, or <see cref="FlagsToHide"/> open flags
/// from members, hide a post until a moderator decides; only moderators and the owner decide, never on
/// their own posts; only the owner appoints moderators. Every change writes an <see cref="AuditEntry"/>.
/// </summary>
public static class Moderation
{
    /// <summary>The actor of automatic actions in the audit log.</summary>
    public const string System = "system";

    /// <summary>Open flags from members that hide a post.</summary>
    public const int FlagsToHide = 3;

    /// <summary>The reasons a flag can give.</summary>
    public static readonly IReadOnlyList<string> FlagReasons = ["selling", "undeclared-conflict", "dangerous-advice", "abuse", "spam", "personal-data", "off-topic"];

    /// <summary>A new post's state: pending for a report by a new account, published otherwise.</summary>
    public static (PostStatus Post, AuditEntry Entry) Create(Guid id, string author, PostKind kind, TrustLevel authorLevel, DateTimeOffset now)
    {
        var state = kind == PostKind.Report && Trust.Queued(authorLevel) ? PostState.Pending : PostState.Published;
        return (new PostStatus(id, author, kind, state, []), new AuditEntry(now, System, state == PostState.Pending ? "queued" : "published", id, null));
    }

    /// <summary>Adds a flag; hides the post when the flagger is trusted or enough members flagged it. One open flag per account.</summary>
    /// <exception cref="ArgumentException">An unknown reason, the author flagging their own post, or a second open flag from the same account.</exception>
    public static (PostStatus Post, IReadOnlyList<AuditEntry> Entries) Flag(PostStatus post, string by, TrustLevel level, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (!FlagReasons.Contains(reason) || by == post.Author || post.Flags.Any(f => f.By == by && f.Upheld is null))
        {
            throw new ArgumentException("Flag with a reason from the list, once, and not your own post.", nameof(reason));
        }

        var flagged = post with { Flags = [.. post.Flags, new PostFlag(by, reason, now)] };
        var entries = new List<AuditEntry> { new(now, by, "flagged", post.Id, reason) };
        if (post.State == PostState.Published && (level == TrustLevel.Trusted || flagged.Flags.Count(f => f.Upheld is null) >= FlagsToHide))
        {
            flagged = flagged with { State = PostState.Hidden };
            entries.Add(new AuditEntry(now, System, "hidden-by-flags", post.Id, null));
        }

        return (flagged, entries);
    }

    /// <summary>A moderator's decision. Approving dismisses the open flags; hiding leaves them open; removing upholds them.</summary>
    /// <exception cref="UnauthorizedAccessException">The actor is not a moderator or the owner, or is the post's author.</exception>
    public static (PostStatus Post, AuditEntry Entry) Decide(PostStatus post, string actor, CommunityRole role, ModerationDecision decision, string? note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (role == CommunityRole.Member || actor == post.Author)
        {
            throw new UnauthorizedAccessException("Only a moderator or the owner decides, and never on their own post.");
        }

        var (state, upheld) = decision switch
        {
            ModerationDecision.Approve => (PostState.Published, (bool?)false),
            ModerationDecision.Hide => (PostState.Hidden, null),
            _ => (PostState.Removed, (bool?)true),
        };
        var flags = upheld is null ? post.Flags : [.. post.Flags.Select(f => f.Upheld is null ? f with { Upheld = upheld } : f)];
        return (post with { State = state, Flags = flags }, new AuditEntry(now, actor, decision.ToString().ToLowerInvariant(), post.Id, note is { Length: > 500 } ? note[..500] : note));
    }

    /// <summary>Whether <paramref name="viewer"/> may see the post.</summary>
    public static bool Visible(PostStatus post, string? viewer, CommunityRole role)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.State == PostState.Published
               || role != CommunityRole.Member
               || (post.State is PostState.Pending or PostState.Hidden && viewer == post.Author);
    }

    /// <summary>The new role of <paramref name="target"/>; only the owner appoints or dismisses moderators, and the owner's own role never changes here.</summary>
    /// <exception cref="UnauthorizedAccessException">The actor is not the owner, or the target is the owner.</exception>
    public static (CommunityRole Role, AuditEntry Entry) SetRole(string actor, CommunityRole actorRole, string target, CommunityRole targetRole, bool moderator, DateTimeOffset now)
    {
        if (actorRole != CommunityRole.Owner || targetRole == CommunityRole.Owner)
        {
            throw new UnauthorizedAccessException("Only the owner appoints or dismisses moderators.");
        }

        var role = moderator ? CommunityRole.Moderator : CommunityRole.Member;
        return (role, new AuditEntry(now, actor, moderator ? "appointed-moderator" : "dismissed-moderator", Guid.Empty, target));
    }
}
