namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// What every possible result has in common: the phenotype, activity score and CPIC lookup key when
/// all share them. Two scores can share a phenotype yet lead to different CPIC recommendations (DPYD
/// 1.0 and 1.5), so a phenotype is given only with its key: for genes scored by activity, a phenotype
/// is never given without its score. A possibility without a phenotype agrees with nothing.
/// </summary>
internal sealed record Agreement(string? Phenotype, string? ActivityScore, string? LookupKey)
{
    public static Agreement None { get; } = new(null, null, null);

    public static Agreement Of(IReadOnlyList<PgxPhenotype?> possible)
    {
        if (possible.Count == 0 || possible.Any(p => p is null))
        {
            return None;
        }

        var phenotype = possible.Select(p => p!.Phenotype).Distinct(StringComparer.Ordinal).Count() == 1 ? possible[0]!.Phenotype : null;
        var key = possible.Select(p => p!.LookupKey).Distinct(StringComparer.Ordinal).Count() == 1 ? possible[0]!.LookupKey : null;
        return phenotype is null || key is null ? None : new Agreement(phenotype, possible[0]!.ActivityScore, key);
    }
}
