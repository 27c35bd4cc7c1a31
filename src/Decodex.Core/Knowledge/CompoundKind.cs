namespace Decodex.Core.Knowledge;

/// <summary>What kind of thing a monograph describes. Written in YAML as kebab-case (<c>drug-class</c>).</summary>
public enum CompoundKind
{
    /// <summary>An approved small-molecule medicine.</summary>
    Drug,
    /// <summary>A medicine made from biological material.</summary>
    Biologic,
    /// <summary>A synthetic or research peptide.</summary>
    Peptide,
    /// <summary>A dietary or nutritional supplement.</summary>
    Supplement,
    /// <summary>A compound used for cognition without a medical approval for it.</summary>
    Nootropic,
    /// <summary>A monograph for a whole drug class; see <see cref="Compound.Represents"/>.</summary>
    DrugClass,
}
