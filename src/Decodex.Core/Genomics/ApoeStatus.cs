namespace Decodex.Core.Genomics;

/// <summary>How sure an APOE call is.</summary>
public enum ApoeStatus
{
    /// <summary>Both sites read and the combination has one usual reading.</summary>
    Called,

    /// <summary>Both sites read, but the combination needs phase or a rare ε1 allele to explain it.</summary>
    Ambiguous,

    /// <summary>A site is missing from the file or not called: unknown, never assumed ε3.</summary>
    Undetermined,

    /// <summary>Letters that cannot occur at these sites on the plus strand (strand or file error).</summary>
    Error,
}
