namespace Decodex.Core;

/// <summary>
/// Counts the bytes read through it, without ever throwing: placed on the compressed side of a
/// decompressor, which may read it from another thread (the parallel BGZF reader), so the count is
/// published with <see cref="Volatile"/>.
/// </summary>
internal sealed class CountingStream(Stream inner) : Genomics.ForwardReadStream
{
    private long _bytes;

    public long BytesRead => Volatile.Read(ref _bytes);

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Volatile.Write(ref _bytes, _bytes + n);
        return n;
    }
}
