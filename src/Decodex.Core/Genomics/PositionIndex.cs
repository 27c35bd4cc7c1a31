namespace Decodex.Core.Genomics;

/// <summary>
/// Finds a row by chromosome and position. Raw-data files are nearly always written in order, sometimes
/// with rows out of place (a block appended at the end, a vendor's own chromosome order), so the index
/// does not sort the file: it keeps the rows that are in order where they lie, as a few contiguous
/// segments searched by bisection, and sets the rows out of place aside, sorted. A file mostly out of
/// order (more than an eighth of its rows) is sorted whole instead. Built in one pass over the rows.
/// </summary>
internal sealed class PositionIndex
{
    private readonly byte[] _chromosomes;
    private readonly int[] _positions;

    // Rows in order, as [Start, End) segments whose keys never decrease, within or across segments;
    // FirstKeys[i] is the key of Segments[i].Start.
    private readonly (int Start, int End)[] _segments;
    private readonly ulong[] _firstKeys;

    // Rows out of place, sorted by key.
    private readonly ulong[] _asideKeys;
    private readonly int[] _asideRows;

    private PositionIndex(byte[] chromosomes, int[] positions, (int, int)[] segments, ulong[] firstKeys, ulong[] asideKeys, int[] asideRows)
    {
        _chromosomes = chromosomes;
        _positions = positions;
        _segments = segments;
        _firstKeys = firstKeys;
        _asideKeys = asideKeys;
        _asideRows = asideRows;
    }

    /// <summary>Rows set aside (or sorted whole, when that is all of them); for tests and figures.</summary>
    internal int AsideCount => _asideRows.Length;

    public static ulong Key(byte chromosome, int position) => ((ulong)chromosome << 32) | (uint)position;

    public static PositionIndex Build(byte[] chromosomes, int[] positions, int count)
    {
        var limit = (count / 8) + 16;
        var segments = new List<(int, int)>();
        var firstKeys = new List<ulong>();
        List<int>? aside = null;
        var last = 0UL;
        var start = -1;
        for (var row = 0; row < count; row++)
        {
            var key = Key(chromosomes[row], positions[row]);
            if (key >= last)
            {
                last = key;
                if (start < 0)
                {
                    start = row;
                    firstKeys.Add(key);
                }

                continue;
            }

            (aside ??= []).Add(row);
            if (aside.Count > limit)
            {
                return SortedWhole(chromosomes, positions, count);
            }

            if (start >= 0)
            {
                segments.Add((start, row));
                start = -1;
            }
        }

        if (start >= 0)
        {
            segments.Add((start, count));
        }

        var asideRows = aside?.ToArray() ?? [];
        var asideKeys = new ulong[asideRows.Length];
        for (var i = 0; i < asideRows.Length; i++)
        {
            asideKeys[i] = Key(chromosomes[asideRows[i]], positions[asideRows[i]]);
        }

        Array.Sort(asideKeys, asideRows);
        return new PositionIndex(chromosomes, positions, [.. segments], [.. firstKeys], asideKeys, asideRows);
    }

    /// <summary>A row at this chromosome and position, or -1.</summary>
    public int Find(byte chromosome, int position)
    {
        var key = Key(chromosome, position);

        // The last segment that starts at or below the key holds it, if any in-order row does.
        int lo = 0, hi = _firstKeys.Length - 1, segment = -1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_firstKeys[mid] <= key)
            {
                segment = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (segment >= 0)
        {
            lo = _segments[segment].Start;
            hi = _segments[segment].End - 1;
            while (lo <= hi)
            {
                var mid = (int)((uint)(lo + hi) >> 1);
                var k = Key(_chromosomes[mid], _positions[mid]);
                if (k == key)
                {
                    return mid;
                }

                if (k < key)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
        }

        var at = Array.BinarySearch(_asideKeys, key);
        return at >= 0 ? _asideRows[at] : -1;
    }

    private static PositionIndex SortedWhole(byte[] chromosomes, int[] positions, int count)
    {
        var keys = new ulong[count];
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = Key(chromosomes[i], positions[i]);
            rows[i] = i;
        }

        Array.Sort(keys, rows);
        return new PositionIndex(chromosomes, positions, [], [], keys, rows);
    }
}
