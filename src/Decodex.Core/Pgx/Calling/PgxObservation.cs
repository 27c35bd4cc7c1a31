namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// What a file says at one allele-defining position, in the notation of the allele definitions
/// (GRCh38 VCF alleles, plus strand): one allele when haploid, two otherwise. Positions the file
/// lacks or did not call have no observation; they are unknown, never reference.
/// </summary>
/// <param name="First">The first allele, e.g. <c>A</c> or <c>GA</c>.</param>
/// <param name="Second">The second allele; null for a haploid call.</param>
/// <param name="FoundBy">How the position was found: <c>rsid</c>, <c>grch37-position</c> or <c>grch38-position</c>.</param>
public sealed record PgxObservation(string First, string? Second, string FoundBy)
{
    /// <summary>The genotype as written in output, e.g. <c>A/G</c> or <c>A</c>.</summary>
    public string Text => Second is null ? First : $"{First}/{Second}";
}
