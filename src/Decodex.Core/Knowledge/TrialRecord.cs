namespace Decodex.Core.Knowledge;

/// <summary>
/// What a citation records about a trial it reports: which compound, in which condition, for which
/// outcomes, and how many people were randomised. A trial at or above
/// <see cref="EvidenceGrader.LargeTrialSize"/> must be attached to, or excluded with a reason from,
/// every human claim of that compound on one of those outcomes (and that condition, when given).
/// </summary>
public sealed record TrialRecord
{
    public required string CompoundId { get; init; }
    public string? ConditionId { get; init; }
    public IReadOnlyList<string> OutcomeIds { get; init; } = [];
    public required int Randomised { get; init; }
}
