namespace Decodex.Core.Knowledge;

/// <summary>A lab marker that condition criteria refer to.</summary>
public sealed record Marker
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Loinc { get; init; } = [];
    public required string Unit { get; init; }
    public SourceLocation Location { get; init; }
}
