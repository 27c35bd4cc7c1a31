using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Decodex.Core.Pgx;

/// <summary>
/// Writes a list of leaf entities (variants, alleles, lookup rows, pairs …) one entity per line inside
/// the indented data file: diffs stay entity by entity, and the file does not pay for indentation inside
/// thousands of small objects. Entities are read and written through <see cref="PgxLineJsonContext"/>,
/// which has the same conventions as <see cref="PgxJsonContext"/>.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
internal sealed class PgxEntityListConverter<T> : JsonConverter<ImmutableArray<T>>
    where T : class
{
    private static JsonTypeInfo<T> TypeInfo => (JsonTypeInfo<T>)PgxLineJsonContext.Default.GetTypeInfo(typeof(T))!;

    public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of {typeof(T).Name}.");
        }

        var builder = ImmutableArray.CreateBuilder<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            builder.Add(JsonSerializer.Deserialize(ref reader, TypeInfo) ?? throw new JsonException($"Null in an array of {typeof(T).Name}."));
        }

        return builder.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options)
    {
        if (value.IsDefaultOrEmpty)
        {
            writer.WriteRawValue("[]"u8, skipInputValidation: true);
            return;
        }

        var indented = writer.Options.Indented;
        var newLine = indented ? Encoding.UTF8.GetBytes(writer.Options.NewLine) : [];
        var indent = writer.Options.IndentCharacter == '\t' ? (byte)'\t' : (byte)' ';
        var outer = indented ? writer.CurrentDepth * writer.Options.IndentSize : 0;
        var inner = indented ? outer + writer.Options.IndentSize : 0;

        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("["u8);
        for (var i = 0; i < value.Length; i++)
        {
            buffer.Write(newLine);
            Pad(buffer, indent, inner);
            using (var line = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = writer.Options.Encoder }))
            {
                JsonSerializer.Serialize(line, value[i], TypeInfo);
            }

            if (i < value.Length - 1)
            {
                buffer.Write(","u8);
            }
        }

        buffer.Write(newLine);
        Pad(buffer, indent, outer);
        buffer.Write("]"u8);
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    private static void Pad(ArrayBufferWriter<byte> buffer, byte indent, int count)
    {
        var span = buffer.GetSpan(count)[..count];
        span.Fill(indent);
        buffer.Advance(count);
    }
}
