using Decodex.Core.Knowledge;
using Decodex.Testing;

namespace Decodex.Core.Tests.Knowledge;

public sealed class KnowledgeBaseLoaderTests
{
    private const string Vocab = KnowledgeFixture.VocabularyPath;
    private const string Comp = KnowledgeFixture.CompoundPath;

    [Fact]
    public void Load_Fixture_IsValidAndIndexed()
    {
        var result = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources());

        Assert.Empty(result.Issues);
        var kb = Assert.IsType<KnowledgeBase>(result.KnowledgeBase);
        Assert.Equal("Testamine", kb.Compound("testamine")!.Name);
        Assert.Equal("testamine-memory", kb.Claim("testamine-memory")!.Id);
        Assert.Equal("epilepsy", kb.FindCondition("Seizure Disorder")!.Id);
        Assert.Equal(GradeScale.Human, kb.Claim("testamine-memory")!.Grade.Scale);
        Assert.Equal(12, kb.Version.Length);
    }

    [Fact]
    public void Load_SameSources_SameVersion_ChangedSource_NewVersion()
    {
        var a = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources()).KnowledgeBase!;
        var b = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources()).KnowledgeBase!;
        var c = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(compound: KnowledgeFixture.Compound.Replace("A compound", "One compound", StringComparison.Ordinal))).KnowledgeBase!;

        Assert.Equal(a.Version, b.Version);
        Assert.NotEqual(a.Version, c.Version);
    }

    [Fact]
    public void Load_BrokenYaml_KB001AtTheLine()
    {
        var compound = KnowledgeFixture.Compound.Replace("routes: [oral]", "routes: [oral", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.UnparseableYaml, Comp);
    }

    [Fact]
    public void Load_YamlSyntaxErrorMidFile_KB001AtTheOffendingLine()
    {
        var compound = KnowledgeFixture.Compound.Replace("kind: drug\n", "kind: drug\n  oops: indented: twice\n", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.UnparseableYaml, Comp, KnowledgeFixture.LineOf(compound, "oops"));
    }

    [Fact]
    public void Load_MissingRequiredName_KB002()
    {
        var compound = KnowledgeFixture.Compound.Replace("name: Testamine\n", string.Empty, StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.Structure, Comp, 1);
    }

    [Fact]
    public void Load_UnknownKey_KB003AtItsLine()
    {
        var compound = KnowledgeFixture.Compound.Replace("routes: [oral]", "routes: [oral]\nsumary: typo", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.UnknownKey, Comp, KnowledgeFixture.LineOf(compound, "sumary"));
    }

    [Fact]
    public void Load_DuplicateCitationAcrossFiles_KB004AtTheSecond()
    {
        var compound = KnowledgeFixture.Compound + "\ncitations:\n  - id: trial-2020\n    title: Again\n    url: https://example.org\n    verification: {status: secondary}\n";

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.DuplicateId, Comp, KnowledgeFixture.LineOf(compound, "- id: trial-2020"));
    }

    [Fact]
    public void Load_DuplicateClaimId_KB004()
    {
        var claim = KnowledgeFixture.Compound[KnowledgeFixture.Compound.IndexOf("  - id: testamine-memory", StringComparison.Ordinal)..KnowledgeFixture.Compound.IndexOf("safety:", StringComparison.Ordinal)];
        var compound = KnowledgeFixture.Compound.Replace("safety:", claim + "safety:", StringComparison.Ordinal);

        var issues = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(compound: compound)).Issues;

        var issue = Assert.Single(issues, i => i.Code == KnowledgeIssueCodes.DuplicateId);
        Assert.True(issue.Line > KnowledgeFixture.LineOf(compound, "- id: testamine-memory"));
    }

    [Theory]
    [InlineData("classes: [testing-agents]", "classes: [no-such-class]", "no-such-class")]
    [InlineData("condition: epilepsy", "condition: migraine", "migraine")]
    [InlineData("- citation: trial-2020", "- citation: no-such-study", "no-such-study")]
    [InlineData("routes: [oral]", "routes: [oral]\nrelated:\n  - {compound: no-such-compound, relation: similar}", "no-such-compound")]
    [InlineData("outcome: memory", "outcome: no-such-outcome", "no-such-outcome")]
    public void Load_DanglingReference_KB005AtTheReference(string original, string replacement, string missing)
    {
        var compound = KnowledgeFixture.Compound.Replace(original, replacement, StringComparison.Ordinal);

        var issue = AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.DanglingReference, Comp, KnowledgeFixture.LineOf(compound, missing));
        Assert.Contains(missing, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DanglingMarkerInVocabulary_KB005()
    {
        var vocabulary = KnowledgeFixture.Vocabulary.Replace("{marker: egfr,", "{marker: cystatin,", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(vocabulary: vocabulary), KnowledgeIssueCodes.DanglingReference, Vocab, KnowledgeFixture.LineOf(vocabulary, "cystatin"));
    }

    [Fact]
    public void Load_UnknownDesignTerm_KB006AtItsLine()
    {
        var compound = KnowledgeFixture.Compound.Replace("design: double-blind-rct", "design: double-blind", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.UnknownTerm, Comp, KnowledgeFixture.LineOf(compound, "design: double-blind"));
    }

    [Fact]
    public void Load_UnknownVerificationStatus_KB006()
    {
        var vocabulary = KnowledgeFixture.Vocabulary.Replace("status: verified-abstract", "status: checked", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(vocabulary: vocabulary), KnowledgeIssueCodes.UnknownTerm, Vocab, KnowledgeFixture.LineOf(vocabulary, "status: checked"));
    }

    [Fact]
    public void Load_ClaimWithoutEvidence_KB007AtTheClaimId()
    {
        var start = KnowledgeFixture.Compound.IndexOf("    evidence:", StringComparison.Ordinal);
        var end = KnowledgeFixture.Compound.IndexOf("safety:", StringComparison.Ordinal);
        var compound = KnowledgeFixture.Compound.Remove(start, end - start);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.NoEvidence, Comp, KnowledgeFixture.LineOf(compound, "- id: testamine-memory"));
    }

    [Fact]
    public void Load_SeenCitationWithoutIdentifier_KB008()
    {
        var vocabulary = KnowledgeFixture.Vocabulary.Replace("    url: https://example.org/label\n", string.Empty, StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(vocabulary: vocabulary), KnowledgeIssueCodes.CitationWithoutIdentifier, Vocab, KnowledgeFixture.LineOf(vocabulary, "- id: label-copy"));
    }

    [Fact]
    public void Load_NotFoundCitationWithoutIdentifier_IsValid()
    {
        var vocabulary = KnowledgeFixture.Vocabulary
            .Replace("    url: https://example.org/label\n", string.Empty, StringComparison.Ordinal)
            .Replace("status: secondary", "status: not-found", StringComparison.Ordinal);

        Assert.True(KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(vocabulary: vocabulary)).IsValid);
    }

    [Fact]
    public void Load_CitationWithoutVerification_KB009()
    {
        var vocabulary = KnowledgeFixture.Vocabulary.Replace("    verification:\n      status: secondary\n", string.Empty, StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(vocabulary: vocabulary), KnowledgeIssueCodes.CitationWithoutVerification, Vocab, KnowledgeFixture.LineOf(vocabulary, "- id: label-copy"));
    }

    [Theory]
    [InlineData("PMID12345678")]
    [InlineData("0123")]
    [InlineData("1234567890")]
    public void Load_MalformedPmid_KB010(string pmid)
    {
        var vocabulary = KnowledgeFixture.Vocabulary.Replace("pmid: \"12345678\"", $"pmid: \"{pmid}\"", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(vocabulary: vocabulary), KnowledgeIssueCodes.MalformedPmid, Vocab, KnowledgeFixture.LineOf(vocabulary, "pmid:"));
    }

    [Theory]
    [InlineData("https://doi.org/10.1000/test.2020")]
    [InlineData("doi:10.1000/test")]
    [InlineData("10.12/short")]
    [InlineData("10.1000/")]
    public void Load_MalformedDoi_KB011(string doi)
    {
        var vocabulary = KnowledgeFixture.Vocabulary.Replace("doi: 10.1000/test.2020", $"doi: \"{doi}\"", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(vocabulary: vocabulary), KnowledgeIssueCodes.MalformedDoi, Vocab, KnowledgeFixture.LineOf(vocabulary, "doi:"));
    }

    [Theory]
    [InlineData("animal", "rat")]
    [InlineData("in-vitro", "cells")]
    [InlineData("double-blind-rct", "mouse")]
    public void Load_PreclinicalEvidenceOnHumanClaim_KB012(string design, string species)
    {
        var compound = KnowledgeFixture.Compound
            .Replace("design: double-blind-rct", "design: " + design, StringComparison.Ordinal)
            .Replace("species: human", "species: " + species, StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.PreclinicalOnHumanScale, Comp, KnowledgeFixture.LineOf(compound, "design: " + design));
    }

    [Fact]
    public void Load_HumanEvidenceOnAnimalClaim_KB013()
    {
        var compound = KnowledgeFixture.Compound.Replace("scope: human", "scope: animal", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.HumanOnPreclinicalScale, Comp, KnowledgeFixture.LineOf(compound, "design: double-blind-rct"));
    }

    [Fact]
    public void Load_MalformedId_KB014()
    {
        var compound = KnowledgeFixture.Compound.Replace("- id: testamine-memory", "- id: Testamine_Memory", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.MalformedId, Comp, KnowledgeFixture.LineOf(compound, "Testamine_Memory"));
    }

    [Fact]
    public void Load_ModifierEvidenceWithoutCarrierResponse_KB015()
    {
        var compound = KnowledgeFixture.Compound + "\n" + """
            modifiers:
              - id: testamine-gene
                factor: {kind: genotype, gene: TEST1, description: TEST1 carriers}
                effect: Carriers may respond differently.
                evidence:
                  - citation: trial-2020
                    design: double-blind-rct
                    species: human
                    role: supports
            """;

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.MissingCarrierResponse, Comp, LastLineOf(compound, "- citation: trial-2020"));
    }

    [Theory]
    [InlineData("pmcid: \"12345\"")]
    [InlineData("registry: \"not a registry\"")]
    public void Load_MalformedPmcidOrRegistry_KB016(string line)
    {
        var vocabulary = KnowledgeFixture.Vocabulary.Replace("    publicationType: journal-article", "    " + line + "\n    publicationType: journal-article", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(vocabulary: vocabulary), KnowledgeIssueCodes.MalformedIdentifier, Vocab, KnowledgeFixture.LineOf(vocabulary, line));
    }

    [Fact]
    public void Load_ConditionParentCycle_KB017()
    {
        var vocabulary = KnowledgeFixture.Vocabulary
            .Replace("    name: Epilepsy\n", "    name: Epilepsy\n    parent: kidney-failure\n", StringComparison.Ordinal)
            .Replace("    name: Kidney failure\n", "    name: Kidney failure\n    parent: epilepsy\n", StringComparison.Ordinal);

        var issues = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(vocabulary: vocabulary)).Issues;

        Assert.Equal(2, issues.Count(i => i.Code == KnowledgeIssueCodes.ParentCycle));
    }

    [Fact]
    public void Load_SeverityWithoutBasis_KB018IsOnlyAWarning()
    {
        var compound = KnowledgeFixture.Compound + "\n" + """
            interactions:
              - id: testamine-self
                with: {class: testing-agents}
                mechanism: pharmacodynamic
                effect: Effects add up.
                severity: moderate
                scope: label
                evidence:
                  - {citation: label-copy, design: label, species: human, role: supports}
            """;

        var result = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(compound: compound));

        var issue = Assert.Single(result.Issues);
        Assert.Equal((KnowledgeIssueCodes.SeverityWithoutBasis, IssueSeverity.Warning), (issue.Code, issue.Severity));
        Assert.Equal(KnowledgeFixture.LineOf(compound, "severity: moderate"), issue.Line);
        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("{drug: testamine}", true)]
    [InlineData("{drug: TESTAMINE}", true)]
    [InlineData("{drug: no-such-drug}", false)]
    [InlineData("{class: testing-agents, drug: testamine}", false)]
    public void Load_InteractionWithOneDrug_MustBeAKnownClassMember(string with, bool valid)
    {
        var compound = KnowledgeFixture.Compound + "\n" + $$"""
            interactions:
              - id: testamine-one-drug
                with: {{with}}
                mechanism: pharmacokinetic
                effect: Levels rise.
                severity: unrated
                scope: label
                evidence:
                  - {citation: label-copy, design: label, species: human, role: supports}
            """;

        var result = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(compound: compound));

        Assert.Equal(valid, result.IsValid);
        if (valid)
        {
            Assert.Equal("testamine", result.KnowledgeBase!.Compound("testamine")!.Interactions[0].With.Drug);
        }
    }

    [Fact]
    public void Load_FileNameDiffersFromId_KB019Warning()
    {
        var result = KnowledgeBaseLoader.Load([
            new KnowledgeSource(Vocab, KnowledgeFixture.Vocabulary),
            new KnowledgeSource("compounds/other-name.yaml", KnowledgeFixture.Compound)]);

        var issue = Assert.Single(result.Issues);
        Assert.Equal((KnowledgeIssueCodes.FileNameMismatch, IssueSeverity.Warning, 1), (issue.Code, issue.Severity, issue.Line));
    }

    [Fact]
    public void Load_DrugClassWithoutRepresents_KB020()
    {
        var compound = KnowledgeFixture.Compound.Replace("kind: drug", "kind: drug-class", StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.ClassMonograph, Comp, KnowledgeFixture.LineOf(compound, "kind: drug-class"));
    }

    [Fact]
    public void Load_ContraindicationWithoutCondition_KB021()
    {
        var compound = KnowledgeFixture.Compound.Replace("    condition: epilepsy\n", string.Empty, StringComparison.Ordinal);

        AssertIssue(KnowledgeFixture.Sources(compound: compound), KnowledgeIssueCodes.ContraindicationWithoutCondition, Comp, KnowledgeFixture.LineOf(compound, "type: contraindication"));
    }

    [Fact]
    public void Load_NoCompound_KB022()
    {
        var result = KnowledgeBaseLoader.Load([new KnowledgeSource(Vocab, KnowledgeFixture.Vocabulary)]);

        Assert.Contains(result.Issues, i => i.Code == KnowledgeIssueCodes.NoKnowledgeBase);
        Assert.Null(result.KnowledgeBase);
    }

    [Fact]
    public void LoadDirectory_MissingFolder_KB022()
    {
        var result = KnowledgeBaseLoader.LoadDirectory(Path.Combine(Path.GetTempPath(), "decodex-no-such-folder-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(KnowledgeIssueCodes.NoKnowledgeBase, Assert.Single(result.Issues).Code);
    }

    [Fact]
    public void Load_MarkerWithUnreadableUnit_KB023()
    {
        const string markers = "markers:\n  - id: widget\n    name: Widget\n    unit: furlongs/fortnight\n";

        AssertIssue(KnowledgeFixture.Sources(extra: new KnowledgeSource("vocabularies/markers.yaml", markers)), KnowledgeIssueCodes.UnreadableUnit, "vocabularies/markers.yaml", 4);
    }

    [Fact]
    public void Load_MarkerRangeWithoutSource_KB002()
    {
        const string markers = "markers:\n  - id: widget\n    name: Widget\n    unit: mg/dL\n    ranges:\n      - {sex: any, low: 1, high: 2, unit: mg/dL}\n";

        var result = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(extra: new KnowledgeSource("vocabularies/markers.yaml", markers)));

        Assert.Contains(result.Issues, i => i.Code == KnowledgeIssueCodes.Structure && i.Message.Contains("citations", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_InvalidBase_StillCountsWhatItRead()
    {
        var compound = KnowledgeFixture.Compound.Replace("outcome: memory", "outcome: nope", StringComparison.Ordinal);

        var result = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(compound: compound));

        Assert.False(result.IsValid);
        Assert.Equal((1, 1, 2), (result.Counts.Compounds, result.Counts.Claims, result.Counts.Citations));
    }

    [Fact]
    public void Load_ImportedLabelStatusInACuratedFile_KB006()
    {
        var vocabulary = KnowledgeFixture.Vocabulary.Replace("status: verified-abstract", "status: imported-label", StringComparison.Ordinal);

        var issue = AssertIssue(KnowledgeFixture.Sources(vocabulary: vocabulary), KnowledgeIssueCodes.UnknownTerm, Vocab);

        Assert.Contains("imported layer only", issue.Message, StringComparison.Ordinal);
    }

    private static Issue AssertIssue(IReadOnlyList<KnowledgeSource> sources, string code, string file, int? line = null)
    {
        var result = KnowledgeBaseLoader.Load(sources);
        var issue = Assert.Single(result.Issues, i => i.Code == code);
        Assert.Equal(file, issue.File);
        if (line is not null)
        {
            Assert.Equal(line, issue.Line);
        }

        if (issue.Severity == IssueSeverity.Error)
        {
            Assert.Null(result.KnowledgeBase);
        }

        return issue;
    }

    private static int LastLineOf(string text, string fragment)
    {
        var lines = text.Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            if (lines[i].Contains(fragment, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
