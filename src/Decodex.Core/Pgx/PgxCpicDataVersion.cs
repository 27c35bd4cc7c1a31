using System.Text.Json.Serialization;

namespace Decodex.Core.Pgx;

/// <summary>
/// The dates and versions of the CPIC content in the data file. Every output that shows a CPIC
/// recommendation or level should show <see cref="Label"/>.
/// </summary>
public sealed record PgxCpicDataVersion
{
    /// <summary>The recommendation export, e.g. <c>CPIC v1.30.0 (PharmCAT v2.6.0 export, Aug 2023)</c>.</summary>
    public required string Recommendations { get; init; }

    /// <summary>The <c>cpicVersion</c> field of the recommendation exports, e.g. <c>v1.30.0</c>.</summary>
    public required string CpicVersion { get; init; }

    /// <summary>The date of the CPIC gene–drug pair table (levels), ISO 8601, e.g. <c>2023-08-19</c>.</summary>
    public required string PairTableDate { get; init; }

    /// <summary>One line for display: the recommendation export and the pair-table date.</summary>
    [JsonIgnore]
    public string Label => $"{Recommendations}; CPIC gene–drug pairs and levels of {PairTableDate}";
}
