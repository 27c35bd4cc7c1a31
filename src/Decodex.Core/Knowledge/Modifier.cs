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

    /// <summary>
    /// An evidence level assigned by an outside body (PharmGKB 1A–4 or CPIC A–D), never by Decodex;
    /// null when no body has rated this pair. <see cref="LevelScheme"/> and <see cref="LevelCitationId"/> say whose.
    /// </summary>
    public string? Level { get; init; }

    /// <summary><c>pharmgkb</c> or <c>cpic</c> when <see cref="Level"/> is set.</summary>
    public string? LevelScheme { get; init; }

    /// <summary>The citation in which the level was seen.</summary>
    public string? LevelCitationId { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>Computed from the carriers' responses in <see cref="Evidence"/>.</summary>
    public ModifierConsistency Consistency { get; init; }
    public EvidenceGrade Grade { get; init; } = EvidenceGrade.NotGraded;
    public SourceLocation Location { get; init; }
}
