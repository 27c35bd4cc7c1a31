using System.Text.Json;
using Decodex.Core.Genomics;
using Decodex.Core.Pgx;
using Decodex.Testing;
using static Decodex.Testing.PgxTestGenomes;

namespace Decodex.Cli.Tests;

/// <summary>
/// <c>decodex pgx</c> on the layouts users hold: CYP2C19 *2/*2 in a 23andMe file, an AncestryDNA file
/// and a GRCh38 VCF must all give CPIC's poor-metabolizer recommendation for escitalopram; a file
/// without the defining SNPs must give not-callable and no phenotype.
/// </summary>
public sealed class PgxCommandsTests
{
    private static readonly string[] Cyp2c19ArraySnps = ["rs4244285", "rs4986893", "rs12248560"];

    private static PgxGene Cyp2c19 => PgxDataLoader.LoadEmbedded().FindGene("CYP2C19")!;

    public static TheoryData<string> Layouts => ["23andme", "ancestrydna", "vcf38"];

    private static string Write(TempFolder folder, string layout, IEnumerable<Row> genotypes)
    {
        var build = layout == "vcf38" ? GenomeBuild.Grch38 : GenomeBuild.Grch37;
        var rows = genotypes.Concat(Markers(build)).ToList();
        var (name, text) = layout switch
        {
            "23andme" => ("genome_23andme.txt", TwentyThreeAndMe(rows)),
            "ancestrydna" => ("AncestryDNA.txt", AncestryDna(rows)),
            _ => ("genome.vcf", Vcf38(rows)),
        };
        var path = Path.Combine(folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Gene(JsonElement root, string gene) =>
        root.GetProperty("genes").EnumerateArray().Single(g => g.GetProperty("gene").GetString() == gene);

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Cyp2c19Star2Star2_Escitalopram_GivesCpicPoorMetabolizerRecommendation(string layout)
    {
        using var folder = new TempFolder();
        var build = layout == "vcf38" ? GenomeBuild.Grch38 : GenomeBuild.Grch37;
        var path = Write(folder, layout, Rows(Cyp2c19, "*2", "*2", build, Cyp2c19ArraySnps));

        var run = CliRun.Of("pgx", path, "--drug", "escitalopram", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Contains("CPIC v1.30.0", root.GetProperty("cpicDataVersion").GetString(), StringComparison.Ordinal);
        Assert.Equal(build == GenomeBuild.Grch38 ? "GRCh38" : "GRCh37", root.GetProperty("build").GetString());
        var gene = Gene(root, "CYP2C19");
        Assert.Equal("partial", gene.GetProperty("status").GetString());
        Assert.Equal("*2/*2", Assert.Single(gene.GetProperty("diplotypes").EnumerateArray()).GetString());
        Assert.Equal("Poor Metabolizer", gene.GetProperty("phenotype").GetString());
        Assert.Equal(3, gene.GetProperty("coverage").GetProperty("read").GetInt32());
        Assert.Equal(35, gene.GetProperty("coverage").GetProperty("required").GetInt32());
        var drug = Assert.Single(root.GetProperty("drugs").EnumerateArray());
        Assert.Equal("escitalopram", drug.GetProperty("drug").GetString());
        Assert.Equal("CYP2C19", drug.GetProperty("gene").GetString());
        Assert.Equal("A", drug.GetProperty("cpicLevel").GetString());
        Assert.Equal("recommendation", drug.GetProperty("status").GetString());
        Assert.Equal("Poor Metabolizer", drug.GetProperty("phenotype").GetString());
        Assert.Equal("Strong", drug.GetProperty("strength").GetString());
        Assert.Contains("antidepressant not predominantly metabolized by CYP2C19", drug.GetProperty("recommendation").GetString(), StringComparison.Ordinal);
        Assert.Contains("37032427", drug.GetProperty("guideline").GetProperty("pmids").EnumerateArray().Select(p => p.GetString()));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void FileWithoutDefiningSnps_IsNotCallableAndGivesNoPhenotype(string layout)
    {
        using var folder = new TempFolder();
        var path = Write(folder, layout, [new Row("rs1", "1", 1000, "A", "G")]);

        var run = CliRun.Of("pgx", path, "--drug", "escitalopram", "--json");

        using var json = JsonDocument.Parse(run.Output);
        var gene = Gene(json.RootElement, "CYP2C19");
        Assert.Equal("not-callable", gene.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, gene.GetProperty("phenotype").ValueKind);
        Assert.Equal(0, gene.GetProperty("coverage").GetProperty("read").GetInt32());
        var drug = Assert.Single(json.RootElement.GetProperty("drugs").EnumerateArray());
        Assert.Equal("not-callable", drug.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, drug.GetProperty("recommendation").ValueKind);
        Assert.Equal(JsonValueKind.Null, drug.GetProperty("phenotype").ValueKind);
        Assert.Contains("CYP2C19", drug.GetProperty("settlingTest").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cyp3a5_Grch37ReferenceBaseIsTheVariant_IsReadWithoutStrandFlipping()
    {
        // rs776746: the GRCh37 reference base C is the *3 allele; "CC" in a GRCh37 file is *3/*3.
        using var folder = new TempFolder();
        var gene = PgxDataLoader.LoadEmbedded().FindGene("CYP3A5")!;
        var path = Write(folder, "23andme", Rows(gene, "*3", "*3", GenomeBuild.Grch37, "rs776746"));

        var run = CliRun.Of("pgx", path, "--json");

        using var json = JsonDocument.Parse(run.Output);
        var call = Gene(json.RootElement, "CYP3A5");
        Assert.Equal("CC", File.ReadAllLines(path).Single(l => l.StartsWith("rs776746", StringComparison.Ordinal)).Split('\t')[3]);
        Assert.Equal("Poor Metabolizer", call.GetProperty("phenotype").GetString());
        Assert.Equal("*3/*3", Assert.Single(call.GetProperty("diplotypes").EnumerateArray()).GetString());
    }

    [Fact]
    public void BrandName_ResolvesThroughTheKnowledgeBase()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "23andme", Rows(Cyp2c19, "*2", "*2", GenomeBuild.Grch37, Cyp2c19ArraySnps));

        var run = CliRun.Of("pgx", path, "--drug", "Lexapro", "--json", "--knowledge", RepositoryPaths.Knowledge);

        using var json = JsonDocument.Parse(run.Output);
        var drug = Assert.Single(json.RootElement.GetProperty("drugs").EnumerateArray());
        Assert.Equal("Lexapro", drug.GetProperty("requested").GetString());
        Assert.Equal("escitalopram", drug.GetProperty("drug").GetString());
        Assert.NotEqual("cpic-name", drug.GetProperty("resolvedBy").GetString());
    }

    [Fact]
    public void UnknownDrug_IsReportedAndExitsOne()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "23andme", Rows(Cyp2c19, "*1", "*2", GenomeBuild.Grch37, Cyp2c19ArraySnps));

        var run = CliRun.Of("pgx", path, "--drug", "lithium", "--json", "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var drug = Assert.Single(json.RootElement.GetProperty("drugs").EnumerateArray());
        Assert.Equal("unknown-drug", drug.GetProperty("status").GetString());
    }

    [Fact]
    public void Text_ShowsTheCallTheRecommendationAndTheCpicVersion()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "23andme", Rows(Cyp2c19, "*2", "*2", GenomeBuild.Grch37, Cyp2c19ArraySnps));

        var run = CliRun.Of("pgx", path, "--drug", "escitalopram");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CPIC v1.30.0", run.Output, StringComparison.Ordinal);
        Assert.Contains("Poor Metabolizer", run.Output, StringComparison.Ordinal);
        Assert.Contains("escitalopram × CYP2C19 (CPIC level A)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AA", run.Output.Replace("CPIC", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_EveryDocumentedNameIsAlwaysPresent()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "23andme", Rows(Cyp2c19, "*1", "*2", GenomeBuild.Grch37, Cyp2c19ArraySnps));

        var run = CliRun.Of("pgx", path, "--drug", "escitalopram", "--drug", "warfarin", "--json");

        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        foreach (var name in new[] { "cpicDataVersion", "refused", "format", "build", "genes", "drugs", "issues" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }

        string[] geneNames = ["gene", "status", "basis", "diplotypes", "diplotypeCount", "pharmCatDiplotypes", "phenotype", "activityScore", "possiblePhenotypes", "coverage", "settlingPositions", "settlingTest", "observed", "notes"];
        Assert.All(root.GetProperty("genes").EnumerateArray(), g => Assert.All(geneNames, n => Assert.True(g.TryGetProperty(n, out _), n)));
        string[] drugNames = ["requested", "drug", "resolvedBy", "gene", "cpicLevel", "status", "geneStatus", "phenotype", "activityScore", "possiblePhenotypes", "implication", "recommendation", "strength", "population", "comments", "guideline", "note", "settlingTest"];
        Assert.All(root.GetProperty("drugs").EnumerateArray(), d => Assert.All(drugNames, n => Assert.True(d.TryGetProperty(n, out _), n)));
        Assert.Contains(root.GetProperty("drugs").EnumerateArray(), d => d.GetProperty("status").GetString() == "see-guideline");
    }

    [Fact]
    public void Cyp2c19Star1Star17_WithAncestry_IsProbableRapidWithItsFigures()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "23andme", Rows(Cyp2c19, "*1", "*17", GenomeBuild.Grch37, Cyp2c19ArraySnps));

        // Across all groups Sub-Saharan African stays below 95 % (91.1 %): ambiguous, with the most likely phenotype shown.
        using (var all = JsonDocument.Parse(CliRun.Of("pgx", path, "--json").Output))
        {
            var gene = Gene(all.RootElement, "CYP2C19");
            Assert.Equal("ambiguous", gene.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, gene.GetProperty("phenotype").ValueKind);
            var probable = gene.GetProperty("probable");
            Assert.Equal("Rapid Metabolizer", probable.GetProperty("phenotype").GetString());
            Assert.False(probable.GetProperty("meetsThreshold").GetBoolean());
            Assert.Equal(0.911473, probable.GetProperty("probability").GetProperty("min").GetDouble(), 5);
            Assert.Equal(9, probable.GetProperty("groupsConsidered").GetArrayLength());
        }

        var run = CliRun.Of("pgx", path, "--ancestry", "European", "--drug", "clopidogrel", "--json");
        using var json = JsonDocument.Parse(run.Output);
        var european = Gene(json.RootElement, "CYP2C19");
        Assert.Equal("probable", european.GetProperty("status").GetString());
        Assert.Equal("Rapid Metabolizer", european.GetProperty("phenotype").GetString());
        Assert.Equal("European", european.GetProperty("probable").GetProperty("statedAncestry").GetString());
        Assert.Equal(0.978753, european.GetProperty("probable").GetProperty("probability").GetProperty("min").GetDouble(), 5);
        Assert.Contains(european.GetProperty("probable").GetProperty("untestedAlleles").EnumerateArray(), a => a.GetString() == "*9");
        var drug = json.RootElement.GetProperty("drugs").EnumerateArray().First(d => d.GetProperty("gene").GetString() == "CYP2C19");
        Assert.Equal("probable", drug.GetProperty("geneStatus").GetString());
        Assert.Equal("97.9 %", drug.GetProperty("probability").GetString());
    }

    [Fact]
    public void UnknownAncestry_IsRefusedWithTheGroups()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "23andme", Rows(Cyp2c19, "*1", "*17", GenomeBuild.Grch37, Cyp2c19ArraySnps));

        var run = CliRun.Of("pgx", path, "--ancestry", "Caucasian");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Sub-Saharan African", run.Error, StringComparison.Ordinal);
    }
}
