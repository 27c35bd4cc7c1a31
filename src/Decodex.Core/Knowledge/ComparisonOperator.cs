namespace Decodex.Core.Knowledge;

/// <summary>Comparison in a lab criterion, written <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&gt;=</c>.</summary>
public enum ComparisonOperator
{
    /// <summary>Strictly below.</summary>
    LessThan,

    /// <summary>At or below.</summary>
    LessThanOrEqual,

    /// <summary>Strictly above.</summary>
    GreaterThan,

    /// <summary>At or above.</summary>
    GreaterThanOrEqual,
}
