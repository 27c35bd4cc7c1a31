namespace Decodex.Core.Knowledge;

/// <summary>An outcome from the vocabulary, such as memory.</summary>
public sealed record Outcome
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    public string? Category { get; init; }
    public SourceLocation Location { get; init; }
}
