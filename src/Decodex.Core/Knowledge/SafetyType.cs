namespace Decodex.Core.Knowledge;

/// <summary>Kind of safety item.</summary>
public enum SafetyType
{
    /// <summary>Do not use with this condition.</summary>
    Contraindication,
    /// <summary>Use with care.</summary>
    Precaution,
    /// <summary>An unwanted effect.</summary>
    AdverseEffect,
    /// <summary>A labelled warning.</summary>
    Warning,
    /// <summary>A boxed warning of a product label (the label's most serious warning).</summary>
    BoxedWarning,
}
