namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// A tabix index (<c>.tbi</c>) of a bgzip-compressed, coordinate-sorted text file such as a VCF:
/// bins of the SAM/tabix scheme (16 kb to 512 Mb) plus a linear index of 16 kb windows.
/// </summary>
/// <remarks>Immutable; <see cref="Query"/> is safe to call from several threads.</remarks>
public sealed class TabixIndex : IGenomicIndex
{
    private static readonly BinningScheme Scheme = new(minShift: 14, depth: 5);

    private readonly string[] _names;
    private readonly Dictionary<string, int> _byName;

    // Each sequence's bins and linear index are parsed on its first query: a whole-genome index holds
    // every sequence, a query needs one or two.
    private readonly Lazy<(Dictionary<uint, IndexBin> Bins, VirtualOffset[] Linear)>[] _references;

    private TabixIndex(string[] names, Dictionary<string, int> byName, Lazy<(Dictionary<uint, IndexBin>, VirtualOffset[])>[] references)
    {
        _names = names;
        _byName = byName;
        _references = references;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> SequenceNames => _names;

    /// <summary>Reads a whole <c>.tbi</c> file (BGZF-compressed, magic <c>TBI\1</c>) from the stream's current position.</summary>
    /// <param name="stream">The index bytes; read to the end and left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The bytes are not a complete, well-formed tabix index.</exception>
    public static TabixIndex Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var cursor = new IndexCursor(BgzfBlock.InflateAll(stream), "tabix");
        if (!cursor.TryReadMagic("TBI\u0001"u8))
        {
            throw cursor.Invalid("it does not start with TBI\\1");
        }

        var referenceCount = cursor.ReadCount(8);

        // format, col_seq, col_beg, col_end, meta, skip: how tabix parses lines; a VCF reader knows its own format.
        _ = cursor.ReadBytes(6 * sizeof(int));
        var names = cursor.ReadNames();
        if (names.Count != referenceCount)
        {
            throw cursor.Invalid("the number of sequence names differs from the number of sequences");
        }

        var byName = BinningScheme.IndexNames(names, cursor);
        var data = cursor;
        var references = new Lazy<(Dictionary<uint, IndexBin>, VirtualOffset[])>[referenceCount];
        for (var r = 0; r < referenceCount; r++)
        {
            // Walk over this sequence's bins without building them, checking every count.
            var start = cursor.Position;
            var binCount = cursor.ReadCount(8);
            for (var b = 0; b < binCount; b++)
            {
                cursor.Skip(4);
                cursor.Skip(cursor.ReadCount(16) * 16L);
            }

            cursor.Skip(cursor.ReadCount(8) * 8L);
            references[r] = new Lazy<(Dictionary<uint, IndexBin>, VirtualOffset[])>(() => ParseReference(data.Fork(start)));
        }

        // An optional n_no_coor count may follow; it is not needed for queries.
        return new TabixIndex([.. names], byName, references);
    }

    private static (Dictionary<uint, IndexBin>, VirtualOffset[]) ParseReference(IndexCursor cursor)
    {
        var binCount = cursor.ReadCount(8);
        var bins = new Dictionary<uint, IndexBin>(binCount);
        for (var b = 0; b < binCount; b++)
        {
            var bin = cursor.ReadUInt32();
            if (Scheme.ReadChunks(cursor, bin) is not { } chunks)
            {
                continue;
            }

            if (!bins.TryAdd(bin, new IndexBin(default, chunks)))
            {
                throw cursor.Invalid("a bin appears twice for one sequence");
            }
        }

        var intervalCount = cursor.ReadCount(8);
        var linear = new VirtualOffset[intervalCount];
        for (var i = 0; i < intervalCount; i++)
        {
            linear[i] = new VirtualOffset(cursor.ReadUInt64());
        }

        return (bins, linear);
    }

    /// <inheritdoc />
    public IReadOnlyList<GenomicIndexChunk> Query(string sequenceName, int begin0, int end0)
    {
        BinningScheme.ValidateQuery(sequenceName, begin0, end0);
        if (!_byName.TryGetValue(sequenceName, out var reference))
        {
            return [];
        }

        var candidates = Scheme.RegionToBins(begin0, end0);
        if (candidates.Count == 0)
        {
            return [];
        }

        var (bins, linear) = _references[reference].Value;
        return BinningScheme.CollectChunks(bins, candidates, MinimumOffset(linear, begin0)).ToArray();
    }

    /// <summary>
    /// The end of the last chunk of any sequence: where the last indexed record ends. Parses every
    /// sequence, so an index malformed anywhere is found here.
    /// </summary>
    /// <exception cref="InvalidDataException">The data of a sequence is malformed.</exception>
    internal VirtualOffset LastChunkEnd()
    {
        var last = default(VirtualOffset);
        foreach (var reference in _references)
        {
            foreach (var bin in reference.Value.Bins.Values)
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
    /// The linear index gives, per 16 kb window, the first record overlapping it: nothing before the
    /// window holding <paramref name="begin0"/> can reach the region. Windows with offset 0 (no record,
    /// or indexes from tabix before 0.1.4) fall back to the nearest earlier window, as htslib does.
    /// </summary>
    private static VirtualOffset MinimumOffset(VirtualOffset[] linear, int begin0)
    {
        if (linear.Length == 0)
        {
            return default;
        }

        var window = begin0 >> Scheme.MinShift;
        var offset = window >= linear.Length ? linear[^1] : linear[window];
        if (offset.Value == 0)
        {
            for (var i = Math.Min(window, linear.Length) - 1; i >= 0; i--)
            {
                if (linear[i].Value != 0)
                {
                    return linear[i];
                }
            }
        }

        return offset;
    }
}
