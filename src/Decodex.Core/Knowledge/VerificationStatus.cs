namespace Decodex.Core.Knowledge;

/// <summary>How far a citation was checked. See knowledge/README.md.</summary>
public enum VerificationStatus
{
    /// <summary>The full text was read and matches.</summary>
    VerifiedFullText,
    /// <summary>The abstract or authoritative record was read and matches.</summary>
    VerifiedAbstract,
    /// <summary>Identifiers seen, content not.</summary>
    IdentifiersOnly,
    /// <summary>Seen only on a secondary page.</summary>
    Secondary,
    /// <summary>Not checked.</summary>
    Unverified,
    /// <summary>Searched for and not found; it may exist.</summary>
    NotFound,
    /// <summary>The record contradicts what was attributed to it.</summary>
    Contradicted,
    /// <summary>
    /// Copied by a machine from a product label (set id, version, section and passage hash recorded); no
    /// curator has read it yet. Good enough for safety (it is the label), never counted as efficacy evidence.
    /// </summary>
    ImportedLabel,
}
