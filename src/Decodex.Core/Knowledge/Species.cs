namespace Decodex.Core.Knowledge;

/// <summary>Who or what was studied.</summary>
public enum Species
{
    /// <summary>People.</summary>
    Human,
    /// <summary>Mice.</summary>
    Mouse,
    /// <summary>Rats.</summary>
    Rat,
    /// <summary>Another animal species.</summary>
    OtherAnimal,
    /// <summary>Cells or tissue.</summary>
    Cells,
}
