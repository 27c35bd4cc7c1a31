namespace Decodex.Core.Knowledge;

/// <summary>A genotype or other personal factor that changes a compound's effect or safety.</summary>
public sealed record Modifier
{
    public required string Id { get; init; }
    public required string CompoundId { get; init; }

    /// <summary>The claim this modifies, when it modifies one.</summary>
    public string? ClaimId { get; init; }
    public required ModifierFactor Factor { get; init; }
    public required string Effect { get; init; }

    /// <summary>PharmGKB-style level (1A, 1B, 2A, 2B, 3, 4) as assigned by the source, when there is one.</summary>
    public string? Level { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>Computed from the carriers' responses in <see cref="Evidence"/>.</summary>
    public ModifierConsistency Consistency { get; init; }
    public EvidenceGrade Grade { get; init; } = EvidenceGrade.NotGraded;
    public SourceLocation Location { get; init; }
}
