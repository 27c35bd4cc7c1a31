using System.Text;
using System.Text.Json;
using Decodex.Core.Knowledge;
using Decodex.Core.Knowledge.Labels;
using Decodex.Core.Medicines;
using Decodex.Core.Reports;
using Decodex.Testing;

namespace Decodex.Core.Tests.Knowledge;

/// <summary>The imported label layer: located passages, a deterministic importer, and the report using it.</summary>
public sealed class LabelLayerTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    private static string LabelsFile => Path.Combine(RepositoryPaths.Shared, "data", "drugs", "openfda_labels_pharmgkb_2024-01.jsonl");

    private static string PairsFile => Path.Combine(RepositoryPaths.Shared, "data", "drugs", "onc_high_priority_ddi_phansalkar2012.tsv");

    private static KnowledgeBase Kb => ShippedKnowledge.Base;

    private static void SkipWithoutShared() =>
        Assert.SkipUnless(File.Exists(LabelsFile) && File.Exists(PairsFile), "The shared openFDA label set is not beside the repository.");

    private static LabelImport ImportShared(Func<string, string>? editLabels = null)
    {
        var curated = KnowledgeBaseLoader.LoadDirectory(RepositoryPaths.Knowledge, withImported: false).KnowledgeBase!;
        var text = File.ReadAllText(LabelsFile);
        using var labels = new MemoryStream(Encoding.UTF8.GetBytes(editLabels is null ? text : editLabels(text)));
        using var pairs = File.OpenRead(PairsFile);
        var terms = File.ReadAllText(Path.Combine(RepositoryPaths.Knowledge, "imported", "label-terms.tsv"));
        return LabelImporter.Import(labels, pairs, terms, curated, MedicineVocabulary.Embedded);
    }

    [Fact]
    public void ShippedLayer_HasOneEntryPerLabel_EachResolvableByGenericAndBrand()
    {
        SkipWithoutShared();
        var setIds = File.ReadLines(LabelsFile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("set_id").GetString()!).ToList();

        Assert.Equal(setIds.Count, Kb.LabelEntries.Count);
        Assert.Equal(setIds.Order(StringComparer.Ordinal), Kb.LabelEntries.Select(e => e.Label!.SetId).Order(StringComparer.Ordinal));
        Assert.True(Kb.Curated.Count(c => c.Kind != CompoundKind.DrugClass && c.Id is not ("lithium" or "risperidone")) >= 25);
        Assert.Contains(Kb.ResolveDrug("Auvelity"), m => m.CompoundId == "bupropion-dextromethorphan-us-label");
        Assert.Contains(Kb.LabelEntriesFor(Assert.Single(Kb.ResolveDrug("Ultram")).Generic), e => e.Id == "tramadol-us-label");
        Assert.Contains(Kb.ResolveDrug("tramadol 50 mg"), m => m.Generic == "tramadol");
        Assert.Contains(Kb.LabelEntriesFor("tramadol hydrochloride"), e => e.Id == "tramadol-us-label");
        Assert.All(Kb.LabelEntries, e => Assert.NotEmpty(Kb.ResolveDrug(e.Name)));
    }

    [Fact]
    public void EveryImportedPassage_IsInItsLabel_WithTheRecordedHash()
    {
        SkipWithoutShared();
        var records = File.ReadLines(LabelsFile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("set_id").GetString()!, StringComparer.Ordinal);
        var checkedPassages = 0;
        foreach (var entry in Kb.LabelEntries)
        {
            var record = records[entry.Label!.SetId];
            Assert.Equal(record.GetProperty("version").GetString(), entry.Label.Version);
            Assert.Equal(record.GetProperty("effective_time").GetString(), entry.Label.EffectiveTime);
            var passages = entry.Safety.Select(s => s.Passage).Concat(entry.Interactions.Select(i => i.Passage)).Concat(entry.Label.Unmapped.Select(u => u.Passage));
            foreach (var passage in passages)
            {
                Assert.NotNull(passage);
                var text = record.GetProperty(passage.Section)[passage.Index].GetString()!;
                var words = text.Substring(passage.Start, passage.Length);
                Assert.Equal(passage.Sha256, LabelText.Hash(words));
                checkedPassages++;
            }
        }

        Assert.True(checkedPassages > 5000, $"only {checkedPassages} passages checked");
    }

    [Fact]
    public void ImportedItems_AreInOurWords_NeverTheLabelsSentences()
    {
        SkipWithoutShared();
        var records = File.ReadLines(LabelsFile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("set_id").GetString()!, StringComparer.Ordinal);
        foreach (var entry in Kb.LabelEntries.Take(60))
        {
            var record = records[entry.Label!.SetId];
            foreach (var item in entry.Safety)
            {
                var passage = record.GetProperty(item.Passage!.Section)[item.Passage.Index].GetString()!.Substring(item.Passage.Start, item.Passage.Length);
                Assert.DoesNotContain(passage, item.Statement, StringComparison.Ordinal);
                Assert.Contains("US label", item.Statement, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Importer_GivesTheShippedFiles_ByteForByte_AndAChangedLabelShowsAsADiff()
    {
        SkipWithoutShared();
        var first = ImportShared();
        var again = ImportShared();
        var folder = Path.Combine(RepositoryPaths.Knowledge, "imported", LabelImport.LabelFolder);
        foreach (var (entry, index) in first.Entries.Select((e, i) => (e, i)))
        {
            var json = JsonSerializer.Serialize(entry, LabelLayerJsonContext.Default.LabelEntryFile) + "\n";
            Assert.Equal(json, JsonSerializer.Serialize(again.Entries[index], LabelLayerJsonContext.Default.LabelEntryFile) + "\n");
            Assert.Equal(File.ReadAllText(Path.Combine(folder, entry.Id + ".json")), json);
        }

        Assert.Equal(Directory.EnumerateFiles(folder, "*.json").Count(), first.Entries.Count);

        // A new contraindication in one label changes that entry only.
        var changed = ImportShared(text => text.Replace(
            "\"contraindications\": [\"4 CONTRAINDICATIONS Modafinil is contraindicated",
            "\"contraindications\": [\"4 CONTRAINDICATIONS Modafinil is contraindicated in patients with glaucoma. Modafinil is contraindicated",
            StringComparison.Ordinal));
        var differing = first.Entries.Zip(changed.Entries)
            .Where(p => JsonSerializer.Serialize(p.First, LabelLayerJsonContext.Default.LabelEntryFile) != JsonSerializer.Serialize(p.Second, LabelLayerJsonContext.Default.LabelEntryFile))
            .Select(p => p.Second)
            .ToList();
        var modafinil = Assert.Single(differing);
        Assert.Equal("modafinil-us-label", modafinil.Id);
        Assert.Contains(modafinil.Items, i => i.Kind == "contraindication" && i.Condition == "glaucoma");
    }

    [Fact]
    public void AReviewedItem_ShowsItsReviewer_UntilItsPassageChanges_AndAnUnknownConditionIsRefused()
    {
        SkipWithoutShared();
        var copy = Directory.CreateTempSubdirectory("decodex-kb-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Knowledge, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(RepositoryPaths.Knowledge, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            // A reviewed passage that changed: the review lapses with a warning, the base still loads.
            var reviewed = Path.Combine(copy, "imported", "reviewed.tsv");
            var reviews = File.ReadAllText(reviewed);
            File.WriteAllText(reviewed, reviews.Replace("d6340bc00f61ffac4fe40da13c62d5c38fbfc3d720299664978630b48d1fa660", new string('0', 64), StringComparison.Ordinal));
            var lapsed = KnowledgeBaseLoader.LoadDirectory(copy);
            Assert.NotNull(lapsed.KnowledgeBase);
            Assert.Contains(lapsed.Issues, i => i.Code == KnowledgeIssueCodes.ImportedLabel && i.Severity == IssueSeverity.Warning);
            Assert.Null(lapsed.KnowledgeBase!.Compound("tramadol-us-label")!.Safety.Single(s => s.Id == "tramadol-us-label-contraindication-age-to-11").Review);
            File.WriteAllText(reviewed, reviews);

            var path = Path.Combine(copy, "imported", LabelImport.LabelFolder, "tramadol-us-label.json");
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"condition\": \"epilepsy\"", "\"condition\": \"no-such-condition\"", StringComparison.Ordinal));

            var result = KnowledgeBaseLoader.LoadDirectory(copy);

            Assert.Null(result.KnowledgeBase);
            var issue = Assert.Single(result.Issues);
            Assert.Equal(KnowledgeIssueCodes.ImportedLabel, issue.Code);
            Assert.Contains("no-such-condition", issue.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static CompoundReport Report(string compoundId, string profileYaml)
    {
        var (profile, issues) = ProfileLoader.Parse(profileYaml, "profile.yaml", Kb);
        Assert.NotNull(profile);
        Assert.Empty(issues);
        return ReportEngine.Compound(Kb, Kb.Compound(compoundId)!, new ReportInputs { Profile = profile, AsOf = AsOf });
    }

    [Theory]
    [InlineData("not json at all\n", "line 1")]
    [InlineData("{\"set_id\": \"abc\", \"openfda\": {}}\n", "line 1")]
    [InlineData("\n{\"set_id\": \"9f3b0bd2-72a3-411f\", \"openfda\": []}\n", "line 2")]
    public void AMalformedLabelRecord_IsRefusedWithItsLine(string labels, string where)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(labels));
        var terms = File.ReadAllText(Path.Combine(RepositoryPaths.Knowledge, "imported", "label-terms.tsv"));

        var error = Assert.Throws<FormatException>(() => LabelImporter.Import(input, null, terms, Kb, MedicineVocabulary.Embedded));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReviewedItem_IsMarkedReadOnItsPage_AndTheOthersImported()
    {
        SkipWithoutShared();
        var entry = Kb.Compound("tramadol-us-label")!;
        var html = Core.Monographs.MonographHtmlRenderer.RenderContent(Core.Monographs.MonographDocument.Create(Kb, entry));

        Assert.NotNull(entry.Safety.Single(s => s.Id == "tramadol-us-label-contraindication-age-to-11").Review);
        Assert.Contains("read by Decodex maintainers on 2026-12-04", html, StringComparison.Ordinal);
        Assert.Contains("data-layer=\"label\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"badge imported\"", html, StringComparison.Ordinal);
        var curated = Core.Monographs.MonographHtmlRenderer.RenderContent(Core.Monographs.MonographDocument.Create(Kb, Kb.Compound("modafinil")!));
        Assert.Contains("data-layer=\"curated\"", curated, StringComparison.Ordinal);
        Assert.Contains("data-monograph=\"modafinil-us-label\"", curated, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"badge imported\" title", curated, StringComparison.Ordinal);
    }

    [Fact]
    public void ALabelOnlyContraindication_ReachesTheVerdict_AndOnlyForThePersonItFits()
    {
        SkipWithoutShared();
        var withEpilepsy = Report("bupropion-dextromethorphan-us-label", "sex: female\nbirthDate: 1980-01-01\npregnant: false\nbreastfeeding: false\nconditions: [epilepsy]\n");
        var without = Report("bupropion-dextromethorphan-us-label", "sex: female\nbirthDate: 1980-01-01\npregnant: false\nbreastfeeding: false\nconditions: [hypertension]\n");

        Assert.Equal("avoid", withEpilepsy.Verdict);
        var finding = Assert.Single(withEpilepsy.Findings, f => f.Kind == FindingKind.Contraindication && f.Inputs.Any(i => i.Contains("epilepsy", StringComparison.OrdinalIgnoreCase)));
        Assert.StartsWith("us-label-", Assert.Single(finding.Citations), StringComparison.Ordinal);
        Assert.DoesNotContain(without.Findings, f => f.Kind == FindingKind.Contraindication && f.Title.Contains("Epilepsy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ALabelAgeContraindication_AppliesToAChild_AndAnUnknownAgeLeavesItPossible()
    {
        SkipWithoutShared();
        var child = Report("tramadol-us-label", $"birthDate: {AsOf.Year - 9}-01-01\n");
        var unknownAge = Report("tramadol-us-label", "sex: male\n");
        var adult = Report("tramadol-us-label", "sex: male\nbirthDate: 1970-01-01\n");

        Assert.Equal("avoid", child.Verdict);
        Assert.Contains(child.Findings, f => f.Kind == FindingKind.Contraindication && f.Certainty == "certain");
        Assert.Contains(unknownAge.Findings, f => f.Kind == FindingKind.Contraindication && f.Certainty == "possible");
        Assert.DoesNotContain(adult.Findings, f => f.Kind == FindingKind.Contraindication && f.Title.Contains("aged 11", StringComparison.Ordinal));
    }

    [Fact]
    public void AMedicinesOwnLabel_NamesTheCompoundBeingViewed_FromTheOtherSide()
    {
        SkipWithoutShared();

        // The irinotecan label names St John's wort; the curated St John's wort monograph is what the person views.
        var report = Report("st-johns-wort", "sex: male\nbirthDate: 1970-01-01\nmedications: [Onivyde]\n");

        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKind.Interaction);
        Assert.Equal(FindingLevel.Avoid, finding.Level);
        Assert.Contains(finding.Citations, c => c.StartsWith("us-label-", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOncHighPriorityPair_FiresAsAMajorInteraction_CitingThePanel()
    {
        SkipWithoutShared();
        Assert.Equal(15, Kb.HighPriorityPairs.Count);
        Assert.Single(Kb.HighPriorityPairs, p => p.NotMatchable is not null);

        // Simvastatin with clarithromycin: ONC pair 11 (HMG-CoA reductase inhibitors and CYP3A4 inhibitors).
        var report = Report("simvastatin-us-label", "sex: male\nbirthDate: 1970-01-01\nmedications: [clarithromycin]\n");

        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKind.Interaction);
        Assert.Equal(FindingLevel.Avoid, finding.Level);
        Assert.Contains("phansalkar-2012-onc-ddi", finding.Citations);
        Assert.Contains("ONC", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnmappedLabelContraindication_IsNeverReadAsNoKnownIssue()
    {
        SkipWithoutShared();
        var entry = Kb.LabelEntries.First(e => e.Label!.Unmapped.Any(u => u.Kind == "contraindication"));

        var report = Report(entry.Id, "sex: male\nbirthDate: 1970-01-01\n");

        Assert.NotEqual("no-known-issue", report.Verdict);
        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKind.MissingData && f.Title.Contains("could not be checked", StringComparison.Ordinal));
        Assert.Contains(entry.Label!.Url, finding.WouldSettle, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultReport_CoversCuratedCompounds_AndALabelEntryOnlyWhenNamed()
    {
        var (profile, _) = ProfileLoader.Parse("sex: male\n", "profile.yaml", Kb);
        var pgx = Core.Pgx.PgxDataLoader.LoadEmbedded();

        var all = ReportEngine.Build(Kb, pgx, new ReportInputs { Profile = profile!, AsOf = AsOf });
        var named = ReportEngine.Build(Kb, pgx, new ReportInputs { Profile = profile!, AsOf = AsOf }, ["tramadol-us-label"]);

        Assert.DoesNotContain(all.Compounds, c => c.CompoundId.EndsWith("-us-label", StringComparison.Ordinal));
        Assert.Equal("tramadol-us-label", Assert.Single(named.Compounds).CompoundId);
    }
}
