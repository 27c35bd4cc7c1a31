namespace Decodex.Core.Knowledge;

/// <summary>A drug class and its members; classes nest through <see cref="ParentId"/>.</summary>
public sealed record DrugClass
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? ParentId { get; init; }
    public string? Atc { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<ClassMember> Members { get; init; } = [];
    public IReadOnlyList<string> CitationIds { get; init; } = [];
    public SourceLocation Location { get; init; }
}
