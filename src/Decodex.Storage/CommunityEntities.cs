namespace Decodex.Storage;

/// <summary>
/// An account's place in the community: its public pseudonym, its role and whether the owner marked it as
/// a clinician. An account takes part only after choosing a pseudonym; its email never shows.
/// </summary>
public sealed class CommunityMemberEntity
{
    public required string AccountId { get; set; }

    /// <summary>The public name, unique on the instance.</summary>
    public required string Pseudonym { get; set; }

    /// <summary><c>member</c>, <c>moderator</c> or <c>owner</c>.</summary>
    public string Role { get; set; } = "member";

    /// <summary>Marked by the owner: the account's answers are labelled as a clinician's.</summary>
    public bool Clinician { get; set; }

    public DateTimeOffset Joined { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// The member's own key for signing exported bundles (ECDSA P-256, PKCS#8), encrypted with the instance's
    /// key; made at the first export. Another instance knows the member only by this key's fingerprint.
    /// </summary>
    public byte[]? SigningKey { get; set; }
}

/// <summary>
/// A community post: an experience report, a comment, a question or an answer. What was written (the
/// report's fields, the text) is in <see cref="Content"/>, encrypted with the instance's community key; the
/// clear columns are only what lists, queues and counts need. A deleted author leaves the post anonymised
/// (<see cref="AuthorId"/> null) unless they chose to delete their contributions.
/// </summary>
public sealed class CommunityPostEntity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The author's account; null once the author deleted their account and kept the post anonymised, or for an imported post.</summary>
    public string? AuthorId { get; set; }

    /// <summary><c>Report</c>, <c>Comment</c>, <c>Question</c> or <c>Answer</c>.</summary>
    public required string Kind { get; set; }

    public required string CompoundId { get; set; }

    /// <summary>The post answered or replied to (a comment's parent, an answer's question).</summary>
    public Guid? ParentId { get; set; }

    /// <summary><c>Pending</c>, <c>Published</c>, <c>Hidden</c> or <c>Removed</c>.</summary>
    public required string State { get; set; }

    /// <summary>An answer the question's author accepted.</summary>
    public bool Accepted { get; set; }

    public DateTimeOffset Created { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset Updated { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>For an imported post: the fingerprint of the key that signed its bundle.</summary>
    public string? Origin { get; set; }

    /// <summary>For an imported post: its content id in the bundle, so that the same item is never imported twice.</summary>
    public string? ItemId { get; set; }

    /// <summary>The post as JSON, encrypted with the instance's community key.</summary>
    public required byte[] Content { get; set; }
}

/// <summary>
/// One rating of a compound on the anchored 0–10 scale: one per rater and compound, replaced when edited.
/// <see cref="Rater"/> is <c>a:</c> and the account id for a member, or <c>k:</c> and the signing key's
/// fingerprint for an approved imported report. The nightly check marks a rating of a burst or a ring as
/// excluded from the aggregates; it stays visible with its label.
/// </summary>
public sealed class CommunityRatingEntity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Rater { get; set; }

    /// <summary>The member's account, for deletion with it; null for an imported rating.</summary>
    public string? AccountId { get; set; }

    public required string CompoundId { get; set; }

    public int Value { get; set; }

    public DateTimeOffset RatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Why the nightly check left it out of the aggregates (<c>burst</c>, <c>ring</c>); null when counted.</summary>
    public string? Excluded { get; set; }
}

/// <summary>A flag on a post, with its reason from the list, and whether a moderator upheld it.</summary>
public sealed class CommunityFlagEntity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PostId { get; set; }

    public required string ById { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;

    public bool? Upheld { get; set; }
}

/// <summary>
/// One moderation action (queued, published, flagged, hidden, approved, removed, roles, imports, the nightly
/// check). Kept when accounts go: the actor is an account id (shown by pseudonym while it exists) or <c>system</c>.
/// </summary>
public sealed class CommunityAuditEntity
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public Guid? PostId { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// A completed self-experiment's effect that its owner chose to share for pooling (or that came in a signed
/// bundle): compound, outcome, instrument, effect and standard error, never the days' values.
/// </summary>
public sealed class SharedTrialEntity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The owner's account; null once anonymised, or for an imported summary.</summary>
    public string? OwnerId { get; set; }

    /// <summary>The trial it was taken from (for the owner to withdraw it); null for an imported summary.</summary>
    public Guid? TrialId { get; set; }

    public required string CompoundId { get; set; }

    public required string Outcome { get; set; }

    public required string Instrument { get; set; }

    public bool Blinded { get; set; }

    public int AnalysedDays { get; set; }

    public double Effect { get; set; }

    public double StandardError { get; set; }

    public required string PlanSha256 { get; set; }

    /// <summary>The summary's content id: the same summary is never held twice.</summary>
    public required string ItemId { get; set; }

    public string? Origin { get; set; }

    public DateTimeOffset Shared { get; set; } = DateTimeOffset.UtcNow;
}
