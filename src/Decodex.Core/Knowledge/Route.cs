namespace Decodex.Core.Knowledge;

/// <summary>Route of administration.</summary>
public enum Route
{
    /// <summary>By mouth.</summary>
    Oral,
    /// <summary>Into a vein.</summary>
    Intravenous,
    /// <summary>Into a muscle.</summary>
    Intramuscular,
    /// <summary>Under the skin.</summary>
    Subcutaneous,
    /// <summary>Through the nose.</summary>
    Intranasal,
    /// <summary>Through the skin, as a patch.</summary>
    Transdermal,
    /// <summary>On the skin.</summary>
    Topical,
    /// <summary>Another route.</summary>
    Other,
    /// <summary>Any route (safety items only).</summary>
    Any,
}
