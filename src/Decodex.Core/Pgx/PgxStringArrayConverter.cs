using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Decodex.Core.Pgx;

/// <summary>
/// Reads a JSON array of strings (nulls allowed) and writes it on one line even in an indented file,
/// so a 313-slot allele vector is one line instead of 313 (smaller file, readable diffs).
/// </summary>
internal sealed class PgxStringArrayConverter : JsonConverter<ImmutableArray<string?>>
{
    // One-letter alleles (bases and IUPAC codes) fill most slots: share one string each instead of
    // allocating thousands of copies.
    private static readonly string[] Letters = [.. Enumerable.Range(0, 128).Select(c => ((char)c).ToString())];

    [ThreadStatic]
    private static string?[]? t_scratch;

    public override ImmutableArray<string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected an array of strings.");
        }

        var scratch = t_scratch ??= new string?[512];
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == scratch.Length)
            {
                Array.Resize(ref scratch, scratch.Length * 2);
                t_scratch = scratch;
            }

            scratch[count++] = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String when reader.ValueSpan.Length == 1 && reader.ValueSpan[0] < 128 && !reader.ValueIsEscaped => Letters[reader.ValueSpan[0]],
                JsonTokenType.String => reader.GetString(),
                _ => throw new JsonException("Expected a string or null in an array of strings."),
            };
        }

        var result = ImmutableArray.Create(scratch.AsSpan(0, count));
        Array.Clear(scratch, 0, count);
        return result;
    }

    public override void Write(Utf8JsonWriter writer, ImmutableArray<string?> value, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var line = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = writer.Options.Encoder }))
        {
            line.WriteStartArray();
            foreach (var item in value.IsDefault ? [] : value)
            {
                if (item is null)
                {
                    line.WriteNullValue();
                }
                else
                {
                    line.WriteStringValue(item);
                }
            }

            line.WriteEndArray();
        }

        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }
}
