using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

public sealed class RsIdIndexTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Build_FindsEveryFirstRowAndFlagsLaterRepeats(int threads)
    {
        const int count = 250_000;
        var keys = new ulong[count];
        var random = new Random(11);
        for (var i = 0; i < count; i++)
        {
            keys[i] = (i % 1000) switch
            {
                7 => keys[random.Next(i)],                // a repeat of an earlier row
                13 => VariantId.PositionOnly.Value,       // never indexed
                17 => VariantId.Internal((ulong)i).Value,
                _ => VariantId.RsId((ulong)random.NextInt64(1, 2_000_000_000)).Value,
            };
        }

        var duplicate = new bool[count];
        var index = RsIdIndex.Build(keys, count, duplicate, threads);

        var first = new Dictionary<ulong, int>();
        for (var i = 0; i < count; i++)
        {
            if (new VariantId(keys[i]).Kind == VariantIdKind.Position)
            {
                Assert.False(duplicate[i]);
                continue;
            }

            var seen = first.TryAdd(keys[i], i);
            Assert.Equal(!seen, duplicate[i]);
            Assert.Equal(first[keys[i]], index.Find(keys[i]));
        }

        Assert.Equal(-1, index.Find(VariantId.RsId(3_000_000_000).Value));
        Assert.Equal(-1, index.Find(VariantId.PositionOnly.Value));
    }

    [Fact]
    public void Build_OneOrTwoThreads_SameDuplicates()
    {
        var keys = Enumerable.Range(0, 300_000).Select(i => VariantId.RsId((ulong)((i * 7919L) % 200_003)).Value).ToArray();
        var one = new bool[keys.Length];
        var two = new bool[keys.Length];

        RsIdIndex.Build(keys, keys.Length, one, threads: 1);
        RsIdIndex.Build(keys, keys.Length, two, threads: 2);

        Assert.Equal(one, two);
        Assert.Equal(keys.Length - 200_003, one.Count(d => d));
    }

    [Fact]
    public void Build_SmallFiles_EveryIdFoundWhateverTableItFallsIn()
    {
        // A file of a few rows can put every id in one of the two tables (a fuzzed 20-row file once
        // filled one and its build never ended): each table is sized for the ids it gets.
        for (var count = 1; count <= 300; count++)
        {
            var keys = Enumerable.Range(1, count).Select(i => VariantId.RsId((ulong)i).Value).ToArray();
            foreach (var threads in new[] { 1, 2 })
            {
                var index = RsIdIndex.Build(keys, count, new bool[count], threads);
                for (var row = 0; row < count; row++)
                {
                    Assert.Equal(row, index.Find(keys[row]));
                }
            }
        }
    }

    [Fact]
    public void Read_FuzzedTwentyRowFile_Finishes()
    {
        var text = "# rsid\tchromosome\tposition\tgenotype\r\n" + string.Concat(Enumerable.Range(1, 24).Select(i => $"rs{i:000}\t{1 + (i / 15)}\t{i * 5}\tAG\r\n"));

        var read = GenomeTestFiles.Read(text);

        Assert.False(read.Refused);
        Assert.Equal(24, read.Genome!.Count);
    }
}
