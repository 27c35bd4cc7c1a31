using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

/// <summary>
/// Indexed VCF reads on the shared real-world files: the build comes from the data whatever the header
/// claims, and an index that does not fit its file is reported (GEN003, a warning) and not used.
/// </summary>
public sealed class VcfIndexEdgeTests
{
    [Fact]
    public void Indexed_HeaderClaimsGrch37DataAtGrch38_BuildDecidedFromData()
    {
        var indexed = RealWorldFiles.Read("derived_vcf_header37_apoe_marker_at_grch38_idx.vcf.gz");
        var streamed = RealWorldFiles.Read("derived_vcf_header37_apoe_marker_at_grch38.vcf");

        Assert.Contains(indexed.Issues, i => i.Code == GenomeIssueCodes.IndexedRead);
        Assert.Equal(GenomeBuild.Grch38, indexed.Build!.Build);
        Assert.Equal("data", indexed.Build.Method);
        Assert.Contains(indexed.Issues, i => i.Code == GenomeIssueCodes.BuildConflict);
        Assert.Equal(streamed.Build!.Build, indexed.Build.Build);
        Assert.True(indexed.Genome!.FindRsId(429358) >= 0, "rs429358 at its GRCh38 position was read through the index.");
        Assert.True(indexed.Genome.FindRsId(7412) >= 0, "rs7412 at its GRCh38 position was read through the index.");
    }

    [Theory]
    [InlineData("idx_corrupt_tbi.vcf.gz", "not an index")]
    [InlineData("idx_empty_tbi.vcf.gz", "not an index")]
    [InlineData("idx_truncated_tbi.vcf.gz", "not an index")]
    [InlineData("idx_wrong_tbi_from_other_file.vcf.gz", "another file")]
    [InlineData("idx_swapped_tbi_same_contigs.vcf.gz", "another file")]
    [InlineData("idx_stale_tbi_recompressed.vcf.gz", "another file")]
    public void Indexed_IndexDoesNotFit_WarnsAndReadsTheWholeFile(string name, string says)
    {
        var result = RealWorldFiles.Read(name);
        var whole = RealWorldFiles.Read(name, new GenomeReadOptions { UseIndex = false });

        Assert.False(result.Refused);
        var warning = Assert.Single(result.Issues, i => i.Code == GenomeIssueCodes.BadContainer);
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Contains(says, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Issues, i => i.Code == GenomeIssueCodes.IndexedRead);
        Assert.Equal(whole.Genome!.Counts, result.Genome!.Counts);
        Assert.Equal(whole.Build!.Build, result.Build!.Build);
        Assert.Equal(whole.Sex!.Sex, result.Sex!.Sex);
    }

    [Fact]
    public void Indexed_TruncatedBgzipWithItsIndex_WarnsThenRefusedByTheFullRead()
    {
        var result = RealWorldFiles.Read("bgzf_truncated_with_tbi.vcf.gz");

        Assert.True(result.Refused);
        Assert.Equal((GenomeIssueCodes.BadContainer, IssueSeverity.Error), (result.Issues[0].Code, result.Issues[0].Severity));
        Assert.Contains(result.Issues, i => i.Code == GenomeIssueCodes.BadContainer && i.Severity == IssueSeverity.Warning && i.Message.Contains("cut short", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vcf_1kg_HG02102_chr21_b37.vcf.gz")]
    [InlineData("idx_csi_only.vcf.gz")]
    [InlineData("idx_both_tbi_csi.vcf.gz")]
    [InlineData("vcf_bcftools_roh.vcf.gz")]
    [InlineData("derived_vcf_23andme_male_b37_idx.vcf.gz")]
    [InlineData("vcf_platinum_na12878_chr21_hg38.vcf.gz")]
    [InlineData("gvcf_starling_na12878_chr21_hg19.vcf.gz")]
    public void Indexed_IndexFits_Used(string name)
    {
        var result = RealWorldFiles.Read(name);

        Assert.False(result.Refused);
        Assert.Contains(result.Issues, i => i.Code == GenomeIssueCodes.IndexedRead);
        Assert.DoesNotContain(result.Issues, i => i.Code == GenomeIssueCodes.BadContainer);
    }
}
