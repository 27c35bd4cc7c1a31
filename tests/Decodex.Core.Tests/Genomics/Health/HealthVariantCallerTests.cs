using System.Globalization;
using Decodex.Core.Genomics;
using Decodex.Core.Genomics.Health;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Tests.Genomics.Health;

/// <summary>
/// Every allow-listed variant, read from 23andMe- and AncestryDNA-layout files and from VCFs, in GRCh37 and
/// GRCh38: zero, one and two risk copies, a no-call, a missing site, the other strand, and the reference-base
/// trap at factor V Leiden.
/// </summary>
public sealed class HealthVariantCallerTests
{
    private static KnowledgeBase Kb => ShippedKnowledge.Base;

    public enum Layout
    {
        TwentyThreeAndMe,
        Ancestry,
        Vcf,
        VcfWithoutIds,
    }

    public static TheoryData<string, GenomeBuild, Layout, int> EveryVariantBuildLayoutAndCopies()
    {
        var data = new TheoryData<string, GenomeBuild, Layout, int>();
        foreach (var v in ShippedKnowledge.Base.HealthVariants)
        {
            foreach (var build in new[] { GenomeBuild.Grch37, GenomeBuild.Grch38 })
            {
                foreach (var layout in Enum.GetValues<Layout>())
                {
                    foreach (var copies in new[] { 0, 1, 2 })
                    {
                        data.Add(v.Id, build, layout, copies);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryVariantBuildLayoutAndCopies))]
    public void Call_EveryVariant_ReadsTheCopiesInEveryLayoutAndBuild(string id, GenomeBuild build, Layout layout, int copies)
    {
        var v = Variant(id);
        var genome = Read(File(v, build, layout, copies, female: true), build);

        var result = HealthVariantCaller.Call(genome, v);

        Assert.Equal(copies > 0 ? HealthCallStatus.Detected : HealthCallStatus.NotDetected, result.Status);
        Assert.Equal(copies, result.RiskCopies);
        Assert.Equal(v.MeaningFor(copies switch { 0 => HealthGenotypeClass.NoCopies, 1 => HealthGenotypeClass.OneCopy, _ => HealthGenotypeClass.TwoCopies })!.Text, result.Meaning);
        Assert.NotEmpty(result.CitationIds);
    }

    public static TheoryData<string, GenomeBuild, Layout> EveryVariantBuildAndLayout()
    {
        var data = new TheoryData<string, GenomeBuild, Layout>();
        foreach (var v in ShippedKnowledge.Base.HealthVariants)
        {
            foreach (var build in new[] { GenomeBuild.Grch37, GenomeBuild.Grch38 })
            {
                foreach (var layout in Enum.GetValues<Layout>())
                {
                    data.Add(v.Id, build, layout);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryVariantBuildAndLayout))]
    public void Call_NoCall_IsNotRead(string id, GenomeBuild build, Layout layout)
    {
        var v = Variant(id);
        var genome = Read(File(v, build, layout, copies: -1, female: true), build);

        var result = HealthVariantCaller.Call(genome, v);

        Assert.Equal(HealthCallStatus.NotRead, result.Status);
        Assert.Null(result.RiskCopies);
        Assert.Contains("no-call", result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryVariantBuildAndLayout))]
    public void Call_MissingSite_IsNotRead_NeverNotDetected(string id, GenomeBuild build, Layout layout)
    {
        var v = Variant(id);
        var genome = Read(File(v, build, layout, copies: -2, female: true), build);

        var result = HealthVariantCaller.Call(genome, v);

        Assert.Equal(HealthCallStatus.NotRead, result.Status);
        Assert.Contains("unknown, not \"not detected\"", result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CC", HealthCallStatus.NotDetected, 0)]
    [InlineData("CT", HealthCallStatus.Detected, 1)]
    [InlineData("TT", HealthCallStatus.Detected, 2)]
    public void Call_FactorVLeiden_GRCh37VcfReferenceCall_IsTheLeidenAllele(string letters, HealthCallStatus status, int copies)
    {
        // At rs6025 the GRCh37 reference base T is the Leiden allele: 0/0 there is two Leiden copies.
        var gt = letters switch { "TT" => "0/0", "CT" => "0/1", _ => "1/1" };
        var genome = Read(Vcf37($"1\t169519049\t.\tT\tC\t.\tPASS\t.\tGT\t{gt}\n"), GenomeBuild.Grch37);

        var result = HealthVariantCaller.Call(genome, Variant("f5-leiden"));

        Assert.Equal((status, copies), (result.Status, result.RiskCopies));
    }

    [Fact]
    public void Call_FactorVLeiden_GRCh38VcfReferenceCall_IsTheUsualAllele()
    {
        var genome = Read(Vcf38("1\t169549811\t.\tC\tT\t.\tPASS\t.\tGT\t0/0\n"), GenomeBuild.Grch38);

        var result = HealthVariantCaller.Call(genome, Variant("f5-leiden"));

        Assert.Equal((HealthCallStatus.NotDetected, 0), (result.Status, result.RiskCopies));
    }

    [Fact]
    public void Call_VariantsOnlyVcfWithoutTheSite_IsNotRead_EvenWhereTheReferenceIsTheRiskAllele()
    {
        // A VCF that lists only differences from GRCh37 leaves out a Leiden homozygote's rs6025: never "not detected".
        var genome = Read(Vcf37("1\t1000000\t.\tA\tG\t.\tPASS\t.\tGT\t0/1\n"), GenomeBuild.Grch37);

        var result = HealthVariantCaller.Call(genome, Variant("f5-leiden"));

        Assert.Equal(HealthCallStatus.NotRead, result.Status);
    }

    [Theory]
    [InlineData("hfe-c282y", "CT")]
    [InlineData("f5-leiden", "AG")]
    [InlineData("serpina1-z", "AG")]
    [InlineData("f2-g20210a", "CT")]
    public void Call_LettersOfTheOtherStrand_AreNotFlipped(string id, string letters)
    {
        var v = Variant(id);
        var genome = Read(Marker37 + $"rs{v.RsId}\t{v.Chromosome}\t{v.Grch37!.Position}\t{letters}\n", GenomeBuild.Grch37);

        var result = HealthVariantCaller.Call(genome, v);

        Assert.Equal(HealthCallStatus.NotRead, result.Status);
        Assert.Contains("other strand", result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hfe-h63d")]
    [InlineData("serpina1-s")]
    [InlineData("hbb-hbs")]
    public void Call_StrandAmbiguousSite_CarriesACaution(string id)
    {
        var v = Variant(id);
        var genome = Read(Marker37 + $"rs{v.RsId}\t{v.Chromosome}\t{v.Grch37!.Position}\t{v.OtherAllele}{v.RiskAllele}\n", GenomeBuild.Grch37);

        var result = HealthVariantCaller.Call(genome, v);

        Assert.Equal(HealthCallStatus.Detected, result.Status);
        Assert.Contains("complementary bases", result.Caution, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("T", HealthGenotypeClass.Hemizygous, HealthCallStatus.Detected)]
    [InlineData("C", HealthGenotypeClass.HemizygousUsual, HealthCallStatus.NotDetected)]
    [InlineData("TT", HealthGenotypeClass.Hemizygous, HealthCallStatus.Detected)]
    [InlineData("CC", HealthGenotypeClass.HemizygousUsual, HealthCallStatus.NotDetected)]
    public void Call_G6pd_MaleReadsOneX(string letters, HealthGenotypeClass genotypeClass, HealthCallStatus status)
    {
        var v = Variant("g6pd-a-minus");
        var genome = Read(MaleFile37(v, letters), GenomeBuild.Grch37);
        Assert.Equal(Sex.Male, genome.Sex);

        var result = HealthVariantCaller.Call(genome, v);

        Assert.Equal((status, genotypeClass), (result.Status, result.GenotypeClass));
        Assert.Equal(v.MeaningFor(genotypeClass)!.Text, result.Meaning);
    }

    [Fact]
    public void Call_G6pd_MaleHeterozygousCall_IsInconsistent_NotRead()
    {
        var v = Variant("g6pd-a-minus");
        var genome = Read(MaleFile37(v, "CT"), GenomeBuild.Grch37);

        Assert.Equal(HealthCallStatus.NotRead, HealthVariantCaller.Call(genome, v).Status);
    }

    [Fact]
    public void Call_G6pd_HeterozygousWoman_IsVariable_NotDeficient()
    {
        var v = Variant("g6pd-a-minus");
        var genome = Read(File(v, GenomeBuild.Grch37, Layout.TwentyThreeAndMe, 1, female: true), GenomeBuild.Grch37);

        var result = HealthVariantCaller.Call(genome, v);

        Assert.Equal(HealthGenotypeClass.OneCopy, result.GenotypeClass);
        Assert.Contains("variable", result.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("i3000001", "DI", 1)]
    [InlineData("i3000001", "DD", 2)]
    [InlineData("i3000001", "II", 0)]
    [InlineData("rs113993960", "DI", 1)]
    public void Call_F508del_As23andMeWritesIt(string id, string letters, int copies)
    {
        var genome = Read(Marker37 + $"{id}\t7\t117199644\t{letters}\n", GenomeBuild.Grch37);

        var result = HealthVariantCaller.Call(genome, Variant("cftr-f508del"));

        Assert.Equal(copies, result.RiskCopies);
        Assert.Equal($"by id {id}", result.FoundBy);
    }

    [Fact]
    public void Call_HbS_By23andMeInternalId()
    {
        var genome = Read(Marker37 + "i3003137\t11\t5248232\tAT\n", GenomeBuild.Grch37);

        var result = HealthVariantCaller.Call(genome, Variant("hbb-hbs"));

        Assert.Equal((HealthCallStatus.Detected, 1), (result.Status, result.RiskCopies));
    }

    [Theory]
    [InlineData(1, 1, "hfe-c282y-h63d")]
    [InlineData(1, 0, null)]
    [InlineData(2, 1, null)]
    public void Combinations_NeedEveryPartWithItsCopies(int c282y, int h63d, string? expected)
    {
        var c = Variant("hfe-c282y");
        var h = Variant("hfe-h63d");
        var genome = Read(Marker37 + Row(c, GenomeBuild.Grch37, c282y) + Row(h, GenomeBuild.Grch37, h63d), GenomeBuild.Grch37);

        var combinations = HealthVariantCaller.Combinations(HealthVariantCaller.Call(genome, Kb), Kb);

        Assert.Equal(expected, combinations.SingleOrDefault()?.Combination.Id);
    }

    [Fact]
    public void Combinations_ANotReadPart_NeverCompletesOne()
    {
        var genome = Read(Marker37 + Row(Variant("f5-leiden"), GenomeBuild.Grch37, 1), GenomeBuild.Grch37);

        Assert.Empty(HealthVariantCaller.Combinations(HealthVariantCaller.Call(genome, Kb), Kb));
    }

    [Fact]
    public void Call_RealClinicalVcf_ReadsFactorVLeidenHeterozygous()
    {
        // A real single-sample VCF (Fulgent, GRCh37) whose rs6025 record is T>C with GT 0/1: one Leiden copy.
        var path = Path.Combine(Decodex.Testing.RepositoryPaths.Shared, "data", "genome", "real-world", "derived_vcf_fulgent_crlf.vcf");
        Assert.SkipUnless(System.IO.File.Exists(path), "The shared real-world genome files are not beside the repository.");

        var genome = GenomeReader.ReadFile(path, new GenomeReadOptions { Targets = HealthReport.Targets(Kb, null) }).Genome!;
        var result = HealthVariantCaller.Call(genome, Variant("f5-leiden"));

        Assert.Equal((HealthCallStatus.Detected, 1, "CT"), (result.Status, result.RiskCopies, result.Genotype));
    }

    [Fact]
    public void AllowList_HasTheVariantsTheIssueNames_EachWithSitesInBothBuilds()
    {
        string[] expected = ["hfe-c282y", "hfe-h63d", "f5-leiden", "f2-g20210a", "serpina1-z", "serpina1-s", "g6pd-a-minus", "cftr-f508del", "hbb-hbs"];

        Assert.Equal(expected, Kb.HealthVariants.Select(v => v.Id));
        Assert.All(Kb.HealthVariants, v => Assert.True(v.Grch37 is not null && v.Grch38 is not null, v.Id));
        Assert.All(Kb.HealthVariants.SelectMany(v => v.CitationIds), id => Assert.NotNull(Kb.Citation(id)));
        Assert.True(Kb.HealthVariants.Single(v => v.Id == "f5-leiden").Sensitive);
    }

    // rs3094315 at its position in each build makes the build known from the data.
    private const string Marker37 = "rs3094315\t1\t752566\tAG\n";
    private const string Marker38 = "rs3094315\t1\t817186\tAG\n";

    private static HealthVariant Variant(string id) => Kb.HealthVariants.Single(v => v.Id == id);

    private static Genome Read(string text, GenomeBuild build)
    {
        var result = GenomeTestFiles.Read(text, new GenomeReadOptions { Targets = HealthReport.Targets(Kb, null) });
        Assert.False(result.Refused, string.Join("; ", result.Issues));
        Assert.Equal(build, result.Genome!.Build);
        return result.Genome;
    }

    /// <summary>One file holding the variant with <paramref name="copies"/> risk alleles; -1 writes a no-call, -2 leaves the site out.</summary>
    private static string File(HealthVariant v, GenomeBuild build, Layout layout, int copies, bool female)
    {
        var site = v.SiteIn(build)!;
        var indel = v.RiskAllele == "D";
        var letters = copies switch
        {
            0 => v.OtherAllele + v.OtherAllele,
            1 => v.OtherAllele + v.RiskAllele,
            2 => v.RiskAllele + v.RiskAllele,
            _ => "--",
        };
        var id = v.RsId > 0 ? $"rs{v.RsId}" : v.VendorIds[0];
        var position = site.Position.ToString(CultureInfo.InvariantCulture);

        // A female X: a few heterozygous X calls so that sex is read as female (X-linked genes are diploid then).
        var femaleX = female ? FemaleX() : string.Empty;
        switch (layout)
        {
            case Layout.TwentyThreeAndMe:
                return "# This data file generated by 23andMe\n# rsid\tchromosome\tposition\tgenotype\n" + (build == GenomeBuild.Grch37 ? Marker37 : Marker38) + femaleX
                       + (copies == -2 ? string.Empty : $"{id}\t{v.Chromosome}\t{position}\t{letters}\n");
            case Layout.Ancestry:
            {
                var head = "#AncestryDNA raw data download\nrsid\tchromosome\tposition\tallele1\tallele2\n";
                var marker = build == GenomeBuild.Grch37 ? "rs3094315\t1\t752566\tA\tG\n" : "rs3094315\t1\t817186\tA\tG\n";
                var x = string.Concat(femaleX.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).Select(c => $"{c[0]}\t23\t{c[2]}\t{c[3][0]}\t{c[3][1]}\n"));
                var chr = v.Chromosome == "X" ? "23" : v.Chromosome;
                var row = copies switch
                {
                    -2 => string.Empty,
                    -1 => $"{id}\t{chr}\t{position}\t0\t0\n",
                    _ => $"{id}\t{chr}\t{position}\t{letters[0]}\t{letters[1]}\n",
                };
                return head + marker + x + row;
            }

            default:
            {
                var vcfId = layout == Layout.VcfWithoutIds ? "." : id;
                var gt = copies switch
                {
                    -1 => "./.",
                    _ => VcfGenotype(v, site, copies),
                };
                var body = copies == -2 ? string.Empty : $"{v.Chromosome}\t{position}\t{vcfId}\t{site.Reference}\t{site.Alternate}\t.\tPASS\t.\tGT\t{gt}\n";
                var x = string.Concat(femaleX.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).Select(c => $"X\t{c[2]}\t{c[0]}\tA\tG\t.\tPASS\t.\tGT\t0/1\n"));
                var marker = build == GenomeBuild.Grch37 ? "1\t752566\trs3094315\tA\tG\t.\tPASS\t.\tGT\t0/1\n" : "1\t817186\trs3094315\tA\tG\t.\tPASS\t.\tGT\t0/1\n";
                var contig = build == GenomeBuild.Grch37 ? "##contig=<ID=1,length=249250621>\n" : "##contig=<ID=1,length=248956422>\n";
                return "##fileformat=VCFv4.2\n" + contig + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n" + marker + x + body;
            }
        }

        static string VcfGenotype(HealthVariant v, HealthSite site, int copies)
        {
            // Which VCF allele is the risk one: for the indel the shorter (deleted) sequence; otherwise the matching base.
            var riskIsAlt = v.RiskAllele == "D" ? site.Alternate.Length < site.Reference.Length : site.Alternate == v.RiskAllele;
            var (risk, other) = riskIsAlt ? ("1", "0") : ("0", "1");
            return copies switch { 0 => $"{other}/{other}", 1 => $"0/1", _ => $"{risk}/{risk}" };
        }
    }

    private static string Row(HealthVariant v, GenomeBuild build, int copies)
    {
        var letters = copies switch { 0 => v.OtherAllele + v.OtherAllele, 1 => v.OtherAllele + v.RiskAllele, _ => v.RiskAllele + v.RiskAllele };
        return $"rs{v.RsId}\t{v.Chromosome}\t{v.SiteIn(build)!.Position}\t{letters}\n";
    }

    private static string FemaleX() => string.Concat(Enumerable.Range(0, 40).Select(i => $"rs{9_000_000 + i}\tX\t{20_000_000 + (i * 1000)}\tAG\n"));

    private static string MaleFile37(HealthVariant v, string letters) =>
        Marker37 + string.Concat(Enumerable.Range(0, 40).Select(i => $"rs{9_000_000 + i}\tX\t{20_000_000 + (i * 1000)}\tAA\n"))
        + string.Concat(Enumerable.Range(0, 20).Select(i => $"rs{9_100_000 + i}\tY\t{3_000_000 + (i * 1000)}\tC\n"))
        + $"rs{v.RsId}\tX\t{v.Grch37!.Position}\t{letters}\n";

    private static string Vcf37(string body) =>
        "##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n1\t752566\trs3094315\tA\tG\t.\tPASS\t.\tGT\t0/1\n" + body;

    private static string Vcf38(string body) =>
        "##fileformat=VCFv4.2\n##contig=<ID=1,length=248956422>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n1\t817186\trs3094315\tA\tG\t.\tPASS\t.\tGT\t0/1\n" + body;
}
