using System.Runtime.CompilerServices;

namespace Decodex.Core;

/// <summary>
/// The expanded bytes one read of one file has produced, over all its nested containers, checked
/// against <see cref="ReadLimits"/> as they are produced. Thread-safe: a zip member under a parallel
/// BGZF stream is read on its reader thread while the parser counts the expanded text.
/// </summary>
internal sealed class ExpansionBudget(ReadLimits limits)
{
    public ReadLimits Limits { get; } = limits;

    /// <summary>Bytes produced so far by all decompression.</summary>
    private long _expandedBytes;

    public long ExpandedBytes => Interlocked.Read(ref _expandedBytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int bytes)
    {
        if (Interlocked.Add(ref _expandedBytes, bytes) > Limits.MaxExpandedBytes)
        {
            Throw(ReadLimitKind.ExpandedSize);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(ReadLimitKind kind) => throw new ReadLimitExceededException(kind);
}
