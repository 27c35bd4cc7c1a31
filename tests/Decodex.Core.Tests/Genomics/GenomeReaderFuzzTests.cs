using System.Text;
using System.Text.RegularExpressions;
using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

/// <summary>
/// Property tests: whatever bytes arrive, the reader returns (never throws), every issue is coded,
/// and no message quotes a genotype. Inputs are the peer fixtures mutated at random, random bytes,
/// and the mutants gzipped and zipped. Seeded, so a failure reproduces.
/// </summary>
public sealed partial class GenomeReaderFuzzTests
{
    private static readonly byte[][] Fragments = [.. new[] { "\t", ",", "\"", "\n", "\r\n", "#", "rs", "--", "AG", "chr", "0", "-1", "99999999999", "\u00e9", "\0", "[Data]", "##fileformat=VCFv4.2\n", "\t0/1", "./." }.Select(Encoding.UTF8.GetBytes)];

    [Fact]
    public void Read_MutatedFixtures_NeverThrowAndKeepMessagesClean()
    {
        GenomeTestFiles.SkipWithoutShared();
        var random = new Random(20261126);
        var seeds = Directory.GetFiles(GenomeTestFiles.Fixtures).Where(f => new FileInfo(f).Length < 4096).Select(File.ReadAllBytes).ToList();
        for (var i = 0; i < 1500; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], random);
            if (i % 10 == 0)
            {
                input = GenomeTestFiles.Gzip(input);
            }
            else if (i % 10 == 1)
            {
                input = GenomeTestFiles.Zip(input);
            }
            else if (i % 10 == 2)
            {
                var gz = GenomeTestFiles.Gzip(input);
                input = gz[..(gz.Length / 2)];
            }

            AssertWellFormed(GenomeTestFiles.Read(input, new GenomeReadOptions { KeepAllVcfRecords = true }));
        }
    }

    [Fact]
    public void Read_RandomBytes_RefusedOrReadNeverThrow()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 2)
            {
                bytes[0] = 0x1F;
                bytes[1] = 0x8B;
            }

            AssertWellFormed(GenomeTestFiles.Read(bytes));
        }
    }

    private static void AssertWellFormed(GenomeReadResult result)
    {
        Assert.All(result.Issues, issue =>
        {
            Assert.Matches("^GEN0[0-9]{2}$", issue.Code);
            Assert.DoesNotMatch(GenotypeToken(), issue.Message);
        });
        if (result.Refused)
        {
            Assert.Single(result.Issues, i => i.Severity == IssueSeverity.Error);
        }
        else
        {
            var genome = result.Genome!;
            Assert.True(genome.Count <= genome.Counts.Variants || !genome.IsComplete);
            for (var row = 0; row < genome.Count; row++)
            {
                Assert.True(genome.Chromosome(row).IsKnown && genome.Position(row) > 0);
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var list = new List<byte>(seed);
        for (var m = random.Next(1, 5); m > 0; m--)
        {
            var at = random.Next(list.Count + 1);
            switch (random.Next(4))
            {
                case 0 when list.Count > 0:
                    list.RemoveRange(Math.Min(at, list.Count - 1), Math.Min(random.Next(1, 30), list.Count - Math.Min(at, list.Count - 1)));
                    break;
                case 1:
                    list.InsertRange(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2 when list.Count > 0:
                    list[Math.Min(at, list.Count - 1)] = (byte)random.Next(256);
                    break;
                default:
                    list.RemoveRange(at, list.Count - at);
                    break;
            }
        }

        return [.. list];
    }

    [GeneratedRegex(@"\b[ACGT]{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex GenotypeToken();
}
