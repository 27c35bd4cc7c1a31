using System.Globalization;
using Decodex.Core.Genomics;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// Calls every gene whose definitions ship from one genome: diplotypes, phenotype, coverage and status,
/// with the gene conventions of CPIC and PharmCAT (phase from the VCF, DPYD's lowest activity value per
/// chromosome, SLCO1B1's rs4149056 fallback when no star diplotype fits, reference for undocumented
/// variants in toxicity genes) and CYP2D6's limits on array and VCF data. Unknown is never normal: a
/// position the file lacks is missing, and a phenotype is given only when every diplotype that fits gives it.
/// </summary>
public static class PgxCaller
{
    private const int MaxSettlingPositions = 40;

    /// <summary>Calls every gene in <paramref name="data"/>, in the data's gene order.</summary>
    public static IReadOnlyList<PgxGeneCall> Call(PgxData data, Genome genome)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(genome);
        return [.. data.Genes.Select(g => Call(g, genome))];
    }

    /// <summary>Calls one gene from a genome.</summary>
    public static PgxGeneCall Call(PgxGene gene, Genome genome)
    {
        ArgumentNullException.ThrowIfNull(gene);
        ArgumentNullException.ThrowIfNull(genome);
        var notes = new List<string>();
        var observations = PgxObservationReader.Read(genome, gene, notes);
        return Call(gene, observations, notes);
    }

    /// <summary>
    /// Calls one gene from observations indexed like <see cref="PgxGene.Variants"/>, then adds the
    /// probable phenotype from CPIC allele frequencies (<see cref="PgxProbability"/>).
    /// </summary>
    public static PgxGeneCall Call(PgxGene gene, IReadOnlyList<PgxObservation?> observations, IEnumerable<string>? notes = null)
    {
        // ----- Probable phenotype (issue 13): kept apart from the matching below. -----
        var call = CallCore(gene, observations, notes);
        return PgxProbability.Assess(gene, observations, call, PgxFrequencies.LoadEmbedded());
    }

    private static PgxGeneCall CallCore(PgxGene gene, IReadOnlyList<PgxObservation?> observations, IEnumerable<string>? notes)
    {
        ArgumentNullException.ThrowIfNull(gene);
        ArgumentNullException.ThrowIfNull(observations);
        var context = new CallContext(gene, observations, notes);
        if (context.Read == 0)
        {
            return context.NotCallable(string.Create(CultureInfo.InvariantCulture, $"None of the {gene.Variants.Length} positions that define {gene.Symbol} alleles is in the file."));
        }

        if (gene.HasFlag("dpyd-lowest-two-activity"))
        {
            return PgxDpydCaller.Call(context);
        }

        var asReference = gene.HasFlag("unlisted-variant-as-reference");
        var match = PgxAlleleMatcher.Match(gene, observations, asReference);
        if (match.Undocumented.Count > 0)
        {
            if (!asReference)
            {
                return NoStarCall(context, string.Create(CultureInfo.InvariantCulture, $"At {match.Undocumented.Count} position(s) the file has an allele that no {gene.Symbol} definition lists (a rare variant, or a strand or file error), so no diplotype can be named."));
            }

            context.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"At {match.Undocumented.Count} position(s) the file has an allele that no definition lists; as PharmCAT does for {gene.Symbol}, it was read as the reference allele."));
        }

        if (match.All.Count == 0)
        {
            return NoStarCall(context, $"No pair of defined {gene.Symbol} alleles fits the positions read (possibly a novel allele, alleles on one chromosome that no definition combines, or a file error).");
        }

        var call = context.FromDiplotypes(match.All, match.Best);
        return gene.HasFlag("cyp2d6-arrays-only-limits") ? CallContext.Cyp2d6(call) : call;
    }

    /// <summary>
    /// No star diplotype can be named. Only then, as PharmCAT does, SLCO1B1 falls back to rs4149056
    /// (c.521T&gt;C) alone; when any star diplotype fits, its alleles decide, even if they leave the
    /// phenotype open (an untested *45 or another no-function allele must not read as normal).
    /// </summary>
    private static PgxGeneCall NoStarCall(CallContext context, string reason)
    {
        var call = context.NotCallable(reason);
        return context.Gene.HasFlag("slco1b1-rs4149056-fallback") ? context.Slco1b1Fallback(call) ?? call : call;
    }

    /// <summary>The state shared by the gene-specific paths.</summary>
    internal sealed class CallContext
    {
        public CallContext(PgxGene gene, IReadOnlyList<PgxObservation?> observations, IEnumerable<string>? notes)
        {
            Gene = gene;
            Observations = observations;
            Notes = [.. notes ?? []];
            Read = observations.Count(o => o is not null);
            Observed = [.. gene.Variants.Where(v => observations[v.Index] is not null).Select(v => new PgxObservedPosition(Label(v), observations[v.Index]!.Text, observations[v.Index]!.FoundBy))];
        }

        public PgxGene Gene { get; }

        public IReadOnlyList<PgxObservation?> Observations { get; }

        public List<string> Notes { get; }

        public int Read { get; }

        public bool Complete => Read == Gene.Variants.Length;

        public IReadOnlyList<PgxObservedPosition> Observed { get; }

        /// <summary>rsID, else <c>chr10:94781859</c> (GRCh38).</summary>
        public string Label(PgxVariant v) => v.RsId ?? string.Create(CultureInfo.InvariantCulture, $"{Gene.Chromosome}:{v.Grch38.Position}");

        public PgxGeneCall NotCallable(string reason)
        {
            Notes.Insert(0, reason);
            return new PgxGeneCall
            {
                Gene = Gene.Symbol,
                Status = PgxCallStatus.NotCallable,
                Basis = "none",
                PositionsRead = Read,
                PositionsRequired = Gene.Variants.Length,
                Observed = Observed,
                Notes = Notes,
                SettlingTest = $"a clinical {Gene.Symbol} genotyping test",
            };
        }

        /// <summary>The result from the fitting diplotypes: phenotype only when all agree.</summary>
        public PgxGeneCall FromDiplotypes(IReadOnlyList<PgxDiplotype> all, IReadOnlyList<PgxDiplotype> best)
        {
            // Many diplotypes share a function or activity pair: look each pair up once.
            var memo = new Dictionary<(string?, string?, string?, string?), PgxPhenotype?>();
            var phenotypes = Gene.PhenotypeMethod is null
                ? [.. all.Select(_ => (PgxPhenotype?)null)]
                : all.Select(d =>
                {
                    var key = (d.First.Function, d.First.ActivityValue, d.Second?.Function, d.Second?.ActivityValue);
                    if (!memo.TryGetValue(key, out var phenotype))
                    {
                        phenotype = PgxPhenotyper.Of(Gene, d.First, d.Second);
                        memo[key] = phenotype;
                    }

                    return phenotype;
                }).ToList();
            var possible = Gene.PhenotypeMethod is null ? [] : phenotypes.Select(p => p?.Phenotype ?? "unassigned").Distinct(StringComparer.Ordinal).ToList();
            var agreed = Agreement.Of(phenotypes);

            // Sub-alleles reported under one core name (SLCO1B1 *45.001, *45.002) make one diplotype.
            var names = all.Select(Name).Distinct(StringComparer.Ordinal).ToList();
            var status = names.Count == 1 ? (Complete ? PgxCallStatus.Called : PgxCallStatus.Partial) : PgxCallStatus.Ambiguous;
            if (Gene.PhenotypeMethod is null)
            {
                Notes.Add($"The shipped data has no phenotype map for {Gene.Symbol}, so no phenotype is given.");
            }
            else if (agreed.Phenotype is null && names.Count > 1)
            {
                Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{names.Count} diplotypes fit the positions read and they do not share one phenotype, so none is given."));
            }

            if (!Complete)
            {
                Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{Gene.Variants.Length - Read} of {Gene.Variants.Length} defining positions are not in the file; alleles defined there are neither assumed absent nor present."));
            }

            var settling = SettlingPositions(all);
            return new PgxGeneCall
            {
                Gene = Gene.Symbol,
                Status = status,
                Basis = "star-alleles",
                Diplotypes = [.. names.Take(PgxGeneCall.MaxListedDiplotypes)],
                DiplotypeCount = names.Count,
                PharmCatDiplotypes = [.. best.Select(Name).Distinct(StringComparer.Ordinal)],
                Phenotype = agreed.Phenotype,
                ActivityScore = agreed.ActivityScore,
                LookupKey = agreed.LookupKey,
                PossiblePhenotypes = possible,
                PositionsRead = Read,
                PositionsRequired = Gene.Variants.Length,
                SettlingPositions = settling,
                Observed = Observed,
                Notes = Notes,
                SettlingTest = status == PgxCallStatus.Called ? null
                    : status == PgxCallStatus.Ambiguous && Complete ? $"phased (haplotype-resolved) sequencing of {Gene.Symbol}, or a clinical {Gene.Symbol} genotyping test"
                    : settling.Count > 0 ? $"a clinical {Gene.Symbol} genotyping test that reads the settling positions listed"
                    : null,
            };
        }

        /// <summary>Names a diplotype with its alleles in PharmCAT's order (<see cref="PgxAlleleOrder"/>), e.g. <c>*1/*38</c>.</summary>
        public string Name(PgxDiplotype d)
        {
            if (d.Second is null)
            {
                return PgxAlleleOrder.Reported(Gene, d.First.Name);
            }

            var a = PgxAlleleOrder.Reported(Gene, d.First.Name);
            var b = PgxAlleleOrder.Reported(Gene, d.Second.Name);
            return PgxAlleleOrder.Compare(Gene, a, b) <= 0 ? $"{a}/{b}" : $"{b}/{a}";
        }

        /// <summary>Missing positions that define an allele among the fitting diplotypes, with those alleles.</summary>
        private List<string> SettlingPositions(IReadOnlyList<PgxDiplotype> all)
        {
            var seen = new HashSet<PgxAllele>();
            foreach (var d in all)
            {
                seen.Add(d.First);
                if (d.Second is not null)
                {
                    seen.Add(d.Second);
                }
            }

            var alleles = Gene.Alleles.Where(a => !a.IsReference && seen.Contains(a)).ToList();
            var result = new List<string>();
            foreach (var v in Gene.Variants)
            {
                if (Observations[v.Index] is not null)
                {
                    continue;
                }

                var names = alleles.Where(a => a.Alleles[v.Index] is not null).Select(a => a.Name).ToList();
                if (names.Count > 0)
                {
                    result.Add($"{Label(v)} ({string.Join(", ", names.Take(4))}{(names.Count > 4 ? ", …" : string.Empty)})");
                }
            }

            return result.Count > MaxSettlingPositions ? [.. result.Take(MaxSettlingPositions), string.Create(CultureInfo.InvariantCulture, $"… and {result.Count - MaxSettlingPositions} more")] : result;
        }

        /// <summary>CYP2D6 from SNPs: alleles only, never a phenotype, never more than partial.</summary>
        public static PgxGeneCall Cyp2d6(PgxGeneCall call)
        {
            var notes = call.Notes.Where(n => !n.Contains("share one phenotype", StringComparison.Ordinal)).ToList();
            notes.Insert(0, "CYP2D6 from SNP data: copy number (the *5 deletion, duplications) and hybrid alleles cannot be seen, so no phenotype or activity score is given. A homozygous-looking call may hide a deletion, and any functional allele may be duplicated.");
            return call with
            {
                Status = call.Status == PgxCallStatus.Called ? PgxCallStatus.Partial : call.Status,
                Basis = "snp-alleles",
                Phenotype = null,
                ActivityScore = null,
                LookupKey = null,
                PossiblePhenotypes = [],
                Notes = notes,
                SettlingTest = "a clinical CYP2D6 test that includes copy-number and hybrid-allele analysis",
            };
        }

        /// <summary>SLCO1B1: when no star diplotype can be named, CPIC's recommendation rests on rs4149056 (c.521T&gt;C) alone.</summary>
        public PgxGeneCall? Slco1b1Fallback(PgxGeneCall call)
        {
            var variant = Gene.Variants.FirstOrDefault(v => v.RsId == "rs4149056");
            var normal = Gene.FindAllele("*1");
            var variantAllele = Gene.FindAllele("*5");
            if (variant is null || Observations[variant.Index] is not { } o || o.Second is null || normal?.Function is null || variantAllele?.Function is null)
            {
                return null;
            }

            string? Function(string allele) => allele == variant.Grch38.Ref ? normal.Function : variant.Grch38.Alts.Contains(allele) ? variantAllele.Function : null;
            if (Function(o.First) is not { } f1 || Function(o.Second) is not { } f2 || Gene.FindFunctionPhenotype(f1, f2) is not { } row)
            {
                return null;
            }

            var notes = call.Notes.ToList();
            notes.Add("No star-allele diplotype fits, so as CPIC and PharmCAT do, the phenotype rests on rs4149056 (c.521T>C) alone; other SLCO1B1 variants are not considered.");
            var inferred = string.Join("/", new[] { o.First, o.Second }.Select(a => a == variant.Grch38.Ref ? normal.Name : variantAllele.Name).Order(StringComparer.Ordinal));
            return call with
            {
                Status = PgxCallStatus.Partial,
                Basis = "rs4149056",
                PharmCatDiplotypes = [inferred],
                Phenotype = row.Phenotype,
                LookupKey = row.LookupKey,
                PossiblePhenotypes = [row.Phenotype],
                Notes = notes,
            };
        }
    }
}
