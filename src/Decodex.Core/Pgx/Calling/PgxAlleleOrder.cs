using System.Collections.Frozen;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// How PharmCAT writes allele names in a diplotype: sub-alleles under their core name, and the two
/// names in its haplotype-name order, so results read as PharmCAT's do (<c>*1/*38</c>, <c>*6/*80+*28</c>,
/// <c>Reference/c.1905+1G&gt;A (*2A)</c>).
/// </summary>
internal static class PgxAlleleOrder
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
        if (Numbered(a, b, static name => name.StartsWith('*') ? 1 : -1) is { } star)
        {
            return star;
        }

        if (Numbered(a, b, static name => name.Length > 2 && name[1] == '.' && "cgnmopr".Contains(name[0], StringComparison.Ordinal) ? 2 : -1) is { } hgvs)
        {
            return hgvs;
        }

        var aReference = string.Equals(a, gene.ReferenceAllele, StringComparison.Ordinal);
        var bReference = string.Equals(b, gene.ReferenceAllele, StringComparison.Ordinal);
        return aReference != bReference ? (aReference ? -1 : 1) : string.CompareOrdinal(a, b);
    }

    /// <summary>
    /// Compares two names by the number (up to nine digits) that starts at the offset
    /// <paramref name="numberAt"/> gives (negative: the name has no such prefix); null unless both have one.
    /// Written out rather than as a regex: a diplotype list of a large gene compares thousands of names.
    /// </summary>
    private static int? Numbered(string a, string b, Func<string, int> numberAt)
    {
        if (Number(a, numberAt(a)) is not { } x || Number(b, numberAt(b)) is not { } y)
        {
            return null;
        }

        var byNumber = x.CompareTo(y);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(a, b);
    }

    private static int? Number(string name, int at)
    {
        if (at < 0)
        {
            return null;
        }

        var value = 0;
        var digits = 0;
        while (at + digits < name.Length && digits < 9 && char.IsAsciiDigit(name[at + digits]))
        {
            value = (value * 10) + (name[at + digits] - '0');
            digits++;
        }

        return digits == 0 ? null : value;
    }
}
