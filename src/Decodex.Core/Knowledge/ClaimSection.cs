namespace Decodex.Core.Knowledge;

/// <summary>Where a claim appears in a monograph.</summary>
public enum ClaimSection
{
    /// <summary>How the compound is said to work.</summary>
    Mechanism,
    /// <summary>What the compound does to an outcome.</summary>
    Effect,
}
