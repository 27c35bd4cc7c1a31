namespace Decodex.Core.Knowledge;

/// <summary>
/// A study found for a claim's outcome that the claim deliberately does not count, with the reason.
/// Shown on the monograph; a large trial must be attached or excluded this way, never left out silently.
/// </summary>
public sealed record EvidenceExclusion
{
    public required string CitationId { get; init; }
    public required string Reason { get; init; }
    public SourceLocation Location { get; init; }
}
