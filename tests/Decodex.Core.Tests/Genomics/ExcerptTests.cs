using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

/// <summary>
/// Every file in the shared excerpts is read with its expected vendor and build (see
/// Genomics/Expected/excerpts.tsv for how each build is known). Vendor is what the content shows:
/// a file without a vendor header is "generic".
/// </summary>
public sealed class ExcerptTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "openSNP-snpr/test/data/23andMe_test.csv", "generic", "GRCh36", "data" },
        { "openSNP-snpr/test/data/ancestry_test.csv", "ancestrydna", "GRCh37", "header-only" },
        { "openSNP-snpr/test/data/ftdna-illumina_sample.csv", "ftdna", "GRCh37", "data" },
        { "openSNP-snpr/test/data/GenesForGood_test.csv", "generic", "unknown", "undetermined" },
        { "openSNP-snpr/test/data/deCODEme_test.csv", "decodeme", "GRCh36", "data" },
        { "openSNP-snpr/test/data/23andmeexome_test.csv", "vcf", "GRCh37", "header-only" },
        { "openSNP-snpr/testdata/decode_small.txt", "decodeme", "GRCh36", "data" },
        { "openSNP-snpr/testdata/testdatensatz1_23andme.txt", "23andme", "GRCh36", "data+header" },
        { "openSNP-snpr/testdata/testdatensatz2_23andme.txt", "23andme", "GRCh36", "data+header" },
        { "openSNP-snpr/testdata/testdatensatz3_23andme.txt", "generic", "GRCh36", "data" },
        { "openSNP-snpr/testdata/testdatensatz4_23andme.txt", "generic", "GRCh36", "data" },
        { "openSNP-snpr/testdata/only_23andme.txt", "23andme", "unknown", "undetermined" },
        { "open-cravat-modules-karchinlab/converters/23andme-converter/test/input", "23andme", "GRCh37", "header-only" },
        { "open-cravat-modules-karchinlab/converters/ancestrydna-converter/test/input", "ancestrydna", "unknown", "undetermined" },
        { "open-cravat-modules-karchinlab/converters/ftdna-converter/test/input", "ftdna", "GRCh37", "data" },
        { "ezancestry/tests/data/sample_genome_snps.txt", "23andme", "GRCh37", "header-only" },
        { "dnaera-to-23andme/samples/dnaera-mini.txt", "illumina-final-report", "GRCh37", "data" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_Excerpt_ExpectedVendorAndBuild(string path, string vendor, string build, string method)
    {
        GenomeTestFiles.SkipWithoutShared();

        var result = GenomeReader.ReadFile(Path.Combine(GenomeTestFiles.Excerpts, path));

        Assert.False(result.Refused, string.Join("; ", result.Issues));
        Assert.Equal(vendor, result.Format!.Name);
        Assert.Equal((build, method), (Name(result.Build!.Build), result.Build.Method));
    }

    [Theory]
    [InlineData("dna-raw-data-converter-milaza/examples/sample_23andme.txt", "23andme")]
    [InlineData("dna-raw-data-converter-milaza/examples/sample_AncestryDNA.txt", "ancestrydna")]
    [InlineData("dna-raw-data-converter-milaza/examples/sample_MyHeritage.csv", "myheritage")]
    [InlineData("dna-raw-data-converter-milaza/examples/sample_FamilyTreeDNA.csv", "ftdna")]
    public void Read_TemplateWithoutRows_RecognisedButRefusedAsEmpty(string path, string vendor)
    {
        GenomeTestFiles.SkipWithoutShared();

        var result = GenomeReader.ReadFile(Path.Combine(GenomeTestFiles.Excerpts, path));

        Assert.True(result.Refused);
        Assert.Equal(vendor, result.Format?.Name);
    }

    [Fact]
    public void Read_IygWithoutPositions_RefusedWithOneClearIssue()
    {
        GenomeTestFiles.SkipWithoutShared();

        // Inside Your Genome gives only rsid and genotype: no chromosome or position to place a row on.
        var result = GenomeReader.ReadFile(Path.Combine(GenomeTestFiles.Excerpts, "openSNP-snpr/test/data/iyg_sample.csv"));

        Assert.True(result.Refused);
        Assert.Single(result.Issues);
    }

    [Fact]
    public void Read_DnaEraExcerpt_CallsApoeByPosition()
    {
        GenomeTestFiles.SkipWithoutShared();

        var result = GenomeReader.ReadFile(Path.Combine(GenomeTestFiles.Excerpts, "dnaera-to-23andme/samples/dnaera-mini.txt"));

        Assert.Equal(ApoeStatus.Called, ApoeCaller.Call(result.Genome!).Status);
    }

    private static string Name(GenomeBuild build) => build switch
    {
        GenomeBuild.Grch36 => "GRCh36",
        GenomeBuild.Grch37 => "GRCh37",
        GenomeBuild.Grch38 => "GRCh38",
        _ => "unknown",
    };
}
