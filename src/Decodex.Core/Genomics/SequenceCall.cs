using System.Collections.Immutable;

namespace Decodex.Core.Genomics;

/// <summary>
/// A VCF call kept with its exact sequences and allele order because a one-letter, unordered
/// <see cref="Genotype"/> cannot hold it: alleles that are not single bases (an insertion, deletion or
/// multi-base substitution), a phased heterozygous GT (<c>0|1</c>, with its <c>PS</c> phase set), or a
/// half call (<c>.|1</c>). Only records at target positions are kept (pharmacogene sites such as CYP2C9*6 or
/// UGT1A1*28). Sequences are as the file writes them, on the plus strand, in the genome's build.
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

    /// <summary>The first allele of the GT, in the file's order; null when that half is missing (<c>./.</c>, <c>.|1</c>).</summary>
    public string? First { get; init; }

    /// <summary>The second allele of the GT, in the file's order; null when haploid or when that half is missing.</summary>
    public string? Second { get; init; }

    /// <summary>True when the GT has one allele.</summary>
    public bool IsHaploid { get; init; }

    /// <summary>
    /// True when the GT is written phased (<c>|</c>): <see cref="First"/> and <see cref="Second"/> then lie
    /// on the two chromosomes of the phase set, in the same order as every other phased call of that set.
    /// </summary>
    public bool IsPhased { get; init; }

    /// <summary>
    /// The VCF <c>FORMAT/PS</c> phase set of a phased call; null when absent or <c>.</c>. Phased calls
    /// without a phase set share one orientation, as in PharmCAT.
    /// </summary>
    public string? PhaseSet { get; init; }

    /// <summary>True when the call is missing, in whole or in part.</summary>
    public bool IsNoCall => First is null || (!IsHaploid && Second is null);
}
