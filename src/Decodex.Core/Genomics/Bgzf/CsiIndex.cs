namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// A CSI index (<c>.csi</c>): the generalised binning index with its own bin size (min_shift) and depth,
/// so it also covers sequences longer than tabix's 512 Mb. For a VCF made by <c>tabix -C</c> or
/// <c>bcftools index</c> the auxiliary data holds the tabix-style header with the sequence names.
/// </summary>
/// <remarks>
/// An index whose auxiliary data carries no names (as for BCF, whose names live in the BCF header) has
/// empty <see cref="SequenceNames"/>, and every query on it returns nothing. Immutable;
/// <see cref="Query"/> is safe to call from several threads.
/// </remarks>
public sealed class CsiIndex : IGenomicIndex
{
    private const int TabixAuxHeaderSize = 7 * sizeof(int);

    private readonly BinningScheme _scheme;
    private readonly string[] _names;
    private readonly Dictionary<string, int> _byName;
    // Each sequence's bins are parsed on its first query, as in TabixIndex.
    private readonly Lazy<Dictionary<uint, IndexBin>>[] _bins;

    private CsiIndex(BinningScheme scheme, string[] names, Dictionary<string, int> byName, Lazy<Dictionary<uint, IndexBin>>[] bins)
    {
        _scheme = scheme;
        _names = names;
        _byName = byName;
        _bins = bins;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> SequenceNames => _names;

    /// <summary>Size of the deepest bins as a power of two (14 gives 16 kb bins, as tabix).</summary>
    public int MinShift => _scheme.MinShift;

    /// <summary>Number of levels below the root bin (5 in tabix).</summary>
    public int Depth => _scheme.Depth;

    /// <summary>Reads a whole <c>.csi</c> file (BGZF-compressed, magic <c>CSI\1</c>) from the stream's current position.</summary>
    /// <param name="stream">The index bytes; read to the end and left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The bytes are not a complete, well-formed CSI index.</exception>
    public static CsiIndex Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var cursor = new IndexCursor(BgzfBlock.InflateAll(stream), "CSI");
        if (!cursor.TryReadMagic("CSI\u0001"u8))
        {
            throw cursor.Invalid("it does not start with CSI\\1");
        }

        var minShift = cursor.ReadInt32();
        var depth = cursor.ReadInt32();
        if (minShift < 0 || depth < 0 || depth > 10 || minShift + (3 * depth) > 62)
        {
            throw cursor.Invalid("min_shift or depth is out of range");
        }

        var scheme = new BinningScheme(minShift, depth);
        var auxLength = cursor.ReadCount(1);
        var aux = cursor.ReadBytes(auxLength);
        var names = auxLength >= TabixAuxHeaderSize ? ReadAuxNames(aux.ToArray()) : [];

        var referenceCount = cursor.ReadCount(4);
        if (names.Count > 0 && names.Count != referenceCount)
        {
            throw cursor.Invalid("the number of sequence names differs from the number of sequences");
        }

        var byName = BinningScheme.IndexNames(names, cursor);
        var data = cursor;
        var bins = new Lazy<Dictionary<uint, IndexBin>>[referenceCount];
        for (var r = 0; r < referenceCount; r++)
        {
            // Walk over this sequence's bins without building them, checking every count.
            var start = cursor.Position;
            var binCount = cursor.ReadCount(16);
            for (var b = 0; b < binCount; b++)
            {
                cursor.Skip(12);
                cursor.Skip(cursor.ReadCount(16) * 16L);
            }

            bins[r] = new Lazy<Dictionary<uint, IndexBin>>(() => ParseReference(data.Fork(start), scheme));
        }

        return new CsiIndex(scheme, [.. names], byName, bins);
    }

    private static Dictionary<uint, IndexBin> ParseReference(IndexCursor cursor, BinningScheme scheme)
    {
        var binCount = cursor.ReadCount(16);
        var bins = new Dictionary<uint, IndexBin>(binCount);
        for (var b = 0; b < binCount; b++)
        {
            var bin = cursor.ReadUInt32();
            var firstRecord = new VirtualOffset(cursor.ReadUInt64());
            if (scheme.ReadChunks(cursor, bin) is not { } chunks)
            {
                continue;
            }

            if (!bins.TryAdd(bin, new IndexBin(firstRecord, chunks)))
            {
                throw cursor.Invalid("a bin appears twice for one sequence");
            }
        }

        return bins;
    }

    /// <inheritdoc />
    public IReadOnlyList<GenomicIndexChunk> Query(string sequenceName, int begin0, int end0)
    {
        BinningScheme.ValidateQuery(sequenceName, begin0, end0);
        if (!_byName.TryGetValue(sequenceName, out var reference))
        {
            return [];
        }

        var candidates = _scheme.RegionToBins(begin0, end0);
        if (candidates.Count == 0)
        {
            return [];
        }

        var bins = _bins[reference].Value;
        return BinningScheme.CollectChunks(bins, candidates, MinimumOffset(bins, begin0)).ToArray();
    }

    /// <summary>
    /// The end of the last chunk of any sequence: where the last indexed record ends. Parses every
    /// sequence, so an index malformed anywhere is found here.
    /// </summary>
    /// <exception cref="InvalidDataException">The data of a sequence is malformed.</exception>
    internal VirtualOffset LastChunkEnd()
    {
        var last = default(VirtualOffset);
        foreach (var reference in _bins)
        {
            foreach (var bin in reference.Value.Values)
            {
                foreach (var chunk in bin.Chunks)
                {
                    last = chunk.End > last ? chunk.End : last;
                }
            }
        }

        return last;
    }

    /// <summary>
    /// The loffset of the deepest bin holding <paramref name="begin0"/>, or failing that of the nearest
    /// existing bin to its left or above (htslib's walk): no record before it can reach the region.
    /// </summary>
    private VirtualOffset MinimumOffset(Dictionary<uint, IndexBin> bins, int begin0)
    {
        var bin = (uint)(BinningScheme.FirstBin(_scheme.Depth) + (begin0 >> _scheme.MinShift));
        while (bin != 0)
        {
            if (bins.TryGetValue(bin, out var found))
            {
                return found.FirstRecordOffset;
            }

            var firstSibling = (BinningScheme.ParentBin(bin) << 3) + 1;
            bin = bin > firstSibling ? bin - 1 : BinningScheme.ParentBin(bin);
        }

        return bins.TryGetValue(0, out var root) ? root.FirstRecordOffset : default;
    }

    private static List<string> ReadAuxNames(byte[] aux)
    {
        var cursor = new IndexCursor(aux, "CSI");

        // format, col_seq, col_beg, col_end, meta, skip as in tabix; then l_nm and the names.
        _ = cursor.ReadBytes(6 * sizeof(int));
        return cursor.ReadNames();
    }
}
