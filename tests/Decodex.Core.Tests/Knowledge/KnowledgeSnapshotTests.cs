using System.Text.Json;
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
        var bytes = JsonSerializer.SerializeToUtf8Bytes(KnowledgeSnapshot.Of(parsed, "test"), KnowledgeSnapshotJsonContext.Default.KnowledgeSnapshot);
        var restored = JsonSerializer.Deserialize(bytes, KnowledgeSnapshotJsonContext.Default.KnowledgeSnapshot)!.ToResult();
        var a = parsed.KnowledgeBase!;
        var b = restored.KnowledgeBase!;

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
            var good = JsonSerializer.Serialize(KnowledgeSnapshot.Of(parsed, sha), KnowledgeSnapshotJsonContext.Default.KnowledgeSnapshot);
            var path = Path.Combine(folder, $"knowledge-{sha[..32]}.json");

            File.WriteAllText(path, good);
            Assert.NotNull(KnowledgeSnapshotCache.TryRead(sha, folder)?.KnowledgeBase);

            foreach (var bad in new[]
                     {
                         good[..(good.Length / 2)],                                                    // truncated
                         good.Replace("\"Compounds\":[", "\"Compounds\":null,\"X\":[", StringComparison.Ordinal), // a list missing
                         good.Replace(sha, new string('b', 64), StringComparison.Ordinal),             // made from other sources
                         good.Replace(KnowledgeSnapshot.CurrentFormat, "decodex-kb-snapshot/0", StringComparison.Ordinal),
                         new string('[', 100_000),                                                     // nesting bomb
                     })
            {
                File.WriteAllText(path, bad);
                Assert.Null(KnowledgeSnapshotCache.TryRead(sha, folder));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
