using Decodex.Core.Knowledge;

namespace Decodex.Testing;

/// <summary>
/// A tiny valid knowledge base as in-memory sources, for tests that break one thing and expect one
/// diagnostic. Line numbers of the fixture are stable; tests compute expected lines from the text.
/// </summary>
public static class KnowledgeFixture
{
    public const string VocabularyPath = "vocabularies/base.yaml";
    public const string CompoundPath = "compounds/testamine.yaml";

    public const string Vocabulary = """
        citations:
          - id: trial-2020
            title: A double-blind trial of testamine
            journal: J Test
            year: 2020
            pmid: "12345678"
            doi: 10.1000/test.2020
            publicationType: journal-article
            verification:
              status: verified-abstract
              seenAt: [https://example.org/trial]
              checked: 2026-11
          - id: label-copy
            title: Testamine label as copied by a vendor
            url: https://example.org/label
            publicationType: label
            verification:
              status: secondary
        conditions:
          - id: epilepsy
            name: Epilepsy
            synonyms: [seizure disorder]
          - id: kidney-failure
            name: Kidney failure
            criteria:
              - {marker: egfr, operator: "<", value: 15, unit: "mL/min/{1.73_m2}", citations: [trial-2020]}
        outcomes:
          - id: memory
            name: Memory
        classes:
          - id: testing-agents
            name: Testing agents
            members:
              - name: testamine
                compound: testamine
        markers:
          - id: egfr
            name: eGFR
            unit: mL/min/{1.73_m2}
        """;

    public const string Compound = """
        id: testamine
        name: Testamine
        kind: drug
        classes: [testing-agents]
        summary: A compound that exists only in tests.
        routes: [oral]
        claims:
          - id: testamine-memory
            section: effect
            title: Memory in adults
            statement: Memory improved in one trial.
            outcome: memory
            direction: benefit
            scope: human
            evidence:
              - citation: trial-2020
                design: double-blind-rct
                species: human
                nRandomised: 120
                role: supports
        safety:
          - id: testamine-ci-epilepsy
            type: contraindication
            condition: epilepsy
            statement: Do not use in epilepsy.
            sourceType: label
            citations: [label-copy]
        """;

    /// <summary>The fixture with optional replacements of whole files.</summary>
    public static IReadOnlyList<KnowledgeSource> Sources(string? vocabulary = null, string? compound = null, params KnowledgeSource[] extra) =>
        [new KnowledgeSource(VocabularyPath, vocabulary ?? Vocabulary), new KnowledgeSource(CompoundPath, compound ?? Compound), .. extra];

    /// <summary>1-based line of the first line of <paramref name="text"/> that contains <paramref name="fragment"/>.</summary>
    public static int LineOf(string text, string fragment)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(fragment, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new ArgumentException($"'{fragment}' is not in the text.", nameof(fragment));
    }
}
