using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;
using Decodex.Testing;

namespace Decodex.Core.Tests.Pgx;

/// <summary>Diplotype names read as PharmCAT writes them: its haplotype-name order and core names for sub-alleles.</summary>
public sealed class PgxAlleleOrderTests
{
    private static PgxData Data => PgxDataLoader.LoadEmbedded();

    [Theory]
    [InlineData("CYP2C19", "*38", "*1", "*1/*38")]
    [InlineData("CYP2C19", "*17", "*2", "*2/*17")]
    [InlineData("TPMT", "*3B", "*3A", "*3A/*3B")]
    [InlineData("UGT1A1", "*80+*28", "*6", "*6/*80+*28")]
    [InlineData("UGT1A1", "*80+*28", "*80", "*80/*80+*28")]
    [InlineData("DPYD", "c.1905+1G>A (*2A)", "c.1627A>G (*5)", "c.1627A>G (*5)/c.1905+1G>A (*2A)")]
    [InlineData("DPYD", "c.1156G>T (*12)", "Reference", "Reference/c.1156G>T (*12)")]
    [InlineData("IFNL3", "rs12979860 variant (T)", "rs12979860 reference (C)", "rs12979860 reference (C)/rs12979860 variant (T)")]
    [InlineData("SLCO1B1", "*45.002", "*1", "*1/*45")]
    public void Names_FollowPharmCatOrder(string gene, string first, string second, string expected)
    {
        var definition = Data.FindGene(gene)!;
        var context = new PgxCaller.CallContext(definition, PgxTestGenomes.Observations(definition, first, second), null);

        Assert.Equal(expected, context.Name(new PgxDiplotype(definition.FindAllele(first)!, definition.FindAllele(second)!, 0)));
    }

    [Fact]
    public void Cyp2c19_Star1Star38_IsCalledInPharmCatOrder()
    {
        var gene = Data.FindGene("CYP2C19")!;

        var call = PgxCaller.Call(gene, PgxTestGenomes.Observations(gene, "*38", "*1"));

        Assert.Equal(["*1/*38"], call.Diplotypes);
        Assert.Equal(["*1/*38"], call.PharmCatDiplotypes);
    }
}
