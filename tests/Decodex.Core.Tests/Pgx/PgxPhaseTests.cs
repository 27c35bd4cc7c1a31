using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;
using Decodex.Testing;

namespace Decodex.Core.Tests.Pgx;

/// <summary>
/// Phased genotypes narrow the diplotypes as PharmCAT's matcher does: phased calls keep their
/// orientation together (per phase set when the file gives one), unphased ones may go either way.
/// </summary>
public sealed class PgxPhaseTests
{
    private static PgxData Data => PgxDataLoader.LoadEmbedded();

    /// <summary>The first allele on one chromosome, the second on the other; <paramref name="phaseSets"/> maps rsIDs to a PS.</summary>
    private static PgxObservation?[] Phased(PgxGene gene, string first, string second, Dictionary<string, string>? phaseSets = null)
    {
        var observations = PgxTestGenomes.Observations(gene, first, second);
        foreach (var v in gene.Variants)
        {
            var set = v.RsId is not null && phaseSets is not null && phaseSets.TryGetValue(v.RsId, out var ps) ? ps : null;
            observations[v.Index] = observations[v.Index]! with { IsPhased = true, PhaseSet = set };
        }

        return observations;
    }

    [Fact]
    public void Tpmt_Star1Star3A_Phased_IsOnlyStar1Star3A()
    {
        var gene = Data.FindGene("TPMT")!;

        var call = PgxCaller.Call(gene, Phased(gene, "*1", "*3A"));

        Assert.Equal(PgxCallStatus.Called, call.Status);
        Assert.Equal(["*1/*3A"], call.Diplotypes);
        Assert.Equal("Intermediate Metabolizer", call.Phenotype);
    }

    [Fact]
    public void Tpmt_Star3BStar3C_Phased_IsPoor()
    {
        var gene = Data.FindGene("TPMT")!;

        var call = PgxCaller.Call(gene, Phased(gene, "*3B", "*3C"));

        Assert.Equal(["*3B/*3C"], call.Diplotypes);
        Assert.Equal("Poor Metabolizer", call.Phenotype);
    }

    [Fact]
    public void Tpmt_HeterozygousSitesInDifferentPhaseSets_KeepBothOrientations()
    {
        // *3A is *3B's rs1800460 plus *3C's rs1142345: in two phase sets their relative orientation is unknown.
        var gene = Data.FindGene("TPMT")!;
        var sets = new Dictionary<string, string>(StringComparer.Ordinal) { ["rs1800460"] = "100", ["rs1142345"] = "200" };

        var call = PgxCaller.Call(gene, Phased(gene, "*1", "*3A", sets));

        Assert.Equal(["*1/*3A", "*3B/*3C"], call.Diplotypes.Order(StringComparer.Ordinal));

        // Not called: the orientation stays open; the frequencies make *1/*3A (Intermediate) probable and
        // name *3B/*3C (Poor) as the alternative.
        Assert.Equal(PgxCallStatus.Probable, call.Status);
        Assert.Equal("Intermediate Metabolizer", call.Probable!.Phenotype);
        Assert.Contains(call.Probable.TestedAlternatives, a => a.Contains("*3B/*3C", StringComparison.Ordinal));
    }

    [Fact]
    public void Tpmt_HeterozygousSitesInOnePhaseSet_AreMatchedStrandByStrand()
    {
        var gene = Data.FindGene("TPMT")!;
        var sets = new Dictionary<string, string>(StringComparer.Ordinal) { ["rs1800460"] = "100", ["rs1142345"] = "100" };

        var call = PgxCaller.Call(gene, Phased(gene, "*3B", "*3C", sets));

        Assert.Equal(["*3B/*3C"], call.Diplotypes);
    }

    [Fact]
    public void Ugt1a1_ThreeVariantsOnOneStrand_IsNotCalledAsAnotherPair()
    {
        // HG00436-like: *80, *28 and *27 on one chromosome; no defined allele carries all three, so
        // PharmCAT makes no call (unphased, *27/*80+*28 would fit).
        var gene = Data.FindGene("UGT1A1")!;
        var observations = PgxTestGenomes.Observations(gene, "*1", "*1");
        foreach (var (rsId, variant) in new[] { ("rs887829", "*80"), ("rs3064744", "*28"), ("rs35350960", "*27") })
        {
            var v = gene.Variants.Single(x => x.RsId == rsId);
            var alt = gene.FindAllele(variant)!.Alleles[v.Index]!;
            observations[v.Index] = new PgxObservation(alt, observations[v.Index]!.First, "test") { IsPhased = true };
        }

        var unphased = PgxCaller.Call(gene, [.. observations.Select(o => o! with { IsPhased = false })]);
        var phased = PgxCaller.Call(gene, observations);

        Assert.Contains("*27/*80+*28", unphased.Diplotypes);
        Assert.Equal(PgxCallStatus.NotCallable, phased.Status);
        Assert.Null(phased.Phenotype);
        Assert.Empty(phased.Diplotypes);
    }
}
