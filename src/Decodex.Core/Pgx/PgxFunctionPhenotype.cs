using System.Collections.Immutable;

namespace Decodex.Core.Pgx;

/// <summary>
/// One row of a function-based gene's phenotype table: two allele functions (in ordinal order) and
/// the phenotype every diplotype with those functions has in the source map.
/// </summary>
public sealed record PgxFunctionPhenotype
{
    /// <summary>The two allele functions, sorted ordinally (the pair is unordered).</summary>
    public ImmutableArray<string> Functions { get; init; } = [];

    /// <summary>The phenotype, e.g. <c>Poor Metabolizer</c>.</summary>
    public required string Phenotype { get; init; }

    /// <summary>The key CPIC recommendations are looked up by (equal to the phenotype for every current gene).</summary>
    public required string LookupKey { get; init; }
}
