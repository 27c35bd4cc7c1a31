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

    /// <summary>What the sources ask of a person taking both, when it is not what the severity implies.</summary>
    public SafetyLevel? StatedLevel { get; init; }

    /// <summary>Why the level differs from the severity's (a label that says to monitor, not to avoid).</summary>
    public string? LevelBasis { get; init; }

    /// <summary>What the interaction asks of a person taking both: the stated level, else avoid for major, info for minor, caution otherwise.</summary>
    public SafetyLevel Level => StatedLevel ?? DefaultLevel(Severity);

    /// <summary>The level a severity implies when the source sets none.</summary>
    public static SafetyLevel DefaultLevel(InteractionSeverity severity) => severity switch
    {
        InteractionSeverity.Major => SafetyLevel.Avoid,
        InteractionSeverity.Minor => SafetyLevel.Info,
        _ => SafetyLevel.Caution,
    };
    public required EvidenceScope Scope { get; init; }
    public string? Action { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    public EvidenceGrade Grade { get; init; } = EvidenceGrade.NotGraded;
    public SourceLocation Location { get; init; }

    /// <summary>For an item imported from a label: the passage it was read from.</summary>
    public Labels.LabelPassage? Passage { get; init; }

    /// <summary>For an imported item a curator has read against the label (and whose passage is unchanged since): the review.</summary>
    public Labels.LabelReview? Review { get; init; }
}
