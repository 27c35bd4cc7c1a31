namespace Decodex.Core.Knowledge;

/// <summary>Certainty level on a scale, highest first.</summary>
public enum GradeLevel
{
    /// <summary>Further research is very unlikely to change the conclusion.</summary>
    High,

    /// <summary>Further research may change the conclusion.</summary>
    Moderate,

    /// <summary>Further research is likely to change the conclusion.</summary>
    Low,

    /// <summary>Any conclusion is very uncertain.</summary>
    VeryLow,

    /// <summary>No usable evidence: nothing verifiable was found.</summary>
    Insufficient,
}
