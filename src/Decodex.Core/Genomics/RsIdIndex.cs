using System.Numerics;

namespace Decodex.Core.Genomics;

/// <summary>
/// An open-addressing hash from a 64-bit id to a row, built in one pass without per-entry
/// allocation (a 640k-row file costs 8 MB of slots). The ids are split by one bit of their hash into
/// independent tables, so a large file's index can be built on two threads with the same result.
/// </summary>
internal sealed class RsIdIndex
{
    // Files below this many rows are indexed on the calling thread: a second thread would cost more than it saves.
    private const int ParallelMinimumRows = 100_000;

    // Each slot packs the row + 1 (low 32 bits) with the key's top hash bits (high 32 bits), so a probe
    // touches one cache line and only a matching fingerprint reads the key itself.
    private readonly ulong[][] _tables;
    private readonly ulong[] _keys;

    private RsIdIndex(ulong[][] tables, ulong[] keys)
    {
        _tables = tables;
        _keys = keys;
    }

    /// <summary>
    /// Builds the index over <paramref name="keys"/>[0..count). Rows whose key repeats an earlier
    /// row are reported in <paramref name="isDuplicate"/> and not indexed. Position-only ids are skipped.
    /// With <paramref name="threads"/> above 1 and a large file, the two tables are filled at once.
    /// </summary>
    public static RsIdIndex Build(ulong[] keys, int count, bool[]? isDuplicate, int threads = 1)
    {
        // Each table is sized for the ids that fall in it (counted first, as a crafted file may put them
        // all in one), at a load factor of at most 2/3: a 640k-row file needs 1M slots (8 MB) in all.
        var inTable = new int[2];
        for (var row = 0; row < count; row++)
        {
            if (new VariantId(keys[row]).Kind != VariantIdKind.Position)
            {
                inTable[(int)(Mix(keys[row]) >> 63)]++;
            }
        }

        var index = new RsIdIndex([Table(inTable[0]), Table(inTable[1])], keys);
        if (threads > 1 && count >= ParallelMinimumRows)
        {
            var other = Task.Run(() => index.Fill(1, count, isDuplicate));
            index.Fill(0, count, isDuplicate);
            other.GetAwaiter().GetResult();
        }
        else
        {
            index.Fill(0, count, isDuplicate);
            index.Fill(1, count, isDuplicate);
        }

        return index;
    }

    /// <summary>The row holding <paramref name="key"/>, or -1.</summary>
    public int Find(ulong key)
    {
        var hash = Mix(key);
        var slots = _tables[(int)(hash >> 63)];
        var mask = slots.Length - 1;
        var fingerprint = hash & 0xFFFF_FFFF_0000_0000UL;
        var slot = (int)(hash & (ulong)mask);
        while (true)
        {
            var existing = slots[slot];
            if (existing == 0)
            {
                return -1;
            }

            if ((existing & 0xFFFF_FFFF_0000_0000UL) == fingerprint && _keys[(int)(uint)existing - 1] == key)
            {
                return (int)(uint)existing - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    private static ulong[] Table(int ids) => new ulong[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, ids + (ids / 2) + 1))];

    /// <summary>Indexes, in row order, the keys whose hash falls in table <paramref name="table"/>.</summary>
    private void Fill(int table, int count, bool[]? isDuplicate)
    {
        var slots = _tables[table];
        var keys = _keys;
        var mask = slots.Length - 1;
        for (var row = 0; row < count; row++)
        {
            var key = keys[row];
            var hash = Mix(key);
            if ((int)(hash >> 63) != table || new VariantId(key).Kind == VariantIdKind.Position)
            {
                continue;
            }

            var fingerprint = hash & 0xFFFF_FFFF_0000_0000UL;
            var slot = (int)(hash & (ulong)mask);
            while (true)
            {
                var existing = slots[slot];
                if (existing == 0)
                {
                    slots[slot] = fingerprint | (uint)(row + 1);
                    break;
                }

                if ((existing & 0xFFFF_FFFF_0000_0000UL) == fingerprint && keys[(int)(uint)existing - 1] == key)
                {
                    if (isDuplicate is not null)
                    {
                        isDuplicate[row] = true;
                    }

                    break;
                }

                slot = (slot + 1) & mask;
            }
        }
    }

    private static ulong Mix(ulong key)
    {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdUL;
        key ^= key >> 33;
        return key;
    }
}
