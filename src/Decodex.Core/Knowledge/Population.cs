namespace Decodex.Core.Knowledge;

/// <summary>Who a claim is about.</summary>
public sealed record Population
{
    /// <summary>Condition id from the conditions vocabulary, when the population has one.</summary>
    public string? ConditionId { get; init; }
    public string? Description { get; init; }
    public AgeBand? AgeBand { get; init; }
    public string? Setting { get; init; }
}
