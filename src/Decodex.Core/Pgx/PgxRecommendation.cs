using System.Collections.Immutable;

namespace Decodex.Core.Pgx;

/// <summary>
/// A CPIC recommendation for a drug, text copied exactly from the CPIC export (CC0; attribute CPIC).
/// Export rows whose texts are identical are merged: <see cref="Lookups"/> holds each original row's
/// keys, so every row of the source is still found by its own lookup.
/// </summary>
public sealed record PgxRecommendation
{
    /// <summary>Gene → implication text.</summary>
    public ImmutableSortedDictionary<string, string> Implications { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The recommendation text.</summary>
    public required string DrugRecommendation { get; init; }

    /// <summary>Strength of the recommendation: <c>Strong</c>, <c>Moderate</c>, <c>Optional</c>, <c>No Recommendation</c> or <c>n/a</c>.</summary>
    public required string Classification { get; init; }

    /// <summary>Comments as given (may be <c>n/a</c>); null when the source has none.</summary>
    public string? Comments { get; init; }

    /// <summary>Population the row applies to (e.g. <c>general</c>, <c>adults</c>, <c>PHT naive</c>); null when not given.</summary>
    public string? Population { get; init; }

    /// <summary>The source rows this recommendation applies to (at least one).</summary>
    public ImmutableArray<PgxLookup> Lookups { get; init; } = [];

    /// <summary>True when one of the lookup rows has exactly this key for the gene (ordinal).</summary>
    public bool Matches(string gene, string key)
    {
        ArgumentNullException.ThrowIfNull(gene);
        ArgumentNullException.ThrowIfNull(key);
        return Lookups.Any(l => l.LookupKey.TryGetValue(gene, out var value) && string.Equals(value, key, StringComparison.Ordinal));
    }
}
