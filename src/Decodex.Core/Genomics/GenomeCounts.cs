namespace Decodex.Core.Genomics;

/// <summary>
/// What a file held. <see cref="Variants"/> counts every placed row read (for a streamed VCF, also
/// the rows not kept in memory); <see cref="Called"/> + <see cref="NoCalls"/> = <see cref="Variants"/>.
/// </summary>
public sealed record GenomeCounts
{
    public long Variants { get; init; }
    public long Called { get; init; }
    public long NoCalls { get; init; }

    /// <summary>Rows repeating an id already seen (the first was kept).</summary>
    public long Duplicates { get; init; }

    /// <summary>Rows skipped as malformed, unplaced or unreadable.</summary>
    public long Skipped { get; init; }

    /// <summary>Heterozygous calls on haploid chromosomes (male X/Y outside the PAR, MT), set to no-call.</summary>
    public long Discrepant { get; init; }

    /// <summary>Called rows on X outside the pseudo-autosomal regions, and how many were heterozygous.</summary>
    public long XCalled { get; init; }
    public long XHeterozygous { get; init; }

    /// <summary>Rows on Y, and how many were called.</summary>
    public long YRows { get; init; }
    public long YCalled { get; init; }
}
