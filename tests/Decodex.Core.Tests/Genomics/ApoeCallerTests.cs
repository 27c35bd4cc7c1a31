using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

public sealed class ApoeCallerTests
{
    // rs3094315 at its GRCh37 position makes the build known from the data.
    private const string Marker37 = "rs3094315\t1\t752566\tAG\n";

    [Theory]
    [InlineData("TT", "TT", "e2/e2", ApoeStatus.Called)]
    [InlineData("TT", "CT", "e2/e3", ApoeStatus.Called)]
    [InlineData("TT", "TC", "e2/e3", ApoeStatus.Called)]
    [InlineData("TT", "CC", "e3/e3", ApoeStatus.Called)]
    [InlineData("CT", "TT", "e1/e2", ApoeStatus.Ambiguous)]
    [InlineData("CT", "CT", "e2/e4", ApoeStatus.Ambiguous)]
    [InlineData("CT", "CC", "e3/e4", ApoeStatus.Called)]
    [InlineData("TC", "CC", "e3/e4", ApoeStatus.Called)]
    [InlineData("CC", "TT", "e1/e1", ApoeStatus.Ambiguous)]
    [InlineData("CC", "CT", "e1/e4", ApoeStatus.Ambiguous)]
    [InlineData("CC", "CC", "e4/e4", ApoeStatus.Called)]
    public void Call_EveryRowOfTheTable(string rs429358, string rs7412, string expected, ApoeStatus status)
    {
        var apoe = Call($"rs429358\t19\t45411941\t{rs429358}\nrs7412\t19\t45412079\t{rs7412}\n");

        Assert.Equal((expected, status), (apoe.Genotype, apoe.Status));
    }

    [Fact]
    public void Call_DoubleHeterozygote_NamesTheAlternative()
    {
        var apoe = Call("rs429358\t19\t45411941\tCT\nrs7412\t19\t45412079\tCT\n");

        Assert.Equal(["e1/e3"], apoe.Alternatives);
        Assert.True(apoe.CarriesE4);
    }

    [Theory]
    [InlineData("rs7412\t19\t45412079\tCC\n", "rs429358")]
    [InlineData("rs429358\t19\t45411941\tCT\n", "rs7412")]
    [InlineData("", "rs429358 and rs7412")]
    public void Call_MissingSite_UndeterminedNeverE3(string rows, string missing)
    {
        var apoe = Call(rows);

        Assert.Equal(ApoeStatus.Undetermined, apoe.Status);
        Assert.Null(apoe.Genotype);
        Assert.StartsWith(missing, apoe.Explanation, StringComparison.Ordinal);
        Assert.Null(apoe.CarriesE4);
    }

    [Theory]
    [InlineData("--", "CC")]
    [InlineData("TT", "--")]
    [InlineData("00", "CC")]
    public void Call_NoCall_Undetermined(string rs429358, string rs7412)
    {
        var apoe = Call($"rs429358\t19\t45411941\t{rs429358}\nrs7412\t19\t45412079\t{rs7412}\n");

        Assert.Equal(ApoeStatus.Undetermined, apoe.Status);
        Assert.Null(apoe.Genotype);
    }

    [Fact]
    public void Call_HaploidCallOnChromosome19_Error()
    {
        var apoe = Call("rs429358\t19\t45411941\tT\nrs7412\t19\t45412079\tCC\n");

        Assert.Equal(ApoeStatus.Error, apoe.Status);
        Assert.Null(apoe.Genotype);
    }

    [Theory]
    [InlineData("AG", "CC")]
    [InlineData("TT", "GG")]
    [InlineData("AA", "GG")]
    public void Call_MinusStrandLetters_ErrorNotFlipped(string rs429358, string rs7412)
    {
        var apoe = Call($"rs429358\t19\t45411941\t{rs429358}\nrs7412\t19\t45412079\t{rs7412}\n");

        Assert.Equal(ApoeStatus.Error, apoe.Status);
        Assert.Contains("strand", apoe.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_ImpossibleLettersWithOtherSiteMissing_ErrorNotUndetermined()
    {
        // testdatensatz4 in the shared excerpts: rs7412 "CG", no rs429358.
        var apoe = Call("rs7412\t19\t45412079\tCG\n");

        Assert.Equal(ApoeStatus.Error, apoe.Status);
    }

    [Theory]
    [InlineData("rs3094315\t1\t752566\tAG\n", "19:45411941", "19:45412079")]
    [InlineData("rs3094315\t1\t817186\tAG\n", "19:44908684", "19:44908822")]
    [InlineData("rs3094315\t1\t742429\tAG\n", "19:50103781", "19:50103919")]
    public void Call_PositionOnlyIds_FoundByPositionInTheDetectedBuild(string marker, string id429358, string id7412)
    {
        var p1 = id429358.Split(':')[1];
        var p2 = id7412.Split(':')[1];
        var result = GenomeTestFiles.Read($"rsid\tchromosome\tposition\tgenotype\n{marker}{id429358}\t19\t{p1}\tCT\n{id7412}\t19\t{p2}\tCC\n");

        var apoe = ApoeCaller.Call(result.Genome!);

        Assert.Equal(("e3/e4", ApoeStatus.Called), (apoe.Genotype, apoe.Status));
        Assert.Contains("by position", apoe.FoundBy, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_RsIdAtAnotherBuildsPosition_StillFoundByRsId()
    {
        var apoe = Call("rs429358\t19\t44908684\tCT\nrs7412\t19\t44908822\tCC\n");

        Assert.Equal("e3/e4", apoe.Genotype);
        Assert.Contains("by rsID", apoe.FoundBy, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_PositionOnlyIdsAtApoePositions_TheyAlsoTellTheBuild()
    {
        var result = GenomeTestFiles.Read("rsid\tchromosome\tposition\tgenotype\n19:44908684\t19\t44908684\tCT\n19:44908822\t19\t44908822\tCC\n");

        Assert.Equal((GenomeBuild.Grch38, "data"), (result.Genome!.Build, result.Build!.Method));
        Assert.Equal("e3/e4", ApoeCaller.Call(result.Genome).Genotype);
    }

    [Fact]
    public void Call_UnknownBuild_PositionsAreNotGuessed()
    {
        var result = GenomeTestFiles.Read("rsid\tchromosome\tposition\tgenotype\nrs1\t1\t101\tAA\n19:123\t19\t123\tCT\n");

        var apoe = ApoeCaller.Call(result.Genome!);

        Assert.Equal(GenomeBuild.Unknown, result.Genome!.Build);
        Assert.Equal(ApoeStatus.Undetermined, apoe.Status);
        Assert.Throws<ArgumentException>(() => result.Genome.FindPosition(new GenomicPosition(GenomeBuild.Grch37, new Chromosome(19), 45411941)));
    }

    private static ApoeResult Call(string rows)
    {
        var result = GenomeTestFiles.Read("rsid\tchromosome\tposition\tgenotype\n" + Marker37 + rows);
        Assert.False(result.Refused);
        return ApoeCaller.Call(result.Genome!);
    }
}
