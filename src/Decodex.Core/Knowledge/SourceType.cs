namespace Decodex.Core.Knowledge;

/// <summary>Where a safety or dosing statement comes from.</summary>
public enum SourceType
{
    /// <summary>Product labelling.</summary>
    Label,
    /// <summary>A clinical trial.</summary>
    Trial,
    /// <summary>Post-marketing reports.</summary>
    Pharmacovigilance,
    /// <summary>Users' own reports.</summary>
    UserReports,
    /// <summary>A guideline.</summary>
    Guideline,
    /// <summary>Community practice.</summary>
    Community,
}
