using System.Globalization;
using System.Text;
using Decodex.Core.Genomics;
using Decodex.Core.Genomics.Health;
using Decodex.Core.Knowledge;
using Decodex.Testing;

namespace Decodex.Core.Tests.Genomics.Health;

/// <summary>Rare ClinVar calls (opt-in, never results), polygenic scores with coverage, ancestry and licences.</summary>
public sealed class HealthReportTests
{
    private const string Marker37 = "rs3094315\t1\t752566\tAG\n";

    // A BRCA1 pathogenic single-base record of the 2016 ClinVar subset (expert panel): 17:41197774 A>T.
    private const string BrcaCall = "rs80357000\t17\t41197774\tAT\n";

    private static KnowledgeBase Kb => ShippedKnowledge.Base;

    private static string ClinVarPath => Path.Combine(RepositoryPaths.Shared, "data", "genome", "health", "clinvar", "clinvar_2016-09_GRCh37_PLP_risk.vcf.gz");

    [Fact]
    public void RareBrca1Call_WithoutOptIn_IsNeitherScannedNorShown()
    {
        var clinVar = ClinVar2016();
        var genome = Read(Marker37 + BrcaCall);

        var report = HealthReport.Build(genome, Kb, new HealthOptions { ClinVar = clinVar, ShowUnconfirmed = false, ShippedScores = false });

        Assert.False(report.Unconfirmed.OptedIn);
        Assert.False(report.Unconfirmed.Scanned);
        Assert.Empty(report.Unconfirmed.Calls);
        Assert.DoesNotContain(report.Variants, v => v.Variant.Gene == "BRCA1");
        Assert.DoesNotContain("41197774", report.Unconfirmed.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void RareBrca1Call_WithOptIn_IsOnlyAnUnconfirmedCallToCheck()
    {
        var clinVar = ClinVar2016();
        var genome = Read(Marker37 + BrcaCall);

        var report = HealthReport.Build(genome, Kb, new HealthOptions { ClinVar = clinVar, ShowUnconfirmed = true, ShippedScores = false });

        var call = Assert.Single(report.Unconfirmed.Calls);
        Assert.Equal(("BRCA1", 41197774, 'T'), (call.Site.Gene, call.Site.Position, call.Site.Asserted));
        Assert.Equal(HealthReport.UnconfirmedWording, report.Unconfirmed.Note);
        Assert.Contains("4.2 %", report.Unconfirmed.Note, StringComparison.Ordinal);
        Assert.Contains("not a result", report.Unconfirmed.Note, StringComparison.Ordinal);
        Assert.Contains("clinical-grade test", report.Unconfirmed.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Variants, v => v.Status == HealthCallStatus.Detected);
    }

    [Fact]
    public void RareScan_NoMatch_IsNeverReassurance()
    {
        var report = HealthReport.Build(Read(Marker37 + "rs80357000\t17\t41197774\tAA\n"), Kb, new HealthOptions { ClinVar = ClinVar2016(), ShowUnconfirmed = true, ShippedScores = false });

        Assert.Empty(report.Unconfirmed.Calls);
        Assert.Contains("not reassurance", report.Unconfirmed.Note, StringComparison.Ordinal);
        Assert.Contains("does not rule out hereditary breast and ovarian cancer", report.NotTested, StringComparison.Ordinal);
        Assert.Contains("Lynch", report.NotTested, StringComparison.Ordinal);
    }

    [Fact]
    public void RareScan_AllowListedSitesAreResultsOfTheirOwn_NotUnconfirmedCalls()
    {
        // HFE C282Y is in an ACMG gene and pathogenic in ClinVar, but it is on the allow-list.
        var report = HealthReport.Build(Read(Marker37 + "rs1800562\t6\t26093141\tAA\n"), Kb, new HealthOptions { ClinVar = ClinVar2016(), ShowUnconfirmed = true, ShippedScores = false });

        Assert.Empty(report.Unconfirmed.Calls);
        Assert.Equal(HealthCallStatus.Detected, report.Variants.Single(v => v.Variant.Id == "hfe-c282y").Status);
    }

    [Fact]
    public void RareScan_OtherBuild_SaysSoAndScansNothing()
    {
        var genome = Read("rs3094315\t1\t817186\tAG\n" + "rs80357000\t17\t41197774\tAT\n");

        var report = HealthReport.Build(genome, Kb, new HealthOptions { ClinVar = ClinVar2016(), ShowUnconfirmed = true, ShippedScores = false });

        Assert.False(report.Unconfirmed.Scanned);
        Assert.Contains("positions cannot be compared", report.Unconfirmed.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void ClinVar_NcbiLayout_KeepsPathogenicSingleBaseRecordsInAcmgGenes()
    {
        var vcf = "##fileformat=VCFv4.1\n##fileDate=2026-11-30\n##reference=GRCh38\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                  + "17\t43045712\t55611\tT\tA\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=reviewed_by_expert_panel;GENEINFO=BRCA1:672;CLNDN=Hereditary_breast_ovarian_cancer_syndrome\n"
                  + "17\t43045713\t1\tT\tA\t.\t.\tCLNSIG=Benign;GENEINFO=BRCA1:672\n"
                  + "17\t43045714\t2\tT\tA\t.\t.\tCLNSIG=Conflicting_classifications_of_pathogenicity;GENEINFO=BRCA1:672\n"
                  + "1\t1000\t3\tT\tA\t.\t.\tCLNSIG=Pathogenic;GENEINFO=NOTACMG:1\n"
                  + "17\t43045715\t4\tTA\tT\t.\t.\tCLNSIG=Pathogenic;GENEINFO=BRCA1:672\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(vcf));

        var sites = RareVariantScan.ReadClinVar(stream);

        Assert.Equal(GenomeBuild.Grch38, sites.Build);
        var site = Assert.Single(sites.Sites);
        Assert.Equal(("BRCA1", 43045712, 'A'), (site.Gene, site.Position, site.Asserted));
        Assert.Equal(4, sites.Skipped);
        Assert.Equal("2026-11-30", sites.FileDate);
    }

    [Theory]
    [InlineData("not a vcf\n")]
    [InlineData("##fileformat=VCFv4.1\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n17\t1\t.\tA\tT\t.\t.\tCLNSIG=Pathogenic;GENEINFO=BRCA1:672\n")]
    public void ClinVar_NotVcfOrWithoutBuild_IsRefused(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        Assert.Throws<InvalidDataException>(() => RareVariantScan.ReadClinVar(stream));
    }

    [Fact]
    public void AcmgList_IsVersion33With84Genes()
    {
        Assert.Equal(84, RareVariantScan.AcmgGenes.Select(g => g.Gene).Distinct().Count());
        Assert.True(RareVariantScan.IsAcmgGene("BRCA1"));
        Assert.True(RareVariantScan.IsAcmgGene("PLN"));
        Assert.False(RareVariantScan.IsAcmgGene("APOE"));
    }

    // ---------------------------------------------------------------------- polygenic scores

    // Five variants; weights 0.5, -0.25, 0.1, 0.4 (dominant) and 0.75 (dosage weights 0 / 0.2 / 0.75).
    private const string SmallScore =
        "###PGS CATALOG SCORING FILE - see https://www.pgscatalog.org/downloads/#dl_ftp_scoring for additional information\n"
        + "#format_version=2.0\n#pgs_id=PGS999991\n#pgs_name=TEST5\n#trait_reported=Test trait\n#genome_build=GRCh37\n#variants_number=5\n"
        + "rsID\tchr_name\tchr_position\teffect_allele\tother_allele\teffect_weight\tis_dominant\tis_recessive\tdosage_0_weight\tdosage_1_weight\tdosage_2_weight\n"
        + "rs10069690\t5\t1279790\tT\tC\t0.5\tFalse\tFalse\t\t\t\n"
        + "rs10093110\t8\t1\tA\tG\t-0.25\tFalse\tFalse\t\t\t\n"
        + "rs1000003\t3\t300\tG\tA\t0.1\tFalse\tFalse\t\t\t\n"
        + "rs1000004\t4\t400\tC\tT\t0.4\tTrue\tFalse\t\t\t\n"
        + "rs1000005\t6\t500\tA\tC\t\tFalse\tFalse\t0\t0.2\t0.75\n";

    [Fact]
    public void Score_OnASmallFile_EqualsTheHandComputedSum_WithCoverage()
    {
        var score = ReadScore(SmallScore);
        var genome = Read(Marker37 + "rs10069690\t5\t1279790\tTT\nrs10093110\t8\t1\tAG\nrs1000003\t3\t300\tAA\nrs1000004\t4\t400\tCT\nrs1000005\t6\t500\tAC\n");

        var result = PolygenicScorer.Compute(genome, score, ancestry: null);

        // 2×0.5 + 1×(−0.25) + 0×0.1 + dominant 0.4 + dosage-1 weight 0.2 = 1.35
        Assert.Equal(1.35, result.Value!.Value, 9);
        Assert.Equal((5, 5), (result.Found, result.Total));
        Assert.Equal(1.0, result.WeightCoverage, 6);
        Assert.Null(result.Percentile);
        Assert.Contains(result.Notes, n => n.StartsWith("No reference for your ancestry", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_MissingVariants_AreLeftOut_NeverCountedAsTheReference_AndLowCoverageIsSaid()
    {
        var score = ReadScore(SmallScore);

        // Only rs10069690 (span 1.0) and rs1000003 (span 0.2) are read: 2 of 5 variants = 40 %.
        var genome = Read(Marker37 + "rs10069690\t5\t1279790\tCT\nrs1000003\t3\t300\tGG\n");

        var result = PolygenicScorer.Compute(genome, score, AncestryEstimator.FromStated(Superpopulation.Eur));

        Assert.Equal(0.5 + 0.2, result.Value!.Value, 9);
        Assert.Equal(0.4, result.VariantCoverage, 6);
        Assert.Equal(1.2 / (1.0 + 0.5 + 0.2 + 0.4 + 0.75), result.WeightCoverage, 3);
        Assert.Null(result.Percentile);
        Assert.Contains(result.Notes, n => n.Contains("2 of 5 variants read (40 %)", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("Coverage is too low for a percentile", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_LettersOfNeitherAllele_AreLeftOut()
    {
        var result = PolygenicScorer.Compute(Read(Marker37 + "rs10069690\t5\t1279790\tAG\n"), ReadScore(SmallScore), ancestry: null);

        Assert.Equal(0, result.Found);
        Assert.Contains(result.Notes, n => n.Contains("other than the score's two alleles", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_PercentileOnlyAgainstAMatchedReference_AndAsTheFrequenciesPredict()
    {
        // Two variants with 1000 Genomes frequencies shipped: rs10069690 (T 0.2763 EUR), rs10093110 (A 0.4165 EUR).
        var score = ReadScore("#pgs_id=PGS999992\n#genome_build=GRCh37\nrsID\tchr_name\tchr_position\teffect_allele\tother_allele\teffect_weight\n"
                              + "rs10069690\t5\t1279790\tT\tC\t0.5\nrs10093110\t8\t1\tA\tG\t-0.25\n");
        var genome = Read(Marker37 + "rs10069690\t5\t1279790\tTT\nrs10093110\t8\t1\tGG\n");

        var matched = PolygenicScorer.Compute(genome, score, AncestryEstimator.FromStated(Superpopulation.Eur));
        var mixed = PolygenicScorer.Compute(genome, score, new AncestryEstimate(new Dictionary<Superpopulation, double>(), null, 5000, false, "mixed"));

        double Mean(double p, double w) => 2 * p * w;
        double Var(double p, double w) => 2 * p * (1 - p) * w * w;
        var mean = Mean(0.2763, 0.5) + Mean(0.4165, -0.25);
        var sd = Math.Sqrt(Var(0.2763, 0.5) + Var(0.4165, -0.25));
        var expected = 100 * MathNet.Numerics.Distributions.Normal.CDF(mean, sd, 1.0);
        Assert.Equal(Math.Round(expected, 1), matched.Percentile);
        Assert.Equal("1000 Genomes EUR", matched.Reference);
        Assert.Equal(matched.Percentile, mixed.PercentileByPopulation[Superpopulation.Eur]);
        Assert.Equal(5, mixed.PercentileByPopulation.Count);
        Assert.Null(mixed.Percentile);
        Assert.Contains(mixed.Notes, n => n.StartsWith("No reference for your ancestry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("#license=This score is for non-commercial research use only")]
    [InlineData("#license=CC BY-NC 4.0")]
    public void Score_RestrictiveLicence_IsRefused(string licence)
    {
        var score = ReadScore(licence + "\n" + SmallScore);

        var result = PolygenicScorer.Compute(Read(Marker37 + "rs10069690\t5\t1279790\tTT\n"), score, null);

        Assert.True(result.RefusedForLicence);
        Assert.Null(result.Value);
    }

    [Fact]
    public void ShippedScores_CarryTheDefaultCatalogLicence_AndTheirMetadata()
    {
        foreach (var (id, _, _, _) in PolygenicScorer.Shipped)
        {
            var score = PolygenicScorer.LoadShipped(id, GenomeBuild.Grch37);
            Assert.False(score.LicenceRestricts, id);
            Assert.Equal(PolygenicScoreFile.DefaultLicence, score.Licence);
            Assert.False(string.IsNullOrEmpty(score.Trait));
            Assert.False(string.IsNullOrEmpty(score.Citation));
            Assert.Equal(score.DeclaredVariants, score.Rows);
        }
    }

    [Fact]
    public void ShippedScore_OldHeaderFormat_IsRead()
    {
        var score = PolygenicScorer.LoadShipped("PGS000899", GenomeBuild.Grch37);

        Assert.Equal(("PGS000899", "Coronary heart disease", GenomeBuild.Grch37, 176), (score.PgsId, score.Trait, score.Build, score.Rows));
    }

    [Fact]
    public void Score_SuppressedByAnUnconfirmedCallInARelatedGene()
    {
        var report = HealthReport.Build(Read(Marker37 + BrcaCall), Kb, new HealthOptions { ClinVar = ClinVar2016(), ShowUnconfirmed = true });

        var breast = report.Scores.Single(s => s.Score.PgsId == "PGS000001");
        Assert.NotNull(breast.SuppressedBy);
        Assert.Null(breast.Value);
        Assert.Null(report.Scores.Single(s => s.Score.PgsId == "PGS000899").SuppressedBy);
    }

    [Theory]
    [InlineData("no header\n")]
    [InlineData("#pgs_id=X\nrsID\tchr_name\n")]
    public void ScoreFile_NotAScoringFile_IsRefused(string text) =>
        Assert.Throws<InvalidDataException>(() => ReadScore(text));

    // ---------------------------------------------------------------------- ancestry

    [Theory]
    [InlineData(Superpopulation.Eur)]
    [InlineData(Superpopulation.Afr)]
    [InlineData(Superpopulation.Eas)]
    public void Ancestry_AGenomeDrawnFromOnePopulation_IsMatchedToIt(Superpopulation population)
    {
        var genome = Read(Marker37 + Simulated(population, null, seed: 7));

        var estimate = AncestryEstimator.Estimate(genome);

        Assert.True(population == estimate.Matched, estimate.Explanation);
        Assert.True(estimate.Shares[population] >= AncestryEstimator.MatchShare);
    }

    [Fact]
    public void Ancestry_AnEvenMix_MatchesNoReference()
    {
        var genome = Read(Marker37 + Simulated(Superpopulation.Eur, Superpopulation.Afr, seed: 11));

        var estimate = AncestryEstimator.Estimate(genome);

        Assert.Null(estimate.Matched);
        Assert.Contains("no reference matches your ancestry", estimate.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("European", Superpopulation.Eur)]
    [InlineData("African American/Afro-Caribbean", Superpopulation.Afr)]
    [InlineData("Latino", Superpopulation.Amr)]
    [InlineData("Oceanian", null)]
    [InlineData(null, null)]
    public void Ancestry_CpicGroup_MapsToAReferenceOrNone(string? group, Superpopulation? expected) =>
        Assert.Equal(expected, AncestryEstimator.FromCpicGroup(group));

    [Fact]
    public void Ancestry_TooFewMarkers_IsNotEstimated()
    {
        var estimate = AncestryEstimator.Estimate(Read(Marker37 + "rs10069690\t5\t1279790\tTT\n"));

        Assert.Null(estimate.Matched);
        Assert.Contains("could not be estimated", estimate.Explanation, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------------- knowledge-base rules

    [Fact]
    public void LoadHealth_ReadsTheSameAllowListAndCitationsAsTheWholeBase()
    {
        var health = KnowledgeBaseLoader.LoadHealth(RepositoryPaths.Knowledge).KnowledgeBase!;

        Assert.Equal(Kb.HealthVariants.Select(v => v.Id), health.HealthVariants.Select(v => v.Id));
        Assert.Equal(Kb.HealthCombinations.Select(c => c.Id), health.HealthCombinations.Select(c => c.Id));
        Assert.All(health.HealthVariants.SelectMany(v => v.CitationIds.Concat(v.Meanings.SelectMany(m => m.CitationIds))), id => Assert.NotNull(health.Citation(id)));
    }

    [Theory]
    [InlineData("grch37: {position: 26093141, reference: C, alternate: T}", "reference and alternate bases must be the risk and usual alleles")]
    [InlineData("riskAllele: Q", "'riskAllele' must be one of")]
    [InlineData("rsid: 1800562", "'rsid' must be written rs")]
    [InlineData("meanings: []", "A meaning for the genotype 'no-copies' is required")]
    [InlineData("citations: []", "A health variant needs its source")]
    public void Loader_RefusesAnUnsoundHealthVariant(string replacement, string message)
    {
        var key = replacement[..replacement.IndexOf(':', StringComparison.Ordinal)];
        var lines = HfeYaml().Split('\n').ToList();
        var at = lines.FindIndex(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        var indent = lines[at][..(lines[at].Length - lines[at].TrimStart().Length)];
        lines[at] = indent + replacement;
        if (key is "meanings")
        {
            // Drop the list that followed.
            while (at + 1 < lines.Count && lines[at + 1].StartsWith(indent + "  ", StringComparison.Ordinal))
            {
                lines.RemoveAt(at + 1);
            }
        }

        var result = KnowledgeBaseLoader.Load([new KnowledgeSource("vocabularies/health-variants.yaml", string.Join("\n", lines))]);

        Assert.Contains(result.Issues, i => i.Message.Contains(message, StringComparison.Ordinal));
    }

    private static string HfeYaml() =>
        """
        healthVariants:
          - id: hfe-c282y
            gene: HFE
            name: C282Y
            condition: Hereditary haemochromatosis
            kind: risk
            inheritance: recessive
            topic: haemochromatosis
            rsid: rs1800562
            chromosome: "6"
            grch37: {position: 26093141, reference: G, alternate: A}
            riskAllele: A
            otherAllele: G
            meanings:
              - {genotype: no-copies, text: none}
              - {genotype: one-copy, text: one}
              - {genotype: two-copies, text: two}
            notMeaning: not
            confirm: test
            citations: [x]
        """;

    private static ClinVarSites ClinVar2016()
    {
        Assert.SkipUnless(File.Exists(ClinVarPath), "The shared ClinVar 2016 subset is not beside the repository.");
        using var stream = File.OpenRead(ClinVarPath);
        return RareVariantScan.ReadClinVar(stream);
    }

    private static Genome Read(string text)
    {
        var result = GenomeTestFiles.Read(text);
        Assert.False(result.Refused, string.Join("; ", result.Issues));
        return result.Genome!;
    }

    private static PolygenicScoreFile ReadScore(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return PolygenicScoreFile.Read(stream);
    }

    /// <summary>Genotypes at every ancestry marker drawn from one population's frequencies (or, with two, each allele from either at random).</summary>
    private static string Simulated(Superpopulation first, Superpopulation? second, int seed)
    {
        var random = new Random(seed);
        var panel = AncestryPanel();
        var text = new StringBuilder();
        foreach (var (rs, chromosome, position, reference, alternate, frequencies) in panel)
        {
            char Allele()
            {
                var population = second is { } s && random.Next(2) == 1 ? s : first;
                return random.NextDouble() < frequencies[(int)population] ? alternate : reference;
            }

            text.Append(CultureInfo.InvariantCulture, $"rs{rs}\t{chromosome}\t{position}\t{Allele()}{Allele()}\n");
        }

        return text.ToString();
    }

    private static List<(ulong Rs, string Chromosome, int Position, char Reference, char Alternate, double[] Frequencies)> AncestryPanel()
    {
        var path = Path.Combine(RepositoryPaths.Root, "src", "Decodex.Core", "Genomics", "Health", "Data", "ancestry-panel.tsv.gz");
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        reader.ReadLine();
        var list = new List<(ulong, string, int, char, char, double[])>();
        while (reader.ReadLine() is { } line)
        {
            var c = line.Split('\t');
            list.Add((ulong.Parse(c[0].AsSpan(2), CultureInfo.InvariantCulture), c[1], int.Parse(c[2], CultureInfo.InvariantCulture), c[3][0], c[4][0], [.. c[5..10].Select(x => double.Parse(x, CultureInfo.InvariantCulture))]));
        }

        return list;
    }
}
