using System.Text;
using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

/// <summary>
/// VCF calls beyond the plain diploid 0/1: VCF 4.4's leading phase mark, triploid calls, records
/// without GT, missing calls at indels; BCF input; headers naming two builds.
/// </summary>
public sealed class VcfGenotypeEdgeTests
{
    private const string Head = "##fileformat=VCFv4.4\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n";

    private static readonly GenomeReadOptions KeepAll = new() { KeepAllVcfRecords = true };

    [Fact]
    public void Vcf44_PhasePrefixAndTriploid_EveryRecordAccountedFor()
    {
        // 28 SNV records: one triploid (0|0|1), the rest haploid, diploid or missing, many with a leading phase mark.
        var result = RealWorldFiles.Read("vcf_htslib_vcf44.vcf");

        var counts = result.Genome!.Counts;
        Assert.Equal(27, counts.Variants);
        Assert.Equal(16, counts.Called);
        Assert.Equal(11, counts.NoCalls);
        Assert.Equal(1, counts.Skipped);
        Assert.DoesNotContain(result.Issues, i => i.Message.Contains("not SNVs", StringComparison.Ordinal));
        var triploid = Assert.Single(result.Issues, i => i.Code == GenomeIssueCodes.VcfRecordSkipped);
        Assert.Contains("more than two alleles", triploid.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("|0/1", "CT")]
    [InlineData("/1|1", "CC")]
    [InlineData("|0", "T")]
    [InlineData("|./.", "--")]
    public void Vcf44_LeadingPhaseMark_ReadPast(string gt, string expected)
    {
        var result = GenomeTestFiles.Read(Head + $"19\t44908684\trs429358\tT\tC\t.\t.\t.\tGT\t{gt}\n", KeepAll);

        Assert.Equal(expected, Assert.Single(GenomeTestFiles.Rows(result.Genome!)).Genotype);
        Assert.DoesNotContain(result.Issues, i => i.Code == GenomeIssueCodes.VcfRecordSkipped);
    }

    [Fact]
    public void TriploidCall_AtTarget_SkippedAndUnknown()
    {
        var result = GenomeTestFiles.Read(Head + "19\t44908684\trs429358\tT\tC\t.\t.\t.\tGT\t0/1/1\n19\t44908822\trs7412\tC\tT\t.\t.\t.\tGT\t0/0\n");

        Assert.Equal(-1, result.Genome!.FindRsId(429358));
        Assert.Equal(ApoeStatus.Undetermined, ApoeCaller.Call(result.Genome).Status);
        Assert.Equal(1, result.Genome.Counts.Skipped);
    }

    [Fact]
    public void RecordWithoutGt_SkippedCountedAndReported()
    {
        var vcf = Head + "1\t100\trs1\tA\tC\t.\t.\t.\tDP\t30\n1\t200\trs2\tA\tC\t.\t.\t.\tGT:DP\t0/1:30\n";

        var result = GenomeTestFiles.Read(vcf, KeepAll);

        Assert.Equal(1, result.Genome!.Counts.Variants);
        Assert.Equal(1, result.Genome.Counts.Skipped);
        var issue = Assert.Single(result.Issues, i => i.Code == GenomeIssueCodes.VcfRecordSkipped);
        Assert.Contains("no genotype field", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRecordHasGt_RefusedSayingWhy()
    {
        var result = RealWorldFiles.Read("vcf_htslib_formatmissing.vcf");

        Assert.True(result.Refused);
        Assert.Contains("without a genotype field", Assert.Single(result.Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCallAtIndel_CountedAsSkippedIndel()
    {
        var vcf = Head + "1\t100\trs1\tC\tCTT\t.\t.\t.\tGT\t./.\n1\t200\trs2\tA\tC\t.\t.\t.\tGT\t0/1\n1\t300\trs3\tAT\tA\t.\t.\t.\tGT\t.\n";

        var result = GenomeTestFiles.Read(vcf, KeepAll);

        Assert.Equal(1, result.Genome!.Counts.Variants);
        Assert.Equal(0, result.Genome.Counts.NoCalls);
        Assert.Equal(2, result.Genome.Counts.Skipped);
        Assert.Contains(result.Issues, i => i.Code == GenomeIssueCodes.VcfRecordSkipped && i.Message.StartsWith("2 records were not SNVs", StringComparison.Ordinal));
        Assert.Equal(["rs2"], GenomeTestFiles.Rows(result.Genome).Select(r => r.Id));
    }

    [Fact]
    public void OnlyIndels_SomeMissing_RefusedAsNotSnvs()
    {
        var result = RealWorldFiles.Read("vcf_bcftools_fixploidy.vcf");

        Assert.True(result.Refused);
        Assert.Contains("4 not SNVs", result.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bcf_RefusedWithTheConversionCommand()
    {
        var result = RealWorldFiles.Read("bcf_platinum_hg38.bcf");

        Assert.True(result.Refused);
        var issue = Assert.Single(result.Issues);
        Assert.Equal((GenomeIssueCodes.BcfNotSupported, IssueSeverity.Error), (issue.Code, issue.Severity));
        Assert.Contains("BCF is not supported", issue.Message.Replace("BCF file (binary VCF), which is", "BCF is", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("bcftools view", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UncompressedBcf_Refused()
    {
        byte[] bcf = [.. "BCF\u0002\u0002"u8, 0x10, 0, 0, 0, .. Encoding.ASCII.GetBytes("##fileformat=VCFv4.2\n")];

        Assert.Equal(GenomeIssueCodes.BcfNotSupported, Assert.Single(GenomeTestFiles.Read(bcf).Issues).Code);
    }

    [Theory]
    [InlineData("##reference=GRCh37\n##assembly=GRCh38\n")]
    [InlineData("##contig=<ID=1,length=249250621>\n##reference=hg38\n")]
    public void HeaderNamingTwoBuilds_ReportedAndNotBelieved(string buildLines)
    {
        var vcf = "##fileformat=VCFv4.2\n" + buildLines + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n1\t100\t.\tA\tC\t.\t.\t.\tGT\t0/1\n";

        var result = GenomeTestFiles.Read(vcf);

        var issue = Assert.Single(result.Issues, i => i.Code == GenomeIssueCodes.BuildConflict);
        Assert.Contains("more than one build", issue.Message, StringComparison.Ordinal);
        Assert.Equal(GenomeBuild.Unknown, result.Build!.Build);
    }

    [Fact]
    public void HeaderNamingOneBuildTwice_NoConflict()
    {
        var vcf = "##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621,assembly=b37>\n##reference=GRCh37\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n1\t100\t.\tA\tC\t.\t.\t.\tGT\t0/1\n";

        var result = GenomeTestFiles.Read(vcf);

        Assert.DoesNotContain(result.Issues, i => i.Code == GenomeIssueCodes.BuildConflict);
        Assert.Equal(GenomeBuild.Grch37, result.Build!.Build);
    }
}
