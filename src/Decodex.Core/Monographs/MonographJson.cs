using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Decodex.Core.Genomics;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Monographs;

/// <summary>
/// JSON for monographs and other Decodex outputs: camelCase names, enum values as the same
/// kebab-case terms the YAML uses, nulls left out. Names are stable; see the README. Metadata is
/// generated at compile time (no runtime reflection).
/// </summary>
public static class MonographJson
{
    /// <summary>Options with Decodex's conventions that resolve types through <paramref name="resolvers"/> and the monograph metadata.</summary>
    public static JsonSerializerOptions CreateOptions(params IJsonTypeInfoResolver[] resolvers)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, MonographJsonContext.Default]),
        };
        foreach (var converter in EnumConverters())
        {
            options.Converters.Add(converter);
        }

        options.MakeReadOnly();
        return options;
    }

    /// <summary>The options monographs are written with.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises <paramref name="document"/>.</summary>
    public static string Render(MonographDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.Serialize(document, (JsonTypeInfo<MonographDocument>)Options.GetTypeInfo(typeof(MonographDocument)));
    }

    private static IEnumerable<JsonConverter> EnumConverters()
    {
        var policy = JsonNamingPolicy.KebabCaseLower;
        yield return new JsonStringEnumConverter<CompoundKind>(policy);
        yield return new JsonStringEnumConverter<ClaimSection>(policy);
        yield return new JsonStringEnumConverter<EvidenceScope>(policy);
        yield return new JsonStringEnumConverter<EffectDirection>(policy);
        yield return new JsonStringEnumConverter<StudyDesign>(policy);
        yield return new JsonStringEnumConverter<Species>(policy);
        yield return new JsonStringEnumConverter<EvidenceRole>(policy);
        yield return new JsonStringEnumConverter<VerificationStatus>(policy);
        yield return new JsonStringEnumConverter<PublicationType>(policy);
        yield return new JsonStringEnumConverter<SafetyType>(policy);
        yield return new JsonStringEnumConverter<SourceType>(policy);
        yield return new JsonStringEnumConverter<InteractionMechanism>(policy);
        yield return new JsonStringEnumConverter<InteractionSeverity>(policy);
        yield return new JsonStringEnumConverter<CarrierResponse>(policy);
        yield return new JsonStringEnumConverter<Route>(policy);
        yield return new JsonStringEnumConverter<CompoundRelation>(policy);
        yield return new JsonStringEnumConverter<AssertionStatus>(policy);
        yield return new JsonStringEnumConverter<AgeBand>(policy);
        yield return new JsonStringEnumConverter<ModifierKind>(policy);
        yield return new JsonStringEnumConverter<ModifierConsistency>(policy);
        yield return new JsonStringEnumConverter<Reports.FindingKind>(policy);
        yield return new JsonStringEnumConverter<Reports.FindingLevel>(policy);
        yield return new JsonStringEnumConverter<Pgx.Calling.PgxCallStatus>(policy);
        yield return new JsonStringEnumConverter<IssueSeverity>(policy);
        yield return new JsonStringEnumConverter<GradeScale>(policy);
        yield return new JsonStringEnumConverter<GradeLevel>(policy);
        yield return new JsonStringEnumConverter<RiskOfBias>(policy);
        yield return new JsonStringEnumConverter<MakerLinkKind>(policy);
        yield return new JsonStringEnumConverter<ComparisonOperator>(policy);
        yield return new JsonStringEnumConverter<IssueSeverity>(policy);
        yield return new JsonStringEnumConverter<GenomeBuild>(policy);
        yield return new JsonStringEnumConverter<Sex>(policy);
        yield return new JsonStringEnumConverter<ApoeStatus>(policy);
    }
}
