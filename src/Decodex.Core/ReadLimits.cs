namespace Decodex.Core;

/// <summary>
/// How much a reader may take in from one file, so a crafted file (a decompression bomb, a 2 GB
/// lab export) is refused with a coded issue instead of exhausting memory. Limits are checked while
/// streaming, never after reading the whole input. The defaults fit real files with room to spare;
/// a server sets tighter ones (see <see cref="Web"/>). Immutable and thread-safe.
/// </summary>
public sealed record ReadLimits
{
    private const long MiB = 1024 * 1024;

    /// <summary>The defaults, for the command line and files a user reads on their own machine.</summary>
    public static ReadLimits Default { get; } = new();

    /// <summary>
    /// Tighter limits for uploads to a shared server: 1 GiB expanded (a consumer array is ~25 MB, and a
    /// VCF is streamed, keeping only target rows), 4,000,000 genotype rows, 32 MiB of lab file.
    /// </summary>
    public static ReadLimits Web { get; } = new()
    {
        MaxExpandedBytes = 1024 * MiB,
        MaxGenomeRows = 4_000_000,
        MaxLabFileBytes = 32 * MiB,
    };

    /// <summary>
    /// Bytes all decompression of one file may produce, summed over nested containers (a gzip inside a
    /// zip counts both). Default 2 GiB: a whole-genome VCF.gz is about 1 GB uncompressed; consumer
    /// arrays are about 25 MB.
    /// </summary>
    public long MaxExpandedBytes { get; init; } = 2048 * MiB;

    /// <summary>
    /// Largest ratio of expanded to compressed bytes of one container, checked once it has produced
    /// <see cref="RatioGraceBytes"/>. Default 200: genotype text compresses 4–10:1 and even a VCF full
    /// of reference calls stays under 50:1, while a bomb of zeros or repeated rows reaches 1000:1.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>Bytes a container may expand to before the ratio is checked. Default 16 MiB (small files compress oddly).</summary>
    public long RatioGraceBytes { get; init; } = 16 * MiB;

    /// <summary>
    /// Containers that may be stacked: a zip holding a gzip is 2. Default 2: vendors ship a zip with a
    /// text file or at most a zipped gzip; anything deeper is a nesting bomb.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 2;

    /// <summary>
    /// Bytes of a zip inside another container that may be held in memory to open it (a zip needs
    /// seeking). Default 256 MiB; also counted in <see cref="MaxExpandedBytes"/>.
    /// </summary>
    public long MaxBufferedZipBytes { get; init; } = 256 * MiB;

    /// <summary>
    /// Genotype rows kept from one file (each takes 14 bytes and more while growing). Default 8,000,000:
    /// the largest consumer arrays hold about 2 million rows; a VCF keeps only its target rows.
    /// </summary>
    public int MaxGenomeRows { get; init; } = 8_000_000;

    /// <summary>
    /// Bytes of one lab file (CSV or FHIR JSON), refused before parsing when larger. Default 64 MiB: a
    /// FHIR bundle of a person's whole record rarely exceeds 50 MB, a lab CSV is far smaller.
    /// </summary>
    public long MaxLabFileBytes { get; init; } = 64 * MiB;

    /// <summary>
    /// Lab results read from one file. Default 20,000: a lifetime of monthly 20-test panels is about
    /// 20,000 results; more means a bulk export of many people, which is not one person's record.
    /// </summary>
    public int MaxLabResults { get; init; } = 20_000;
}
