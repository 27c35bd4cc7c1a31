namespace Decodex.Core.Knowledge;

/// <summary>
/// One claim's grade laid out for a reviewer on one screen: its sponsor-linked evidence, the largest
/// trial attached and every exclusion, sources known only from community posts, and the grade's
/// start and every step (its reasons, in order). Built by <see cref="GradeAudit.For"/>.
/// </summary>
public sealed record ClaimAudit
{
    public required string CompoundId { get; init; }
    public required string ClaimId { get; init; }
    public required string Title { get; init; }
    public required string Grade { get; init; }
    public GradeLevel? ReportedCertainty { get; init; }

    /// <summary>Sponsor-linked evidence, as "citation-id: the recorded link".</summary>
    public IReadOnlyList<string> SponsorLinked { get; init; } = [];

    /// <summary>The largest randomised trial attached, as "citation-id (n)", or null when none is.</summary>
    public string? LargestTrial { get; init; }

    /// <summary>Trials recorded for this outcome at or above <see cref="EvidenceGrader.LargeTrialSize"/>, and whether each is attached or excluded.</summary>
    public IReadOnlyList<string> LargeTrials { get; init; } = [];

    /// <summary>Excluded studies, as "citation-id: reason".</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>Cited sources known only from a community post (never counted).</summary>
    public IReadOnlyList<string> CommunityOnly { get; init; } = [];

    /// <summary>The grade's start and each step down or up, in order.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];
}
