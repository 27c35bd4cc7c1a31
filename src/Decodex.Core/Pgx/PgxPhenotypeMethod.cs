using System.Text.Json.Serialization;

namespace Decodex.Core.Pgx;

/// <summary>How a gene's diplotype becomes a phenotype in the source data.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PgxPhenotypeMethod>))]
public enum PgxPhenotypeMethod
{
    /// <summary>The two alleles' functions give the phenotype (<see cref="PgxGene.FunctionPhenotypes"/>).</summary>
    [JsonStringEnumMemberName("function")]
    Function,

    /// <summary>The sum of the two alleles' activity values gives a score, and the score a phenotype (<see cref="PgxGene.ActivityPhenotypes"/>).</summary>
    [JsonStringEnumMemberName("activity-score")]
    ActivityScore,
}
