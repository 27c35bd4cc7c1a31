using System.Globalization;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// The probable phenotype when the file leaves several diplotypes open. Each diplotype that fits the
/// positions read gets its Hardy–Weinberg prior from CPIC's allele frequencies in a biogeographic group
/// (f_a·f_b, twice that when the alleles differ); diplotypes that do not fit get 0, so the posterior is
/// the prior renormalised over the fitting ones. An allele CPIC has no frequency for in a group counts 0
/// there (it is listed, never assumed normal); the reference allele without a row gets 1 − Σ others.
/// DPYD follows CPIC's variant-level convention instead: each gene copy independently carries an untested
/// decreased- or no-function variant with its CPIC frequency, and the score is the sum of the two lowest.
/// A phenotype is <see cref="PgxCallStatus.Probable"/> when it holds at least
/// <see cref="PgxProbableCall.Threshold"/> in every group considered. CYP2D6 is made probable only as
/// Poor Metabolizer: copy number cannot raise a pair of no-function alleles, but it decides the others.
/// </summary>
public static class PgxProbability
{
    private const string Unassigned = "unassigned";
    private const string PoorMetabolizer = "Poor Metabolizer";

    /// <summary>
    /// Adds <see cref="PgxGeneCall.Probable"/> to a call from its gene and observations, and makes an
    /// open call <see cref="PgxCallStatus.Probable"/> when one phenotype reaches the threshold in every
    /// group with data. Called, not-callable and already-phenotyped calls keep their status.
    /// </summary>
    public static PgxGeneCall Assess(PgxGene gene, IReadOnlyList<PgxObservation?> observations, PgxGeneCall call, PgxFrequencies frequencies)
    {
        ArgumentNullException.ThrowIfNull(gene);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(frequencies);
        if (call.Status is PgxCallStatus.Called or PgxCallStatus.NotCallable || gene.PhenotypeMethod is null || frequencies.GroupsFor(gene.Symbol).Count == 0)
        {
            return call;
        }

        var groups = gene.HasFlag("dpyd-lowest-two-activity") ? Dpyd(gene, observations, call, frequencies) : Diplotypes(gene, observations, frequencies);
        if (groups.Count == 0)
        {
            return call;
        }

        var probable = new PgxProbableCall
        {
            Groups = groups,
            AmpTier1 = Tier1(gene, observations, frequencies),
            Method = gene.HasFlag("dpyd-lowest-two-activity")
                ? "CPIC's DPYD convention (sum of the two lowest variant activity values); each gene copy carries an untested decreased- or no-function variant with its CPIC frequency"
                : "Hardy–Weinberg priors from CPIC allele frequencies over the diplotypes that fit the positions read",
        };
        return Decide(call with { Probable = probable }, null);
    }

    /// <summary>
    /// The calls seen from one stated biogeographic group (a CPIC group name); unchanged when
    /// <paramref name="group"/> is null or names no CPIC group.
    /// </summary>
    public static IReadOnlyList<PgxGeneCall> ForGroup(IReadOnlyList<PgxGeneCall> calls, string? group)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return PgxFrequencies.ResolveGroup(group) is { } resolved ? [.. calls.Select(c => c.Probable is null ? c : Decide(c, resolved))] : calls;
    }

    /// <summary>Chooses the phenotype over the groups considered and sets the status it earns.</summary>
    private static PgxGeneCall Decide(PgxGeneCall call, string? statedGroup)
    {
        var probable = call.Probable!;
        var stated = statedGroup is null ? null : probable.Groups.FirstOrDefault(g => g.Group == statedGroup);
        var considered = stated is null ? probable.Groups : [stated];
        var candidates = considered.SelectMany(g => g.Phenotypes).Where(p => p.Phenotype != Unassigned).Select(Key).Distinct(StringComparer.Ordinal);
        double Of(PgxGroupOdds g, string key) => g.Phenotypes.FirstOrDefault(p => Key(p) == key)?.Probability ?? 0;
        var best = candidates.Select(k => (Key: k, Min: considered.Min(g => Of(g, k)), Max: considered.Max(g => Of(g, k))))
            .OrderByDescending(x => x.Min).ThenBy(x => x.Key, StringComparer.Ordinal).FirstOrDefault();
        var row = best.Key is null ? null : considered.SelectMany(g => g.Phenotypes).First(p => Key(p) == best.Key);
        var untested = row is null ? [] : considered.Select(g => g.Phenotypes.FirstOrDefault(p => Key(p) == best.Key)?.UntestedFrequency ?? 0).ToList();
        probable = probable with
        {
            Phenotype = row?.Phenotype,
            ActivityScore = row?.ActivityScore,
            LookupKey = row?.LookupKey,
            ProbabilityMin = best.Min,
            ProbabilityMax = best.Max,
            StatedGroup = stated?.Group,
            GroupsConsidered = [.. considered.Select(g => g.Group)],
            UntestedAlleles = row?.UntestedAlleles ?? [],
            TestedAlternatives = row?.TestedAlternatives ?? [],
            TestedWithoutFrequency = [.. considered.SelectMany(g => g.TestedWithoutFrequency).Distinct(StringComparer.Ordinal)],
            UntestedWithoutFrequency = best.Key is null ? [] : [.. considered.SelectMany(g => g.Phenotypes.FirstOrDefault(p => Key(p) == best.Key)?.WithoutFrequency ?? []).Distinct(StringComparer.Ordinal)],
            UntestedFrequencyMin = untested.Count == 0 ? 0 : untested.Min(),
            UntestedFrequencyMax = untested.Count == 0 ? 0 : untested.Max(),
        };

        // Only an open call (no phenotype from the caller, or one this class gave) can become probable.
        var open = call.Status == PgxCallStatus.Probable || (call.Phenotype is null && call.Status is PgxCallStatus.Ambiguous or PgxCallStatus.Partial);
        if (!open)
        {
            return call with { Probable = probable };
        }

        var cyp2d6 = call.Basis == "snp-alleles";
        string[] ours = ["Probable:", "Not probable enough:", "Not in the probability:", "No frequencies for "];
        var notes = call.Notes.Where(n => !ours.Any(o => n.StartsWith(o, StringComparison.Ordinal))).ToList();
        if (statedGroup is not null && stated is null)
        {
            notes.Add($"No frequencies for {call.Gene} in {statedGroup}: CPIC gives none, so the range across the groups with data is shown.");
        }

        // Clinical practice tests the AMP Tier 1 set and assumes only the rest absent: a probable call never
        // rests on an untested Tier 1 allele that would change it.
        var tier1Open = probable.UntestedAlleles.Where(a => probable.AmpTier1.Any(t => t.Allele == a && !t.Tested)).ToList();
        var promoted = probable.MeetsThreshold && (!cyp2d6 || probable.Phenotype == PoorMetabolizer) && tier1Open.Count == 0 && probable.TestedWithoutFrequency.Count == 0;
        if (promoted)
        {
            // The caller's "no phenotype" notes no longer hold once a probable phenotype is given.
            notes.RemoveAll(n => n.Contains("share one phenotype", StringComparison.Ordinal) || n.Contains("no phenotype or activity score is given", StringComparison.Ordinal));
        }

        if (probable.UntestedWithoutFrequency.Count > 0)
        {
            notes.Add($"Not in the probability: CPIC gives no frequency in some of the groups considered for {string.Join(", ", probable.UntestedWithoutFrequency.Take(8))}{(probable.UntestedWithoutFrequency.Count > 8 ? ", …" : string.Empty)}, untested alleles that would change the phenotype; they are counted as absent there, so the true probability can be a little lower.");
        }

        var range = Range(probable.ProbabilityMin, probable.ProbabilityMax);
        var where = stated is null ? string.Create(CultureInfo.InvariantCulture, $"across the {considered.Count} CPIC groups with data") : $"for the stated group {stated.Group}";
        if (promoted)
        {
            notes.Insert(0, $"Probable: {probable.Phenotype} with probability {range} {where}, from the positions read and CPIC allele frequencies; a complete test could still differ.");
            if (probable.TestedAlternatives.Count > 0)
            {
                notes.Insert(1, $"Probable: the positions read also fit {string.Join(", ", probable.TestedAlternatives)} (the variants seen, arranged on the two copies another way; the file cannot tell the phase), which would give another phenotype; it is counted in the probability.");
            }

            if (cyp2d6)
            {
                notes.Insert(1, "Probable: both CYP2D6 alleles seen are no-function; a deletion, duplication or no-function hybrid cannot raise that, so copy number cannot change Poor Metabolizer unless a copy with function was missed.");
            }

            return call with
            {
                Status = PgxCallStatus.Probable,
                Phenotype = probable.Phenotype,
                ActivityScore = probable.ActivityScore,
                LookupKey = probable.LookupKey,
                Notes = notes,
                Probable = probable,
                SettlingTest = call.SettlingTest ?? $"a clinical {call.Gene} genotyping test",
            };
        }

        if (probable.Phenotype is not null)
        {
            notes.Add(cyp2d6 && probable.Phenotype != PoorMetabolizer
                ? $"Not probable enough: from SNPs alone the most likely CYP2D6 phenotype is {probable.Phenotype} ({range} {where}), but copy number can change it, so none is given."
                : probable.TestedWithoutFrequency.Count > 0
                ? $"Not probable enough: the positions read fit {string.Join(", ", probable.TestedWithoutFrequency)}, for which CPIC gives no frequency in some group considered, so the probabilities cannot be trusted and no phenotype is given."
                : tier1Open.Count > 0
                ? $"Not probable enough: the most likely phenotype is {probable.Phenotype} ({range} {where}), but the file does not read AMP Tier 1 allele(s) {string.Join(", ", tier1Open)}, which would change it; clinical tests always read them."
                : string.Create(CultureInfo.InvariantCulture, $"Not probable enough: the most likely phenotype is {probable.Phenotype} ({range} {where}), below the {PgxProbableCall.Threshold:P0} Decodex requires in every group."));
        }

        return call with
        {
            Status = call.Status == PgxCallStatus.Probable ? PgxCallStatus.Ambiguous : call.Status,
            Phenotype = call.Status == PgxCallStatus.Probable ? null : call.Phenotype,
            ActivityScore = call.Status == PgxCallStatus.Probable ? null : call.ActivityScore,
            LookupKey = call.Status == PgxCallStatus.Probable ? null : call.LookupKey,
            Notes = notes,
            Probable = probable,
        };
    }

    /// <summary>A probability range in words, e.g. <c>96.1 % to over 99.9 %</c>, or one value when both ends round alike.</summary>
    public static string Range(double min, double max)
    {
        static string Words(double p) => Percent(p) switch
        {
            ">99.9" => "over 99.9 %",
            "<0.1" => "under 0.1 %",
            var text => text + " %",
        };

        var a = Words(min);
        var b = Words(max);
        return a == b ? a : $"{a} to {b}";
    }

    /// <summary>
    /// A probability as a percentage with one decimal; never 100 (frequencies are estimates and alleles
    /// without data count 0) nor 0 when above 0: <c>&gt;99.9</c>, <c>&lt;0.1</c>.
    /// </summary>
    public static string Percent(double p)
    {
        var value = Math.Round(p * 100, 1);
        return value >= 100 || p >= 0.9995 ? ">99.9" : value <= 0 && p > 0 ? "<0.1" : value.ToString("0.0", CultureInfo.InvariantCulture);
    }

    /// <summary>Per group: the fitting diplotypes weighted by their HWE prior, summed per phenotype.</summary>
    /// <remarks>
    /// A file with few positions of a large gene leaves thousands of diplotypes open, so everything that
    /// does not depend on the group (each fit's phenotype key, which alleles are untested, which would
    /// change each phenotype) is worked out once, by allele name (unique within a gene), and each group
    /// only sums its weights in the same order.
    /// </remarks>
    private static List<PgxGroupOdds> Diplotypes(PgxGene gene, IReadOnlyList<PgxObservation?> observations, PgxFrequencies frequencies)
    {
        var match = PgxAlleleMatcher.Match(gene, observations, gene.HasFlag("unlisted-variant-as-reference"));
        if (match.All.Count == 0 || match.All.Any(d => d.Second is null))
        {
            return [];
        }

        var order = new Dictionary<string, int>(gene.Alleles.Length, StringComparer.Ordinal);
        for (var i = 0; i < gene.Alleles.Length; i++)
        {
            order.TryAdd(gene.Alleles[i].Name, i);
        }

        int Order(PgxAllele a) => order.GetValueOrDefault(a.Name, -1);
        var memo = new Dictionary<(string, string), PgxPhenotype?>();
        var keyOf = new Dictionary<PgxPhenotype, string>(ReferenceEqualityComparer.Instance);
        string KeyOf(PgxPhenotype? phenotype)
        {
            if (phenotype is null)
            {
                return Unassigned;
            }

            if (!keyOf.TryGetValue(phenotype, out var key))
            {
                keyOf[phenotype] = key = Key(phenotype);
            }

            return key;
        }

        var fits = new List<(PgxAllele First, PgxAllele Second, PgxPhenotype? Phenotype, string Key)>(match.All.Count);
        var alleles = new Dictionary<string, PgxAllele>(StringComparer.Ordinal);
        var keysOf = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var d in match.All)
        {
            var second = d.Second!;
            if (!memo.TryGetValue((d.First.Name, second.Name), out var phenotype))
            {
                memo[(d.First.Name, second.Name)] = phenotype = PgxPhenotyper.Of(gene, d.First, second);
            }

            var key = KeyOf(phenotype);
            fits.Add((d.First, second, phenotype, key));
            foreach (var a in (ReadOnlySpan<PgxAllele>)[d.First, second])
            {
                alleles.TryAdd(a.Name, a);
                if (!keysOf.TryGetValue(a.Name, out var set))
                {
                    keysOf[a.Name] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(key);
            }
        }

        // The alleles that would give another phenotype than P: in a fit with another phenotype, in no
        // fit with P, and not fully read (alleles the file tested are phase ambiguities, not untested).
        var untested = alleles.Values.Where(a => !a.IsReference && gene.Variants.Any(v => a.Alleles[v.Index] is not null && observations[v.Index] is null)).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var tested = alleles.Values.Where(a => !a.IsReference && !untested.Contains(a.Name)).OrderBy(Order).ToList();
        var keys = fits.Select(f => f.Key).Distinct(StringComparer.Ordinal).ToList();
        var untestedByOrder = alleles.Values.Where(a => untested.Contains(a.Name)).OrderBy(Order).ToList();
        var changers = keys.ToDictionary(k => k, k => untestedByOrder.Where(a => !keysOf[a.Name].Contains(k)).ToList(), StringComparer.Ordinal);

        // Fits of another phenotype made only of alleles the file read in full: a phase alternative (TPMT *3B/*3C).
        var readInFull = fits.Where(f => !untested.Contains(f.First.Name) && !untested.Contains(f.Second.Name)).ToList();
        var alternatives = keys.ToDictionary(k => k, k => readInFull.Where(f => f.Key != k)
            .Select(f => $"{(Order(f.First) <= Order(f.Second) ? $"{f.First.Name}/{f.Second.Name}" : $"{f.Second.Name}/{f.First.Name}")} ({f.Phenotype?.Phenotype ?? Unassigned})").ToList(), StringComparer.Ordinal);
        // Per fit, as small numbers: its two alleles' places in the allele list and its phenotype's place in keys.
        var alleleList = alleles.Values.ToList();
        var alleleAt = new Dictionary<string, int>(alleleList.Count, StringComparer.Ordinal);
        for (var i = 0; i < alleleList.Count; i++)
        {
            alleleAt[alleleList[i].Name] = i;
        }

        var keyAt = new Dictionary<string, int>(keys.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            keyAt[keys[i]] = i;
        }

        var fitFirst = new int[fits.Count];
        var fitSecond = new int[fits.Count];
        var fitKey = new int[fits.Count];
        var keyPhenotype = new PgxPhenotype?[keys.Count];
        for (var i = 0; i < fits.Count; i++)
        {
            fitFirst[i] = alleleAt[fits[i].First.Name];
            fitSecond[i] = alleleAt[fits[i].Second.Name];
            fitKey[i] = keyAt[fits[i].Key];
            keyPhenotype[fitKey[i]] = fits[i].Phenotype;
        }

        var result = new List<PgxGroupOdds>();
        var frequency = new double[alleleList.Count];
        foreach (var group in frequencies.GroupsFor(gene.Symbol))
        {
            var table = frequencies.For(gene.Symbol, group)!;
            var referenceFrequency = Math.Max(0, 1 - table.Values.Sum());
            double F(PgxAllele a) => table.TryGetValue(a.Name, out var f) ? f : a.IsReference ? referenceFrequency : 0;
            for (var i = 0; i < alleleList.Count; i++)
            {
                frequency[i] = F(alleleList[i]);
            }

            // Summed per phenotype in the order of the fits; the phenotypes listed in the order first seen.
            var weight = new double[keys.Count];
            var seen = new bool[keys.Count];
            var total = 0.0;
            for (var i = 0; i < fits.Count; i++)
            {
                var w = frequency[fitFirst[i]] * frequency[fitSecond[i]] * (fitFirst[i] == fitSecond[i] ? 1 : 2);
                total += w;
                weight[fitKey[i]] += w;
                seen[fitKey[i]] = true;
            }

            if (total <= 0)
            {
                continue;
            }

            result.Add(new PgxGroupOdds(group, [.. Enumerable.Range(0, keys.Count).Where(k => seen[k])
                .Select(k => new PgxPhenotypeOdds(keyPhenotype[k]?.Phenotype ?? Unassigned, keyPhenotype[k]?.ActivityScore, keyPhenotype[k]?.LookupKey, weight[k] / total, [.. changers[keys[k]].Select(a => a.Name)], changers[keys[k]].Sum(F), [.. changers[keys[k]].Where(a => !table.ContainsKey(a.Name)).Select(a => a.Name)]) { TestedAlternatives = alternatives[keys[k]] })
                .OrderByDescending(p => p.Probability).ThenBy(p => p.Phenotype, StringComparer.Ordinal)])
            {
                TestedWithoutFrequency = [.. tested.Where(a => !table.ContainsKey(a.Name)).Select(a => a.Name)],
            });
        }

        return result;
    }

    /// <summary>
    /// DPYD: the two lowest observed variants (the call's diplotype) plus untested decreased- or
    /// no-function variants, each present on a gene copy with its CPIC frequency (at most one per copy).
    /// </summary>
    private static List<PgxGroupOdds> Dpyd(PgxGene gene, IReadOnlyList<PgxObservation?> observations, PgxGeneCall call, PgxFrequencies frequencies)
    {
        if (call.Diplotypes.Count != 1 || Pair(gene, call.Diplotypes[0]) is not { } pair)
        {
            return [];
        }

        var observed = new List<decimal>();
        foreach (var allele in new[] { pair.First, pair.Second }.Where(a => !a.IsReference))
        {
            if (!PgxPhenotyper.TryValue(allele.ActivityValue, out var value))
            {
                return [];
            }

            observed.Add(value);
        }

        var untested = gene.Alleles
            .Where(a => !a.IsReference && PgxPhenotyper.TryValue(a.ActivityValue, out var v) && v < 1m)
            .Where(a => gene.Variants.Where(v => a.Alleles[v.Index] is not null).All(v => observations[v.Index] is null))
            .Select(a => (Allele: a, Value: decimal.Parse(a.ActivityValue!, CultureInfo.InvariantCulture)))
            .ToList();
        PgxPhenotype? Phenotype(params decimal[] extra) => PgxPhenotyper.OfActivityScore(gene, observed.Concat(extra).Concat([1m, 1m]).Order().Take(2).Sum());

        // The phenotypes do not depend on the group: worked out once for no, one and two untested variants.
        var none = Phenotype();
        var single = untested.Select(u => Phenotype(u.Value)).ToArray();
        var singleKey = single.Select(Key).ToArray();
        var both = new PgxPhenotype?[untested.Count, untested.Count];
        var bothKey = new string[untested.Count, untested.Count];
        for (var i = 0; i < untested.Count; i++)
        {
            for (var j = 0; j < untested.Count; j++)
            {
                both[i, j] = Phenotype(untested[i].Value, untested[j].Value);
                bothKey[i, j] = Key(both[i, j]);
            }
        }

        var result = new List<PgxGroupOdds>();
        foreach (var group in frequencies.GroupsFor(gene.Symbol))
        {
            var table = frequencies.For(gene.Symbol, group)!;
            var f = untested.Select(u => table.GetValueOrDefault(u.Allele.Name)).ToList();
            var s = f.Sum();
            var weights = new Dictionary<string, (PgxPhenotype? Phenotype, double Weight)>(StringComparer.Ordinal);
            void Add(PgxPhenotype? p, string key, double w) => weights[key] = (p, (weights.TryGetValue(key, out var sum) ? sum.Weight : 0) + w);

            Add(none, Key(none), (1 - s) * (1 - s));
            for (var i = 0; i < untested.Count; i++)
            {
                Add(single[i], singleKey[i], 2 * f[i] * (1 - s));
                for (var j = 0; j < untested.Count; j++)
                {
                    Add(both[i, j], bothKey[i, j], f[i] * f[j]);
                }
            }

            result.Add(new PgxGroupOdds(group, [.. weights.Select(kv =>
            {
                // Untested variants that, alone on one copy, would give another phenotype.
                var changers = untested.Select((u, i) => (u.Allele, F: f[i], Key: singleKey[i])).Where(x => x.Key != kv.Key).ToList();
                return new PgxPhenotypeOdds(kv.Value.Phenotype?.Phenotype ?? Unassigned, kv.Value.Phenotype?.ActivityScore, kv.Value.Phenotype?.LookupKey, kv.Value.Weight, [.. changers.Select(x => x.Allele.Name)], changers.Sum(x => x.F), [.. changers.Where(x => !table.ContainsKey(x.Allele.Name)).Select(x => x.Allele.Name)]);
            }).OrderByDescending(p => p.Probability).ThenBy(p => p.Phenotype, StringComparer.Ordinal)]));
        }

        return result;
    }

    /// <summary>The two alleles a DPYD diplotype name is made of.</summary>
    private static (PgxAllele First, PgxAllele Second)? Pair(PgxGene gene, string name)
    {
        foreach (var a in gene.Alleles)
        {
            if (name.StartsWith(a.Name + "/", StringComparison.Ordinal) && gene.FindAllele(name[(a.Name.Length + 1)..]) is { } b)
            {
                return (a, b);
            }
        }

        return null;
    }

    /// <summary>Each AMP Tier 1 allele with its defining positions read.</summary>
    private static List<PgxTier1Coverage> Tier1(PgxGene gene, IReadOnlyList<PgxObservation?> observations, PgxFrequencies frequencies) =>
        [.. frequencies.Tier1(gene.Symbol).Select(name =>
        {
            var allele = gene.FindAllele(name);
            var positions = allele is null ? [] : gene.Variants.Where(v => allele.Alleles[v.Index] is not null).ToList();
            return new PgxTier1Coverage(name, positions.Count(v => observations[v.Index] is not null), positions.Count);
        })];

    /// <summary>Phenotypes differ when their activity scores do (CPIC may advise differently, e.g. DPYD 1.0 and 1.5).</summary>
    private static string Key(PgxPhenotype? phenotype) => phenotype is null ? Unassigned : phenotype.ActivityScore is { } score ? $"{phenotype.Phenotype} ({score})" : phenotype.Phenotype;

    private static string Key(PgxPhenotypeOdds odds) => odds.Phenotype == Unassigned ? Unassigned : odds.ActivityScore is { } score ? $"{odds.Phenotype} ({score})" : odds.Phenotype;
}
