namespace Decodex.Core;

/// <summary>
/// Wraps the expanded side of one decompressor: counts what it produces into the file's
/// <see cref="ExpansionBudget"/> and checks this container's ratio against the compressed bytes it
/// has consumed, throwing <see cref="ReadLimitExceededException"/> the moment either is exceeded —
/// so a bomb is stopped after at most one buffer beyond the limit, never read to its end.
/// </summary>
internal sealed class ExpansionLimitStream(Stream expanded, Func<long> compressedBytes, ExpansionBudget budget, bool leaveOpen = false) : Genomics.ForwardReadStream
{
    private long _produced;

    public override int Read(Span<byte> buffer)
    {
        var n = expanded.Read(buffer);
        _produced += n;
        budget.Add(n);
        var limits = budget.Limits;
        if (_produced > limits.RatioGraceBytes && _produced > limits.MaxCompressionRatio * Math.Max(compressedBytes(), 1))
        {
            ExpansionBudget.Throw(ReadLimitKind.CompressionRatio);
        }

        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            expanded.Dispose();
        }

        base.Dispose(disposing);
    }
}
