namespace Decodex.Core.Knowledge;

/// <summary>Direction of an effect as the verified evidence shows it.</summary>
public enum EffectDirection
{
    /// <summary>Better outcome with the compound.</summary>
    Benefit,
    /// <summary>Worse outcome with the compound.</summary>
    Harm,
    /// <summary>No difference from the comparator.</summary>
    NoEffect,
    /// <summary>Benefit on some measures or in some studies, none or harm in others.</summary>
    Mixed,
}
