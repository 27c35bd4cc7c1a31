namespace Decodex.Core.Knowledge;

/// <summary>Whether the studies behind a modifier agree on which way carriers respond.</summary>
public enum ModifierConsistency
{
    /// <summary>All studies point the same way.</summary>
    Consistent,

    /// <summary>Carriers did better in some studies and worse in others: shown as conflicting, never averaged.</summary>
    Conflicting,

    /// <summary>Only one usable study, so agreement cannot be judged.</summary>
    SingleStudy,

    /// <summary>No verifiable study.</summary>
    NoEvidence,
}
