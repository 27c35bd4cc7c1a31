using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Decodex.Core.Knowledge;

/// <summary>
/// Loads and validates the YAML knowledge base. Never throws for bad content: every problem comes
/// back as a coded <see cref="Issue"/> with file and line, and the model is returned only when
/// there is no error. Grades are computed here by <see cref="EvidenceGrader"/>.
/// </summary>
public static partial class KnowledgeBaseLoader
{
    /// <summary>
    /// Reads every <c>*.yaml</c> under <c>compounds/</c> and <c>vocabularies/</c> of <paramref name="directory"/>,
    /// and the imported label layer under <c>imported/</c> when it is there.
    /// </summary>
    /// <exception cref="IOException">A file exists but cannot be read.</exception>
    public static KnowledgeLoadResult LoadDirectory(string directory) => LoadDirectory(directory, withImported: true);

    /// <summary>
    /// Reads <paramref name="directory"/>; with <paramref name="withImported"/> false, only the curated
    /// layer (what the label importer maps names against).
    /// </summary>
    /// <exception cref="IOException">A file exists but cannot be read.</exception>
    public static KnowledgeLoadResult LoadDirectory(string directory, bool withImported)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return new KnowledgeLoadResult(null, new KnowledgeCounts(0, 0, 0, 0, 0, 0, 0), [new Issue(KnowledgeIssueCodes.NoKnowledgeBase, IssueSeverity.Error, "The knowledge-base folder does not exist.", directory)]);
        }

        var sources = Sources(directory, ["vocabularies", "compounds"]);
        if (withImported)
        {
            sources.AddRange(ImportedSources(directory));
        }

        return Load(sources);
    }

    /// <summary>
    /// Reads only the <c>vocabularies/</c> of <paramref name="directory"/> (markers, conditions, citations,
    /// outcomes, classes): what lab interpretation needs, at about a quarter of the parsing of the whole
    /// base. The result has no compounds; references to compounds (class members) and to citations (which
    /// compound files may define) are not checked. Validation and everything that reads compounds or
    /// citations use <see cref="LoadDirectory(string)"/>.
    /// </summary>
    /// <exception cref="IOException">A file exists but cannot be read.</exception>
    public static KnowledgeLoadResult LoadVocabularies(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return new KnowledgeLoadResult(null, new KnowledgeCounts(0, 0, 0, 0, 0, 0, 0), [new Issue(KnowledgeIssueCodes.NoKnowledgeBase, IssueSeverity.Error, "The knowledge-base folder does not exist.", directory)]);
        }

        return Load(Sources(directory, ["vocabularies"]), vocabulariesOnly: true);
    }

    private static List<KnowledgeSource> Sources(string directory, string[] subfolders)
    {
        var sources = new List<KnowledgeSource>();
        foreach (var sub in subfolders)
        {
            var folder = Path.Combine(directory, sub);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
            {
                sources.Add(new KnowledgeSource($"{sub}/{Path.GetFileName(file)}", File.ReadAllText(file)));
            }
        }

        return sources;
    }

    /// <summary>The imported layer's files: <c>imported/openfda-labels/*.json</c> and <c>imported/*.json</c>.</summary>
    private static IEnumerable<KnowledgeSource> ImportedSources(string directory)
    {
        var imported = Path.Combine(directory, "imported");
        if (!Directory.Exists(imported))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(imported, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            yield return new KnowledgeSource($"imported/{Path.GetFileName(file)}", File.ReadAllText(file));
        }

        var reviewed = Path.Combine(imported, ReviewedFile);
        if (File.Exists(reviewed))
        {
            yield return new KnowledgeSource($"imported/{ReviewedFile}", File.ReadAllText(reviewed));
        }

        var labels = Path.Combine(imported, Labels.LabelImport.LabelFolder);
        if (Directory.Exists(labels))
        {
            foreach (var file in Directory.EnumerateFiles(labels, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
            {
                yield return new KnowledgeSource($"imported/{Labels.LabelImport.LabelFolder}/{Path.GetFileName(file)}", File.ReadAllText(file));
            }
        }
    }

    /// <summary>Loads from in-memory sources; paths decide what a file holds (see <see cref="KnowledgeSource"/>).</summary>
    public static KnowledgeLoadResult Load(IReadOnlyList<KnowledgeSource> sources) => Load(sources, vocabulariesOnly: false);

    private static KnowledgeLoadResult Load(IReadOnlyList<KnowledgeSource> sources, bool vocabulariesOnly)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var state = new LoadState();
        foreach (var source in sources.Where(s => !s.Path.StartsWith("imported/", StringComparison.Ordinal)))
        {
            var root = ParseRoot(source, state.Issues);
            if (root is null)
            {
                continue;
            }

            if (source.Path.StartsWith("compounds/", StringComparison.Ordinal))
            {
                ReadCompound(root, source.Path, state);
            }
            else
            {
                ReadVocabulary(root, state);
            }
        }

        if (state.Compounds.Count == 0 && !vocabulariesOnly)
        {
            state.Issues.Add(new Issue(KnowledgeIssueCodes.NoKnowledgeBase, IssueSeverity.Error, "No compound file was found under compounds/."));
        }

        CheckReferences(state, vocabulariesOnly);
        CheckParentCycles(state);
        if (!vocabulariesOnly)
        {
            CheckGradingRules(state);
        }

        var curatedCount = state.Compounds.Count;
        var imported = vocabulariesOnly ? null : ReadImported(sources.Where(s => s.Path.StartsWith("imported/", StringComparison.Ordinal)), state);
        var counts = new KnowledgeCounts(curatedCount, state.Claims.Count, state.Citations.Count, state.Conditions.Count, state.Outcomes.Count, state.Classes.Count, state.Markers.Count)
        {
            LabelEntries = imported?.Entries.Count ?? 0,
            LabelItems = imported?.Entries.Sum(e => e.Safety.Count + e.Interactions.Count) ?? 0,
            HighPriorityPairs = imported?.Pairs.Count ?? 0,
        };
        var issues = state.Issues
            .OrderBy(i => i.File ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(i => i.Line ?? 0)
            .ToArray();
        if (issues.Any(i => i.Severity == IssueSeverity.Error))
        {
            return new KnowledgeLoadResult(null, counts, issues);
        }

        var citations = state.Citations.Values.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var grader = new EvidenceGrader(id => citations.GetValueOrDefault(id));
        // The label layer is never graded: it holds the label's safety statements, not evidence of effect.
        var compounds = state.Compounds.Values.Select(c => Grade(c, grader, citations)).Concat(imported?.Entries ?? []).ToArray();
        var knowledgeBase = new KnowledgeBase(
            compounds,
            [.. state.Citations.Values],
            [.. state.Conditions.Values],
            [.. state.Outcomes.Values],
            [.. state.Classes.Values],
            [.. state.Markers.Values],
            ContentVersion(sources))
        {
            HighPriorityPairs = imported?.Pairs ?? [],
            HighPriorityCitationId = imported?.PairsCitationId,
        };
        return new KnowledgeLoadResult(knowledgeBase, counts, issues);
    }

    private static Compound Grade(Compound compound, EvidenceGrader grader, Dictionary<string, Citation> citations)
    {
        var claims = compound.Claims.Select(c => c with { Evidence = DeriveSponsor(c.Evidence, citations) }).ToArray();
        var interactions = compound.Interactions.Select(i => i with { Evidence = DeriveSponsor(i.Evidence, citations) }).ToArray();
        var modifiers = compound.Modifiers.Select(m => m with { Evidence = DeriveSponsor(m.Evidence, citations) }).ToArray();
        return compound with
        {
            Claims = claims.Select(c => c with { Grade = grader.Grade(c.Scope, c.Evidence, c.Direction) }).ToArray(),
            Interactions = interactions.Select(i => i with { Grade = grader.Grade(i.Scope, i.Evidence) }).ToArray(),
            Modifiers = modifiers.Select(m => m with
            {
                Grade = grader.GradeModifier(m.Evidence, m.Level, m.LevelScheme),
                Consistency = grader.Consistency(m.Evidence),
            }).ToArray(),
        };
    }

    private static YamlMap? ParseRoot(KnowledgeSource source, List<Issue> issues)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(source.Text));
        }
        catch (YamlException e)
        {
            // The parser's message names the construct, never our data values beyond the offending token.
            issues.Add(new Issue(KnowledgeIssueCodes.UnparseableYaml, IssueSeverity.Error, $"Not valid YAML: {FirstLine(e.Message)}", source.Path, (int)e.Start.Line));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException when the text ends inside an
            // unclosed flow collection or quote; the problem is then at the end of the file.
            var lastLine = source.Text.TrimEnd().Count(ch => ch == '\n') + 1;
            issues.Add(new Issue(KnowledgeIssueCodes.UnparseableYaml, IssueSeverity.Error, "Not valid YAML: the file ends inside an unclosed bracket, brace or quote.", source.Path, lastLine));
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet throws these for some malformed input (e.g. a NUL character as a key).
            issues.Add(new Issue(KnowledgeIssueCodes.UnparseableYaml, IssueSeverity.Error, "Not valid YAML: the parser could not read it.", source.Path));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var line = stream.Documents.Count == 0 ? 1 : (int)stream.Documents[0].RootNode.Start.Line;
            issues.Add(new Issue(KnowledgeIssueCodes.Structure, IssueSeverity.Error, "The file must hold one YAML mapping.", source.Path, line));
            return null;
        }

        return new YamlMap(root, source.Path, issues);
    }

    private static string FirstLine(string message)
    {
        var text = message.Split('\n')[0].Trim();
        var close = text.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 ? text[(close + 3)..] : text;
    }

    private static string ContentVersion(IReadOnlyList<KnowledgeSource> sources)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in sources.OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(source.Path));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(source.Text.Replace("\r\n", "\n", StringComparison.Ordinal)));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[1-9][0-9]{0,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex PmidPattern();

    [GeneratedRegex(@"^10\.[0-9]{4,9}/\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex DoiPattern();

    [GeneratedRegex("^PMC[0-9]{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex PmcidPattern();

    [GeneratedRegex("^(NCT[0-9]{8}|ISRCTN[0-9]{8}|[A-Z][A-Za-z]{1,10}[-0-9A-Za-z]*[0-9]{3,})$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();
}
