using Decodex.Core.Knowledge;
using Decodex.Testing;

namespace Decodex.Core.Tests.Knowledge;

/// <summary>Mutated sources never crash the loader; every problem comes back as a coded issue.</summary>
public sealed class KnowledgeBaseLoaderRobustnessTests
{
    private static readonly string[] Fragments = ["{", "}", "[", "]", ":", ": ", "- ", "\"", "'", "\t", "\0", "&a", "*a", "!!str ", "? ", "|", ">", "#", "\n", "\r\n", "  ", "é", "\uFEFF", "---\n", "...\n"];

    [Fact]
    public void Load_RandomlyMutatedSources_NeverThrowAndReportCodedIssues()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 600; i++)
        {
            var vocabulary = Mutate(KnowledgeFixture.Vocabulary, random);
            var compound = Mutate(KnowledgeFixture.Compound, random);

            var result = KnowledgeBaseLoader.Load(KnowledgeFixture.Sources(vocabulary, compound));

            Assert.All(result.Issues, issue =>
            {
                Assert.Matches("^KB0[0-9]{2}$", issue.Code);
                var text = issue.File == KnowledgeFixture.VocabularyPath ? vocabulary : compound;
                Assert.True(issue.Line is null || (issue.Line >= 1 && issue.Line <= text.Split('\n').Length + 1), $"line {issue.Line} outside the file");
            });
            Assert.Equal(result.KnowledgeBase is null, result.Issues.Any(x => x.Severity == IssueSeverity.Error));
        }
    }

    [Fact]
    public void Load_EmptyAndBinaryFiles_AreCodedIssues()
    {
        var result = KnowledgeBaseLoader.Load([
            new KnowledgeSource("vocabularies/empty.yaml", string.Empty),
            new KnowledgeSource("compounds/binary.yaml", "\u0001\u0002PNG\u0000\u00ff"),
            new KnowledgeSource("compounds/list.yaml", "- a\n- b\n")]);

        Assert.False(result.IsValid);
        Assert.All(result.Issues, i => Assert.StartsWith("KB0", i.Code, StringComparison.Ordinal));
    }

    private static string Mutate(string text, Random random)
    {
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            var at = random.Next(text.Length);
            text = random.Next(3) switch
            {
                0 => text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at)),
                1 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
                _ => text.Insert(at, text.Substring(random.Next(text.Length / 2), random.Next(1, 30))),
            };
        }

        return text;
    }
}
