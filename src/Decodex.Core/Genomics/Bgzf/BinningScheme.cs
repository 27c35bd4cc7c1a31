namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// The hierarchical binning of the SAM/tabix and CSI specifications: level 0 is one bin covering
/// 2^(minShift + 3·depth) positions, each deeper level splits every bin into 8, and the deepest bins
/// cover 2^minShift positions. Tabix is minShift 14, depth 5 (bins of 16 kb up to 512 Mb).
/// </summary>
internal sealed class BinningScheme
{
    public BinningScheme(int minShift, int depth)
    {
        MinShift = minShift;
        Depth = depth;
        MaxPosition = 1L << (minShift + (3 * depth));
        BinCount = (int)(((1L << ((3 * depth) + 3)) - 1) / 7);
    }

    public int MinShift { get; }

    public int Depth { get; }

    /// <summary>One past the largest 0-based position the scheme describes.</summary>
    public long MaxPosition { get; }

    /// <summary>Number of real bins; the pseudo-bin with per-sequence statistics is BinCount + 1.</summary>
    public int BinCount { get; }

    public static int FirstBin(int level) => ((1 << (3 * level)) - 1) / 7;

    public static uint ParentBin(uint bin) => (bin - 1) >> 3;

    /// <summary>The bins, level by level, that may hold records overlapping [begin, end); as htslib's hts_reg2bins.</summary>
    public List<uint> RegionToBins(long begin, long end)
    {
        var bins = new List<uint>();
        if (begin >= end || begin >= MaxPosition)
        {
            return bins;
        }

        end = Math.Min(end, MaxPosition) - 1;
        var shift = MinShift + (3 * Depth);
        for (var level = 0; level <= Depth; level++, shift -= 3)
        {
            long first = FirstBin(level);
            for (var bin = first + (begin >> shift); bin <= first + (end >> shift); bin++)
            {
                bins.Add((uint)bin);
            }
        }

        return bins;
    }

    /// <summary>
    /// Gathers the chunks of <paramref name="candidates"/> that end after <paramref name="minOffset"/>, moves
    /// their starts up to it, and merges overlapping chunks and chunks that meet in one compressed block.
    /// </summary>
    public static List<GenomicIndexChunk> CollectChunks(IReadOnlyDictionary<uint, IndexBin> bins, List<uint> candidates, VirtualOffset minOffset)
    {
        var chunks = new List<GenomicIndexChunk>();
        foreach (var bin in candidates)
        {
            if (!bins.TryGetValue(bin, out var found))
            {
                continue;
            }

            foreach (var chunk in found.Chunks)
            {
                if (chunk.End > minOffset)
                {
                    chunks.Add(chunk.Begin < minOffset ? chunk with { Begin = minOffset } : chunk);
                }
            }
        }

        chunks.Sort(static (a, b) => a.Begin.CompareTo(b.Begin));
        var merged = new List<GenomicIndexChunk>(chunks.Count);
        foreach (var chunk in chunks)
        {
            if (merged.Count > 0 && merged[^1] is var last && chunk.Begin.CompressedOffset <= last.End.CompressedOffset)
            {
                if (chunk.End > last.End)
                {
                    merged[^1] = last with { End = chunk.End };
                }
            }
            else
            {
                merged.Add(chunk);
            }
        }

        return merged;
    }

    /// <summary>
    /// Reads the chunk list of one bin. The pseudo-bin (BinCount + 1) holds statistics in chunk form
    /// (first and last offset, mapped and unmapped record counts); it is read past and gives null.
    /// </summary>
    public GenomicIndexChunk[]? ReadChunks(IndexCursor cursor, uint bin)
    {
        var count = cursor.ReadCount(16);
        if (bin >= BinCount)
        {
            _ = cursor.ReadBytes(count * 16);
            return null;
        }

        var chunks = new GenomicIndexChunk[count];
        for (var i = 0; i < count; i++)
        {
            var begin = new VirtualOffset(cursor.ReadUInt64());
            var end = new VirtualOffset(cursor.ReadUInt64());
            if (end < begin)
            {
                throw cursor.Invalid("a chunk ends before it begins");
            }

            chunks[i] = new GenomicIndexChunk(begin, end);
        }

        return chunks;
    }

    /// <summary>Checks the arguments of <see cref="IGenomicIndex.Query"/>, the same for every index.</summary>
    public static void ValidateQuery(string sequenceName, int begin0, int end0)
    {
        ArgumentNullException.ThrowIfNull(sequenceName);
        ArgumentOutOfRangeException.ThrowIfNegative(begin0);
        ArgumentOutOfRangeException.ThrowIfLessThan(end0, begin0);
    }

    /// <summary>Reads n_ref names into a lookup, refusing duplicates.</summary>
    public static Dictionary<string, int> IndexNames(IReadOnlyList<string> names, IndexCursor cursor)
    {
        var byName = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!byName.TryAdd(names[i], i))
            {
                throw cursor.Invalid("a sequence name appears twice");
            }
        }

        return byName;
    }
}
