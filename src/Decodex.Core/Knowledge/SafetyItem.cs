namespace Decodex.Core.Knowledge;

/// <summary>
/// A contraindication, boxed warning, warning, precaution or adverse effect. An item applies to a
/// person who has its condition (or a more specific one) and falls within its ages; an item with
/// neither applies to everyone who takes the compound.
/// </summary>
public sealed record SafetyItem
{
    public required string Id { get; init; }
    public required string CompoundId { get; init; }
    public required SafetyType Type { get; init; }

    /// <summary>Condition id the item is about; required for contraindications.</summary>
    public string? ConditionId { get; init; }

    /// <summary>Youngest age, in whole years, the item applies to (inclusive).</summary>
    public int? MinAge { get; init; }

    /// <summary>Oldest age, in whole years, the item applies to (inclusive).</summary>
    public int? MaxAge { get; init; }

    /// <summary>The level written in the source file, when it sets one.</summary>
    public SafetyLevel? StatedLevel { get; init; }

    /// <summary>Why the level differs from the one its type implies.</summary>
    public string? LevelBasis { get; init; }
    public Route Route { get; init; } = Route.Any;
    public required string Statement { get; init; }
    public string? Frequency { get; init; }
    public required SourceType SourceType { get; init; }
    public IReadOnlyList<string> CitationIds { get; init; } = [];
    public SourceLocation Location { get; init; }

    /// <summary>For an item imported from a label: the passage it was read from.</summary>
    public Labels.LabelPassage? Passage { get; init; }

    /// <summary>For an imported item a curator has read against the label (and whose passage is unchanged since): the review.</summary>
    public Labels.LabelReview? Review { get; init; }

    /// <summary>
    /// What the item asks of a person it applies to: the stated level, else avoid for a contraindication,
    /// caution for a boxed warning, warning or precaution, and info for an adverse effect.
    /// </summary>
    public SafetyLevel Level => StatedLevel ?? DefaultLevel(Type);

    /// <summary>True when the item names no condition and no ages: it concerns everyone who takes the compound.</summary>
    public bool AppliesToEveryone => ConditionId is null && MinAge is null && MaxAge is null;

    /// <summary>The level a type implies when the source sets none.</summary>
    public static SafetyLevel DefaultLevel(SafetyType type) => type switch
    {
        SafetyType.Contraindication => SafetyLevel.Avoid,
        SafetyType.AdverseEffect => SafetyLevel.Info,
        _ => SafetyLevel.Caution,
    };
}
