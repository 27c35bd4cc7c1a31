namespace Decodex.Core.Knowledge;

/// <summary>Risk of bias of a study, as its reviewers (or its evident design) report it.</summary>
public enum RiskOfBias
{
    /// <summary>Low risk of bias.</summary>
    Low,

    /// <summary>Some concerns.</summary>
    Some,

    /// <summary>High risk of bias.</summary>
    High,
}
