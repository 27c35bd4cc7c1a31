using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Decodex.Core.Genomics;

/// <summary>
/// Finds the positions of a separator byte in a line with one vectorised pass (32 bytes a step),
/// instead of one search call per field: VCF records have ten columns and a long INFO field.
/// </summary>
internal static class SeparatorScanner
{
    /// <summary>Writes the offsets of up to <paramref name="positions"/>.Length separators; returns how many were found.</summary>
    public static int Find(ReadOnlySpan<byte> line, byte separator, Span<int> positions)
    {
        var count = 0;
        var i = 0;
        ref var start = ref MemoryMarshal.GetReference(line);
        if (Vector256.IsHardwareAccelerated && line.Length >= Vector256<byte>.Count)
        {
            var needle = Vector256.Create(separator);
            for (; i <= line.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var mask = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)i), needle).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    positions[count++] = i + BitOperations.TrailingZeroCount(mask);
                    if (count == positions.Length)
                    {
                        return count;
                    }

                    mask &= mask - 1;
                }
            }
        }

        for (; i < line.Length; i++)
        {
            if (Unsafe.Add(ref start, i) == separator)
            {
                positions[count++] = i;
                if (count == positions.Length)
                {
                    return count;
                }
            }
        }

        return count;
    }
}
