using System.Text;
using Decodex.Core.Genomics;
using Decodex.Core.Pgx;
using Decodex.Testing;

namespace Decodex.Core.Tests.Pgx;

public sealed class PgxDataLoaderTests
{
    // Every gene with a PharmCAT *_translation.json in the shared snapshot (PharmCAT 3.1.1).
    private static readonly string[] TranslationGenes =
    [
        "ABCG2", "CACNA1S", "CFTR", "CYP2B6", "CYP2C19", "CYP2C9", "CYP2D6", "CYP3A4", "CYP3A5", "CYP4F2",
        "DPYD", "G6PD", "IFNL3", "NAT2", "NUDT15", "RYR1", "SLCO1B1", "TPMT", "UGT1A1", "VKORC1",
    ];

    private static PgxData Data => PgxDataLoader.LoadEmbedded();

    [Fact]
    public void LoadEmbedded_CalledTwice_ReturnsTheSameVersionedInstance()
    {
        var first = PgxDataLoader.LoadEmbedded();

        Assert.Same(first, PgxDataLoader.LoadEmbedded());
        Assert.Equal("decodex-pgx/1", first.Version);
    }

    [Fact]
    public void LoadEmbedded_PartsReadOnFirstUse_EqualAWholeRead()
    {
        using var stream = typeof(PgxDataLoader).Assembly.GetManifestResourceStream(PgxDataLoader.ResourceName)!;
        var whole = PgxDataLoader.Load(stream);
        var deferred = PgxDataLoader.LoadEmbedded();

        Assert.Equal(whole.Genes.Length, deferred.Genes.Length);
        for (var i = 0; i < whole.Genes.Length; i++)
        {
            Assert.Equal(whole.Genes[i].Alleles.Select(Text), deferred.Genes[i].Alleles.Select(Text));
        }

        Assert.Equal(whole.Drugs.Select(d => (d.Name, d.Recommendations.Length)), deferred.Drugs.Select(d => (d.Name, d.Recommendations.Length)));
        Assert.True(deferred.Drugs.Length > 50);
        Assert.NotNull(deferred.FindDrug("clopidogrel"));
        Assert.NotNull(deferred.FindGene("RYR1")!.FindAllele(deferred.FindGene("RYR1")!.ReferenceAllele));
    }

    private static string Text(PgxAllele a) => $"{a.Name}|{a.Function}|{a.ActivityValue}|{a.IsReference}|{string.Join(",", a.Alleles.Select(x => x ?? "."))}";

    [Fact]
    public void LoadEmbedded_Genes_AreEveryGeneWithATranslationJson()
    {
        Assert.Equal(TranslationGenes, Data.Genes.Select(g => g.Symbol));
    }

    [Fact]
    public void LoadEmbedded_Genes_MatchTheSharedTranslationFiles()
    {
        var folder = Path.Combine(SharedPgx.Folder, "pharmcat/src/main/resources/org/pharmgkb/pharmcat/definition/alleles");
        Assert.SkipUnless(Directory.Exists(folder), "The shared PGx data (../shared/data/pgx) is not present.");

        var expected = Directory.GetFiles(folder, "*_translation.json")
            .Select(f => Path.GetFileName(f)[..^"_translation.json".Length])
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, Data.Genes.Select(g => g.Symbol));
    }

    [Theory]
    [InlineData("*2", "rs4244285", "A", 94781859, 96541616)]
    [InlineData("*17", "rs12248560", "T", 94761900, 96521657)]
    public void FindGene_Cyp2c19Allele_RequiresItsVariantAtBothBuilds(string allele, string rsId, string required, int grch38, int grch37)
    {
        var gene = Data.FindGene("CYP2C19")!;
        var variant = gene.Variants.Single(v => v.RsId == rsId);

        Assert.Equal(required, gene.FindAllele(allele)!.Alleles[variant.Index]);
        Assert.Equal("chr10", gene.Chromosome);
        Assert.Equal(grch38, variant.Grch38.Position);
        Assert.Equal(grch37, variant.Grch37!.Position);
    }

    [Fact]
    public void FindGene_Cyp2c19_ReferenceIsStar38AndStar1NeedsRs3758581()
    {
        var gene = Data.FindGene("cyp2c19")!;
        var star1 = gene.FindAllele("*1")!;
        var star38 = gene.FindAllele("*38")!;
        var differing = gene.Variants.Where(v => star1.Alleles[v.Index] != star38.Alleles[v.Index]).Select(v => v.RsId);

        Assert.Equal("*38", gene.ReferenceAllele);
        Assert.True(star38.IsReference);
        Assert.Equal(["rs3758581"], differing);
        Assert.True(gene.HasFlag("reference-allele-star38"));
    }

    [Fact]
    public void FindGene_Cyp2c19TwoNoFunctionAlleles_ArePoorMetabolizer()
    {
        var gene = Data.FindGene("CYP2C19")!;

        Assert.Equal("No function", gene.FindAllele("*2")!.Function);
        Assert.Equal("Increased function", gene.FindAllele("*17")!.Function);
        Assert.Equal(PgxPhenotypeMethod.Function, gene.PhenotypeMethod);
        Assert.Equal("Poor Metabolizer", gene.FindFunctionPhenotype("No function", "No function")!.Phenotype);
        Assert.Equal("Intermediate Metabolizer", gene.FindFunctionPhenotype("Normal function", "No function")!.Phenotype);
        Assert.Equal("Rapid Metabolizer", gene.FindFunctionPhenotype("Increased function", "Normal function")!.Phenotype);
    }

    [Fact]
    public void FindGene_Cyp2d6_HasActivityValuesButNoDiplotypeTable()
    {
        var gene = Data.FindGene("CYP2D6")!;

        Assert.Equal(PgxPhenotypeMethod.ActivityScore, gene.PhenotypeMethod);
        Assert.Equal("1.0", gene.FindAllele("*1")!.ActivityValue);
        Assert.Equal("0.0", gene.FindAllele("*4")!.ActivityValue);
        Assert.Equal("0.25", gene.FindAllele("*10")!.ActivityValue);
        Assert.Equal("Poor Metabolizer", gene.FindActivityPhenotype("0.0"));
        Assert.Equal("Normal Metabolizer", gene.FindActivityPhenotype("1.25"));
        Assert.Empty(gene.FunctionPhenotypes);
        Assert.True(gene.ActivityPhenotypes.Length < 50);
        Assert.True(gene.HasFlag("cyp2d6-arrays-only-limits"));
    }

    [Theory]
    [InlineData("CYP2C9", PgxPhenotypeMethod.ActivityScore)]
    [InlineData("DPYD", PgxPhenotypeMethod.ActivityScore)]
    [InlineData("TPMT", PgxPhenotypeMethod.Function)]
    [InlineData("SLCO1B1", PgxPhenotypeMethod.Function)]
    public void FindGene_PhenotypeMethod_FollowsTheSourceMap(string symbol, PgxPhenotypeMethod method)
    {
        Assert.Equal(method, Data.FindGene(symbol)!.PhenotypeMethod);
    }

    [Theory]
    [InlineData("DPYD", "dpyd-lowest-two-activity")]
    [InlineData("SLCO1B1", "slco1b1-rs4149056-fallback")]
    [InlineData("CYP2D6", "cyp2d6-arrays-only-limits")]
    [InlineData("RYR1", "no-phenotype-map")]
    [InlineData("G6PD", "no-phenotype-map")]
    public void FindGene_SpecialConvention_IsFlagged(string symbol, string code)
    {
        var flag = Data.FindGene(symbol)!.Flags.Single(f => f.Code == code);

        Assert.False(string.IsNullOrWhiteSpace(flag.Text));
    }

    [Fact]
    public void Genes_EveryAlleleVector_HasOneSlotPerVariant()
    {
        foreach (var gene in Data.Genes)
        {
            Assert.All(gene.Alleles, a => Assert.Equal(gene.Variants.Length, a.Alleles.Length));
            Assert.Equal(Enumerable.Range(0, gene.Variants.Length), gene.Variants.Select(v => v.Index));
        }
    }

    [Fact]
    public void FindVariantsAt_Grch37AndGrch38Positions_FindRs4244285()
    {
        var chr10 = Chromosome.Parse("10");

        var at37 = Data.FindVariantsAt(new GenomicPosition(GenomeBuild.Grch37, chr10, 96541616));
        var at38 = Data.FindVariantsAt(new GenomicPosition(GenomeBuild.Grch38, chr10, 94781859));

        Assert.Equal("rs4244285", Assert.Single(at37).Variant.RsId);
        Assert.Equal("CYP2C19", Assert.Single(at38).Gene.Symbol);
        Assert.Empty(Data.FindVariantsAt(new GenomicPosition(GenomeBuild.Grch38, chr10, 96541616)));
        Assert.Empty(Data.FindVariantsAt(new GenomicPosition(GenomeBuild.Unknown, chr10, 94781859)));
    }

    [Fact]
    public void FindVariantsByRsId_Rs776746_KeepsBothBuildsReferenceBases()
    {
        var hit = Assert.Single(Data.FindVariantsByRsId("RS776746"));

        Assert.Equal("CYP3A5", hit.Gene.Symbol);
        Assert.Equal("T", hit.Variant.Grch38.Ref);
        Assert.Equal("C", hit.Variant.Grch37!.Ref);
        Assert.Equal(PgxCoordinateMatch.Grch38Position, hit.Variant.Grch37MatchedBy);
    }

    [Fact]
    public void FindDrug_EscitalopramCyp2c19PoorMetabolizer_IsStrong50PercentAtLevelA()
    {
        var drug = Data.FindDrug(" Escitalopram ")!;

        var recommendation = Assert.Single(drug.FindRecommendations("CYP2C19", "Poor Metabolizer"));

        Assert.Contains("50%", recommendation.DrugRecommendation, StringComparison.Ordinal);
        Assert.Equal("Strong", recommendation.Classification);
        Assert.Equal("A", drug.CpicLevel("CYP2C19"));
        Assert.Contains(drug.Citations, c => c.Pmid == "37032427");
    }

    [Fact]
    public void FindDrug_Amitriptyline_IsLookedUpByCyp2d6ActivityScore()
    {
        var drug = Data.FindDrug("amitriptyline")!;

        var rows = drug.Recommendations.SelectMany(r => r.Lookups).ToList();

        Assert.Contains(rows, l => l.LookupKey.GetValueOrDefault("CYP2D6") == "1.25" && l.LookupKey.GetValueOrDefault("CYP2C19") == "Poor Metabolizer");
        Assert.NotEmpty(drug.FindRecommendations("CYP2D6", "0.0"));
    }

    [Fact]
    public void FindDrug_UnknownOrWithoutExport_ReturnsNullButPairsRemain()
    {
        Assert.Null(Data.FindDrug("lithium"));
        Assert.Empty(Data.FindPairs("lithium"));
        Assert.Contains(Data.FindPairs("Escitalopram"), p => p.Gene == "CYP2C19" && p.CpicLevel == "A");
    }

    [Fact]
    public void Drugs_EveryRecommendation_HasTextAndALookup()
    {
        Assert.Equal(110, Data.Drugs.Length);
        Assert.All(Data.Drugs.SelectMany(d => d.Recommendations), r =>
        {
            Assert.NotEmpty(r.Lookups);
            Assert.False(string.IsNullOrEmpty(r.DrugRecommendation));
        });
        Assert.Equal(2098, Data.Drugs.Sum(d => d.Recommendations.Sum(r => r.Lookups.Length)));
    }

    [Fact]
    public void CpicDataVersion_NamesTheExportAndThePairTableDate()
    {
        Assert.Equal("CPIC v1.30.0 (PharmCAT v2.6.0 export, Aug 2023)", Data.CpicDataVersion.Recommendations);
        Assert.Equal("2023-08-19", Data.CpicDataVersion.PairTableDate);
        Assert.Contains("2023-08-19", Data.CpicDataVersion.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_EachHasVersionLicenceAndShippedLicenceText()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "Decodex.Core", "Pgx", "Data");

        Assert.Equal(["pharmcat", "pharmcat-v2.15.0-cyp2d6", "cpic-recommendations", "cpic-pairs", "pypgx", "cpic-data"], Data.Sources.Select(s => s.Id));
        Assert.All(Data.Sources, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Version));
            Assert.False(string.IsNullOrWhiteSpace(s.Licence));
            Assert.True(File.Exists(Path.Combine(folder, s.LicenceFile!)), s.LicenceFile);
        });
        Assert.Equal("fa6b9f70747bdf1b6566adc5c21bb17276ae9f52", Data.Sources.Single(s => s.Id == "pypgx").Version);
        Assert.StartsWith("MIT", Data.Sources.Single(s => s.Id == "pypgx").Licence, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_EmbeddedData_RoundTripsToTheSameBytes()
    {
        var written = PgxDataWriter.ToUtf8Bytes(Data);

        Assert.Equal(SharedPgx.EmbeddedBytes(), written);
    }

    [Fact]
    public void Load_OtherFormatVersion_ThrowsInvalidData()
    {
        var text = """{"version":"decodex-pgx/0","cpicDataVersion":{"recommendations":"x","cpicVersion":"x","pairTableDate":"x"},"sources":[],"genes":[],"drugs":[],"pairs":[]}""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        Assert.Throws<InvalidDataException>(() => PgxDataLoader.Load(stream));
    }

    [Fact]
    public void Load_AlleleVectorShorterThanVariants_ThrowsInvalidData()
    {
        var text = """
            {"version":"decodex-pgx/1","cpicDataVersion":{"recommendations":"x","cpicVersion":"x","pairTableDate":"x"},"sources":[],
             "genes":[{"gene":"X","chromosome":"chr1","genomeBuild":"GRCh38","refSeqChromosomeId":null,"definitionVersion":"1","referenceAllele":"*1",
               "variants":[{"index":0,"rsId":null,"grch38":{"position":1,"ref":"A","alts":["G"]},"grch37":null,"grch37MatchedBy":null,"hgvs":null}],
               "alleles":[{"name":"*1","isReference":true,"alleles":[],"function":null,"activityValue":null}],
               "phenotypeMethod":null,"phenotypeVersion":null,"functionPhenotypes":[],"activityPhenotypes":[],"flags":[]}],
             "drugs":[],"pairs":[]}
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        Assert.Throws<InvalidDataException>(() => PgxDataLoader.Load(stream));
    }

    [Fact]
    public void Load_NotJson_ThrowsInvalidData()
    {
        using var stream = new MemoryStream("not json"u8.ToArray());

        Assert.Throws<InvalidDataException>(() => PgxDataLoader.Load(stream));
    }
}
