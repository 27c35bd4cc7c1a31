using System.Text.Json.Serialization;

namespace Decodex.Core.Pgx;

/// <summary>How a variant's GRCh37 coordinates were joined from the pypgx variant table.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PgxCoordinateMatch>))]
public enum PgxCoordinateMatch
{
    /// <summary>A pypgx row with the same chromosome and GRCh38 position.</summary>
    [JsonStringEnumMemberName("grch38-position")]
    Grch38Position,

    /// <summary>No row at the GRCh38 position; a row with the same rsID on the same chromosome.</summary>
    [JsonStringEnumMemberName("rsid")]
    RsId,
}
