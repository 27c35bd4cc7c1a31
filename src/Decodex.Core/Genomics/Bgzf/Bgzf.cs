namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// Facts about BGZF, the blocked gzip format that <c>bgzip</c> writes and that tabix and CSI indexes
/// point into. A BGZF file is a series of gzip members ("blocks") of at most 64 KiB each, every one
/// carrying its own compressed size in a <c>BC</c> extra field, and ending with a 28-byte empty block.
/// </summary>
/// <remarks>
/// The class shares its name with its namespace. Code in <c>Decodex.Core.Genomics</c> sees the
/// namespace first, so write <c>Bgzf.Bgzf.IsBgzf(...)</c> there, or use an alias
/// (<c>using BgzfFormat = Decodex.Core.Genomics.Bgzf.Bgzf;</c>).
/// </remarks>
public static class Bgzf
{
    /// <summary>How many leading bytes <see cref="IsBgzf"/> needs to decide.</summary>
    public const int HeaderLength = 18;

    /// <summary>
    /// Tells a BGZF file from any other gzip file by its first bytes: a gzip header with the
    /// <c>FEXTRA</c> flag whose first extra subfield is <c>BC</c> with two bytes of data, as bgzip
    /// and htslib write it.
    /// </summary>
    /// <param name="first18Bytes">
    /// The first bytes of the file; fewer than <see cref="HeaderLength"/> bytes gives <see langword="false"/>,
    /// more are ignored.
    /// </param>
    /// <returns>
    /// <see langword="true"/> for BGZF; <see langword="false"/> for plain (possibly multi-member) gzip,
    /// which callers should read with <see cref="System.IO.Compression.GZipStream"/>, and for anything else.
    /// </returns>
    public static bool IsBgzf(ReadOnlySpan<byte> first18Bytes)
    {
        if (first18Bytes.Length < HeaderLength)
        {
            return false;
        }

        var extraLength = first18Bytes[10] | (first18Bytes[11] << 8);
        return first18Bytes[0] == 31 && first18Bytes[1] == 139 && first18Bytes[2] == 8
            && (first18Bytes[3] & 4) != 0
            && extraLength >= 6
            && first18Bytes[12] == (byte)'B' && first18Bytes[13] == (byte)'C'
            && first18Bytes[14] == 2 && first18Bytes[15] == 0;
    }

    /// <summary>The empty block bgzip writes at the end of a file; a file without it was cut short.</summary>
    internal static ReadOnlySpan<byte> EndOfFileBlock =>
    [
        0x1F, 0x8B, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x06, 0x00, 0x42, 0x43,
        0x02, 0x00, 0x1B, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary>Whether a seekable BGZF stream ends with the end-of-file block; the position is left changed.</summary>
    internal static bool EndsWithEndOfFileBlock(Stream stream)
    {
        var length = EndOfFileBlock.Length;
        if (stream.Length < length)
        {
            return false;
        }

        Span<byte> tail = stackalloc byte[length];
        stream.Position = stream.Length - length;
        return stream.ReadAtLeast(tail, length, throwOnEndOfStream: false) == length && tail.SequenceEqual(EndOfFileBlock);
    }
}
