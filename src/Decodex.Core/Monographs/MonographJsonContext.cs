using System.Text.Json.Serialization;

namespace Decodex.Core.Monographs;

/// <summary>Compile-time JSON metadata for monographs, so JSON output works without runtime reflection (and in a native build).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(MonographDocument))]
internal sealed partial class MonographJsonContext : JsonSerializerContext;
