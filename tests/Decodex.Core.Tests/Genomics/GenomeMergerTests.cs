using System.Text;
using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

public sealed class GenomeMergerTests
{
    // The peer's fixture uses letters A–D as placeholders; map them to real bases so the reader accepts them
    // (equalities, and so every discrepancy, are preserved).
    private static readonly Dictionary<char, char> Letters = new() { ['A'] = 'A', ['B'] = 'C', ['C'] = 'G', ['D'] = 'T', ['-'] = '-' };

    [Fact]
    public void Merge_PeerDiscrepancyTable_SameDiscrepanciesAndResults()
    {
        GenomeTestFiles.SkipWithoutShared();
        var lines = File.ReadAllLines(Path.Combine(GenomeTestFiles.Fixtures, "discrepant_snps.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var file1 = new StringBuilder("rsid,chromosome,position,genotype\n");
        var file2 = new StringBuilder("rsid,chromosome,position,genotype\n");
        foreach (var f in lines)
        {
            file1.Append($"{f[0]},{f[1]},{f[2]},{Map(f[4])}\n");
            file2.Append($"{f[0]},{f[1]},{f[3]},{Map(f[5])}\n");
        }

        var a = GenomeTestFiles.Read(file1.ToString()).Genome!;
        var b = GenomeTestFiles.Read(file2.ToString()).Genome!;

        // The peer's defaults: absolute limits of 100 positions and 500 genotypes.
        var result = GenomeMerger.Merge(a, b, new GenomeMergeOptions { MaxGenotypeDiscordance = 1.0, GenotypeDiscrepancyLimit = 500 });

        Assert.False(result.Refused);
        Assert.Equal(52, result.Common);
        Assert.Equal(lines.Count(f => f[6] == "True"), result.PositionDiscrepancies);
        Assert.Equal(lines.Count(f => f[7] == "True"), result.GenotypeDiscrepancies);
        var merged = result.Merged!;
        foreach (var f in lines)
        {
            var row = merged.FindRsId(ulong.Parse(f[0][2..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(int.Parse(f[8], System.Globalization.CultureInfo.InvariantCulture), merged.Position(row));
            Assert.Equal(GenomeTestFiles.Sorted(Map(f[9])), GenomeTestFiles.Sorted(merged.Genotype(row).ToString()));
        }
    }

    [Fact]
    public void Merge_DifferentBuilds_Refused()
    {
        var a = GenomeTestFiles.Read("rs3094315\t1\t752566\tAA\nrs1\t1\t101\tAA\n").Genome!;
        var b = GenomeTestFiles.Read("rs3094315\t1\t817186\tAA\nrs1\t1\t101\tAA\n").Genome!;

        var result = GenomeMerger.Merge(a, b);

        Assert.True(result.Refused);
        Assert.Equal(GenomeIssueCodes.MergeRefused, Assert.Single(result.Issues).Code);
    }

    [Fact]
    public void Merge_ManyPositionDiscrepancies_RefusedAsDifferentBuilds()
    {
        var a = GenomeTestFiles.Read(Rows(200, i => $"rs{i}\t1\t{i + 1000}\tAA")).Genome!;
        var b = GenomeTestFiles.Read(Rows(200, i => $"rs{i}\t1\t{i + 5000}\tAA")).Genome!;

        Assert.True(GenomeMerger.Merge(a, b).Refused);
    }

    [Fact]
    public void Merge_DifferentPeople_RefusedByDiscordance()
    {
        var a = GenomeTestFiles.Read(Rows(2000, i => $"rs{i}\t1\t{i + 1000}\tAA")).Genome!;
        var b = GenomeTestFiles.Read(Rows(2000, i => $"rs{i}\t1\t{i + 1000}\t{(i % 3 == 0 ? "AG" : "AA")}")).Genome!;

        var result = GenomeMerger.Merge(a, b);

        Assert.True(result.Refused);
        Assert.Contains("different people", result.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_SamePersonTwoChips_FillsNoCallsAddsRowsAndFlagsRareDisagreements()
    {
        var a = GenomeTestFiles.Read(Rows(2000, i => $"rs{i}\t1\t{i + 1000}\t{(i == 5 ? "--" : "AG")}")).Genome!;
        var b = GenomeTestFiles.Read(Rows(2000, i => $"rs{i}\t1\t{i + 1000}\t{(i == 7 ? "AA" : "GA")}") + "rs99999\t2\t50\tCC\n").Genome!;

        var result = GenomeMerger.Merge(a, b);

        var merged = result.Merged!;
        Assert.Equal((2000, 1, 1999), (result.Common, result.GenotypeDiscrepancies, result.Compared));
        Assert.Equal("AG", merged.Genotype(merged.FindRsId(5)).ToString());
        Assert.True(merged.Genotype(merged.FindRsId(7)).IsNoCall);
        Assert.True(merged.FindRsId(99999) >= 0);
        Assert.Contains(result.Issues, i => i.Code == GenomeIssueCodes.MergeDiscrepancies);
    }

    private static string Map(string genotype) => genotype == "--" ? "--" : new string(genotype.Select(c => Letters[c]).ToArray());

    private static string Rows(int count, Func<int, string> row) =>
        "rsid\tchromosome\tposition\tgenotype\n" + string.Join('\n', Enumerable.Range(0, count).Select(row)) + "\n";
}
