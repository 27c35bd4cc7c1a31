using System.Text.Encodings.Web;
using System.Text.Json;

namespace Decodex.Core.Pgx;

/// <summary>
/// Writes <see cref="PgxData"/> in the canonical file format: UTF-8 without BOM, two-space indent, LF
/// line ends, a final newline, non-ASCII text unescaped. The same data always gives the same bytes.
/// </summary>
public static class PgxDataWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file's bytes for <paramref name="data"/>.</summary>
    public static byte[] ToUtf8Bytes(PgxData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream();
        Write(data, stream);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="data"/> to <paramref name="stream"/> (left open).</summary>
    public static void Write(PgxData data, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stream);
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            JsonSerializer.Serialize(writer, data, PgxJsonContext.Default.PgxData);
        }

        stream.WriteByte((byte)'\n');
    }
}
