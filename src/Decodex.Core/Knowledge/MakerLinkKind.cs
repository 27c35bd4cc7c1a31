namespace Decodex.Core.Knowledge;

/// <summary>How a study is tied to the maker.</summary>
public enum MakerLinkKind
{
    /// <summary>An author employed by or affiliated with the maker.</summary>
    Author,
    /// <summary>The maker funded the study.</summary>
    Funding,
    /// <summary>The maker is the registered sponsor of the trial.</summary>
    Sponsor,
    /// <summary>The maker or seller published it (its own page or document).</summary>
    Publisher,
}
