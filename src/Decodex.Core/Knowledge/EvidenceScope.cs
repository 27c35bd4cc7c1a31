namespace Decodex.Core.Knowledge;

/// <summary>The kind of evidence a claim or interaction rests on. Human, animal and in-vitro evidence are never graded together.</summary>
public enum EvidenceScope
{
    /// <summary>Studies in people.</summary>
    Human,
    /// <summary>Studies in animals.</summary>
    Animal,
    /// <summary>Cell or tissue studies.</summary>
    InVitro,
    /// <summary>Mechanistic reasoning or composition, no outcome study.</summary>
    Mechanism,
    /// <summary>Product labelling or a regulator's text.</summary>
    Label,
}
