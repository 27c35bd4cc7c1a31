namespace Decodex.Core.Knowledge;

/// <summary>Kind of personal factor a modifier depends on.</summary>
public enum ModifierKind
{
    /// <summary>A genotype or haplotype.</summary>
    Genotype,
    /// <summary>Age.</summary>
    Age,
    /// <summary>Sex.</summary>
    Sex,
    /// <summary>A condition.</summary>
    Condition,
}
