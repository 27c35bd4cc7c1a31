namespace Decodex.Core.Pgx;

/// <summary>
/// One activity score and the phenotype that diplotypes with that score have in the source map.
/// Only pairs that occur in the source diplotype table are listed; no ranges are invented.
/// </summary>
public sealed record PgxActivityPhenotype
{
    /// <summary>The score as the source writes it (e.g. <c>1.5</c>, <c>≥3.0</c>, <c>n/a</c>); it is also the recommendation lookup key.</summary>
    public required string ActivityScore { get; init; }

    /// <summary>The phenotype, e.g. <c>Intermediate Metabolizer</c>.</summary>
    public required string Phenotype { get; init; }
}
