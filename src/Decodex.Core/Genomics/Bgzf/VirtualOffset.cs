namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// A position in a BGZF file as tabix and CSI indexes store it: the byte offset of a block's start in
/// the compressed file in the upper 48 bits, and an offset into that block's decompressed bytes in the
/// lower 16 bits. The default value points at the very start of the file.
/// </summary>
/// <param name="Value">The packed 64-bit value, exactly as stored in an index.</param>
public readonly record struct VirtualOffset(ulong Value) : IComparable<VirtualOffset>
{
    /// <summary>The largest compressed offset a virtual offset can hold (2^48 − 1).</summary>
    public const long MaxCompressedOffset = (1L << 48) - 1;

    /// <summary>Byte offset of the block's first byte in the compressed file.</summary>
    public long CompressedOffset => (long)(Value >> 16);

    /// <summary>Offset into the block's decompressed bytes (0 to 65535).</summary>
    public int UncompressedOffset => (int)(Value & 0xFFFF);

    /// <summary>Packs a block offset and an offset within the block.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="compressedOffset"/> is negative or above <see cref="MaxCompressedOffset"/>, or
    /// <paramref name="uncompressedOffset"/> is outside 0 to 65535.
    /// </exception>
    public static VirtualOffset FromParts(long compressedOffset, int uncompressedOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(compressedOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(compressedOffset, MaxCompressedOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(uncompressedOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(uncompressedOffset, 0xFFFF);
        return new VirtualOffset(((ulong)compressedOffset << 16) | (uint)uncompressedOffset);
    }

    /// <summary>Orders by position in the file, which is the order of <see cref="Value"/>.</summary>
    public int CompareTo(VirtualOffset other) => Value.CompareTo(other.Value);

    /// <summary>Whether <paramref name="left"/> comes before <paramref name="right"/> in the file.</summary>
    public static bool operator <(VirtualOffset left, VirtualOffset right) => left.Value < right.Value;

    /// <summary>Whether <paramref name="left"/> comes after <paramref name="right"/> in the file.</summary>
    public static bool operator >(VirtualOffset left, VirtualOffset right) => left.Value > right.Value;

    /// <summary>Whether <paramref name="left"/> does not come after <paramref name="right"/>.</summary>
    public static bool operator <=(VirtualOffset left, VirtualOffset right) => left.Value <= right.Value;

    /// <summary>Whether <paramref name="left"/> does not come before <paramref name="right"/>.</summary>
    public static bool operator >=(VirtualOffset left, VirtualOffset right) => left.Value >= right.Value;

    /// <summary>Formats as <c>compressed:uncompressed</c>, the form htslib prints.</summary>
    public override string ToString() => $"{CompressedOffset}:{UncompressedOffset}";
}
