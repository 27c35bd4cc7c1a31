namespace Decodex.Core.Knowledge;

/// <summary>How a related compound relates to this one.</summary>
public enum CompoundRelation
{
    /// <summary>Derived from this compound.</summary>
    Derivative,
    /// <summary>A structural analogue.</summary>
    Analogue,
    /// <summary>Similar in use or composition.</summary>
    Similar,
    /// <summary>A metabolite.</summary>
    Metabolite,
    /// <summary>The compound this one derives from.</summary>
    Parent,
}
