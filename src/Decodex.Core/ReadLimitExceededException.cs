namespace Decodex.Core;

/// <summary>
/// Thrown from inside a read when the input goes beyond one of its <see cref="ReadLimits"/>; caught
/// at the reader's boundary and turned into a coded issue, so it never reaches a caller. It derives
/// from <see cref="IOException"/> so that streams between the limit and the reader pass it on.
/// Its message names only the limit, never content.
/// </summary>
internal sealed class ReadLimitExceededException(ReadLimitKind kind) : IOException($"The input went beyond the {kind} read limit.")
{
    public ReadLimitKind Kind { get; } = kind;
}
