using System.IO.Compression;

namespace Decodex.Core.Genomics.Health;

/// <summary>Opens a seekable stream as text bytes whether it is plain or gzip (ClinVar VCFs, PGS Catalog scoring files).</summary>
internal static class PlainOrGzip
{
    /// <exception cref="ArgumentException">The stream cannot seek.</exception>
    public static Stream Open(Stream stream, string what)
    {
        var buffered = new BufferedStream(stream, 1 << 16);
        if (!buffered.CanSeek)
        {
            throw new ArgumentException($"The {what} stream must be seekable.", nameof(stream));
        }

        Span<byte> magic = stackalloc byte[2];
        var got = buffered.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        buffered.Position = 0;
        return got == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(buffered, CompressionMode.Decompress) : buffered;
    }
}
