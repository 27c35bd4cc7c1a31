using System.Buffers.Binary;
using System.IO.Compression;

namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// Reads and inflates single BGZF blocks. Shared by <see cref="ParallelBgzfStream"/>,
/// <see cref="BgzfRandomReader"/> and the index readers, so every path checks a block the same way.
/// </summary>
/// <remarks>
/// Each block is a complete gzip member, so it is inflated with <see cref="GZipStream"/>, whose native
/// zlib verifies the member's CRC-32 and ISIZE trailer (the framework has no public CRC-32); the
/// length is checked again here because zlib does not report a member that ends early. Error
/// messages name offsets only, never content.
/// </remarks>
internal static class BgzfBlock
{
    /// <summary>The largest block, header and trailer included (BSIZE + 1 ≤ 65536).</summary>
    public const int MaxCompressedSize = 65536;

    /// <summary>The largest decompressed size of one block.</summary>
    public const int MaxUncompressedSize = 65536;

    private const int FixedHeaderSize = 12;
    private const int TrailerSize = 8;

    /// <summary>
    /// Reads the whole block that starts at the stream's current position into <paramref name="buffer"/>.
    /// </summary>
    /// <param name="stream">Positioned at a block boundary.</param>
    /// <param name="buffer">At least <see cref="MaxCompressedSize"/> bytes.</param>
    /// <param name="blockOffset">The block's offset in the compressed file, for messages only.</param>
    /// <returns>The block's length, or 0 when the stream ends exactly here.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a BGZF block, or the stream ends inside one.</exception>
    public static int Read(Stream stream, byte[] buffer, long blockOffset)
    {
        var got = stream.ReadAtLeast(buffer.AsSpan(0, FixedHeaderSize), FixedHeaderSize, throwOnEndOfStream: false);
        if (got == 0)
        {
            return 0;
        }

        if (got < FixedHeaderSize)
        {
            throw Truncated(blockOffset);
        }

        if (buffer[0] != 31 || buffer[1] != 139 || buffer[2] != 8 || (buffer[3] & 4) == 0)
        {
            throw new InvalidDataException($"The data at compressed offset {blockOffset} is not a BGZF block (no gzip header with an extra field).");
        }

        var extraLength = buffer[10] | (buffer[11] << 8);
        if (FixedHeaderSize + extraLength + TrailerSize > MaxCompressedSize)
        {
            throw Malformed(blockOffset);
        }

        ReadExactly(stream, buffer.AsSpan(FixedHeaderSize, extraLength), blockOffset);
        var blockSize = FindBlockSize(buffer.AsSpan(FixedHeaderSize, extraLength), blockOffset);
        var headerSize = FixedHeaderSize + extraLength;
        if (blockSize < headerSize + TrailerSize)
        {
            throw Malformed(blockOffset);
        }

        ReadExactly(stream, buffer.AsSpan(headerSize, blockSize - headerSize), blockOffset);
        return blockSize;
    }

    /// <summary>The decompressed size a block declares in its trailer (ISIZE), unchecked.</summary>
    public static uint DeclaredSize(ReadOnlySpan<byte> block) => BinaryPrimitives.ReadUInt32LittleEndian(block[^4..]);

    /// <summary>Inflates one block read by <see cref="Read"/> and checks it against its trailer.</summary>
    /// <param name="block">The block's bytes.</param>
    /// <param name="length">The block's length.</param>
    /// <param name="output">At least <see cref="MaxUncompressedSize"/> bytes.</param>
    /// <param name="blockOffset">The block's offset in the compressed file, for messages only.</param>
    /// <returns>The number of decompressed bytes written to <paramref name="output"/>.</returns>
    /// <exception cref="InvalidDataException">The deflate data, CRC-32 or size do not agree.</exception>
    public static int Inflate(byte[] block, int length, byte[] output, long blockOffset)
    {
        var declared = DeclaredSize(block.AsSpan(0, length));
        if (declared > MaxUncompressedSize)
        {
            throw Malformed(blockOffset);
        }

        var expected = (int)declared;
        if (LibDeflate.Available)
        {
            var headerSize = FixedHeaderSize + BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(10, 2));
            return LibDeflate.TryInflate(block, headerSize, length, output, expected) ? expected : throw Corrupt(blockOffset);
        }

        var total = 0;
        try
        {
            using var source = new MemoryStream(block, 0, length, writable: false);
            using var gzip = new GZipStream(source, CompressionMode.Decompress);
            while (total < expected)
            {
                var n = gzip.Read(output, total, expected - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            // One more read lets zlib consume the trailer and verify CRC-32 and ISIZE, and shows
            // whether the member holds more data than it declares.
            Span<byte> probe = stackalloc byte[1];
            if (total == expected)
            {
                total += gzip.Read(probe);
            }
        }
        catch (InvalidDataException inner)
        {
            throw new InvalidDataException($"The BGZF block at compressed offset {blockOffset} is corrupt (bad deflate data or checksum).", inner);
        }

        if (total != expected)
        {
            throw Corrupt(blockOffset);
        }

        return total;
    }

    /// <summary>Reads a whole, small BGZF file (an index) into memory, checking every block and the end-of-file marker.</summary>
    /// <exception cref="InvalidDataException">The stream is not complete, valid BGZF.</exception>
    public static byte[] InflateAll(Stream stream)
    {
        var block = new byte[MaxCompressedSize];
        var inflated = new byte[MaxUncompressedSize];
        using var result = new MemoryStream();
        long offset = 0;
        var lastWasEmpty = false;
        while (true)
        {
            var length = Read(stream, block, offset);
            if (length == 0)
            {
                break;
            }

            var n = Inflate(block, length, inflated, offset);
            result.Write(inflated, 0, n);
            lastWasEmpty = n == 0;
            offset += length;
        }

        if (!lastWasEmpty)
        {
            throw MissingEndOfFile(offset);
        }

        return result.ToArray();
    }

    public static InvalidDataException MissingEndOfFile(long offset) => offset == 0
        ? new InvalidDataException("The stream is empty; it holds no BGZF data.")
        : new InvalidDataException($"The BGZF data ends at compressed offset {offset} without the end-of-file marker block; the file is probably truncated.");

    private static int FindBlockSize(ReadOnlySpan<byte> extra, long blockOffset)
    {
        // Walk the extra subfields (SI1, SI2, SLEN, data) for 'B','C' with a 2-byte BSIZE.
        var i = 0;
        while (i + 4 <= extra.Length)
        {
            var subfieldLength = extra[i + 2] | (extra[i + 3] << 8);
            if (i + 4 + subfieldLength > extra.Length)
            {
                break;
            }

            if (extra[i] == (byte)'B' && extra[i + 1] == (byte)'C' && subfieldLength == 2)
            {
                return (extra[i + 4] | (extra[i + 5] << 8)) + 1;
            }

            i += 4 + subfieldLength;
        }

        throw new InvalidDataException($"The gzip member at compressed offset {blockOffset} has no BGZF block-size field; the file is gzip but not BGZF.");
    }

    private static void ReadExactly(Stream stream, Span<byte> destination, long blockOffset)
    {
        if (stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) < destination.Length)
        {
            throw Truncated(blockOffset);
        }
    }

    private static InvalidDataException Truncated(long blockOffset) =>
        new($"The BGZF data ends inside the block at compressed offset {blockOffset}; the file is truncated.");

    private static InvalidDataException Malformed(long blockOffset) =>
        new($"The BGZF block at compressed offset {blockOffset} has an impossible size field.");

    private static InvalidDataException Corrupt(long blockOffset) =>
        new($"The BGZF block at compressed offset {blockOffset} is corrupt (its size does not match its trailer).");
}
