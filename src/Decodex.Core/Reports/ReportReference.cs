namespace Decodex.Core.Reports;

/// <summary>
/// A source the report cites, numbered in the order the report first shows it (CPIC guidelines of the
/// medications, then each compound's findings and evidence for goals), so a reader sees "[3]" and a
/// full reference instead of an internal id.
/// </summary>
/// <param name="Number">The reference number, from 1.</param>
/// <param name="Key">The knowledge-base citation id, or <c>cpic:</c> and the guideline name for a CPIC guideline.</param>
/// <param name="Title">The title (the citation id when the knowledge base has no such citation).</param>
/// <param name="Authors">The first author, with "et al." when there are more; null when none was recorded.</param>
/// <param name="Year">The year of publication, when recorded.</param>
/// <param name="Journal">The journal, when recorded.</param>
/// <param name="Identifiers">PMID, DOI, PMCID or trial-registry id as a reader writes them (<c>PMID 123</c>, <c>doi:10.1/x</c>).</param>
/// <param name="Link">An address to open it: the recorded address, else PubMed or the DOI resolver; null when none.</param>
/// <param name="Verification">How far it was checked (<c>verified</c>, <c>secondary</c> …); null for a CPIC guideline.</param>
public sealed record ReportReference(
    int Number,
    string Key,
    string Title,
    string? Authors,
    int? Year,
    string? Journal,
    IReadOnlyList<string> Identifiers,
    Uri? Link,
    string? Verification);
