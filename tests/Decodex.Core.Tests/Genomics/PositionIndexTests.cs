using Decodex.Core.Genomics;

namespace Decodex.Core.Tests.Genomics;

public sealed class PositionIndexTests
{
    public static TheoryData<string> Layouts => ["in-order", "block-appended", "rows-scattered", "one-early-outlier", "reversed", "shuffled", "repeats", "empty", "one-row"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Find_AgreesWithAScanOfEveryRow(string layout)
    {
        var (chromosomes, positions) = Rows(layout, new Random(layout.Aggregate(17, (seed, c) => (seed * 31) + c)));
        var count = positions.Length;
        var index = PositionIndex.Build(chromosomes, positions, count);

        var rowsAt = new Dictionary<ulong, HashSet<int>>();
        for (var row = 0; row < count; row++)
        {
            var key = PositionIndex.Key(chromosomes[row], positions[row]);
            if (!rowsAt.TryGetValue(key, out var rows))
            {
                rowsAt[key] = rows = [];
            }

            rows.Add(row);
        }

        // Every row's own position is found (a row at that position, when several share it).
        for (var row = 0; row < count; row++)
        {
            var found = index.Find(chromosomes[row], positions[row]);
            Assert.Contains(found, rowsAt[PositionIndex.Key(chromosomes[row], positions[row])]);
        }

        // Positions next to every row, and on chromosomes the file lacks, are found only when present.
        for (var row = 0; row < count; row++)
        {
            foreach (var delta in new[] { -1, 1 })
            {
                var position = positions[row] + delta;
                var present = rowsAt.ContainsKey(PositionIndex.Key(chromosomes[row], position));
                Assert.Equal(present, index.Find(chromosomes[row], position) >= 0);
            }
        }

        Assert.Equal(-1, index.Find(25, 1));
    }

    [Fact]
    public void Build_SetsAsideOnlyTheRowsOutOfPlace_AndSortsAFileMostlyOutOfOrder()
    {
        var (chromosomes, positions) = Rows("block-appended", new Random(3));
        Assert.Equal(200, PositionIndex.Build(chromosomes, positions, positions.Length).AsideCount);

        var (c2, p2) = Rows("shuffled", new Random(3));
        Assert.Equal(p2.Length, PositionIndex.Build(c2, p2, p2.Length).AsideCount);
    }

    private static (byte[] Chromosomes, int[] Positions) Rows(string layout, Random random)
    {
        const int n = 5_000;
        var rows = new List<(byte Chromosome, int Position)>();
        for (var i = 0; i < n; i++)
        {
            rows.Add(((byte)(1 + (i * 24 / n)), 1_000 + (i * 37)));
        }

        switch (layout)
        {
            case "block-appended":
                rows.AddRange(Enumerable.Range(0, 200).Select(_ => ((byte)random.Next(1, 24), random.Next(1, 500))));
                break;
            case "rows-scattered":
                for (var i = 0; i < 100; i++)
                {
                    rows.Insert(random.Next(rows.Count), ((byte)random.Next(1, 25), random.Next(1, 400_000)));
                }

                break;
            case "one-early-outlier":
                rows.Insert(3, (26, 16_000));
                break;
            case "reversed":
                rows.Reverse();
                break;
            case "shuffled":
                rows = [.. rows.OrderBy(_ => random.Next())];
                break;
            case "repeats":
                rows = [.. rows.SelectMany(r => new[] { r, r })];
                rows.Add(rows[10]);
                break;
            case "empty":
                rows.Clear();
                break;
            case "one-row":
                rows = [rows[0]];
                break;
        }

        return ([.. rows.Select(r => r.Chromosome)], [.. rows.Select(r => r.Position)]);
    }
}
