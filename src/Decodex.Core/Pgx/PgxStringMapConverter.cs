using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Decodex.Core.Pgx;

/// <summary>
/// Reads a JSON object of string values into an ordinally sorted map and writes it on one line even in
/// an indented file (gene → phenotype maps are short; thousands of them would otherwise cost a megabyte of indentation).
/// </summary>
internal sealed class PgxStringMapConverter : JsonConverter<ImmutableSortedDictionary<string, string>>
{
    public override ImmutableSortedDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object of strings.");
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString() ?? throw new JsonException("Expected a property name.");
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Expected a string value for '{key}'.");
            }

            builder[key] = reader.GetString()!;
        }

        return builder.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, string> value, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var line = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = writer.Options.Encoder }))
        {
            line.WriteStartObject();
            foreach (var (key, text) in value)
            {
                line.WriteString(key, text);
            }

            line.WriteEndObject();
        }

        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }
}
