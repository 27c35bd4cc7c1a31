namespace Decodex.Core.Genomics;

/// <summary>
/// The pseudo-autosomal regions of X, per build, where males are diploid. Outside them a male's X
/// and Y are haploid. GRCh37 and GRCh38 bounds as UCSC and Ensembl publish them (also the snps library's
/// table); NCBI36 PAR1 from UCSC, PAR2 seen only in secondary sources. Where each was seen:
/// tests/Decodex.Core.Tests/Genomics/Expected/reference-facts.md.
/// </summary>
public static class PseudoautosomalRegions
{
    /// <summary>Whether an X position lies in PAR1 or PAR2 of <paramref name="build"/>. False for an unknown build.</summary>
    public static bool ContainsX(GenomeBuild build, int position) => build switch
    {
        GenomeBuild.Grch37 => position is >= 60001 and <= 2699520 or >= 154931044 and <= 155260560,
        GenomeBuild.Grch38 => position is >= 10001 and <= 2781479 or >= 155701383 and <= 156030895,
        GenomeBuild.Grch36 => position is >= 1 and <= 2709520 or >= 154584238 and <= 154913754,
        _ => false,
    };
}
