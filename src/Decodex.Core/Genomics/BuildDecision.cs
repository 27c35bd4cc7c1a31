namespace Decodex.Core.Genomics;

/// <summary>The build decided for a file and how it was decided.</summary>
/// <param name="Build">The build, or Unknown.</param>
/// <param name="Evidence">Plain words: which markers agreed, what the header said, any conflict.</param>
/// <param name="Method"><c>data</c>, <c>data+header</c>, <c>header-only</c> or <c>undetermined</c>.</param>
/// <param name="MarkersMatched">Marker SNPs found at a position of the chosen build.</param>
/// <param name="MarkersConflicting">Marker SNPs found at a position of another build.</param>
public sealed record BuildDecision(GenomeBuild Build, string Evidence, string Method, int MarkersMatched, int MarkersConflicting);
