using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

public sealed class HeaderBuildTests
{
    [Theory]
    [InlineData("# We are using reference human assembly build 37 (also known as Annotation Release 104).", GenomeBuild.Grch37, "build 37")]
    [InlineData("#Build 36", GenomeBuild.Grch36, "Build 36")]
    [InlineData("##reference=GRCh38", GenomeBuild.Grch38, "GRCh38")]
    [InlineData("##reference=build37", GenomeBuild.Grch37, "reference=build37")]
    [InlineData("##contig=<ID=1,assembly=GRCh37.p13>", GenomeBuild.Grch37, "assembly=GRCh37")]
    [InlineData("# hg19 coordinates", GenomeBuild.Grch37, "hg19")]
    [InlineData("# HG18", GenomeBuild.Grch36, "HG18")]
    [InlineData("#NCBI36", GenomeBuild.Grch36, "NCBI36")]
    [InlineData("# build\t38", GenomeBuild.Grch38, "build\t38")]
    [InlineData("# build 370, then GRCh38", GenomeBuild.Grch38, "GRCh38")]
    [InlineData("# build 35 of the pipeline; hg19", GenomeBuild.Grch37, "hg19")]
    public void HeaderBuild_FindsTheLeftmostClaim(string line, GenomeBuild build, string said)
    {
        var claim = GenomeFormatRules.HeaderBuild(["# nothing here", line]);

        Assert.NotNull(claim);
        Assert.Equal(build, claim.Value.Build);
        Assert.Equal($"header says \"{said}\"", claim.Value.Evidence);
    }

    [Theory]
    [InlineData("# build 3")]
    [InlineData("# build 370")]
    [InlineData("# rebuild was 12")]
    [InlineData("# hg")]
    [InlineData("# GRCh")]
    [InlineData("")]
    public void HeaderBuild_NoClaim(string line)
    {
        Assert.Null(GenomeFormatRules.HeaderBuild([line]));
    }
}
