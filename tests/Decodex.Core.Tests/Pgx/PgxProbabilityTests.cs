using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;
using Decodex.Testing;

namespace Decodex.Core.Tests.Pgx;

/// <summary>
/// Probable phenotypes from the positions an array reads and CPIC's allele frequencies. Every expected
/// figure is worked out by hand in a comment from the rows of <c>Pgx/Data/frequencies/GENE.tsv</c>
/// (f = allele frequency; a heterozygous diplotype weighs 2·f_a·f_b, a homozygous one f_a²; alleles
/// without a row in a group weigh 0 there).
/// </summary>
public sealed class PgxProbabilityTests
{
    private const double Tolerance = 1e-5;

    private static readonly string[] Cyp2c19ArraySnps = ["rs4244285", "rs4986893", "rs12248560"];

    private static readonly string[] DpydTier1 = ["rs115232898", "rs146356975", "rs75017182", "rs56038477", "rs55886062", "rs3918290", "rs112766203", "rs67376798"];

    private static PgxData Data => PgxDataLoader.LoadEmbedded();

    /// <summary>The call from <paramref name="first"/>/<paramref name="second"/> with only <paramref name="read"/> (rsIDs) in the file.</summary>
    private static PgxGeneCall Only(string gene, string first, string second, params string[] read)
    {
        var definition = Data.FindGene(gene)!;
        var missing = definition.Variants.Where(v => v.RsId is not null && !read.Contains(v.RsId)).Select(v => v.RsId!).ToArray();
        var observations = PgxTestGenomes.Observations(definition, first, second, missing);
        foreach (var v in definition.Variants.Where(v => v.RsId is null))
        {
            observations[v.Index] = null;
        }

        return PgxCaller.Call(definition, observations);
    }

    private static double P(PgxGeneCall call, string group, string phenotype) => call.Probable!.Groups.Single(g => g.Group == group).Of(phenotype);

    private static PgxGeneCall Stated(PgxGeneCall call, string group) => PgxProbability.ForGroup([call], group)[0];

    [Fact]
    public void Cyp2c19_Star1Star17_FromArraySnps_IsRapidByGroupButNotAcrossAll()
    {
        var call = Only("CYP2C19", "*1", "*17", Cyp2c19ArraySnps);

        // One copy is *17 (or *4, which CYP2C19's definition allows either base at rs12248560); the other
        // is any allele not defined at the three SNPs.
        // Sub-Saharan African (no *4 row): normal N = *1 0.55150676 + *15 0.052882355 + *28 0.0037037036 = 0.6080928186;
        // no-function *35 0.032099508; decreased *9 0.026961539. Every fit is *17/X, so
        // P(Rapid) = N / (N + 0.032099508 + 0.026961539) = 0.6080928186 / 0.6671538656 = 0.911473.
        Assert.Equal(0.911473, P(call, "Sub-Saharan African", "Rapid Metabolizer"), Tolerance);

        // European: f17 = 0.2154386, f4 = 0.002359747; N = *1 0.62514144 + *13 0.0022364424 + *15 0.002 = 0.6293778824;
        // no-function besides *4: *5 0.0000287677 + *6 0.00030023712 + *8 0.0033593778 = 0.0036883826; *9 0.0006602626.
        // Rapid  = 2·f17·N                             = 0.27118458
        // Interm = 2·f17·(0.0036883826 + f4) + 2·f4·N  = 0.00557635
        // Likely intermediate (*17/*9) = 2·f17·f9      = 0.00028449
        // Likely poor (*4/*9) = 2·f4·f9                = 0.00000312
        // Poor = f4² + 2·f4·0.0036883826               = 0.00002298
        // P(Rapid) = 0.27118458 / 0.27707151 = 0.978753
        Assert.Equal(0.978753, P(call, "European", "Rapid Metabolizer"), Tolerance);

        // Below 95 % in Sub-Saharan African (and 94.1 % African American), so not probable across groups.
        Assert.Equal(PgxCallStatus.Ambiguous, call.Status);
        Assert.Null(call.Phenotype);
        Assert.Equal("Rapid Metabolizer", call.Probable!.Phenotype);
        Assert.Equal(0.911473, call.Probable.ProbabilityMin, Tolerance);
        Assert.Contains(call.Notes, n => n.StartsWith("Not probable enough:", StringComparison.Ordinal));

        // Stated European: probable, with the untested alleles that would change it and their combined
        // frequency (*4 + *5 + *6 + *8 + *9 = 0.0067083922).
        var european = Stated(call, "European");
        Assert.Equal(PgxCallStatus.Probable, european.Status);
        Assert.Equal("Rapid Metabolizer", european.Phenotype);
        Assert.Equal("Rapid Metabolizer", european.LookupKey);
        Assert.Equal("European", european.Probable!.StatedGroup);
        Assert.Equal(0.978753, european.Probable.ProbabilityMin, Tolerance);
        Assert.Equal(0.0067083922, european.Probable.UntestedFrequencyMax, Tolerance);
        Assert.Contains("*9", european.Probable.UntestedAlleles);
        Assert.Contains("*4", european.Probable.UntestedAlleles);
        Assert.DoesNotContain("*1", european.Probable.UntestedAlleles);
        Assert.NotNull(european.SettlingTest);

        // AMP Tier 1 *2, *3 and *17 are each seen at their main SNP; rs3758581 (in all three definitions) is not read.
        Assert.Equal(["*2 1/4", "*3 1/2", "*17 1/2"], european.Probable.AmpTier1.Select(t => $"{t.Allele} {t.PositionsRead}/{t.PositionsRequired}"));
    }

    [Fact]
    public void Cyp2c19_Star2Star17_IsProbablyIntermediateInEveryGroup()
    {
        var call = Only("CYP2C19", "*2", "*17", Cyp2c19ArraySnps);

        // Fits: *2/*17 (intermediate) and *2/*4 (poor). P(Intermediate) = 2·f2·f17 / (2·f2·f17 + 2·f2·f4) = f17 / (f17 + f4).
        // European: 0.2154386 / (0.2154386 + 0.002359747) = 0.989165.
        // East Asian: 0.020541333 / (0.020541333 + 0.00017735043) = 0.991440.
        // Sub-Saharan African: no *4 row, so 1.
        Assert.Equal(0.989165, P(call, "European", "Intermediate Metabolizer"), Tolerance);
        Assert.Equal(0.991440, P(call, "East Asian", "Intermediate Metabolizer"), Tolerance);
        Assert.Equal(1.0, P(call, "Sub-Saharan African", "Intermediate Metabolizer"), Tolerance);
        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal("Intermediate Metabolizer", call.Phenotype);
        Assert.Equal(["*4"], call.Probable!.UntestedAlleles);
        Assert.Equal(0.989165, call.Probable.ProbabilityMin, Tolerance);
    }

    [Fact]
    public void Cyp2c19_ReferenceAtThreeSnps_IsProbablyNormalOnlyWhereUntestedAllelesAreRare()
    {
        var call = Only("CYP2C19", "*1", "*1", Cyp2c19ArraySnps);

        // Both copies are any allele not defined at the three SNPs (with *4 allowed either base).
        // Normal only when both are normal: P = N² / (N + X + D)².
        // European: N = 0.6293778824, X = *4 + *5 + *6 + *8 = 0.0060481296, D = *9 0.0006602626 → (0.6293778824 / 0.6360862746)² = 0.979019.
        // Sub-Saharan African: N = 0.6080928186, X = *35 0.032099508, D = *9 0.026961539 → 0.911473² = 0.830783.
        Assert.Equal(0.979019, P(call, "European", "Normal Metabolizer"), Tolerance);
        Assert.Equal(0.830783, P(call, "Sub-Saharan African", "Normal Metabolizer"), Tolerance);
        Assert.Equal(PgxCallStatus.Ambiguous, call.Status);
        Assert.Null(call.LookupKey);

        Assert.Equal(PgxCallStatus.Probable, Stated(call, "European").Status);
        var african = Stated(call, "Sub-Saharan African");
        Assert.Equal(PgxCallStatus.Ambiguous, african.Status);
        Assert.Null(african.Phenotype);
    }

    [Fact]
    public void Cyp2c9_Star2Star3_IsProbablyPoorWithScoreHalf()
    {
        var call = Only("CYP2C9", "*2", "*3", "rs1799853", "rs1057910");

        // Unphased, one copy carries rs1799853 T (*2, or *35 or *61 defined at unread positions too) and the
        // other rs1057910 C (*3, *18 or *68). CPIC has frequencies for *2 and *3 only, so *2/*3 holds all the
        // weight: P(Poor, score 0.5) = 2·f2·f3 / 2·f2·f3 = 1 in every group (European and East Asian checked);
        // the others are named as untested alleles without a frequency.
        Assert.Equal(1.0, P(call, "European", "Poor Metabolizer"), Tolerance);
        Assert.Equal(1.0, P(call, "East Asian", "Poor Metabolizer"), Tolerance);
        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal("0.5", call.ActivityScore);
        Assert.Equal("0.5", call.LookupKey);
        Assert.Contains("*18", call.Probable!.UntestedWithoutFrequency);
        Assert.Contains(call.Notes, n => n.StartsWith("Not in the probability:", StringComparison.Ordinal));
        Assert.Equal(">99.9", PgxProbability.Percent(call.Probable.ProbabilityMin));
    }

    [Fact]
    public void Tpmt_Star3AUnphased_IsProbablyIntermediateNotStar3BStar3C()
    {
        var call = Only("TPMT", "*1", "*3A", "rs1800460", "rs1142345", "rs1800462");

        // Fits: *1/*3A (intermediate), *3B/*3C in trans (poor), *3A/X for any X not defined at the three SNPs.
        // European: IM = 2·*3A 0.033840433·*1 0.9534313 = 0.06452906;
        // PM = 2·f3A·(*4 0.0000588898 + *11 0.0002432575 + *15 0.0000456667 + *23 0.0000262393 = 0.0003740534)
        //      + 2·*3B 0.0028341785·*3C 0.0049218307 = 0.00002532 + 0.00002790 = 0.00005321;
        // Possible IM = 2·f3A·(uncertain/unknown alleles 0.0025396748) = 0.00017189;
        // P(IM) = 0.06452906 / 0.06475416 = 0.996524.
        // East Asian: IM = 2·0.00030599828·0.979625 = 0.00059953; PM = 2·f3A·*29 0.0002899 (no *3B) = 0.00000018;
        // Possible IM = 2·f3A·0.0033251644 = 0.00000203; P(IM) = 0.00059953 / 0.00060174 = 0.996323.
        Assert.Equal(0.996524, P(call, "European", "Intermediate Metabolizer"), Tolerance);
        Assert.Equal(0.996323, P(call, "East Asian", "Intermediate Metabolizer"), Tolerance);
        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal("Intermediate Metabolizer", call.Phenotype);

        // *3B and *3C were read: they are the phase alternative, not untested alleles.
        Assert.DoesNotContain("*3B", call.Probable!.UntestedAlleles);
        Assert.Equal(["*3B/*3C (Poor Metabolizer)"], call.Probable.TestedAlternatives);
        Assert.Contains(call.Notes, n => n.Contains("*3B/*3C", StringComparison.Ordinal));
        Assert.Contains("*4", call.Probable.UntestedAlleles);
        Assert.All(call.Probable.AmpTier1, t => Assert.True(t.Tested));
    }

    [Fact]
    public void Dpyd_Star2AHeterozygous_WithTier1Read_IsProbablyIntermediateWithScoreOne()
    {
        var call = Only("DPYD", "Reference", "c.1905+1G>A (*2A)", DpydTier1);

        // CPIC's DPYD score adds the two lowest values: *2A is 0, so the score stays 1.0 (intermediate) only if
        // neither copy carries an untested decreased or no-function variant: P = (1 − S)².
        // European: S = c.295_298delTCAT (*7) 0.0002 + c.703C>T (*8) 0.0001 = 0.0003 → 0.9997² = 0.999400.
        // African American/Afro-Caribbean: S = c.1024G>A 0.0031 → 0.9969² = 0.993810.
        // Sub-Saharan African: no untested variant has a frequency above 0 → 1.
        Assert.Equal(0.999400, P(call, "European", "Intermediate Metabolizer"), Tolerance);
        Assert.Equal(0.993810, P(call, "African American/Afro-Caribbean", "Intermediate Metabolizer"), Tolerance);
        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal("Intermediate Metabolizer", call.Phenotype);
        Assert.Equal("1.0", call.ActivityScore);
        Assert.Equal("1.0", call.LookupKey);
        Assert.Equal(0.0031, call.Probable!.UntestedFrequencyMax, Tolerance);
        Assert.All(call.Probable.AmpTier1, t => Assert.True(t.Tested));
    }

    [Fact]
    public void Dpyd_Star2AHeterozygous_WithTier1Missing_IsNeverProbable()
    {
        // Without c.557A>G, c.868A>G and c.2279C>T (AMP Tier 1) nothing is made probable, whatever the
        // figures: (1 − S)² is still 0.9992 in European ancestry (S = 0.0004 with c.557A>G 0.0001 added),
        // 0.944978 Sub-Saharan African (S = c.557A>G 0.0279).
        var call = Only("DPYD", "Reference", "c.1905+1G>A (*2A)", "rs3918290", "rs55886062", "rs67376798", "rs75017182");

        Assert.Equal(0.999200, P(call, "European", "Intermediate Metabolizer"), Tolerance);
        Assert.Equal(0.944978, P(call, "Sub-Saharan African", "Intermediate Metabolizer"), Tolerance);
        Assert.Equal(PgxCallStatus.Ambiguous, call.Status);
        Assert.Null(call.LookupKey);
        Assert.Equal(PgxCallStatus.Ambiguous, Stated(call, "European").Status);
        Assert.Contains(call.Notes, n => n.Contains("AMP Tier 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Slco1b1_Rs4149056Only_IsProbablyDecreased()
    {
        var call = Only("SLCO1B1", "*1", "*5", "rs4149056");

        // One copy carries rs4149056 C: *5 or *15 (no function); the other T: any other allele.
        // P(Decreased) = (normal + increased) / (normal + increased + uncertain + no function) on the T copy.
        // European: (*1 0.4027496 + *37 0.25273752 + *14 0.135571 + *20 0.037392758 = 0.828451078)
        //   / (0.828451078 + *16 0.0005718263 + *26 0.0002 + *23 0.0001 + *41 0.0001) = 0.828451078 / 0.829422904 = 0.998828.
        // East Asian: (*1 0.25522262 + *37 0.6147381 = 0.86996072) / (0.86996072 + *16 0.0045032115) = 0.994850.
        Assert.Equal(0.998828, P(call, "European", "Decreased Function"), Tolerance);
        Assert.Equal(0.994850, P(call, "East Asian", "Decreased Function"), Tolerance);
        // Star diplotypes fit, so rs4149056 alone does not decide (PharmCAT's rule); the frequencies do.
        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal("star-alleles", call.Basis);
        Assert.Equal("Decreased Function", call.Probable!.Phenotype);
    }

    [Fact]
    public void Cyp2d6_TwoNoFunctionAlleles_AreProbablyPoor_OthersStayUnknown()
    {
        string[] snps = ["rs3892097", "rs1065852", "rs16947", "rs1135840", "rs5030655", "rs35742686"];
        var poor = Only("CYP2D6", "*4", "*4", snps);

        Assert.Equal(PgxCallStatus.Probable, poor.Status);
        Assert.Equal("Poor Metabolizer", poor.Phenotype);
        Assert.Equal("0.0", poor.LookupKey);
        Assert.Contains(poor.Notes, n => n.Contains("copy number cannot change Poor Metabolizer", StringComparison.Ordinal));

        var intermediate = Only("CYP2D6", "*1", "*4", snps);
        Assert.NotEqual(PgxCallStatus.Probable, intermediate.Status);
        Assert.Null(intermediate.Phenotype);
        Assert.Null(intermediate.LookupKey);
        Assert.Contains(intermediate.Notes, n => n.Contains("copy number can change it", StringComparison.Ordinal));
    }

    [Fact]
    public void CompleteCalls_AreUnchanged()
    {
        var call = PgxCaller.Call(Data.FindGene("CYP2C19")!, PgxTestGenomes.Observations(Data.FindGene("CYP2C19")!, "*1", "*17"));

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Null(call.Probable);
    }

    [Fact]
    public void Groups_ResolveByCpicNameOnly()
    {
        Assert.Equal("European", PgxFrequencies.ResolveGroup(" european "));
        Assert.Equal("African American/Afro-Caribbean", PgxFrequencies.ResolveGroup("african american/afro-caribbean"));
        Assert.Null(PgxFrequencies.ResolveGroup("Caucasian"));
        Assert.Equal(9, PgxFrequencies.Groups.Count);

        var call = Only("CYP2C19", "*1", "*17", Cyp2c19ArraySnps);
        Assert.Same(call, PgxProbability.ForGroup([call], "Caucasian")[0]);

        // Narrowing twice gives the same notes (no note is repeated).
        var once = Stated(call, "European");
        Assert.Equal(once.Notes, Stated(once, "European").Notes);

        // DPYD has no Oceanian frequencies: the range across the groups with data stays, and a note says so.
        var dpyd = Stated(Only("DPYD", "Reference", "c.1905+1G>A (*2A)", DpydTier1), "Oceanian");
        Assert.Null(dpyd.Probable!.StatedGroup);
        Assert.Contains(dpyd.Notes, n => n.StartsWith("No frequencies for DPYD in Oceanian", StringComparison.Ordinal));
    }

    [Fact]
    public void ProbableAdvice_IsGivenAndMarkedProbable()
    {
        var calls = new[] { Only("DPYD", "Reference", "c.1905+1G>A (*2A)", DpydTier1) };

        var advice = PgxAdvisor.Advise(Data, calls, "fluorouracil", null);

        var row = Assert.Single(advice, a => a.Gene == "DPYD");
        Assert.Equal("recommendation", row.Status);
        Assert.Equal(PgxCallStatus.Probable, row.GeneStatus);
        Assert.NotNull(row.Recommendation);
        Assert.Contains("probable", row.Note, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(row.Probability);
    }
}
