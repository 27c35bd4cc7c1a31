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
    private readonly Dictionary<uint, IndexBin>[] _bins;
    private readonly VirtualOffset[][] _linear;

    private TabixIndex(string[] names, Dictionary<string, int> byName, Dictionary<uint, IndexBin>[] bins, VirtualOffset[][] linear)
    {
        _names = names;
        _byName = byName;
        _bins = bins;
        _linear = linear;
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
        var bins = new Dictionary<uint, IndexBin>[referenceCount];
        var linear = new VirtualOffset[referenceCount][];
        for (var r = 0; r < referenceCount; r++)
        {
            var binCount = cursor.ReadCount(8);
            bins[r] = new Dictionary<uint, IndexBin>(binCount);
            for (var b = 0; b < binCount; b++)
            {
                var bin = cursor.ReadUInt32();
                if (Scheme.ReadChunks(cursor, bin) is not { } chunks)
                {
                    continue;
                }

                if (!bins[r].TryAdd(bin, new IndexBin(default, chunks)))
                {
                    throw cursor.Invalid("a bin appears twice for one sequence");
                }
            }

            var intervalCount = cursor.ReadCount(8);
            linear[r] = new VirtualOffset[intervalCount];
            for (var i = 0; i < intervalCount; i++)
            {
                linear[r][i] = new VirtualOffset(cursor.ReadUInt64());
            }
        }

        // An optional n_no_coor count may follow; it is not needed for queries.
        return new TabixIndex([.. names], byName, bins, linear);
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

        return BinningScheme.CollectChunks(_bins[reference], candidates, MinimumOffset(_linear[reference], begin0)).ToArray();
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
