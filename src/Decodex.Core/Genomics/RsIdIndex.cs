using System.Numerics;

namespace Decodex.Core.Genomics;

/// <summary>
/// An open-addressing hash from a 64-bit id to a row, built in one pass without per-entry
/// allocation (a 640k-row file costs one int array of 2–4 MB).
/// </summary>
internal sealed class RsIdIndex
{
    // Each slot packs the row + 1 (low 32 bits) with the key's top hash bits (high 32 bits), so a probe
    // touches one cache line and only a matching fingerprint reads the key itself.
    private readonly ulong[] _slots;
    private readonly ulong[] _keys;
    private readonly int _mask;

    private RsIdIndex(ulong[] slots, ulong[] keys)
    {
        _slots = slots;
        _keys = keys;
        _mask = slots.Length - 1;
    }

    /// <summary>
    /// Builds the index over <paramref name="keys"/>[0..count). Rows whose key repeats an earlier
    /// row are reported in <paramref name="isDuplicate"/> and not indexed. Position-only ids are skipped.
    /// </summary>
    public static RsIdIndex Build(ulong[] keys, int count, bool[]? isDuplicate)
    {
        // Load factor at most 2/3: a 640k-row file needs 1M slots (4 MB).
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count + (count / 2)));
        var slots = new ulong[capacity];
        var index = new RsIdIndex(slots, keys);
        for (var row = 0; row < count; row++)
        {
            var key = keys[row];
            if (new VariantId(key).Kind == VariantIdKind.Position)
            {
                continue;
            }

            var hash = Mix(key);
            var fingerprint = hash & 0xFFFF_FFFF_0000_0000UL;
            var slot = (int)(hash & (ulong)index._mask);
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

                slot = (slot + 1) & index._mask;
            }
        }

        return index;
    }

    /// <summary>The row holding <paramref name="key"/>, or -1.</summary>
    public int Find(ulong key)
    {
        var hash = Mix(key);
        var fingerprint = hash & 0xFFFF_FFFF_0000_0000UL;
        var slot = (int)(hash & (ulong)_mask);
        while (true)
        {
            var existing = _slots[slot];
            if (existing == 0)
            {
                return -1;
            }

            if ((existing & 0xFFFF_FFFF_0000_0000UL) == fingerprint && _keys[(int)(uint)existing - 1] == key)
            {
                return (int)(uint)existing - 1;
            }

            slot = (slot + 1) & _mask;
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
