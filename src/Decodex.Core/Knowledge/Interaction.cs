namespace Decodex.Core.Knowledge;

/// <summary>An interaction between a compound and another compound or a drug class.</summary>
public sealed record Interaction
{
    public required string Id { get; init; }
    public required string CompoundId { get; init; }
    public required InteractionTarget With { get; init; }
    public required InteractionMechanism Mechanism { get; init; }
    public required string Effect { get; init; }

    /// <summary>Editorial severity; <see cref="SeverityBasis"/> says why.</summary>
    public required InteractionSeverity Severity { get; init; }
    public string? SeverityBasis { get; init; }
    public required EvidenceScope Scope { get; init; }
    public string? Action { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    public EvidenceGrade Grade { get; init; } = EvidenceGrade.NotGraded;
    public SourceLocation Location { get; init; }
}
