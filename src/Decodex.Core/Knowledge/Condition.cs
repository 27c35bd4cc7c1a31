namespace Decodex.Core.Knowledge;

/// <summary>A condition from the vocabulary, optionally with lab criteria that can infer it.</summary>
public sealed record Condition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    public string? ParentId { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<ConditionCriterion> Criteria { get; init; } = [];
    public SourceLocation Location { get; init; }
}
