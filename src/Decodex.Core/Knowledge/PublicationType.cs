namespace Decodex.Core.Knowledge;

/// <summary>What kind of publication a citation is.</summary>
public enum PublicationType
{
    /// <summary>A journal article.</summary>
    JournalArticle,
    /// <summary>A congress abstract.</summary>
    CongressAbstract,
    /// <summary>A systematic review, e.g. Cochrane.</summary>
    SystematicReview,
    /// <summary>Product labelling or a copy of it.</summary>
    Label,
    /// <summary>A guideline.</summary>
    Guideline,
    /// <summary>A trial registry record.</summary>
    Registry,
    /// <summary>A manufacturer's page.</summary>
    Manufacturer,
    /// <summary>Another web page.</summary>
    WebPage,
    /// <summary>A patent.</summary>
    Patent,
    /// <summary>A community page: forum, blog, comments.</summary>
    Community,
    /// <summary>A dataset or data export.</summary>
    Dataset,
}
