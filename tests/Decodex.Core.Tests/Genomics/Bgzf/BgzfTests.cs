using BgzfFormat = Decodex.Core.Genomics.Bgzf.Bgzf;

namespace Decodex.Core.Tests.Genomics.Bgzf;

public sealed class BgzfTests
{
    [Theory]
    [InlineData("small.vcf.gz")]
    [InlineData("small-nochr.vcf.gz")]
    [InlineData("small.vcf.gz.tbi")]
    [InlineData("small.vcf.gz.csi")]
    public void IsBgzf_BgzipOutput_True(string name)
    {
        Assert.True(BgzfFormat.IsBgzf(BgzfFixtures.Bytes(name).AsSpan(0, 18)));
    }

    [Fact]
    public void IsBgzf_PlainMultiMemberGzip_False()
    {
        Assert.False(BgzfFormat.IsBgzf(BgzfFixtures.Bytes("small-nochr-multimember.vcf.gz")));
    }

    [Fact]
    public void IsBgzf_FewerThan18Bytes_False()
    {
        Assert.False(BgzfFormat.IsBgzf(BgzfFixtures.Bytes("small.vcf.gz").AsSpan(0, 17)));
    }

    [Fact]
    public void IsBgzf_PlainText_False()
    {
        Assert.False(BgzfFormat.IsBgzf("##fileformat=VCFv4.2\n#CHROM"u8));
    }

    [Fact]
    public void IsBgzf_BlockFromTestWriter_True()
    {
        Assert.True(BgzfFormat.IsBgzf(BgzfFixtures.WriteBgzf("x"u8, [1])));
    }
}
