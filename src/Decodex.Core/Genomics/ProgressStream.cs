namespace Decodex.Core.Genomics;

/// <summary>Passes reads through and reports progress, at most once per percent.</summary>
internal sealed class ProgressStream(Stream inner, Func<double> fraction, IProgress<double> progress) : ForwardReadStream
{
    private int _lastPercent = -1;

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
}
