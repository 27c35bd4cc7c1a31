using System.Globalization;
using System.Text;
using Decodex.Core.Genomics;
using Decodex.Core.Knowledge;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Testing;

namespace Decodex.Core.Tests.Genomics;

/// <summary>
/// Sex decides whether a heterozygous X call (G6PD) is kept or set to no-call: it is inferred only from
/// enough X SNPs or Y data, and a stated sex wins.
/// </summary>
public sealed class SexInferenceTests
{
    /// <summary>A GRCh37 G6PD-region position on X, outside the pseudo-autosomal regions.</summary>
    private const int G6pdPosition = 153_762_634;

    /// <summary>
    /// A woman's position-only VCF (no rsIDs): <paramref name="homozygousX"/> homozygous X sites, as a
    /// targeted or variant-only file holds, and one heterozygous call in G6PD; no Y.
    /// </summary>
    private static string WomanVcf(int homozygousX)
    {
        var text = new StringBuilder("##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n");
        for (var i = 0; i < homozygousX; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"X\t{10_000_000 + (i * 1000)}\t.\tA\tG\t.\tPASS\t.\tGT\t{(i % 2 == 0 ? "0/0" : "1/1")}\n");
        }

        return text.Append(CultureInfo.InvariantCulture, $"X\t{G6pdPosition}\t.\tC\tT\t.\tPASS\t.\tGT\t0/1\n").ToString();
    }

    [Theory]
    [InlineData(150)]
    [InlineData(900)]
    public void PositionOnlyVcf_FewXSitesNoY_Undetermined_HeterozygousCallKept(int homozygousX)
    {
        var streamed = GenomeTestFiles.Read(WomanVcf(homozygousX));
        var kept = GenomeTestFiles.Read(WomanVcf(homozygousX), new GenomeReadOptions { KeepAllVcfRecords = true });

        Assert.Equal(Sex.Undetermined, streamed.Sex!.Sex);
        Assert.Equal(0, streamed.Genome!.Counts.Discrepant);
        Assert.DoesNotContain(streamed.Issues, i => i.Code == GenomeIssueCodes.HeterozygousHaploid);
        Assert.Equal(Sex.Undetermined, kept.Sex!.Sex);
        var g6pd = GenomeTestFiles.Rows(kept.Genome!).Single(r => r.Position == G6pdPosition);
        Assert.Equal("CT", g6pd.Genotype);
    }

    [Fact]
    public void EnoughHomozygousXSites_NoY_Male()
    {
        var result = GenomeTestFiles.Read(WomanVcf(GenomeAssembler.MinimumXCalls + 100));

        Assert.Equal(Sex.Male, result.Sex!.Sex);
        Assert.Equal(1, result.Genome!.Counts.Discrepant);
    }

    [Fact]
    public void FewXSitesButYData_Male()
    {
        var result = RealWorldFiles.Read("dtc_23andme_v5_b37_male_0x77dev_excerpt.txt");

        Assert.True(result.Genome!.Counts.XCalled < GenomeAssembler.MinimumXCalls);
        Assert.True(result.Genome.Counts.YRows >= GenomeAssembler.MinimumYRows);
        Assert.Equal(Sex.Male, result.Sex!.Sex);
    }

    [Fact]
    public void FewXSitesNoY_RealFile_Undetermined()
    {
        // A man's AncestryDNA excerpt in FTDNA's layout, which carries X but no Y: 160 X SNPs are too few.
        var result = RealWorldFiles.Read("derived_ftdna_from_ancestry.csv");

        Assert.Equal(0, result.Genome!.Counts.YRows);
        Assert.Equal(Sex.Undetermined, result.Sex!.Sex);
        Assert.Contains(result.Issues, i => i.Code == GenomeIssueCodes.SexUndetermined);
    }

    [Fact]
    public void StatedFemale_WinsOverMaleData_AndDisagreementReported()
    {
        var result = RealWorldFiles.Read("dtc_23andme_v5_b37_male_0x77dev_excerpt.txt", new GenomeReadOptions { StatedSex = Sex.Female });

        Assert.Equal(Sex.Female, result.Sex!.Sex);
        Assert.Equal(Sex.Female, result.Genome!.Sex);
        Assert.StartsWith("stated as female", result.Sex.Evidence, StringComparison.Ordinal);
        Assert.Contains(result.Issues, i => i.Code == GenomeIssueCodes.SexUndetermined && i.Severity == IssueSeverity.Warning && i.Message.Contains("stated sex", StringComparison.Ordinal));
    }

    [Fact]
    public void StatedFemale_KeepsHeterozygousX_OnAVcfThatLooksMale()
    {
        var options = new GenomeReadOptions { StatedSex = Sex.Female, KeepAllVcfRecords = true };

        var result = GenomeTestFiles.Read(WomanVcf(GenomeAssembler.MinimumXCalls + 100), options);

        Assert.Equal(Sex.Female, result.Sex!.Sex);
        Assert.Equal(0, result.Genome!.Counts.Discrepant);
        Assert.Equal("CT", GenomeTestFiles.Rows(result.Genome).Single(r => r.Position == G6pdPosition).Genotype);
    }

    [Fact]
    public void StatedMale_MakesXHaploid_WithoutInference()
    {
        var result = GenomeTestFiles.Read(WomanVcf(150), new GenomeReadOptions { StatedSex = Sex.Male });

        Assert.Equal(Sex.Male, result.Sex!.Sex);
        Assert.Equal(1, result.Genome!.Counts.Discrepant);
        Assert.Contains(result.Issues, i => i.Code == GenomeIssueCodes.HeterozygousHaploid);
    }

    [Fact]
    public void StatedUndetermined_Inferred()
    {
        var result = RealWorldFiles.Read("dtc_23andme_v5_b37_male_0x77dev_excerpt.txt", new GenomeReadOptions { StatedSex = Sex.Undetermined });

        Assert.Equal(Sex.Male, result.Sex!.Sex);
        Assert.DoesNotContain("stated", result.Sex.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void StatedSex_UsedByAnIndexedRead()
    {
        var result = RealWorldFiles.Read("derived_vcf_23andme_male_b37_idx.vcf.gz", new GenomeReadOptions { StatedSex = Sex.Female });

        Assert.Contains(result.Issues, i => i.Code == GenomeIssueCodes.IndexedRead);
        Assert.Equal(Sex.Female, result.Sex!.Sex);
        Assert.Equal(Sex.Female, result.Genome!.Sex);
    }

    [Fact]
    public void StreamedVcfOfUnknownBuild_MaleXHeterozygoteNotCountedAsDiscrepant()
    {
        // Without a build the PARs cannot be placed, so X stays diploid; the counts must say the same.
        var vcf = WomanVcf(GenomeAssembler.MinimumXCalls + 100).Replace("##contig=<ID=1,length=249250621>\n", string.Empty, StringComparison.Ordinal);

        var result = GenomeTestFiles.Read(vcf);

        Assert.Equal(GenomeBuild.Unknown, result.Build!.Build);
        Assert.Equal(Sex.Male, result.Sex!.Sex);
        Assert.Equal(0, result.Genome!.Counts.Discrepant);
        Assert.DoesNotContain(result.Issues, i => i.Code == GenomeIssueCodes.HeterozygousHaploid);
    }

    [Theory]
    [InlineData(MarkerSex.Female, Sex.Female)]
    [InlineData(null, Sex.Male)]
    public void ReportPath_ProfileSexReachesTheReader(MarkerSex? stated, Sex expected)
    {
        var kb = ShippedKnowledge.Base;
        var pgx = PgxDataLoader.LoadEmbedded();
        var (profile, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), kb);
        var dna = File.ReadAllBytes(RealWorldFiles.PathOf("dtc_23andme_v5_b37_male_0x77dev_excerpt.txt"));

        var inputs = ReportInputs.Load(profile! with { Sex = stated }, kb, pgx, ("dna.txt", dna), []);

        Assert.Equal(expected, inputs.Genome!.Sex);
    }
}
