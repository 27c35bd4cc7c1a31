namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// Matches a gene's named-allele definitions against observations, following PharmCAT's Named Allele
/// Matcher: a definition's empty slot means the reference base; positions the file
/// lacks are dropped from every definition; each definition scores the defining positions read that it
/// specifies; a diplotype fits when, at every position read, its two alleles can be arranged to give the
/// two bases observed. Phase is honoured as PharmCAT honours it: phased calls without a phase set keep
/// one orientation together, the phased calls of each <c>PS</c> phase set keep theirs, and every unphased
/// heterozygous call may go either way; so a gene with at most one heterozygous call (or all of them in
/// one orientation) is matched strand by strand. Unlike PharmCAT this returns every fitting diplotype,
/// including those made of alleles defined only at missing positions, because a missing position is
/// unknown, not reference.
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
        var phase = new List<string?>();
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
                if (allele == PgxObservation.Unknown || IsDocumented(gene.Variants[i], allele))
                {
                    return allele;
                }

                undocumented.Add(i);
                return undocumentedAsReference ? fill : allele;
            }

            present.Add(i);
            first.Add(Documented(o.First));
            second.Add(o.Second is null ? first[^1] : Documented(o.Second));
            phase.Add(o.IsPhased ? o.PhaseSet ?? string.Empty : null);
            haploid &= o.Second is null;
        }

        if (present.Count == 0 || (undocumented.Count > 0 && !undocumentedAsReference))
        {
            return new PgxAlleleMatch(present.Count, [], [], [.. undocumented.Distinct()]);
        }

        // Each viable allele as one mask per position read: bit 0 when its base admits the first observed
        // allele, bit 1 when it admits the second. Homozygous positions cannot separate two viable alleles,
        // so pairs are checked at heterozygous positions only.
        var heterozygous = Enumerable.Range(0, present.Count).Where(k => !string.Equals(first[k], second[k], StringComparison.Ordinal)).ToArray();
        var orientation = Orientations(heterozygous, phase, out var orientations);
        var candidates = new List<(PgxAllele Allele, byte[] Masks, int Score)>();
        foreach (var allele in gene.Alleles)
        {
            var masks = new byte[heterozygous.Length];
            var score = 0;
            var viable = true;
            for (var k = 0; k < present.Count && viable; k++)
            {
                var slot = allele.Alleles[present[k]];
                score += slot is null ? 0 : 1;
                var bases = slot ?? ReferenceBase(gene, reference, present[k]);
                viable = Fits(bases, first[k]) || Fits(bases, second[k]);
            }

            for (var h = 0; h < heterozygous.Length && viable; h++)
            {
                var k = heterozygous[h];
                var bases = allele.Alleles[present[k]] ?? ReferenceBase(gene, reference, present[k]);
                masks[h] = (byte)((Fits(bases, first[k]) ? 1 : 0) | (Fits(bases, second[k]) ? 2 : 0));
            }

            if (viable)
            {
                candidates.Add((allele, masks, score));
            }
        }

        // PharmCAT's call is the top-scoring fit among alleles that specify at least one position read
        // (score > 0); every fit is kept for the honest list.
        var fits = new List<PgxDiplotype>();
        var top = -1;
        for (var x = 0; x < candidates.Count; x++)
        {
            var (allele, a, score) = candidates[x];
            if (haploid)
            {
                fits.Add(new PgxDiplotype(allele, null, score));
                top = score > 0 ? Math.Max(top, score) : top;
                continue;
            }

            for (var y = x; y < candidates.Count; y++)
            {
                if (Fits(a, candidates[y].Masks, orientation, orientations))
                {
                    var other = candidates[y].Score;
                    fits.Add(new PgxDiplotype(allele, candidates[y].Allele, score + other));
                    top = score > 0 && other > 0 ? Math.Max(top, score + other) : top;
                }
            }
        }

        var scores = candidates.ToDictionary(c => c.Allele, c => c.Score);
        var best = fits.Where(d => d.Score == top && scores[d.First] > 0 && (d.Second is null || scores[d.Second] > 0)).ToList();
        fits.Sort((p, q) => q.Score.CompareTo(p.Score));
        return new PgxAlleleMatch(present.Count, best, fits, [.. undocumented.Distinct()]);
    }

    /// <summary>
    /// The orientation group of each heterozygous call: one group for the phased calls without a phase
    /// set, one per phase set, and one for each unphased call.
    /// </summary>
    private static int[] Orientations(int[] heterozygous, List<string?> phase, out int count)
    {
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[heterozygous.Length];
        count = 0;
        for (var h = 0; h < heterozygous.Length; h++)
        {
            if (phase[heterozygous[h]] is not { } set)
            {
                result[h] = count++;
            }
            else if (groups.TryGetValue(set, out var group))
            {
                result[h] = group;
            }
            else
            {
                result[h] = groups[set] = count++;
            }
        }

        return result;
    }

    /// <summary>
    /// Whether two alleles give the observed calls: within each orientation group, either the first
    /// allele takes every first observed allele and the second every second one, or the other way round.
    /// </summary>
    private static bool Fits(byte[] a, byte[] b, int[] orientation, int orientations)
    {
        Span<byte> ways = orientations <= 256 ? stackalloc byte[orientations] : new byte[orientations];
        ways.Fill(3);
        for (var h = 0; h < a.Length; h++)
        {
            var way = (((a[h] & 1) != 0 && (b[h] & 2) != 0) ? 1 : 0) | (((a[h] & 2) != 0 && (b[h] & 1) != 0) ? 2 : 0);
            ways[orientation[h]] &= (byte)way;
            if (ways[orientation[h]] == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The reference base at a variant: the reference allele's slot, or the definition's REF when the slot is empty or ambiguous.</summary>
    private static string ReferenceBase(PgxGene gene, PgxAllele reference, int index)
    {
        var slot = reference.Alleles[index];
        return slot is null || (slot.Length == 1 && Iupac.IsWobble(slot[0])) ? gene.Variants[index].Grch38.Ref : slot;
    }

    private static bool IsDocumented(PgxVariant variant, string allele) =>
        string.Equals(variant.Grch38.Ref, allele, StringComparison.Ordinal) || variant.Grch38.Alts.Contains(allele, StringComparer.Ordinal);

    /// <summary>Whether a definition's allele (IUPAC codes allowed for single bases) admits the observed allele.</summary>
    internal static bool Fits(string definition, string observed)
    {
        if (string.Equals(definition, observed, StringComparison.Ordinal) || observed == PgxObservation.Unknown)
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
