namespace Decodex.Core.Knowledge;

/// <summary>
/// A publication or record that evidence points to, with the truth about how far it was checked.
/// Identifiers are only those actually seen; <see cref="Authors"/> is empty when none were seen.
/// </summary>
public sealed record Citation
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Journal { get; init; }
    public int? Year { get; init; }
    public string? Volume { get; init; }
    public string? Pages { get; init; }

    /// <summary>PubMed id, digits only.</summary>
    public string? Pmid { get; init; }

    /// <summary>DOI without a resolver prefix (<c>10.xxxx/...</c>).</summary>
    public string? Doi { get; init; }
    public string? Pmcid { get; init; }

    /// <summary>A trial-registry id such as <c>NCT00868283</c> or <c>ISRCTN10702895</c>.</summary>
    public string? Registry { get; init; }
    public string? Url { get; init; }
    public PublicationType? PublicationType { get; init; }
    public required Verification Verification { get; init; }
    public IReadOnlyList<Discrepancy> Discrepancies { get; init; } = [];
    public string? ConflictOfInterest { get; init; }

    /// <summary>Recorded facts tying the study to the maker (staff authors, funding, sponsorship); empty when none was seen.</summary>
    public IReadOnlyList<MakerLink> MakerLinks { get; init; } = [];

    /// <summary>What the citation records about the trial it reports, when it reports one.</summary>
    public TrialRecord? Trial { get; init; }
    public SourceLocation Location { get; init; }

    /// <summary>True when a maker link is recorded: every evidence item citing it is sponsor-linked.</summary>
    public bool MakerLinked => MakerLinks.Count > 0;

    /// <summary>A community post (forum, blog, comments): a lead, never evidence.</summary>
    public bool IsCommunityOnly => PublicationType == Knowledge.PublicationType.Community;

    /// <summary>True when the citation carries at least one identifier or address.</summary>
    public bool HasIdentifier => Pmid is not null || Doi is not null || Pmcid is not null || Registry is not null || Url is not null;
}
