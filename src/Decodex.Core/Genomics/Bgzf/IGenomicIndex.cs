namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// A binning index over a coordinate-sorted BGZF file (tabix <c>.tbi</c> or <c>.csi</c>): tells which
/// parts of the file can hold records overlapping a region, so a query reads only those.
/// </summary>
/// <remarks>
/// Implementations are immutable once read; <see cref="Query"/> is safe to call from several threads.
/// Sequence names are matched exactly as written in the indexed file: <c>chr19</c> and <c>19</c> are
/// different sequences, and mapping between naming styles is the caller's job.
/// </remarks>
public interface IGenomicIndex
{
    /// <summary>The sequence (contig) names in the order the index stores them; empty when the index does not carry names.</summary>
    IReadOnlyList<string> SequenceNames { get; }

    /// <summary>
    /// Finds the chunks of the file that may hold records overlapping the 0-based, half-open region
    /// [<paramref name="begin0"/>, <paramref name="end0"/>) of <paramref name="sequenceName"/>.
    /// </summary>
    /// <param name="sequenceName">A sequence name exactly as in <see cref="SequenceNames"/>.</param>
    /// <param name="begin0">0-based first position of the region (a VCF POS of p is 0-based p − 1).</param>
    /// <param name="end0">0-based position just after the region; equal to <paramref name="begin0"/> gives an empty result.</param>
    /// <returns>
    /// Chunks in file order that neither overlap nor share a compressed block with each other, so reading
    /// them in turn yields each record at most once. They hold every record that overlaps the region and
    /// usually some that do not: callers must still filter records by position. Empty for a sequence the
    /// index does not know, or a region beyond the largest position the index can describe.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequenceName"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="begin0"/> is negative or <paramref name="end0"/> is below it.</exception>
    /// <exception cref="InvalidDataException">
    /// The index data of <paramref name="sequenceName"/>, read on its first query, is malformed (e.g. a bin
    /// listed twice); the indexed VCF read turns this into the issue GEN003 (bad container), as for a bad index file.
    /// </exception>
    IReadOnlyList<GenomicIndexChunk> Query(string sequenceName, int begin0, int end0);
}
