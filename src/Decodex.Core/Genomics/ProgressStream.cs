namespace Decodex.Core.Genomics;

/// <summary>Passes reads through and reports progress, at most once per percent.</summary>
internal sealed class ProgressStream(Stream inner, Func<double> fraction, IProgress<double> progress) : Stream
{
    private int _lastPercent = -1;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        var percent = n == 0 ? 100 : (int)Math.Clamp(fraction() * 100, 0, 99);
        if (percent != _lastPercent)
        {
            _lastPercent = percent;
            progress.Report(percent / 100.0);
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
