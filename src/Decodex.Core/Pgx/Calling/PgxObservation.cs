namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// What a file says at one allele-defining position, in the notation of the allele definitions
/// (GRCh38 VCF alleles, plus strand): one allele when haploid, two otherwise. Positions the file
/// lacks or did not call have no observation; they are unknown, never reference. A half call whose
/// known allele is not the reference (<c>.|T</c>) keeps that allele and writes the unknown half as
/// <see cref="Unknown"/>, which any allele fits.
/// </summary>
/// <param name="First">The first allele, e.g. <c>A</c> or <c>GA</c>; in the file's order when phased.</param>
/// <param name="Second">The second allele; null for a haploid call.</param>
/// <param name="FoundBy">How the position was found: <c>rsid</c>, <c>grch37-position</c> or <c>grch38-position</c>.</param>
public sealed record PgxObservation(string First, string? Second, string FoundBy)
{
    /// <summary>The unknown half of a half call.</summary>
    public const string Unknown = ".";

    /// <summary>
    /// True when the file phases the call (<c>A|G</c>): <see cref="First"/> and <see cref="Second"/> lie
    /// on the two chromosomes in the same order as every other phased call with the same <see cref="PhaseSet"/>.
    /// </summary>
    public bool IsPhased { get; init; }

    /// <summary>The VCF phase set of a phased call; null when the file gives none (all such calls share one orientation).</summary>
    public string? PhaseSet { get; init; }

    /// <summary>True when one half of the call is unknown.</summary>
    public bool IsHalfCall => First == Unknown || Second == Unknown;

    /// <summary>The genotype as written in output, e.g. <c>A/G</c>, <c>A|G</c> (phased), <c>A/.</c> or <c>A</c>.</summary>
    public string Text => Second is null ? First : $"{First}{(IsPhased ? '|' : '/')}{Second}";
}
