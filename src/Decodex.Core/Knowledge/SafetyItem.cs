namespace Decodex.Core.Knowledge;

/// <summary>A contraindication, precaution, warning or adverse effect.</summary>
public sealed record SafetyItem
{
    public required string Id { get; init; }
    public required string CompoundId { get; init; }
    public required SafetyType Type { get; init; }

    /// <summary>Condition id the item is about; required for contraindications.</summary>
    public string? ConditionId { get; init; }
    public Route Route { get; init; } = Route.Any;
    public required string Statement { get; init; }
    public string? Frequency { get; init; }
    public required SourceType SourceType { get; init; }
    public IReadOnlyList<string> CitationIds { get; init; } = [];
    public SourceLocation Location { get; init; }
}
