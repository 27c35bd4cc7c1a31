using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;
using Decodex.Testing;

namespace Decodex.Core.Tests.Pgx;

/// <summary>
/// Hand-built genotype sets (every defining position present unless a test removes some) must give
/// CPIC's phenotypes; missing and unphased data must widen the result, never default it to normal.
/// </summary>
public sealed class PgxCallerTests
{
    private static PgxData Data => PgxDataLoader.LoadEmbedded();

    private static PgxGeneCall Call(string gene, string first, string second, params string[] missing)
    {
        var definition = Data.FindGene(gene)!;
        return PgxCaller.Call(definition, PgxTestGenomes.Observations(definition, first, second, missing));
    }

    [Theory]
    [InlineData("*1", "*1", "Normal Metabolizer")]
    [InlineData("*1", "*2", "Intermediate Metabolizer")]
    [InlineData("*2", "*2", "Poor Metabolizer")]
    [InlineData("*1", "*17", "Rapid Metabolizer")]
    [InlineData("*17", "*17", "Ultrarapid Metabolizer")]
    [InlineData("*2", "*17", "Intermediate Metabolizer")]
    [InlineData("*1", "*3", "Intermediate Metabolizer")]
    [InlineData("*2", "*3", "Poor Metabolizer")]
    [InlineData("*3", "*17", "Intermediate Metabolizer")]
    [InlineData("*3", "*3", "Poor Metabolizer")]
    public void Cyp2c19_CompleteGenotypes_GiveCpicPhenotypes(string first, string second, string phenotype)
    {
        var call = Call("CYP2C19", first, second);

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal($"{first}/{second}", Assert.Single(call.Diplotypes));
        Assert.Equal(phenotype, call.Phenotype);
        Assert.Equal(phenotype, call.LookupKey);
        Assert.Equal(35, call.PositionsRead);
        Assert.Equal(35, call.PositionsRequired);
    }

    [Fact]
    public void Cyp2c19_Rs12248560Missing_IsAmbiguousNotNormal()
    {
        var call = Call("CYP2C19", "*1", "*1", "rs12248560");

        Assert.Equal(PgxCallStatus.Ambiguous, call.Status);
        Assert.Null(call.Phenotype);
        Assert.Null(call.LookupKey);
        Assert.Contains("*1/*1", call.Diplotypes);
        Assert.Contains("*1/*17", call.Diplotypes);
        Assert.Contains("*17/*17", call.Diplotypes);
        Assert.Equal(["Normal Metabolizer", "Rapid Metabolizer", "Ultrarapid Metabolizer"], call.PossiblePhenotypes.Order(StringComparer.Ordinal));
        Assert.StartsWith("rs12248560 (", Assert.Single(call.SettlingPositions), StringComparison.Ordinal);
        Assert.Equal(34, call.PositionsRead);
        // PharmCAT would call *1/*1 here, silently reading the missing position as reference.
        Assert.Equal(["*1/*1"], call.PharmCatDiplotypes);
    }

    [Fact]
    public void Cyp2c19_Rs3758581Missing_DoesNotPretendStar1()
    {
        // *1 is defined by rs3758581 alone; without it *1 and the reference *38 cannot be told apart.
        var call = Call("CYP2C19", "*1", "*1", "rs3758581");

        Assert.Contains("*38/*38", call.Diplotypes);
        Assert.Contains("*1/*1", call.Diplotypes);
        Assert.Equal("Normal Metabolizer", call.Phenotype);
        Assert.Equal(PgxCallStatus.Ambiguous, call.Status);
    }

    [Theory]
    [InlineData("*1", "*1", "2.0", "Normal Metabolizer")]
    [InlineData("*1", "*2", "1.5", "Intermediate Metabolizer")]
    [InlineData("*1", "*3", "1.0", "Intermediate Metabolizer")]
    [InlineData("*2", "*3", "0.5", "Poor Metabolizer")]
    [InlineData("*3", "*3", "0.0", "Poor Metabolizer")]
    public void Cyp2c9_CompleteGenotypes_GiveCpicActivityScores(string first, string second, string score, string phenotype)
    {
        var call = Call("CYP2C9", first, second);

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal(score, call.ActivityScore);
        Assert.Equal(score, call.LookupKey);
        Assert.Equal(phenotype, call.Phenotype);
    }

    [Theory]
    [InlineData("rs9923231 reference (C)", "rs9923231 reference (C)", "-1639 GG")]
    [InlineData("rs9923231 reference (C)", "rs9923231 variant (T)", "-1639 AG")]
    [InlineData("rs9923231 variant (T)", "rs9923231 variant (T)", "-1639 AA")]
    public void Vkorc1_Genotypes_GiveCpicPhenotypes(string first, string second, string phenotype)
    {
        var call = Call("VKORC1", first, second);

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal(phenotype, call.Phenotype);
    }

    [Theory]
    [InlineData("*1", "*1", "Normal Function")]
    [InlineData("*1", "*5", "Decreased Function")]
    [InlineData("*5", "*5", "Poor Function")]
    [InlineData("*5", "*15", "Poor Function")]
    public void Slco1b1_CompleteGenotypes_GiveCpicPhenotypes(string first, string second, string phenotype)
    {
        var call = Call("SLCO1B1", first, second);

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal("star-alleles", call.Basis);
        Assert.Equal(phenotype, call.Phenotype);
    }

    [Fact]
    public void Slco1b1_Star1Star15_Unphased_AlsoFitsStar5Star37WithTheSamePhenotype()
    {
        var call = Call("SLCO1B1", "*1", "*15");

        Assert.Equal(PgxCallStatus.Ambiguous, call.Status);
        Assert.Equal(["*1/*15", "*5/*37"], call.Diplotypes.Order(StringComparer.Ordinal));
        Assert.Equal("Decreased Function", call.Phenotype);
        Assert.Equal("Decreased Function", call.LookupKey);
    }

    [Fact]
    public void Slco1b1_OnlyRs4149056Read_StarDiplotypesFitSoNoSingleVariantFallback()
    {
        // As in PharmCAT, rs4149056 alone decides only when no star diplotype can be named; here many
        // fit, and untested no-function alleles (e.g. *45) keep the phenotype open.
        var gene = Data.FindGene("SLCO1B1")!;
        var observations = new PgxObservation?[gene.Variants.Length];
        var index = gene.Variants.Single(v => v.RsId == "rs4149056").Index;
        observations[index] = new PgxObservation("T", "C", "test");

        var call = PgxCaller.Call(gene, observations);

        // Not called: the frequencies of the untested alleles make Decreased Function probable.
        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal("star-alleles", call.Basis);
        Assert.Equal("Decreased Function", call.Probable!.Phenotype);
        Assert.Contains("Decreased Function", call.PossiblePhenotypes);
        Assert.True(call.DiplotypeCount > 1);
    }

    [Fact]
    public void Slco1b1_OnlyRs4149056ReadAsReference_IsAtMostProbablyNormal()
    {
        var gene = Data.FindGene("SLCO1B1")!;
        var observations = new PgxObservation?[gene.Variants.Length];
        observations[gene.Variants.Single(v => v.RsId == "rs4149056").Index] = new PgxObservation("T", "T", "test");

        var call = PgxCaller.Call(gene, observations);

        // Never called Normal from one reference position: untested no-function alleles (e.g. *45) stay
        // possible, so at most a probable Normal Function, with those alleles named.
        Assert.NotEqual(PgxCallStatus.Called, call.Status);
        Assert.NotEqual(PgxCallStatus.Partial, call.Status);
        Assert.NotEqual("rs4149056", call.Basis);
        Assert.Contains("Normal Function", call.PossiblePhenotypes);
        Assert.True(call.PossiblePhenotypes.Count > 1);
        Assert.NotEmpty(call.Probable!.UntestedAlleles);
        Assert.True(call.Probable.ProbabilityMin < 1);
    }

    [Fact]
    public void Slco1b1_NoStarDiplotypeNameable_FallsBackToRs4149056()
    {
        // An allele no definition lists (SLCO1B1 is not a toxicity gene) leaves no star diplotype.
        var gene = Data.FindGene("SLCO1B1")!;
        var observations = PgxTestGenomes.Observations(gene, "*1", "*5");
        var other = gene.Variants.First(v => v.RsId != "rs4149056" && v.Grch38.Ref.Length == 1 && v.Grch38.Alts.All(a => a.Length == 1));
        var undocumented = "ACGT".First(b => b.ToString() != other.Grch38.Ref && !other.Grch38.Alts.Contains(b.ToString())).ToString();
        observations[other.Index] = new PgxObservation(other.Grch38.Ref, undocumented, "test");

        var call = PgxCaller.Call(gene, observations);

        Assert.Equal(PgxCallStatus.Partial, call.Status);
        Assert.Equal("rs4149056", call.Basis);
        Assert.Equal("Decreased Function", call.Phenotype);
        Assert.Empty(call.Diplotypes);
        Assert.Equal(["*1/*5"], call.PharmCatDiplotypes);
    }

    [Fact]
    public void Slco1b1_Star45SubAllele_IsReportedAsStar45AndNeverFallsBackToNormal()
    {
        // *45 (R580X) is defined as *45.001 on a *1 background; rs4149056 is reference, yet the
        // fallback must not call this Normal Function.
        var call = Call("SLCO1B1", "*1", "*45.001");

        Assert.Equal(["*1/*45"], call.Diplotypes);
        Assert.Equal("star-alleles", call.Basis);
        Assert.NotEqual("Normal Function", call.Phenotype);
    }

    [Theory]
    [InlineData("*1", "*45.001", "Decreased Function")]
    [InlineData("*45.001", "*45.002", "Poor Function")]
    public void Slco1b1_Star45Carrier_GetsThePhenotypeOfTheCoreAllele(string first, string second, string phenotype)
    {
        // PharmCAT lists the function of *45 (no function) under the core name; its sub-alleles take it.
        // (*1 with *45.002, R580X on the *15 background, cannot be told apart from *15/*45 unphased.)
        var call = Call("SLCO1B1", first, second);

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal(phenotype, call.Phenotype);
    }

    [Theory]
    [InlineData("*1", "*1", "Normal Metabolizer")]
    [InlineData("*1", "*3", "Intermediate Metabolizer")]
    [InlineData("*3", "*3", "Poor Metabolizer")]
    [InlineData("*3", "*6", "Poor Metabolizer")]
    public void Cyp3a5_CompleteGenotypes_GiveCpicPhenotypes(string first, string second, string phenotype)
    {
        var call = Call("CYP3A5", first, second);

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal(phenotype, call.Phenotype);
    }

    [Theory]
    [InlineData("*1", "*1", "Normal Metabolizer")]
    [InlineData("*1", "*2", "Intermediate Metabolizer")]
    [InlineData("*1", "*3C", "Intermediate Metabolizer")]
    [InlineData("*3A", "*3A", "Poor Metabolizer")]
    [InlineData("*2", "*3C", "Poor Metabolizer")]
    public void Tpmt_CompleteGenotypes_GiveCpicPhenotypes(string first, string second, string phenotype)
    {
        var call = Call("TPMT", first, second);

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal(phenotype, call.Phenotype);
    }

    [Fact]
    public void Tpmt_Star1Star3A_Unphased_ListsStar3BStar3CAndIsOnlyProbable()
    {
        // Unphased, *1/*3A and *3B/*3C give the same genotypes; the first is intermediate, the second poor.
        // The phenotype is only probable (PgxProbabilityTests checks the figures), never called.
        var call = Call("TPMT", "*1", "*3A");

        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal(["*1/*3A", "*3B/*3C"], call.Diplotypes.Order(StringComparer.Ordinal));
        Assert.Equal("Intermediate Metabolizer", call.Phenotype);
        Assert.Equal(["Intermediate Metabolizer", "Poor Metabolizer"], call.PossiblePhenotypes.Order(StringComparer.Ordinal));
        Assert.Equal(["*1/*3A"], call.PharmCatDiplotypes);
        Assert.Contains("phased", call.SettlingTest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*1", "*1", "Normal Metabolizer")]
    [InlineData("*1", "*3", "Intermediate Metabolizer")]
    [InlineData("*3", "*3", "Poor Metabolizer")]
    public void Nudt15_CompleteGenotypes_GiveCpicPhenotypes(string first, string second, string phenotype)
    {
        var call = Call("NUDT15", first, second);

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal(phenotype, call.Phenotype);
    }

    [Fact]
    public void Nudt15_Star1Star2_Unphased_CannotExcludeStar3Star6()
    {
        // *2 is *3's rs116855232 plus *6's insertion; unphased, the two may sit on different copies.
        var call = Call("NUDT15", "*1", "*2");

        Assert.Equal(PgxCallStatus.Ambiguous, call.Status);
        Assert.Equal(["*1/*2", "*3/*6"], call.Diplotypes.Order(StringComparer.Ordinal));
        Assert.Null(call.Phenotype);
        Assert.Equal(["Intermediate Metabolizer", "Possible Intermediate Metabolizer"], call.PossiblePhenotypes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Reference", "Reference", "2.0", "Normal Metabolizer")]
    [InlineData("Reference", "c.1905+1G>A (*2A)", "1.0", "Intermediate Metabolizer")]
    [InlineData("c.1905+1G>A (*2A)", "c.1905+1G>A (*2A)", "0.0", "Poor Metabolizer")]
    [InlineData("c.1905+1G>A (*2A)", "c.2846A>T", "0.5", "Poor Metabolizer")]
    [InlineData("Reference", "c.2846A>T", "1.5", "Intermediate Metabolizer")]
    [InlineData("Reference", "c.1129-5923C>G, c.1236G>A (HapB3)", "1.5", "Intermediate Metabolizer")]
    public void Dpyd_CompleteGenotypes_UseTheTwoLowestActivityValues(string first, string second, string score, string phenotype)
    {
        var call = Call("DPYD", first, second);

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal("dpyd-variants", call.Basis);
        Assert.Equal(score, call.ActivityScore);
        Assert.Equal(phenotype, call.Phenotype);
    }

    [Fact]
    public void Dpyd_HapB3IntronicMissing_FallsBackToExonicRs56038477()
    {
        var call = Call("DPYD", "Reference", "c.1129-5923C>G, c.1236G>A (HapB3)", "rs75017182");

        // HapB3 is read from the exonic variant; the other copy could still carry the intronic one alone,
        // so the score is 1.5 or 1.0: intermediate either way, but CPIC's dose advice follows the score,
        // so no phenotype is given without it.
        Assert.Contains(call.Notes, n => n.Contains("HapB3", StringComparison.Ordinal));
        Assert.Equal(["Intermediate Metabolizer"], call.PossiblePhenotypes);
        Assert.NotEqual(PgxCallStatus.Called, call.Status);
        Assert.NotEqual(PgxCallStatus.Partial, call.Status);

        // Intermediate whichever score: probable, and the score with it comes from the frequencies.
        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal("Intermediate Metabolizer", call.Probable!.Phenotype);
    }

    [Fact]
    public void Dpyd_NoFunctionVariantsUntested_LeaveThePhenotypeOpen()
    {
        var call = Call("DPYD", "Reference", "Reference", "rs3918290", "rs67376798");

        Assert.Equal(PgxCallStatus.Ambiguous, call.Status);
        Assert.Null(call.Phenotype);
        Assert.Contains("Normal Metabolizer", call.PossiblePhenotypes);
        Assert.Contains("Poor Metabolizer", call.PossiblePhenotypes);
        Assert.Contains(call.SettlingPositions, p => p.StartsWith("rs3918290", StringComparison.Ordinal));
    }

    [Fact]
    public void Dpyd_TwoNoFunctionVariants_StayPoorWhateverIsMissing()
    {
        var call = Call("DPYD", "c.1905+1G>A (*2A)", "c.1905+1G>A (*2A)", "rs67376798");

        Assert.Equal(PgxCallStatus.Partial, call.Status);
        Assert.Equal("0.0", call.ActivityScore);
    }

    [Fact]
    public void Cyp2d6_EvenComplete_GivesAllelesButNoPhenotype()
    {
        var call = Call("CYP2D6", "*1", "*4");

        Assert.Equal(PgxCallStatus.Partial, call.Status);
        Assert.Equal("snp-alleles", call.Basis);
        Assert.Contains("*1/*4", call.Diplotypes);
        Assert.Null(call.Phenotype);
        Assert.Null(call.ActivityScore);
        Assert.Contains("copy-number", call.SettlingTest, StringComparison.Ordinal);
    }

    [Fact]
    public void NoDefiningPositionRead_IsNotCallableWithoutPhenotype()
    {
        var gene = Data.FindGene("CYP2C19")!;

        var call = PgxCaller.Call(gene, new PgxObservation?[gene.Variants.Length]);

        Assert.Equal(PgxCallStatus.NotCallable, call.Status);
        Assert.Null(call.Phenotype);
        Assert.Empty(call.Diplotypes);
        Assert.Equal(0, call.PositionsRead);
        Assert.NotNull(call.SettlingTest);
    }

    [Fact]
    public void UndocumentedAllele_MakesANonToxicityGeneNotCallable()
    {
        var gene = Data.FindGene("CYP2C19")!;
        var observations = PgxTestGenomes.Observations(gene, "*1", "*1");
        var index = gene.Variants.Single(v => v.RsId == "rs4244285").Index;
        observations[index] = new PgxObservation("G", "T", "test"); // T is not an allele of rs4244285 (G>A)

        var call = PgxCaller.Call(gene, observations);

        Assert.Equal(PgxCallStatus.NotCallable, call.Status);
        Assert.Null(call.Phenotype);
    }

    [Fact]
    public void UndocumentedAllele_InAToxicityGene_IsReadAsReference()
    {
        var gene = Data.FindGene("TPMT")!;
        var observations = PgxTestGenomes.Observations(gene, "*1", "*1");
        var index = gene.Variants.Single(v => v.RsId == "rs1800462").Index;
        observations[index] = new PgxObservation("C", "A", "test"); // rs1800462 is C>G; A is undocumented

        var call = PgxCaller.Call(gene, observations);

        Assert.Equal("Normal Metabolizer", call.Phenotype);
        Assert.Contains(call.Notes, n => n.Contains("reference allele", StringComparison.Ordinal));
    }
}
