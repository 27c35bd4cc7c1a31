namespace Decodex.Core.Genomics;

/// <summary>The outcome of merging two genomes; <see cref="Merged"/> is null when the merge was refused.</summary>
public sealed record GenomeMergeResult
{
    public Genome? Merged { get; init; }

    /// <summary>Ids present in both files.</summary>
    public int Common { get; init; }

    /// <summary>Shared ids at a different chromosome or position; the first file's position is kept.</summary>
    public int PositionDiscrepancies { get; init; }

    /// <summary>SNPs called in both files with different alleles; set to no-call in the merge.</summary>
    public int GenotypeDiscrepancies { get; init; }

    /// <summary>SNPs called in both files and compared.</summary>
    public int Compared { get; init; }
    public IReadOnlyList<Issue> Issues { get; init; } = [];
    public bool Refused => Merged is null;
}
