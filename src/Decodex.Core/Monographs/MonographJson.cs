using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Decodex.Core.Monographs;

/// <summary>
/// JSON for monographs and knowledge-base listings: camelCase names, enum values as the same
/// kebab-case terms the YAML uses, nulls left out. Names are stable; see the README.
/// </summary>
public static class MonographJson
{
    /// <summary>The serializer options every Decodex JSON output uses.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Serialises <paramref name="document"/>.</summary>
    public static string Render(MonographDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.Serialize(document, Options);
    }
}
