namespace Decodex.Core;

/// <summary>Which of the <see cref="ReadLimits"/> a file went beyond.</summary>
public enum ReadLimitKind
{
    /// <summary>Not set; never reported.</summary>
    None,

    /// <summary><see cref="ReadLimits.MaxExpandedBytes"/> or <see cref="ReadLimits.MaxBufferedZipBytes"/>.</summary>
    ExpandedSize,

    /// <summary><see cref="ReadLimits.MaxCompressionRatio"/>.</summary>
    CompressionRatio,

    /// <summary><see cref="ReadLimits.MaxNestingDepth"/>.</summary>
    NestingDepth,

    /// <summary><see cref="ReadLimits.MaxGenomeRows"/> or <see cref="ReadLimits.MaxLabResults"/>.</summary>
    Rows,

    /// <summary><see cref="ReadLimits.MaxLabFileBytes"/>.</summary>
    FileSize,
}
