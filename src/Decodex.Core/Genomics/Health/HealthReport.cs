using Decodex.Core.Knowledge;

namespace Decodex.Core.Genomics.Health;

/// <summary>What the person asked for beyond the allow-list.</summary>
public sealed record HealthOptions
{
    /// <summary>ClinVar records to scan for rare calls; null when no ClinVar file was given.</summary>
    public ClinVarSites? ClinVar { get; init; }

    /// <summary>The explicit opt-in to see unconfirmed rare calls. Without it nothing is scanned or shown.</summary>
    public bool ShowUnconfirmed { get; init; }

    /// <summary>An ancestry the person states; null to estimate it from the file.</summary>
    public Superpopulation? StatedAncestry { get; init; }

    /// <summary>Scoring files to compute besides the shipped ones (PGS Catalog format, licence checked).</summary>
    public IReadOnlyList<PolygenicScoreFile> ExtraScores { get; init; } = [];

    /// <summary>Whether to compute the shipped scores.</summary>
    public bool ShippedScores { get; init; } = true;
}

/// <summary>The state of the rare-variant view: never a result, at most calls to confirm.</summary>
public sealed record UnconfirmedView(bool OptedIn, bool Scanned, IReadOnlyList<UnconfirmedCall> Calls, string Note);

/// <summary>Everything <c>genome health</c> says about one file.</summary>
public sealed record HealthReport
{
    public required IReadOnlyList<HealthVariantResult> Variants { get; init; }
    public required IReadOnlyList<HealthCombinationResult> Combinations { get; init; }
    public required UnconfirmedView Unconfirmed { get; init; }
    public required AncestryEstimate Ancestry { get; init; }
    public required IReadOnlyList<PolygenicScoreResult> Scores { get; init; }

    /// <summary>What a DNA file cannot rule out, said with every report.</summary>
    public required string NotTested { get; init; }

    /// <summary>The PPV wording every unconfirmed call carries.</summary>
    public const string UnconfirmedWording =
        "Your file reports a non-reference genotype at a site ClinVar lists as pathogenic. Consumer-array calls of variants this rare are wrong most of the time: "
        + "in UK Biobank only 16 % of array calls of variants rarer than 1 in 100,000 were confirmed by sequencing, and for BRCA1/BRCA2 the positive predictive value was 4.2 % (Weedon et al. 2021). "
        + "This is an unconfirmed array call, not a result and not a diagnosis: if it matters to you or your family history suggests it, ask for a clinical-grade test, "
        + "and do not change any treatment or screening on the strength of this file.";

    /// <summary>Said with every report, whatever was found.</summary>
    public const string NotTestedWording =
        "A DNA file tests a few chosen sites. It does not rule out hereditary breast and ovarian cancer (BRCA1/BRCA2), Lynch syndrome, familial hypercholesterolaemia or any other "
        + "inherited condition: most disease-causing variants are rare, and arrays either do not test them or call them unreliably (Weedon et al. 2021). "
        + "\"Not detected\" below means only that the one listed site was read and does not carry the variant. Family history and clinical tests come first.";

    /// <summary>Builds the report for one genome.</summary>
    public static HealthReport Build(Genome genome, KnowledgeBase knowledge, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(options);
        var variants = HealthVariantCaller.Call(genome, knowledge);
        var combinations = HealthVariantCaller.Combinations(variants, knowledge);
        var unconfirmed = ScanRare(genome, knowledge, options);
        var ancestry = options.StatedAncestry is { } stated ? AncestryEstimator.FromStated(stated) : AncestryEstimator.Estimate(genome);
        var scores = new List<PolygenicScoreResult>();
        if (options.ShippedScores)
        {
            foreach (var (id, _, _, genes) in PolygenicScorer.Shipped)
            {
                var suppressing = unconfirmed.Calls.Where(c => genes.Contains(c.Site.Gene, StringComparer.Ordinal)).Select(c => c.Site.Gene).Distinct().ToArray();
                var suppressedBy = suppressing.Length == 0
                    ? null
                    : $"Not computed: your file has an unconfirmed call in {string.Join(" and ", suppressing)}, a gene with single variants of large effect on the same condition. A polygenic score says nothing useful until that call is checked by a clinical test.";
                scores.Add(PolygenicScorer.Compute(genome, PolygenicScorer.LoadShipped(id, genome.Build), ancestry, suppressedBy));
            }
        }

        scores.AddRange(options.ExtraScores.Select(s => PolygenicScorer.Compute(genome, s, ancestry)));
        return new HealthReport
        {
            Variants = variants,
            Combinations = combinations,
            Unconfirmed = unconfirmed,
            Ancestry = ancestry,
            Scores = scores,
            NotTested = NotTestedWording,
        };
    }

    /// <summary>Everything a streamed VCF must keep for this report.</summary>
    public static GenomeTargets Targets(KnowledgeBase knowledge, ClinVarSites? clinVar)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var positions = AncestryEstimator.Positions.Concat(clinVar is null ? [] : RareVariantScan.Positions(clinVar));
        var rsIds = AncestryEstimator.RsIds
            .Concat(PolygenicScorer.ShippedRsIds(GenomeBuild.Grch37))
            .Concat(PolygenicScorer.ShippedRsIds(GenomeBuild.Grch38));
        return HealthVariantCaller.Targets(knowledge, positions, rsIds);
    }

    private static UnconfirmedView ScanRare(Genome genome, KnowledgeBase knowledge, HealthOptions options)
    {
        if (!options.ShowUnconfirmed)
        {
            return new UnconfirmedView(false, false, [],
                "Rare variants in genes of the ACMG secondary-findings list are not shown: array calls of rare variants are usually false. You can opt in to see any such call as an unconfirmed array call to check with a clinical test.");
        }

        if (options.ClinVar is not { } clinVar)
        {
            return new UnconfirmedView(true, false, [], "No ClinVar file was given, so rare variants could not be looked for.");
        }

        if (clinVar.Build != genome.Build)
        {
            return new UnconfirmedView(true, false, [],
                $"The ClinVar file is {GenomeAssembler.Name(clinVar.Build)} and the DNA file is {(genome.Build == GenomeBuild.Unknown ? "of an unknown build" : GenomeAssembler.Name(genome.Build))}: positions cannot be compared, so nothing was looked for.");
        }

        var allowListed = knowledge.HealthVariants
            .Where(v => v.SiteIn(genome.Build) is not null)
            .Select(v => (HealthVariantCaller.ChromosomeOf(v), v.SiteIn(genome.Build)!.Position))
            .ToHashSet();
        var calls = RareVariantScan.Scan(genome, clinVar, allowListed);
        var note = calls.Count == 0
            ? "No call in the file matched a ClinVar pathogenic record in an ACMG gene. This is not reassurance: most such variants are not on arrays at all."
            : UnconfirmedWording;
        return new UnconfirmedView(true, true, calls, note);
    }
}
