namespace Decodex.Core.Knowledge;

/// <summary>
/// One lab criterion that can infer a condition, e.g. eGFR &lt; 15 mL/min/1.73 m². All criteria of a
/// condition must hold. The value is in <see cref="Unit"/>; callers convert before comparing.
/// </summary>
public sealed record ConditionCriterion
{
    public required string MarkerId { get; init; }
    public required ComparisonOperator Operator { get; init; }
    public required decimal Value { get; init; }
    public required string Unit { get; init; }

    /// <summary>How long the criterion must persist before the condition is more than "possible".</summary>
    public int? SustainedDays { get; init; }
    public IReadOnlyList<string> CitationIds { get; init; } = [];

    /// <summary>Whether <paramref name="value"/>, already in <see cref="Unit"/>, meets the criterion.</summary>
    public bool IsMetBy(decimal value) => Operator switch
    {
        ComparisonOperator.LessThan => value < Value,
        ComparisonOperator.LessThanOrEqual => value <= Value,
        ComparisonOperator.GreaterThan => value > Value,
        _ => value >= Value,
    };
}
