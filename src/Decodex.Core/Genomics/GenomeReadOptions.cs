namespace Decodex.Core.Genomics;

/// <summary>Options for <see cref="GenomeReader"/>.</summary>
public sealed record GenomeReadOptions
{
    /// <summary>Receives the share of the input read so far (0–1), for long imports.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Decompression threads for bgzip files; 0 means one per core but one (left to the parser).</summary>
    public int Workers { get; init; }

    /// <summary>
    /// Positions and rsIDs a VCF read keeps in memory (a VCF is streamed; only these rows are kept).
    /// Defaults to <see cref="GenomeTargets.Default"/>: the build markers, APOE and the pharmacogene positions.
    /// </summary>
    public GenomeTargets Targets { get; init; } = GenomeTargets.Default;

    /// <summary>Keep every VCF record in memory instead of only the targets (for small files and tests).</summary>
    public bool KeepAllVcfRecords { get; init; }

    /// <summary>Use a .tbi/.csi index beside a bgzip VCF to read only the target regions.</summary>
    public bool UseIndex { get; init; } = true;
}
