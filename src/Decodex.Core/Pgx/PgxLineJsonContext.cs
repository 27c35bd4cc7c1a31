using System.Text.Json.Serialization;

namespace Decodex.Core.Pgx;

/// <summary>
/// Metadata for the entities <see cref="PgxEntityListConverter{T}"/> writes on one line; same naming,
/// null and nullability conventions as <see cref="PgxJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    Converters = [typeof(PgxStringArrayConverter), typeof(PgxStringMapConverter)])]
[JsonSerializable(typeof(PgxVariant))]
[JsonSerializable(typeof(PgxAllele))]
[JsonSerializable(typeof(PgxLookup))]
[JsonSerializable(typeof(PgxGeneDrugPair))]
[JsonSerializable(typeof(PgxFunctionPhenotype))]
[JsonSerializable(typeof(PgxActivityPhenotype))]
[JsonSerializable(typeof(PgxCitation))]
[JsonSerializable(typeof(PgxDrugGene))]
[JsonSerializable(typeof(PgxGeneFlag))]
internal sealed partial class PgxLineJsonContext : JsonSerializerContext;
