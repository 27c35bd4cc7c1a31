using System.Collections.Immutable;

namespace Decodex.Core.Pgx;

/// <summary>
/// One row of a CPIC recommendation export: the per-gene key the recommendation is found by, with the
/// phenotypes, activity scores and allele statuses of that row, all exactly as the source gives them.
/// </summary>
public sealed record PgxLookup
{
    /// <summary>Gene → lookup key: a phenotype (<c>Poor Metabolizer</c>), an activity score (<c>1.25</c>) or an allele status.</summary>
    public ImmutableSortedDictionary<string, string> LookupKey { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Gene → phenotype.</summary>
    public ImmutableSortedDictionary<string, string> Phenotypes { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Gene → activity score (<c>n/a</c> for genes not scored by activity, as in the source).</summary>
    public ImmutableSortedDictionary<string, string> ActivityScores { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Gene → allele status (HLA positive/negative); empty for most drugs.</summary>
    public ImmutableSortedDictionary<string, string> AlleleStatus { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}
