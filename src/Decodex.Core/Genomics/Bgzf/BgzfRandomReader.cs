using System.Buffers;

namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// Reads decompressed stretches of a seekable BGZF file by virtual offset, for indexed queries: an
/// <see cref="IGenomicIndex"/> names the chunks, this reads them.
/// </summary>
/// <remarks>
/// Holds two 64 KiB buffers and remembers the last block it inflated, so consecutive chunks in the same
/// block inflate it once. Not safe for concurrent use; open one reader per thread.
/// </remarks>
public sealed class BgzfRandomReader : IDisposable
{
    /// <summary>The largest VCF header <see cref="ReadHeaderBytes"/> accepts, against files that are not VCF.</summary>
    private const int MaxHeaderBytes = 64 * 1024 * 1024;

    private static ReadOnlySpan<byte> ChromLinePrefix => "#CHROM"u8;

    private readonly Stream _compressed;
    private readonly bool _leaveOpen;
    private byte[] _block;
    private byte[] _inflated;
    private long _cachedOffset = -1;
    private int _cachedLength;
    private long _cachedNextOffset;
    private bool _disposed;

    /// <summary>Wraps a seekable BGZF stream; nothing is read until a chunk is asked for.</summary>
    /// <param name="compressed">The BGZF bytes; must be readable and seekable.</param>
    /// <param name="leaveOpen">Whether disposing this reader leaves <paramref name="compressed"/> open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="compressed"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="compressed"/> cannot be read or cannot seek.</exception>
    public BgzfRandomReader(Stream compressed, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        if (!compressed.CanRead || !compressed.CanSeek)
        {
            throw new ArgumentException("The compressed stream must be readable and seekable.", nameof(compressed));
        }

        _compressed = compressed;
        _leaveOpen = leaveOpen;
        _block = ArrayPool<byte>.Shared.Rent(BgzfBlock.MaxCompressedSize);
        _inflated = ArrayPool<byte>.Shared.Rent(BgzfBlock.MaxUncompressedSize);
    }

    /// <summary>
    /// Returns the decompressed bytes from <see cref="GenomicIndexChunk.Begin"/> (inclusive) to
    /// <see cref="GenomicIndexChunk.End"/> (exclusive).
    /// </summary>
    /// <remarks>
    /// Chunks from <see cref="IGenomicIndex.Query"/> begin at the start of a record and end just after
    /// one, so the result is whole VCF lines; they may include records outside the queried region, which
    /// the caller filters by position. Memory is proportional to the chunk: a chunk covering a whole
    /// chromosome returns the whole chromosome.
    /// </remarks>
    /// <exception cref="ArgumentException"><see cref="GenomicIndexChunk.End"/> is before <see cref="GenomicIndexChunk.Begin"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The chunk does not fit the file (a stale or foreign index), or a block it covers is corrupt or truncated.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    public byte[] ReadChunk(GenomicIndexChunk chunk)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (chunk.End < chunk.Begin)
        {
            throw new ArgumentException("The chunk ends before it begins.", nameof(chunk));
        }

        var output = new ArrayBufferWriter<byte>();
        var offset = chunk.Begin.CompressedOffset;
        var from = chunk.Begin.UncompressedOffset;
        var endOffset = chunk.End.CompressedOffset;
        while (true)
        {
            var isLast = offset == endOffset;
            if (isLast && chunk.End.UncompressedOffset == 0)
            {
                break;
            }

            LoadBlock(offset);
            var to = isLast ? chunk.End.UncompressedOffset : _cachedLength;
            if (from > _cachedLength || to > _cachedLength)
            {
                throw new InvalidDataException($"An index chunk points beyond the end of the BGZF block at compressed offset {offset}; the index does not match the file.");
            }

            if (to > from)
            {
                output.Write(_inflated.AsSpan(from, to - from));
            }

            if (isLast)
            {
                break;
            }

            offset = _cachedNextOffset;
            from = 0;
            if (offset > endOffset)
            {
                throw new InvalidDataException("An index chunk ends inside a BGZF block rather than at one; the index does not match the file.");
            }
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Returns the decompressed start of a BGZF VCF up to and including the line that begins with
    /// <c>#CHROM</c> (with its line ending), for header parsing. The stream position is not otherwise
    /// relevant: reading starts at offset 0.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A line not starting with <c>#</c> comes before any <c>#CHROM</c> line, the data ends without one,
    /// the header exceeds 64 MiB, or the BGZF data is corrupt or truncated.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    public byte[] ReadHeaderBytes()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var header = new ArrayBufferWriter<byte>();
        var lineStart = 0;
        long offset = 0;
        while (true)
        {
            var scanFrom = header.WrittenCount;
            if (!TryLoadBlock(offset))
            {
                break;
            }

            header.Write(_inflated.AsSpan(0, _cachedLength));
            offset = _cachedNextOffset;
            if (header.WrittenCount > MaxHeaderBytes)
            {
                throw new InvalidDataException("The VCF header is larger than 64 MiB; the file is probably not VCF.");
            }

            var written = header.WrittenSpan;
            for (var i = scanFrom; i < written.Length; i++)
            {
                if (written[i] != (byte)'\n')
                {
                    continue;
                }

                var line = written[lineStart..i];
                if (line.StartsWith(ChromLinePrefix))
                {
                    return written[..(i + 1)].ToArray();
                }

                if (line.IsEmpty || line[0] != (byte)'#')
                {
                    throw NoChromLine();
                }

                lineStart = i + 1;
            }
        }

        // The data ended; a #CHROM line without a final line ending still counts.
        var rest = header.WrittenSpan[lineStart..];
        if (rest.StartsWith(ChromLinePrefix))
        {
            return header.WrittenSpan.ToArray();
        }

        throw NoChromLine();
    }

    /// <summary>
    /// Whether <paramref name="end"/> is where the data ends: the start of <paramref name="endOfData"/>
    /// (the end-of-file block), or the end of the last block before it. An index whose last record ends
    /// anywhere else was made for another file, or for another compression of this one.
    /// </summary>
    /// <exception cref="InvalidDataException">The block at <paramref name="end"/> is not a valid BGZF block.</exception>
    internal bool IsEndOfData(VirtualOffset end, long endOfData)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (end.CompressedOffset == endOfData)
        {
            return end.UncompressedOffset == 0;
        }

        if (end.CompressedOffset > endOfData || !TryLoadBlock(end.CompressedOffset))
        {
            return false;
        }

        return end.UncompressedOffset == _cachedLength && _cachedNextOffset == endOfData;
    }

    /// <summary>Disposes the compressed stream unless it was left open, and returns pooled buffers.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ArrayPool<byte>.Shared.Return(_block);
        ArrayPool<byte>.Shared.Return(_inflated);
        _block = [];
        _inflated = [];
        if (!_leaveOpen)
        {
            _compressed.Dispose();
        }
    }

    private static InvalidDataException NoChromLine() =>
        new("The VCF header has no #CHROM line before the first record or the end of the data.");

    private void LoadBlock(long offset)
    {
        if (!TryLoadBlock(offset))
        {
            throw new InvalidDataException($"An index chunk points at compressed offset {offset}, at or past the end of the BGZF data; the index does not match the file.");
        }
    }

    /// <summary>Inflates the block at <paramref name="offset"/> unless it is the one already held.</summary>
    /// <returns>False when <paramref name="offset"/> is the end of the data.</returns>
    private bool TryLoadBlock(long offset)
    {
        if (offset == _cachedOffset)
        {
            return true;
        }

        _cachedOffset = -1;
        _compressed.Seek(offset, SeekOrigin.Begin);
        var length = BgzfBlock.Read(_compressed, _block, offset);
        if (length == 0)
        {
            return false;
        }

        _cachedLength = BgzfBlock.Inflate(_block, length, _inflated, offset);
        _cachedNextOffset = offset + length;
        _cachedOffset = offset;
        return true;
    }
}
