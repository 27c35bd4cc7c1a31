namespace Decodex.Core.Knowledge;

/// <summary>
/// One outcome in one population with the studies behind it: the unit of knowledge. Its
/// <see cref="Grade"/> is computed by <see cref="EvidenceGrader"/> when the knowledge base loads.
/// </summary>
public sealed record Claim
{
    public required string Id { get; init; }
    public required string CompoundId { get; init; }
    public required ClaimSection Section { get; init; }
    public required string Title { get; init; }
    public required string Statement { get; init; }
    public Population Population { get; init; } = new();
    public string? Intervention { get; init; }
    public string? Comparator { get; init; }
    public required string OutcomeId { get; init; }
    public required EffectDirection Direction { get; init; }
    public string? Magnitude { get; init; }
    public required EvidenceScope Scope { get; init; }
    public ClaimAssertion? Assertion { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>Studies found for this outcome that are deliberately not counted, each with its reason.</summary>
    public IReadOnlyList<EvidenceExclusion> Excluded { get; init; } = [];
    public EvidenceGrade Grade { get; init; } = EvidenceGrade.NotGraded;
    public SourceLocation Location { get; init; }
}
