namespace Decodex.Core.Genomics;

/// <summary>Options for <see cref="GenomeReader"/>.</summary>
public sealed record GenomeReadOptions
{
    /// <summary>Receives the share of the input read so far (0–1), for long imports.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Decompression threads for bgzip files; 0 means one per core but one (left to the parser).</summary>
    public int Workers { get; init; }

    /// <summary>
    /// Threads for the rsID index of a large raw-data file (100k rows or more; the result is the same).
    /// 1, the default, keeps the work on the calling thread: a server keeps uploads on its own
    /// low-priority lane. The command line uses one per core.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Positions and rsIDs a VCF read keeps in memory (a VCF is streamed; only these rows are kept).
    /// Defaults to <see cref="GenomeTargets.Default"/>: the build markers and APOE. Pharmacogenomics adds
    /// its positions with <c>PgxData.GenomeTargets()</c>. Other formats keep every row and ignore this.
    /// </summary>
    public GenomeTargets Targets { get; init; } = GenomeTargets.Default;

    /// <summary>
    /// When set, called once, only if the file turns out to be a VCF, instead of reading <see cref="Targets"/>:
    /// lets a caller build the targets (e.g. load the PGx data) while a text file is being read.
    /// </summary>
    public Func<GenomeTargets>? TargetsSource { get; init; }

    /// <summary>The targets a VCF read uses.</summary>
    internal GenomeTargets ResolveTargets() => TargetsSource?.Invoke() ?? Targets;

    /// <summary>Keep every VCF record in memory instead of only the targets (for small files and tests).</summary>
    public bool KeepAllVcfRecords { get; init; }

    /// <summary>
    /// Bounds on expanded size, compression ratio, container nesting and rows, checked while streaming;
    /// a file beyond one is refused with GEN026–GEN029. Defaults to <see cref="ReadLimits.Default"/>.
    /// </summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;

    /// <summary>Use a .tbi/.csi index beside a bgzip VCF to read only the target regions.</summary>
    public bool UseIndex { get; init; } = true;

    /// <summary>
    /// The person's sex when stated (a profile's), which wins over the sex inferred from the data; a
    /// disagreement is reported (GEN018). Null or <see cref="Sex.Undetermined"/>: inferred from the data.
    /// It decides whether a male's X and Y are read as one allele.
    /// </summary>
    public Sex? StatedSex { get; init; }
}
