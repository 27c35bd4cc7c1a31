using System.Globalization;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// DPYD by CPIC's variant-level convention (PMID 29152729) as PharmCAT implements it: the activity
/// score is the lowest variant activity value on one chromosome plus the lowest on the other. With
/// phased or effectively phased data (at most one heterozygous call, or all of them phased together)
/// the chromosomes are known, so two variants in cis count once. Without phase, two different
/// decreased or no-function variants are presumed on different chromosomes, which is the lowest score
/// the calls allow (PharmCAT's two lowest values; with several phase sets, its lowest-scoring
/// orientation). HapB3 is read from intronic rs75017182, falling back to exonic rs56038477 only when
/// the intronic position is missing; both on one chromosome are named HapB3. Untested variants (missing
/// positions, the unknown half of a half call) can only lower the score, so they leave the score open
/// unless it is already the lowest possible; a phenotype is given only with its score.
/// </summary>
internal static class PgxDpydCaller
{
    /// <summary>The most phase groups whose orientations are tried one by one (2^12 orientations).</summary>
    private const int MaxOrientationGroups = 12;

    public static PgxGeneCall Call(PgxCaller.CallContext context)
    {
        var gene = context.Gene;
        var reference = gene.Alleles.First(a => a.IsReference);
        var sites = new List<Site>();
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupCount = 0;
        var undocumented = 0;
        var unknownHalves = new List<PgxVariant>();
        foreach (var variant in gene.Variants)
        {
            if (context.Observations[variant.Index] is not { } o)
            {
                continue;
            }

            var referenceBase = reference.Alleles[variant.Index] ?? variant.Grch38.Ref;
            PgxAllele? Hit(string allele)
            {
                if (allele == PgxObservation.Unknown)
                {
                    unknownHalves.Add(variant);
                    return null;
                }

                if (PgxAlleleMatcher.Fits(referenceBase, allele))
                {
                    return null;
                }

                var hit = HitAt(context, variant, allele);
                undocumented += hit is null && !gene.Alleles.Any(a => !a.IsReference && a.Alleles[variant.Index] is { } slot && PgxAlleleMatcher.Fits(slot, allele)) ? 1 : 0;
                return hit;
            }

            var first = Hit(o.First);
            var second = o.Second is null ? first : Hit(o.Second);
            var group = -1;
            if (!string.Equals(o.First, o.Second ?? o.First, StringComparison.Ordinal))
            {
                group = o.IsPhased && groups.TryGetValue(o.PhaseSet ?? string.Empty, out var g) ? g : groupCount++;
                if (o.IsPhased)
                {
                    groups[o.PhaseSet ?? string.Empty] = group;
                }
            }

            sites.Add(new Site(variant, o, first, second, group));
        }

        if (undocumented > 0)
        {
            context.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"At {undocumented} allele(s) the file has a variant that no DPYD definition lists; as PharmCAT does for DPYD, it was read as the reference allele."));
        }

        var hits = sites.SelectMany(s => s.Observation.Second is null ? new[] { s.First } : [s.First, s.Second]).OfType<PgxAllele>().ToList();
        foreach (var hit in hits.Distinct())
        {
            if (!PgxPhenotyper.TryValue(hit.ActivityValue, out _))
            {
                context.Notes.Insert(0, $"{hit.Name} has no activity value in the data, so no DPYD activity score can be given.");
                var found = hits.Distinct().Take(2).Prepend(reference).Prepend(reference).TakeLast(2).ToArray();
                return Result(context, found, Agreement.None, [], PgxCallStatus.Ambiguous, []);
            }
        }

        // Variants that lower activity and might be present unseen: defined only at positions the file
        // lacks, or at a position whose call has an unknown half.
        var untested = gene.Alleles
            .Where(a => !a.IsReference && PgxPhenotyper.TryValue(a.ActivityValue, out var v) && v < 1m)
            .Where(a => gene.Variants.Where(v => a.Alleles[v.Index] is not null).All(v => context.Observations[v.Index] is null)
                || unknownHalves.Any(v => a.Alleles[v.Index] is not null))
            .ToList();
        var untestedValues = untested.Select(a => Value(a)).Distinct().ToList();

        // Each orientation of the heterozygous groups gives the two chromosomes; the lowest score is used.
        var phased = groupCount <= 1;
        var orientations = groupCount <= MaxOrientationGroups ? Enumerable.Range(0, 1 << Math.Max(groupCount - 1, 0)).ToList() : [];
        (List<PgxAllele> A, List<PgxAllele> B) Strands(int orientation)
        {
            var a = new List<PgxAllele>();
            var b = new List<PgxAllele>();
            foreach (var s in sites)
            {
                var (x, y) = s.IsSwapped(orientation) ? (s.Second, s.First) : (s.First, s.Second);
                if (x is not null)
                {
                    a.Add(x);
                }

                if (y is not null)
                {
                    b.Add(y);
                }
            }

            return (NameHapB3(context, a, sites, orientation, second: false), NameHapB3(context, b, sites, orientation, second: true));
        }

        var candidates = orientations.Count > 0
            ? orientations.Select(Strands).ToList()
            : [TwoLowest(hits)];
        var options = new List<decimal> { 1m };
        options.AddRange(untestedValues);
        var scores = new SortedSet<decimal>();
        foreach (var x in options)
        {
            foreach (var y in options)
            {
                scores.Add(candidates.Min(c => Math.Min(Lowest(c.A), x) + Math.Min(Lowest(c.B), y)));
            }
        }

        var chosen = candidates.MinBy(c => Lowest(c.A) + Lowest(c.B));
        var pair = new[] { LowestAllele(gene, chosen.A) ?? reference, LowestAllele(gene, chosen.B) ?? reference };
        var phenotypes = scores.Select(s => PgxPhenotyper.OfActivityScore(gene, s)).ToList();
        var distinct = phenotypes.Select(p => p?.Phenotype ?? "unassigned").Distinct(StringComparer.Ordinal).ToList();
        var agreed = Agreement.Of(phenotypes);
        var status = agreed.LookupKey is null ? PgxCallStatus.Ambiguous : context.Complete && unknownHalves.Count == 0 ? PgxCallStatus.Called : PgxCallStatus.Partial;
        if (untested.Count > 0)
        {
            context.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{untested.Count} decreased- or no-function DPYD variants are defined at positions the file lacks or calls only in half; any of them would lower the activity score."));
        }

        if (scores.Count > 1)
        {
            context.Notes.Add($"The DPYD activity score could be {string.Join(" or ", scores.Reverse().Select(PgxPhenotyper.FormatScore))}; CPIC's recommendation depends on the score, so none is given.");
        }

        if (groupCount > 0 && phased && sites.Any(s => s.Group >= 0 && s.Observation.IsPhased))
        {
            context.Notes.Add("The file phases DPYD: as PharmCAT does, the lowest-activity variant on each chromosome counts, so variants on one chromosome count once.");
        }
        else if (groupCount > 1)
        {
            context.Notes.Add("DPYD is not phased in the file: as CPIC and PharmCAT do, two different variants are presumed to lie on different chromosomes (the lowest score they allow).");
        }

        if (hits.Count > 2)
        {
            context.Notes.Add($"Variants found: {string.Join(", ", hits.Distinct().Select(h => h.Name))}; the score uses the lowest-activity one on each chromosome.");
        }

        return Result(context, pair, agreed, distinct, status, untested);
    }

    /// <summary>
    /// The allele a variant allele at one position stands for: the single-variant definition, else a
    /// multi-variant one (HapB3) whose other positions are all missing (the exonic fallback).
    /// </summary>
    private static PgxAllele? HitAt(PgxCaller.CallContext context, PgxVariant variant, string allele)
    {
        var gene = context.Gene;
        var candidates = gene.Alleles.Where(a => !a.IsReference && a.Alleles[variant.Index] is { } slot && PgxAlleleMatcher.Fits(slot, allele)).ToList();
        var single = candidates.FirstOrDefault(a => a.Alleles.Count(s => s is not null) == 1);
        if (single is not null)
        {
            return single;
        }

        var fallback = candidates.FirstOrDefault(a => gene.Variants.Where(v => v.Index != variant.Index && a.Alleles[v.Index] is not null).All(v => context.Observations[v.Index] is null));
        if (fallback is null && candidates.Count > 0)
        {
            var conflict = $"{context.Label(variant)} carries a variant of {candidates[0].Name}; its other defining position is read and decides, as PharmCAT lets the intronic HapB3 variant decide.";
            if (!context.Notes.Contains(conflict))
            {
                context.Notes.Add(conflict);
            }
        }

        var note = fallback is null ? null : $"{fallback.Name} was read from {context.Label(variant)} because its other defining position is missing (PharmCAT's fallback for HapB3).";
        if (note is not null && !context.Notes.Contains(note))
        {
            context.Notes.Add(note);
        }

        return fallback;
    }

    /// <summary>
    /// On one chromosome, a multi-variant allele (HapB3) whose every position is read with its
    /// variant on that chromosome replaces the single-variant hits it is made of, as PharmCAT names it.
    /// </summary>
    private static List<PgxAllele> NameHapB3(PgxCaller.CallContext context, List<PgxAllele> strand, List<Site> sites, int orientation, bool second)
    {
        var gene = context.Gene;
        foreach (var combined in gene.Alleles.Where(a => !a.IsReference && a.Alleles.Count(s => s is not null) > 1))
        {
            var parts = gene.Variants.Where(v => combined.Alleles[v.Index] is not null).ToList();
            var onStrand = parts.All(v => sites.FirstOrDefault(s => s.Variant.Index == v.Index) is { } site
                && site.Half(orientation, second) is var allele && allele != PgxObservation.Unknown
                && PgxAlleleMatcher.Fits(combined.Alleles[v.Index]!, allele));
            if (onStrand)
            {
                strand = [.. strand.Where(h => !parts.Any(v => h.Alleles[v.Index] is not null && h.Alleles.Count(s => s is not null) == 1)).Append(combined).Distinct()];
            }
        }

        return strand;
    }

    /// <summary>Unphased data too split to orient: the two lowest values, presumed on different chromosomes.</summary>
    private static (List<PgxAllele> A, List<PgxAllele> B) TwoLowest(List<PgxAllele> hits)
    {
        var sorted = hits.OrderBy(Value).ToList();
        return (sorted.Take(1).ToList(), sorted.Skip(1).Take(1).ToList());
    }

    private static decimal Value(PgxAllele allele) => PgxPhenotyper.TryValue(allele.ActivityValue, out var v) ? v : 1m;

    private static decimal Lowest(List<PgxAllele> strand) => strand.Count == 0 ? 1m : Math.Min(1m, strand.Min(Value));

    private static PgxAllele? LowestAllele(PgxGene gene, List<PgxAllele> strand) =>
        strand.OrderBy(Value).ThenBy(h => gene.Alleles.IndexOf(h)).FirstOrDefault();

    private static PgxGeneCall Result(PgxCaller.CallContext context, PgxAllele[] pair, Agreement phenotype, IReadOnlyList<string> possible, PgxCallStatus status, IReadOnlyList<PgxAllele> untested)
    {
        var gene = context.Gene;
        var name = context.Name(new PgxDiplotype(pair[0], pair[1], 0));
        var settling = gene.Variants
            .Where(v => context.Observations[v.Index] is null && untested.Any(a => a.Alleles[v.Index] is not null))
            .Select(v => $"{context.Label(v)} ({string.Join(", ", untested.Where(a => a.Alleles[v.Index] is not null).Select(a => a.Name))})")
            .ToList();
        if (!context.Complete)
        {
            context.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{gene.Variants.Length - context.Read} of {gene.Variants.Length} defining positions are not in the file; variants there are neither assumed absent nor present."));
        }

        return new PgxGeneCall
        {
            Gene = gene.Symbol,
            Status = status,
            Basis = "dpyd-variants",
            Diplotypes = [name],
            DiplotypeCount = 1,
            PharmCatDiplotypes = [name],
            Phenotype = phenotype.Phenotype,
            ActivityScore = phenotype.ActivityScore,
            LookupKey = phenotype.LookupKey,
            PossiblePhenotypes = possible,
            PositionsRead = context.Read,
            PositionsRequired = gene.Variants.Length,
            SettlingPositions = settling,
            Observed = context.Observed,
            Notes = context.Notes,
            SettlingTest = status == PgxCallStatus.Called ? null : "a clinical DPYD genotyping test that reads the settling positions listed",
        };
    }

    /// <summary>An observed position: the allele each half stands for (null: reference or unknown) and its orientation group (-1: homozygous).</summary>
    private sealed record Site(PgxVariant Variant, PgxObservation Observation, PgxAllele? First, PgxAllele? Second, int Group)
    {
        /// <summary>Whether this orientation puts the second half on the first chromosome (group 0 never moves).</summary>
        public bool IsSwapped(int orientation) => Group > 0 && ((orientation >> (Group - 1)) & 1) == 1;

        /// <summary>The observed allele on the first or second chromosome under this orientation.</summary>
        public string Half(int orientation, bool second) =>
            IsSwapped(orientation) != second ? Observation.Second ?? Observation.First : Observation.First;
    }
}
