namespace Decodex.Core.Knowledge;

/// <summary>What a safety item asks of a person it applies to, as its source says.</summary>
public enum SafetyLevel
{
    /// <summary>Do not use (a contraindication, or a boxed warning that says not to use).</summary>
    Avoid,
    /// <summary>Use only with care, monitoring or a changed dose.</summary>
    Caution,
    /// <summary>Worth knowing; changes nothing by itself (a monitoring schedule, a target range).</summary>
    Info,
}
