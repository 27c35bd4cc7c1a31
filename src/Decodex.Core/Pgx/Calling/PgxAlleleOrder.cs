using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// How PharmCAT writes allele names in a diplotype: sub-alleles under their core name, and the two
/// names in its haplotype-name order, so results read as PharmCAT's do (<c>*1/*38</c>, <c>*6/*80+*28</c>,
/// <c>Reference/c.1905+1G&gt;A (*2A)</c>).
/// </summary>
internal static partial class PgxAlleleOrder
{
    /// <summary>
    /// The <c>suballelesMap</c> of PharmCAT's translation data (3.1.1), the only sub-alleles it reports
    /// under another name: SLCO1B1's *45 is defined twice, on the *1 and the *15 background. The
    /// conformance tests check this table against every shipped translation file.
    /// </summary>
    public static FrozenDictionary<string, FrozenDictionary<string, string>> SubAlleles { get; } = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal)
    {
        ["SLCO1B1"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["*45.001"] = "*45", ["*45.002"] = "*45" }.ToFrozenDictionary(StringComparer.Ordinal),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The name PharmCAT reports for a defined allele (its core name for a sub-allele).</summary>
    public static string Reported(PgxGene gene, string allele) =>
        SubAlleles.TryGetValue(gene.Symbol, out var map) && map.TryGetValue(allele, out var core) ? core : allele;

    /// <summary>
    /// PharmCAT's order of two allele names: star alleles by number, then by what follows (<c>*3A</c>
    /// before <c>*3B</c>, <c>*80</c> before <c>*80+*28</c>); HGVS names (<c>c.1627A&gt;G</c>) by position;
    /// otherwise the gene's reference allele first, then ordinal order.
    /// </summary>
    public static int Compare(PgxGene gene, string a, string b)
    {
        if (Numbered(StarName(), a, b) is { } star)
        {
            return star;
        }

        if (Numbered(HgvsName(), a, b) is { } hgvs)
        {
            return hgvs;
        }

        var aReference = string.Equals(a, gene.ReferenceAllele, StringComparison.Ordinal);
        var bReference = string.Equals(b, gene.ReferenceAllele, StringComparison.Ordinal);
        return aReference != bReference ? (aReference ? -1 : 1) : string.CompareOrdinal(a, b);
    }

    private static int? Numbered(Regex pattern, string a, string b)
    {
        var x = pattern.Match(a);
        var y = pattern.Match(b);
        if (!x.Success || !y.Success)
        {
            return null;
        }

        var byNumber = decimal.Parse(x.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)
            .CompareTo(decimal.Parse(y.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture));
        return byNumber != 0 ? byNumber : string.CompareOrdinal(a, b);
    }

    [GeneratedRegex(@"^\*(\d{1,9})")]
    private static partial Regex StarName();

    [GeneratedRegex(@"^[cgnmopr]\.(\d{1,9})")]
    private static partial Regex HgvsName();
}
