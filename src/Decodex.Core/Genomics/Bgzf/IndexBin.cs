namespace Decodex.Core.Genomics.Bgzf;

/// <summary>One bin of a binning index: the chunks holding records that fall in the bin.</summary>
/// <param name="FirstRecordOffset">CSI <c>loffset</c>: where the first record overlapping the bin's range starts; 0 in tabix.</param>
/// <param name="Chunks">The bin's chunks as stored.</param>
internal sealed record IndexBin(VirtualOffset FirstRecordOffset, GenomicIndexChunk[] Chunks);
