namespace Decodex.Core.Knowledge;

/// <summary>A dose as a source states it. Decodex reports doses; it never recommends one.</summary>
public sealed record DoseRegimen
{
    /// <summary>Condition id, or <c>general</c>.</summary>
    public required string Indication { get; init; }
    public required string Dose { get; init; }
    public Route? Route { get; init; }
    public string? Frequency { get; init; }
    public string? Duration { get; init; }
    public required SourceType SourceType { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<string> CitationIds { get; init; } = [];
    public SourceLocation Location { get; init; }
}
