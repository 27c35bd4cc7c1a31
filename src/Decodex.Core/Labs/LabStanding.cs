namespace Decodex.Core.Labs;

/// <summary>Where a value falls against the range used. A value inside its range is never flagged.</summary>
public enum LabStanding
{
    /// <summary>Inside the range.</summary>
    Within,

    Below,

    Above,

    /// <summary>No range applies, the unit cannot be converted, or a censored value straddles a bound.</summary>
    Indeterminate,

    /// <summary>Not interpreted: an unknown test, or a value no human result can have (a unit slip).</summary>
    NotInterpreted,
}
