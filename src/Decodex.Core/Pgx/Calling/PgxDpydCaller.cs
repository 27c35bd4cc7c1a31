using System.Globalization;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// DPYD by CPIC's variant-level convention (PMID 29152729, as PharmCAT implements it for unphased
/// data): list the variants found; the activity score is the sum of the two lowest variant activity
/// values, two different decreased or no-function variants being presumed on different gene copies.
/// HapB3 is read from intronic rs75017182, falling back to exonic rs56038477. Untested no-function or
/// decreased-function variants can only lower the score, so they leave the phenotype open unless the
/// score is already the lowest possible.
/// </summary>
internal static class PgxDpydCaller
{
    public static PgxGeneCall Call(PgxCaller.CallContext context)
    {
        var gene = context.Gene;
        var reference = gene.Alleles.First(a => a.IsReference);
        var hits = new List<PgxAllele>();
        var undocumented = 0;
        foreach (var variant in gene.Variants)
        {
            if (context.Observations[variant.Index] is not { } o)
            {
                continue;
            }

            var referenceBase = reference.Alleles[variant.Index] ?? variant.Grch38.Ref;
            foreach (var allele in o.Second is null ? [o.First] : new[] { o.First, o.Second })
            {
                if (PgxAlleleMatcher.Fits(referenceBase, allele))
                {
                    continue;
                }

                var candidates = gene.Alleles.Where(a => !a.IsReference && a.Alleles[variant.Index] is { } slot && PgxAlleleMatcher.Fits(slot, allele)).ToList();
                if (candidates.Count == 0)
                {
                    undocumented++;
                    continue;
                }

                // Prefer the single-variant definition; a multi-variant one (HapB3) only stands in when its
                // other positions are missing (the exonic fallback), else the other position's own hit counts.
                var single = candidates.FirstOrDefault(a => a.Alleles.Count(s => s is not null) == 1);
                var fallback = candidates.FirstOrDefault(a => gene.Variants.Where(v => v.Index != variant.Index && a.Alleles[v.Index] is not null).All(v => context.Observations[v.Index] is null));
                if (single is not null)
                {
                    hits.Add(single);
                }
                else if (fallback is not null)
                {
                    hits.Add(fallback);
                    context.Notes.Add($"{fallback.Name} was read from {context.Label(variant)} because its other defining position is missing (PharmCAT's fallback for HapB3).");
                }
            }
        }

        if (undocumented > 0)
        {
            context.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"At {undocumented} allele(s) the file has a variant that no DPYD definition lists; as PharmCAT does for DPYD, it was read as the reference allele."));
        }

        var values = new List<decimal>();
        foreach (var hit in hits)
        {
            if (!PgxPhenotyper.TryValue(hit.ActivityValue, out var value))
            {
                context.Notes.Insert(0, $"{hit.Name} has no activity value in the data, so no DPYD activity score can be given.");
                return Result(context, hits, Agreement.None, [], PgxCallStatus.Ambiguous);
            }

            values.Add(value);
        }

        // Variants that lower activity and are defined only at positions the file lacks.
        var untested = gene.Alleles
            .Where(a => !a.IsReference && PgxPhenotyper.TryValue(a.ActivityValue, out var v) && v < 1m)
            .Where(a => gene.Variants.Where(v => a.Alleles[v.Index] is not null).All(v => context.Observations[v.Index] is null))
            .ToList();
        var untestedValues = untested.Select(a => decimal.Parse(a.ActivityValue!, CultureInfo.InvariantCulture)).Distinct().ToList();
        var scores = new SortedSet<decimal> { TwoLowest(values) };
        foreach (var v in untestedValues)
        {
            scores.Add(TwoLowest([.. values, v]));
            foreach (var w in untestedValues)
            {
                scores.Add(TwoLowest([.. values, v, w]));
            }
        }

        var phenotypes = scores.Select(s => PgxPhenotyper.OfActivityScore(gene, s)).ToList();
        var distinct = phenotypes.Select(p => p?.Phenotype ?? "unassigned").Distinct(StringComparer.Ordinal).ToList();
        var agreed = Agreement.Of(phenotypes);
        var status = agreed.LookupKey is null ? PgxCallStatus.Ambiguous : context.Complete ? PgxCallStatus.Called : PgxCallStatus.Partial;
        if (untested.Count > 0)
        {
            context.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{untested.Count} decreased- or no-function DPYD variants are defined at positions the file lacks; any of them would lower the activity score."));
        }

        if (hits.Count > 2)
        {
            context.Notes.Add($"Variants found: {string.Join(", ", hits.Select(h => h.Name))}; the score uses the two with the lowest activity.");
        }

        return Result(context, hits, agreed, distinct, status, untested);
    }

    private static decimal TwoLowest(List<decimal> values) => values.Concat([1m, 1m]).Order().Take(2).Sum();

    private static PgxGeneCall Result(PgxCaller.CallContext context, List<PgxAllele> hits, Agreement phenotype, IReadOnlyList<string> possible, PgxCallStatus status, IReadOnlyList<PgxAllele>? untested = null)
    {
        var gene = context.Gene;
        var reference = gene.Alleles.First(a => a.IsReference);
        var lowest = hits.OrderBy(h => PgxPhenotyper.TryValue(h.ActivityValue, out var v) ? v : 1m).ThenBy(h => gene.Alleles.IndexOf(h)).Take(2).ToList();
        while (lowest.Count < 2)
        {
            lowest.Insert(0, reference);
        }

        var name = context.Name(new PgxDiplotype(lowest[0], lowest[1], 0));
        var settling = gene.Variants
            .Where(v => context.Observations[v.Index] is null && (untested ?? []).Any(a => a.Alleles[v.Index] is not null))
            .Select(v => $"{context.Label(v)} ({string.Join(", ", (untested ?? []).Where(a => a.Alleles[v.Index] is not null).Select(a => a.Name))})")
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
}
