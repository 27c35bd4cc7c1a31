namespace Decodex.Core.Tests.Knowledge;

public sealed class DrugResolutionTests
{
    [Theory]
    [InlineData("Lexapro", "escitalopram", "brand")]
    [InlineData("escitalopram", "escitalopram", "generic")]
    [InlineData("  Escitalopram   10 mg tablets ", "escitalopram", "generic")]
    [InlineData("Cymbalta®", "duloxetine", "brand")]
    [InlineData("Risperdal Consta", "risperidone", "synonym")]
    public void ResolveDrug_NamesPeopleWrite_FindTheGeneric(string name, string generic, string matchedBy)
    {
        var match = Assert.Single(ShippedKnowledge.Base.ResolveDrug(name));

        Assert.Equal((generic, matchedBy), (match.Generic, match.MatchedBy));
    }

    [Fact]
    public void ResolveDrug_ClassMember_CarriesTheClassAndItsParents()
    {
        var match = Assert.Single(ShippedKnowledge.Base.ResolveDrug("Lexapro"));

        Assert.Contains("ssri", match.ClassIds);
        Assert.Contains("antidepressants", match.ClassIds);
        Assert.Null(match.CompoundId);
    }

    [Theory]
    [InlineData("LITHIUM", "lithium", "mood-stabilisers")]
    [InlineData("Lithobid", "lithium", "mood-stabilisers")]
    [InlineData("risperidone", "risperidone", "antipsychotics")]
    public void ResolveDrug_WithMonograph_LinksTheCompound(string name, string compound, string classId)
    {
        var match = Assert.Single(ShippedKnowledge.Base.ResolveDrug(name));

        Assert.Equal(compound, match.CompoundId);
        Assert.Contains(classId, match.ClassIds);
    }

    [Theory]
    [InlineData("not-a-drug")]
    [InlineData("")]
    [InlineData("mg")]
    public void ResolveDrug_UnknownName_EmptyNotGuessed(string name)
    {
        Assert.Empty(ShippedKnowledge.Base.ResolveDrug(name));
    }
}
