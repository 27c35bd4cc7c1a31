using System.Collections.Immutable;

namespace Decodex.Core.Pgx;

/// <summary>
/// A named allele (haplotype) of a gene: the base it requires at each defining variant, and its
/// function and activity value where the phenotype map gives them.
/// </summary>
public sealed record PgxAllele
{
    /// <summary>Allele name as PharmCAT writes it, e.g. <c>*2</c>, <c>Reference</c>, <c>c.1905+1G&gt;A (*2A)</c>.</summary>
    public required string Name { get; init; }

    /// <summary>True for the gene's reference allele (the one every other allele is defined against).</summary>
    public required bool IsReference { get; init; }

    /// <summary>
    /// One slot per <see cref="PgxGene.Variants"/> index, exactly as PharmCAT's <c>alleles</c> array:
    /// the required allele in VCF notation (IUPAC codes possible), or null when the position is not part of the definition.
    /// </summary>
    public ImmutableArray<string?> Alleles { get; init; } = [];

    /// <summary>Function from the phenotype map, e.g. <c>No function</c>; null when the map is absent or does not list the allele.</summary>
    public string? Function { get; init; }

    /// <summary>Activity value as the source writes it (e.g. <c>0.5</c>, <c>≥3.0</c>); null for genes not scored by activity or when not listed.</summary>
    public string? ActivityValue { get; init; }
}
