using System.Collections.Immutable;
using System.Text.Json;

namespace Decodex.Core.Pgx.Compilation;

/// <summary>
/// Typed reads from the upstream JSON files through <see cref="JsonDocument"/> (no reflection). A
/// field of the wrong type is an <see cref="InvalidDataException"/> naming the field.
/// </summary>
internal static class SourceJson
{
    public static JsonDocument Open(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not valid JSON.", ex);
        }
    }

    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement element, string name) => Property(element, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new InvalidDataException($"'{name}' is not a string."),
    };

    public static string RequiredString(JsonElement element, string name) =>
        String(element, name) ?? throw new InvalidDataException($"'{name}' is missing.");

    public static int? Int(JsonElement element, string name) => Property(element, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value => value.GetInt32(),
        _ => throw new InvalidDataException($"'{name}' is not a number."),
    };

    public static bool Bool(JsonElement element, string name) => Property(element, name) is { ValueKind: JsonValueKind.True };

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) => Property(element, name) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } value => value.EnumerateArray(),
        _ => throw new InvalidDataException($"'{name}' is not an array."),
    };

    /// <summary>An array of strings and nulls, kept slot for slot.</summary>
    public static ImmutableArray<string?> StringSlots(JsonElement element, string name) =>
        [.. Array(element, name).Select(e => e.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => e.GetString(),
            _ => throw new InvalidDataException($"'{name}' holds a value that is not a string."),
        })];

    /// <summary>An object of string (or null) values as an ordinally sorted map; null values are left out.</summary>
    public static ImmutableSortedDictionary<string, string> StringMap(JsonElement element, string name)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (Property(element, name) is not { } map)
        {
            return builder.ToImmutable();
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"'{name}' is not an object.");
        }

        foreach (var entry in map.EnumerateObject())
        {
            switch (entry.Value.ValueKind)
            {
                case JsonValueKind.String:
                    builder.Add(entry.Name, entry.Value.GetString()!);
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    throw new InvalidDataException($"'{name}.{entry.Name}' is not a string.");
            }
        }

        return builder.ToImmutable();
    }
}
