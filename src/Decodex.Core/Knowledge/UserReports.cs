namespace Decodex.Core.Knowledge;

/// <summary>User-reported experiences: shown and counted, kept apart from evidence, never graded.</summary>
public sealed record UserReports
{
    public string? CitationId { get; init; }
    public CommunityRating? Rating { get; init; }
    public IReadOnlyList<string> Positive { get; init; } = [];
    public IReadOnlyList<string> Negative { get; init; } = [];
    public IReadOnlyList<string> Comments { get; init; } = [];
}
