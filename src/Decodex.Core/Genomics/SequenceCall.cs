using System.Collections.Immutable;

namespace Decodex.Core.Genomics;

/// <summary>
/// A VCF call whose alleles are not single bases (an insertion, deletion or multi-base substitution),
/// kept with its exact sequences because a one-letter <see cref="Genotype"/> cannot hold them. Only
/// records at target positions are kept (pharmacogene indels such as CYP2C9*6 or UGT1A1*28).
/// Sequences are as the file writes them, on the plus strand, in the genome's build.
/// </summary>
public sealed record SequenceCall
{
    public required Chromosome Chromosome { get; init; }

    /// <summary>VCF <c>POS</c> (the anchor base of an indel).</summary>
    public required int Position { get; init; }

    /// <summary>VCF <c>REF</c>.</summary>
    public required string Reference { get; init; }

    /// <summary>VCF <c>ALT</c> alleles in order.</summary>
    public ImmutableArray<string> Alternates { get; init; } = [];

    /// <summary>The first called allele's sequence; null when the call is missing (<c>./.</c>).</summary>
    public string? First { get; init; }

    /// <summary>The second called allele's sequence; null when haploid or missing.</summary>
    public string? Second { get; init; }

    /// <summary>True when the GT has one allele.</summary>
    public bool IsHaploid { get; init; }

    /// <summary>True when the call is missing, in whole or in part.</summary>
    public bool IsNoCall => First is null || (!IsHaploid && Second is null);
}
