using System.Globalization;
using System.Text;
using Decodex.Core.Genomics;
using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;
using Decodex.Testing;

namespace Decodex.Core.Tests.Pgx;

/// <summary>
/// DPYD as PharmCAT scores it with phase (the lowest-activity variant on each chromosome), HapB3 from
/// its intronic and exonic positions, and half calls, which never read as normal.
/// </summary>
public sealed class PgxDpydPhaseTests
{
    private const string HapB3 = "c.1129-5923C>G, c.1236G>A (HapB3)";

    private static PgxGene Dpyd => PgxDataLoader.LoadEmbedded().FindGene("DPYD")!;

    /// <summary>Every position reference, then the listed calls (rsID → first, second; <c>1</c> the alternate, <c>0</c> the reference, <c>.</c> unknown).</summary>
    private static PgxObservation?[] With(bool phased, params (string RsId, char First, char Second)[] calls)
    {
        var gene = Dpyd;
        var observations = PgxTestGenomes.Observations(gene, "Reference", "Reference");
        foreach (var (rsId, first, second) in calls)
        {
            var v = gene.Variants.Single(x => x.RsId == rsId);
            string Allele(char code) => code switch { '1' => v.Grch38.Alts[0], '0' => v.Grch38.Ref, _ => PgxObservation.Unknown };
            observations[v.Index] = new PgxObservation(Allele(first), Allele(second), "test") { IsPhased = phased };
        }

        return observations;
    }

    [Fact]
    public void NoFunctionVariantAndHapB3InCis_Phased_ScoreOneAsPharmCat()
    {
        // c.61C>T (0.0) and HapB3 (0.5) on one chromosome, the other reference: 0.0 + 1.0.
        var call = PgxCaller.Call(Dpyd, With(true, ("rs72549310", '1', '0'), ("rs56038477", '1', '0'), ("rs75017182", '1', '0')));

        Assert.Equal("1.0", call.ActivityScore);
        Assert.Equal("Intermediate Metabolizer", call.Phenotype);
        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal(["Reference/c.61C>T"], call.Diplotypes);
    }

    [Theory]
    [InlineData("1|0", "GT:PS", ":100", "1.0")]
    [InlineData("1/0", "GT", "", "0.5")]
    public void NoFunctionVariantAndHapB3InCis_FromAVcf_PhaseSetDecides(string gt, string format, string phaseSet, string score)
    {
        // Every DPYD position written, reference except c.61C>T and both HapB3 positions.
        var gene = Dpyd;
        var cis = new[] { "rs72549310", "rs56038477", "rs75017182" };
        var text = new StringBuilder("##fileformat=VCFv4.2\n##reference=GRCh38\n##contig=<ID=chr1,length=248956422,assembly=GRCh38>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n");
        foreach (var v in gene.Variants.OrderBy(v => v.Grch38.Position))
        {
            var call = v.RsId is not null && cis.Contains(v.RsId) ? gt : gt.Replace('1', '0');
            text.Append(CultureInfo.InvariantCulture, $"chr1\t{v.Grch38.Position}\t{v.RsId ?? "."}\t{v.Grch38.Ref}\t{string.Join(",", v.Grch38.Alts)}\t.\tPASS\t.\t{format}\t{call}{phaseSet}\n");
        }

        var genome = GenomeReader.Read(new MemoryStream(Encoding.ASCII.GetBytes(text.ToString())), new GenomeReadOptions { Targets = PgxDataLoader.LoadEmbedded().GenomeTargets() }).Genome!;
        var result = PgxCaller.Call(gene, genome);

        Assert.Equal(gene.Variants.Length, result.PositionsRead);
        Assert.Equal(score, result.ActivityScore);
    }

    [Fact]
    public void NoFunctionVariantAndHapB3_Unphased_PresumedInTrans()
    {
        var call = PgxCaller.Call(Dpyd, With(false, ("rs72549310", '1', '0'), ("rs56038477", '1', '0'), ("rs75017182", '1', '0')));

        Assert.Equal("0.5", call.ActivityScore);
        Assert.Equal("Poor Metabolizer", call.Phenotype);
    }

    [Fact]
    public void HomozygousNoFunctionAndOneHeterozygousSite_AreEffectivelyPhased()
    {
        // PharmCAT: c.61C>T/[c.61C>T + c.313G>A], looked up as c.61C>T/c.61C>T.
        var call = PgxCaller.Call(Dpyd, With(false, ("rs72549310", '1', '1'), ("rs150385342", '0', '1')));

        Assert.Equal("0.0", call.ActivityScore);
        Assert.Equal(["c.61C>T/c.61C>T"], call.Diplotypes);
    }

    [Fact]
    public void PhasedVariantsOnEachChromosome_UseTheLowestOnEach()
    {
        // PharmCAT's testDpydPhasedMultiTrans: [c.2846A>T + c.2933A>G] / [c.498G>A + c.2582A>G] → 0.0 + 1.0.
        var phased = PgxCaller.Call(Dpyd, With(true, ("rs67376798", '1', '0'), ("rs72547601", '1', '0'), ("rs60139309", '0', '1'), ("rs139834141", '0', '1')));
        var unphased = PgxCaller.Call(Dpyd, With(false, ("rs67376798", '1', '0'), ("rs72547601", '1', '0'), ("rs60139309", '0', '1'), ("rs139834141", '0', '1')));

        Assert.Equal("1.0", phased.ActivityScore);
        Assert.Equal("0.5", unphased.ActivityScore);
    }

    [Fact]
    public void HapB3BothPositionsOnOneChromosome_IsNamedHapB3()
    {
        // PharmCAT's hapB3AndIntronicC: exonic 0|1, intronic 1|1 → c.1129-5923C>G / HapB3.
        var call = PgxCaller.Call(Dpyd, With(true, ("rs56038477", '0', '1'), ("rs75017182", '1', '1')));

        Assert.Equal([$"c.1129-5923C>G/{HapB3}"], call.Diplotypes);
        Assert.Equal("1.0", call.ActivityScore);
    }

    [Fact]
    public void HalfCallsWithTheVariant_KeepTheUnknownHalfOpen()
    {
        // PharmCAT reads T|. and C|. as Reference/HapB3 (1.5); the unknown half could carry HapB3 too (1.0).
        var call = PgxCaller.Call(Dpyd, With(true, ("rs56038477", '1', '.'), ("rs75017182", '1', '.')));

        Assert.Equal(["Intermediate Metabolizer"], call.PossiblePhenotypes);
        Assert.NotEqual(PgxCallStatus.Called, call.Status);
        Assert.NotEqual(PgxCallStatus.Partial, call.Status);

        // The open half is weighed by CPIC's frequencies: HapB3 on it is rare, so score 1.5 is probable, not called.
        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal("Intermediate Metabolizer", call.Probable!.Phenotype);
    }

    [Fact]
    public void HalfCallsOnTheSecondHalf_AreNeverNormal()
    {
        // PharmCAT makes .|T and .|C Reference/Reference; HapB3 is seen on one chromosome, so not normal.
        var call = PgxCaller.Call(Dpyd, With(true, ("rs56038477", '.', '1'), ("rs75017182", '.', '1')));

        Assert.DoesNotContain("Normal Metabolizer", call.PossiblePhenotypes);
        Assert.NotEqual("Normal Metabolizer", call.Phenotype);
    }

    [Fact]
    public void KnownPhenotype_AlwaysComesWithItsActivityScore()
    {
        var calls = new[]
        {
            PgxCaller.Call(Dpyd, With(true, ("rs56038477", '1', '.'), ("rs75017182", '1', '.'))),
            PgxCaller.Call(Dpyd, With(false, ("rs67376798", '1', '0'))),
            PgxCaller.Call(Dpyd, PgxTestGenomes.Observations(Dpyd, "Reference", HapB3, "rs75017182")),
        };

        Assert.All(calls, c => Assert.Equal(c.Phenotype is null, c.ActivityScore is null));
    }
}
