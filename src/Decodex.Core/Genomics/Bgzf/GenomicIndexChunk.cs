namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// A stretch of a BGZF file named by an index: from <paramref name="Begin"/> (inclusive) to
/// <paramref name="End"/> (exclusive). Chunks from tabix and CSI indexes begin at the start of a record
/// (a VCF line) and end just after one, so their decompressed bytes are whole lines.
/// </summary>
/// <param name="Begin">The first byte of the chunk.</param>
/// <param name="End">The byte just after the chunk; not before <paramref name="Begin"/>.</param>
public readonly record struct GenomicIndexChunk(VirtualOffset Begin, VirtualOffset End);
