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
}
