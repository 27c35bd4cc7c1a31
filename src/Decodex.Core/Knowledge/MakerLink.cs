namespace Decodex.Core.Knowledge;

/// <summary>
/// One recorded fact that ties a citation to the maker of the compound it studies: an author on the
/// maker's staff, the maker's funding, the maker as trial sponsor, or the maker as publisher. Recorded once per citation;
/// every evidence item that cites it is then sponsor-linked.
/// </summary>
/// <param name="Kind">What the link is.</param>
/// <param name="Name">For an author, the name exactly as in the citation's author list; otherwise null.</param>
/// <param name="Organisation">The maker as named in the source (e.g. EVER Neuro Pharma).</param>
/// <param name="Note">Where the fact was seen, or anything a reader should know.</param>
public sealed record MakerLink(MakerLinkKind Kind, string? Name, string Organisation, string? Note);
