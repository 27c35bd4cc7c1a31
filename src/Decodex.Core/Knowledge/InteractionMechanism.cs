namespace Decodex.Core.Knowledge;

/// <summary>How an interaction works.</summary>
public enum InteractionMechanism
{
    /// <summary>One drug changes the other's levels.</summary>
    Pharmacokinetic,
    /// <summary>The effects add up or oppose.</summary>
    Pharmacodynamic,
    /// <summary>Not known.</summary>
    Unknown,
}
