using System.Text;
using Decodex.Core.Knowledge;
using Decodex.Core.Monographs;
using Decodex.Core.Reports;
using Decodex.Testing;

namespace Decodex.Core.Tests.Knowledge;

/// <summary>The compiled snapshot must be the knowledge base itself, not an approximation of it.</summary>
public sealed class KnowledgeSnapshotTests
{
    [Fact]
    public void ASnapshot_GivesTheSameMonographsReportsAndVocabularies_AsParsingTheSources()
    {
        var parsed = KnowledgeBaseLoader.LoadDirectory(RepositoryPaths.Knowledge, withImported: true, useSnapshot: false);
        var restored = KnowledgeSnapshot.Read(SnapshotOf(parsed, "test"), "test")!;
        var a = parsed.KnowledgeBase!;
        var b = restored.KnowledgeBase!;

        // Label items are decoded only when read: the counts are there before, and the same after.
        var tramadol = b.Compound("tramadol-us-label")!;
        Assert.True(tramadol.Safety.Count > 5);
        Assert.Equal(a.Compound("tramadol-us-label")!.Safety.Count, tramadol.Safety.Count);

        Assert.Equal(a.Version, b.Version);
        Assert.Equal(parsed.Counts, restored.Counts);
        Assert.Equal(a.Compounds.Select(c => c.Id), b.Compounds.Select(c => c.Id));
        foreach (var compound in a.Compounds)
        {
            var other = b.Compound(compound.Id)!;
            Assert.Equal(MonographJson.Render(MonographDocument.Create(a, compound)), MonographJson.Render(MonographDocument.Create(b, other)));
            Assert.Equal(MonographHtmlRenderer.Render(MonographDocument.Create(a, compound)), MonographHtmlRenderer.Render(MonographDocument.Create(b, other)));
            Assert.Equal(compound.Layer, other.Layer);
        }

        Assert.Equal(a.Conditions.Select(c => (c.Id, c.ParentId, c.Criteria.Count)), b.Conditions.Select(c => (c.Id, c.ParentId, c.Criteria.Count)));
        Assert.Equal(a.Markers.Select(m => (m.Id, m.Unit, m.Ranges.Count, m.Conversions.Count)), b.Markers.Select(m => (m.Id, m.Unit, m.Ranges.Count, m.Conversions.Count)));
        Assert.Equal(a.Classes.Select(c => (c.Id, c.Members.Count)), b.Classes.Select(c => (c.Id, c.Members.Count)));
        Assert.Equal(a.HighPriorityPairs.Count, b.HighPriorityPairs.Count);
        Assert.Equal(a.DrugNames.Order(StringComparer.Ordinal), b.DrugNames.Order(StringComparer.Ordinal));

        var (profile, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), a);
        var pgx = Core.Pgx.PgxDataLoader.LoadEmbedded();
        var asOf = new DateOnly(2026, 12, 1);
        var ids = a.Curated.Select(c => c.Id).Append("tramadol-us-label").ToList();
        var reportA = ReportHtml.Render(ReportEngine.Build(a, pgx, ReportInputs.Load(profile!, a, pgx) with { AsOf = asOf }, ids));
        var (profileB, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), b);
        var reportB = ReportHtml.Render(ReportEngine.Build(b, pgx, ReportInputs.Load(profileB!, b, pgx) with { AsOf = asOf }, ids));
        Assert.Equal(reportA, reportB);
    }

    [Fact]
    public void ATruncatedDamagedOrForeignSnapshot_IsIgnored_NeverAnErrorOrAWrongBase()
    {
        var folder = Directory.CreateTempSubdirectory("decodex-snapshot-").FullName;
        try
        {
            var sha = new string('a', 64);
            var parsed = KnowledgeBaseLoader.LoadDirectory(RepositoryPaths.Knowledge, withImported: true, useSnapshot: false);
            var good = SnapshotOf(parsed, sha);
            var path = Path.Combine(folder, $"knowledge-{sha[..32]}.kbs");

            File.WriteAllBytes(path, good);
            Assert.NotNull(KnowledgeSnapshotCache.TryRead(sha, folder)?.KnowledgeBase);

            const int start = 8 + 32;
            var headerLength = BitConverter.ToInt32(good, 4);
            var header = Encoding.UTF8.GetString(good, start, headerLength);
            var bodies = good[(start + headerLength)..];
            byte[] Flipped(int at)
            {
                var copy = good.ToArray();
                copy[at] ^= 0x20;
                return copy;
            }

            // A file whose hash is right, around a header or bodies that are not.
            byte[] Sealed(string h, byte[]? b = null)
            {
                using var stream = new MemoryStream();
                KnowledgeSnapshot.Assemble(stream, Encoding.UTF8.GetBytes(h), b ?? bodies);
                return stream.ToArray();
            }

            Assert.NotNull(KnowledgeSnapshot.Read(Sealed(header), sha));
            foreach (var bad in new[]
                     {
                         good[..(good.Length / 2)],                                                         // truncated in the bodies
                         good[..(start + (headerLength / 2))],                                              // truncated in the header
                         Flipped(good.Length - 10),                                                         // one byte changed in a body
                         Flipped(start + 20),                                                               // or in the header
                         Sealed(header.Replace("\"Compounds\":[", "\"Compounds\":null,\"X\":[", StringComparison.Ordinal)), // a list missing
                         Sealed(header.Replace(sha, new string('b', 64), StringComparison.Ordinal)),       // made from other sources
                         Sealed(header.Replace(KnowledgeSnapshot.CurrentFormat, "decodex-kb-snapshot/1", StringComparison.Ordinal)),
                         Sealed(header.Replace("\"Offset\":0,", "\"Offset\":1,", StringComparison.Ordinal)), // a body out of place
                         Sealed(header, bodies[..^1]),                                                      // the last body cut short
                         Sealed(header, [.. bodies, .. "{}"u8]),                                            // a body no entry names
                         Sealed(header.Replace("\"Id\":\"tramadol-us-label\",\"SafetyCount\"", "\"Id\":\"tramadol-us-labex\",\"SafetyCount\"", StringComparison.Ordinal)), // an entry without its body
                         [.. good[..4], 0xff, 0xff, 0xff, 0x7f, .. good[8..]],                              // a header longer than the file
                         Sealed(new string('[', 100_000)),                                                  // nesting bomb
                         Encoding.UTF8.GetBytes(header),                                                    // JSON alone, as version 1 wrote
                     })
            {
                File.WriteAllBytes(path, bad);
                Assert.Null(KnowledgeSnapshotCache.TryRead(sha, folder));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Writing_KeepsTheFourNewest_AndClearsOldFormatsAndAbandonedWrites()
    {
        var folder = Directory.CreateTempSubdirectory("decodex-snapshot-").FullName;
        try
        {
            var parsed = KnowledgeBaseLoader.LoadDirectory(RepositoryPaths.Knowledge, withImported: true, useSnapshot: false);
            for (var i = 0; i < 5; i++)
            {
                var old = Path.Combine(folder, $"knowledge-{i:D32}.kbs");
                File.WriteAllBytes(old, [1]);
                File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-10 + i));
            }

            File.WriteAllText(Path.Combine(folder, $"knowledge-{new string('c', 32)}.json"), "{}");
            var abandoned = Path.Combine(folder, $"knowledge-{new string('d', 32)}.kbs.1.tmp");
            var writing = Path.Combine(folder, $"knowledge-{new string('e', 32)}.kbs.2.tmp");
            File.WriteAllBytes(abandoned, [1]);
            File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));
            File.WriteAllBytes(writing, [1]);

            var sha = new string('f', 64);
            KnowledgeSnapshotCache.TryWrite(parsed, sha, folder);

            Assert.NotNull(KnowledgeSnapshotCache.TryRead(sha, folder)?.KnowledgeBase);
            Assert.Equal(4, Directory.GetFiles(folder, "knowledge-*.kbs").Length);
            Assert.True(File.Exists(Path.Combine(folder, $"knowledge-{4:D32}.kbs")));
            Assert.Empty(Directory.GetFiles(folder, "knowledge-*.json"));
            Assert.False(File.Exists(abandoned));
            Assert.True(File.Exists(writing));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] SnapshotOf(KnowledgeLoadResult parsed, string sha)
    {
        using var stream = new MemoryStream();
        KnowledgeSnapshot.Write(stream, parsed, sha);
        return stream.ToArray();
    }
}
