using System.Buffers;

namespace Decodex.Core.Genomics;

/// <summary>
/// Splits a byte stream into lines without allocating per line. A line longer than
/// <see cref="MaxLineLength"/> is skipped to its end without being held in memory, and reported
/// through <see cref="LongLinesSkipped"/>. Accepts LF and CRLF. Not thread-safe.
/// </summary>
internal sealed class LineReader : IDisposable
{
    public const int MaxLineLength = 1 << 20;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(Stream stream, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Lines skipped because they were too long (their numbers are in <see cref="LongLineNumbers"/>).</summary>
    public int LongLinesSkipped => LongLineNumbers.Count;

    public List<long> LongLineNumbers { get; } = [];

    /// <summary>Bytes consumed from the stream so far (for progress).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next line, without its terminator. False at the end of the stream.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = span[..newline];
                _start += newline + 1;
                LineNumber++;
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                return true;
            }

            if (_eof)
            {
                if (span.Length == 0)
                {
                    line = default;
                    return false;
                }

                line = span[^1] == '\r' ? span[..^1] : span;
                _start = _end;
                LineNumber++;
                return true;
            }

            if (span.Length >= MaxLineLength)
            {
                SkipLongLine();
                continue;
            }

            Fill();
        }
    }

    private void Fill()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxLineLength + 1));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        BytesRead += read;
    }

    private void SkipLongLine()
    {
        LineNumber++;
        LongLineNumbers.Add(LineNumber);
        _start = _end;
        while (true)
        {
            _start = 0;
            _end = _stream.Read(_buffer, 0, _buffer.Length);
            BytesRead += _end;
            if (_end == 0)
            {
                _eof = true;
                return;
            }

            var newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = newline + 1;
                return;
            }
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
