namespace Decodex.Core;

/// <summary>How serious an issue found in user or knowledge-base input is.</summary>
public enum IssueSeverity
{
    /// <summary>The input cannot be used as it is.</summary>
    Error,

    /// <summary>The input was used, but something in it deserves attention.</summary>
    Warning,

    /// <summary>Worth knowing; nothing is wrong.</summary>
    Info,
}
