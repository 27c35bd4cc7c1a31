namespace Decodex.Core.Knowledge;

/// <summary>How a source's assertion fared against the literature.</summary>
public enum AssertionStatus
{
    /// <summary>The verified study supports it as stated.</summary>
    Supported,
    /// <summary>A study was found, but it differs from the assertion.</summary>
    PartlySupported,
    /// <summary>The verified evidence does not support it.</summary>
    NotSupported,
    /// <summary>The study behind it was not found.</summary>
    NotFound,
}
