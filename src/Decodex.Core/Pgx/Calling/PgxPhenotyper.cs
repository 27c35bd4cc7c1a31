using System.Globalization;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// Turns two alleles into a phenotype with the gene's own map: the function pair for function genes,
/// the sum of activity values for activity genes. Nothing is guessed: an allele without an assigned
/// function or value, or a score the map does not list, gives no phenotype.
/// </summary>
public static class PgxPhenotyper
{
    /// <summary>The phenotype of the pair, or null when the data cannot give one.</summary>
    public static PgxPhenotype? Of(PgxGene gene, PgxAllele first, PgxAllele? second)
    {
        ArgumentNullException.ThrowIfNull(gene);
        ArgumentNullException.ThrowIfNull(first);
        if (second is null)
        {
            // Haploid (a male X gene): the maps are written for two alleles; no phenotype is derived.
            return null;
        }

        switch (gene.PhenotypeMethod)
        {
            case PgxPhenotypeMethod.Function when first.Function is { } f1 && second.Function is { } f2:
                return gene.FindFunctionPhenotype(f1, f2) is { } row ? new PgxPhenotype(row.Phenotype, null, row.LookupKey) : null;
            case PgxPhenotypeMethod.ActivityScore:
                return ActivityScore(first.ActivityValue, second.ActivityValue) is { } score && gene.FindActivityPhenotype(score) is { } phenotype
                    ? new PgxPhenotype(phenotype, score, score)
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The phenotype the map lists for an activity score; null when not listed.</summary>
    public static PgxPhenotype? OfActivityScore(PgxGene gene, decimal score)
    {
        ArgumentNullException.ThrowIfNull(gene);
        var text = FormatScore(score);
        return gene.FindActivityPhenotype(text) is { } phenotype ? new PgxPhenotype(phenotype, text, text) : null;
    }

    /// <summary>
    /// The sum of two activity values as the source writes scores (<c>2.0</c>, <c>1.25</c>); <c>n/a</c>
    /// when either value is <c>n/a</c>; null when a value is missing or not a number (e.g. <c>≥3.0</c>).
    /// </summary>
    public static string? ActivityScore(string? first, string? second)
    {
        if (first is null || second is null)
        {
            return null;
        }

        if (first == "n/a" || second == "n/a")
        {
            return "n/a";
        }

        return TryValue(first, out var a) && TryValue(second, out var b) ? FormatScore(a + b) : null;
    }

    /// <summary>Parses an activity value such as <c>0.5</c>.</summary>
    public static bool TryValue(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>Formats a score with at least one decimal: 2 → <c>2.0</c>, 1.25 → <c>1.25</c>.</summary>
    public static string FormatScore(decimal score) => score.ToString("0.0#", CultureInfo.InvariantCulture);
}
