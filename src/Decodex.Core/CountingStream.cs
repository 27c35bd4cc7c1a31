namespace Decodex.Core;

/// <summary>
/// Counts the bytes read through it, without ever throwing: placed on the compressed side of a
/// decompressor, which may read it from another thread (the parallel BGZF reader), so the count is
/// published with <see cref="Volatile"/>. Seeks pass through when the inner stream can seek (a zip
/// archive seeks to its directory, then reads its members).
/// </summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    private long _bytes;

    public long BytesRead => Volatile.Read(ref _bytes);

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Volatile.Write(ref _bytes, _bytes + n);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
