using System.Text.Json.Serialization;

namespace Decodex.Core.Pgx;

/// <summary>
/// Compile-time JSON metadata for the PGx data file (no runtime reflection, works in a native build).
/// Nulls are written, so every entity has the same fields. Leaf entities, string arrays and string
/// maps are written one per line (<see cref="PgxEntityListConverter{T}"/>), the structure around them indented.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    Converters =
    [
        typeof(PgxStringArrayConverter),
        typeof(PgxStringMapConverter),
        typeof(PgxEntityListConverter<PgxVariant>),
        typeof(PgxEntityListConverter<PgxAllele>),
        typeof(PgxEntityListConverter<PgxLookup>),
        typeof(PgxEntityListConverter<PgxGeneDrugPair>),
        typeof(PgxEntityListConverter<PgxFunctionPhenotype>),
        typeof(PgxEntityListConverter<PgxActivityPhenotype>),
        typeof(PgxEntityListConverter<PgxCitation>),
        typeof(PgxEntityListConverter<PgxDrugGene>),
        typeof(PgxEntityListConverter<PgxGeneFlag>),
    ])]
[JsonSerializable(typeof(PgxData))]
internal sealed partial class PgxJsonContext : JsonSerializerContext;
