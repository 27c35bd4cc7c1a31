namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// Matches a gene's named-allele definitions against observations, following PharmCAT's Named Allele
/// Matcher for unphased data: a definition's empty slot means the reference base; positions the file
/// lacks are dropped from every definition; each definition scores the defining positions read that it
/// specifies; a diplotype fits when, at every position read, its two alleles can be arranged to give the
/// two bases observed. Unlike PharmCAT this returns every fitting diplotype, including those made of
/// alleles defined only at missing positions, because a missing position is unknown, not reference.
/// </summary>
public static class PgxAlleleMatcher
{
    /// <summary>Matches the gene; see <see cref="PgxAlleleMatch"/>.</summary>
    public static PgxAlleleMatch Match(PgxGene gene, IReadOnlyList<PgxObservation?> observations, bool undocumentedAsReference)
    {
        ArgumentNullException.ThrowIfNull(gene);
        ArgumentNullException.ThrowIfNull(observations);
        var reference = gene.Alleles.First(a => a.IsReference);
        var present = new List<int>();
        var first = new List<string>();
        var second = new List<string>();
        var undocumented = new List<int>();
        var haploid = true;
        for (var i = 0; i < gene.Variants.Length; i++)
        {
            if (observations[i] is not { } o)
            {
                continue;
            }

            var fill = ReferenceBase(gene, reference, i);
            string Documented(string allele)
            {
                if (IsDocumented(gene.Variants[i], allele))
                {
                    return allele;
                }

                undocumented.Add(i);
                return undocumentedAsReference ? fill : allele;
            }

            present.Add(i);
            first.Add(Documented(o.First));
            second.Add(o.Second is null ? first[^1] : Documented(o.Second));
            haploid &= o.Second is null;
        }

        if (present.Count == 0 || (undocumented.Count > 0 && !undocumentedAsReference))
        {
            return new PgxAlleleMatch(present.Count, [], [], [.. undocumented.Distinct()]);
        }

        // Each allele's vector over the positions read (empty slot = reference base) and its score.
        var candidates = new List<(PgxAllele Allele, string[] Bases, int Score)>();
        foreach (var allele in gene.Alleles)
        {
            var bases = new string[present.Count];
            var score = 0;
            var viable = true;
            for (var k = 0; k < present.Count && viable; k++)
            {
                var slot = allele.Alleles[present[k]];
                score += slot is null ? 0 : 1;
                bases[k] = slot ?? ReferenceBase(gene, reference, present[k]);
                viable = Fits(bases[k], first[k]) || Fits(bases[k], second[k]);
            }

            if (viable)
            {
                candidates.Add((allele, bases, score));
            }
        }

        var fits = new List<PgxDiplotype>();
        for (var x = 0; x < candidates.Count; x++)
        {
            if (haploid)
            {
                fits.Add(new PgxDiplotype(candidates[x].Allele, null, candidates[x].Score));
                continue;
            }

            for (var y = x; y < candidates.Count; y++)
            {
                var a = candidates[x].Bases;
                var b = candidates[y].Bases;
                var ok = true;
                for (var k = 0; k < present.Count && ok; k++)
                {
                    ok = (Fits(a[k], first[k]) && Fits(b[k], second[k])) || (Fits(a[k], second[k]) && Fits(b[k], first[k]));
                }

                if (ok)
                {
                    fits.Add(new PgxDiplotype(candidates[x].Allele, candidates[y].Allele, candidates[x].Score + candidates[y].Score));
                }
            }
        }

        // PharmCAT's call: the top-scoring diplotypes among alleles that specify at least one position read.
        var scored = fits.Where(d => Specifies(d.First, present) && (d.Second is null || Specifies(d.Second, present))).ToList();
        var top = scored.Count == 0 ? 0 : scored.Max(d => d.Score);
        var best = scored.Where(d => d.Score == top).ToList();
        var all = fits.OrderByDescending(d => d.Score).ToList();
        return new PgxAlleleMatch(present.Count, best, all, [.. undocumented.Distinct()]);
    }

    /// <summary>The reference base at a variant: the reference allele's slot, or the definition's REF when the slot is empty or ambiguous.</summary>
    private static string ReferenceBase(PgxGene gene, PgxAllele reference, int index)
    {
        var slot = reference.Alleles[index];
        return slot is null || (slot.Length == 1 && Iupac.IsWobble(slot[0])) ? gene.Variants[index].Grch38.Ref : slot;
    }

    private static bool Specifies(PgxAllele allele, List<int> present) => present.Any(i => allele.Alleles[i] is not null);

    private static bool IsDocumented(PgxVariant variant, string allele) =>
        string.Equals(variant.Grch38.Ref, allele, StringComparison.Ordinal) || variant.Grch38.Alts.Contains(allele, StringComparer.Ordinal);

    /// <summary>Whether a definition's allele (IUPAC codes allowed for single bases) admits the observed allele.</summary>
    internal static bool Fits(string definition, string observed)
    {
        if (string.Equals(definition, observed, StringComparison.Ordinal))
        {
            return true;
        }

        return definition.Length == 1 && observed.Length == 1 && Iupac.Admits(definition[0], observed[0]);
    }
}

/// <summary>The result of <see cref="PgxAlleleMatcher.Match"/>.</summary>
/// <param name="PositionsRead">Defining positions with an observation.</param>
/// <param name="Best">PharmCAT's call: the top-scoring fitting diplotypes among alleles that specify a position read.</param>
/// <param name="All">Every fitting diplotype, highest score first.</param>
/// <param name="Undocumented">Variant indices where the file has an allele no definition lists.</param>
public sealed record PgxAlleleMatch(int PositionsRead, IReadOnlyList<PgxDiplotype> Best, IReadOnlyList<PgxDiplotype> All, IReadOnlyList<int> Undocumented);
