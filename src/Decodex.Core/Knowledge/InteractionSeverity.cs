namespace Decodex.Core.Knowledge;

/// <summary>Editorial severity of an interaction; its basis is always stated.</summary>
public enum InteractionSeverity
{
    /// <summary>Avoid the combination or act at once.</summary>
    Major,
    /// <summary>Adjust or monitor.</summary>
    Moderate,
    /// <summary>Little clinical consequence.</summary>
    Minor,
    /// <summary>No basis to rate it.</summary>
    Unrated,
}
