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
    public static KnowledgeLoadResult LoadDirectory(string directory, bool withImported) => LoadDirectory(directory, withImported, useSnapshot: true);

    /// <summary>As <see cref="LoadDirectory(string, bool)"/>; <paramref name="useSnapshot"/> false always parses the sources (tests).</summary>
    internal static KnowledgeLoadResult LoadDirectory(string directory, bool withImported, bool useSnapshot)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return new KnowledgeLoadResult(null, new KnowledgeCounts(0, 0, 0, 0, 0, 0, 0), [new Issue(KnowledgeIssueCodes.NoKnowledgeBase, IssueSeverity.Error, "The knowledge-base folder does not exist.", directory)]);
        }

        if (!withImported)
        {
            return Load(Sources(directory, ["vocabularies", "compounds"]));
        }

        // The same bytes as last time: the validated, graded model comes from the snapshot written then,
        // without decoding, parsing, validating or grading anything.
        var files = Files(directory, ["vocabularies", "compounds"], imported: true).Select(f => (f.Path, Bytes: File.ReadAllBytes(f.FullPath))).ToList();
        var sha = KnowledgeSnapshot.HashOf(files);
        if (useSnapshot && KnowledgeSnapshotCache.TryRead(sha) is { } cached)
        {
            return cached;
        }

        var sources = files.Select(f => new KnowledgeSource(f.Path, Text(f.Bytes))).ToList();
        var result = Load(sources);
        if (useSnapshot && result.KnowledgeBase is not null)
        {
            KnowledgeSnapshotCache.TryWrite(result, sha);
        }

        return result;
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

    /// <summary>
    /// Reads only what health-variant reports need: <c>vocabularies/health-variants.yaml</c> and
    /// <c>vocabularies/citations.yaml</c>, a fraction of the parsing of the whole base. References into other
    /// files (a citation's trial outcomes, a variant's conditions) are not checked here: validation and the
    /// tests load the whole base, which checks them.
    /// </summary>
    /// <exception cref="IOException">A file exists but cannot be read.</exception>
    public static KnowledgeLoadResult LoadHealth(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string[] names = ["vocabularies/citations.yaml", "vocabularies/health-variants.yaml"];
        var sources = names.Select(n => (Name: n, Full: Path.Combine(directory, n))).Where(n => File.Exists(n.Full))
            .Select(n => new KnowledgeSource(n.Name, File.ReadAllText(n.Full))).ToList();
        return sources.Count == 0
            ? new KnowledgeLoadResult(null, new KnowledgeCounts(0, 0, 0, 0, 0, 0, 0), [new Issue(KnowledgeIssueCodes.NoKnowledgeBase, IssueSeverity.Error, "The knowledge-base folder has no health vocabulary.", directory)])
            : Load(sources, vocabulariesOnly: true, checkReferences: false);
    }

    private static List<KnowledgeSource> Sources(string directory, string[] subfolders) =>
        [.. Files(directory, subfolders, imported: false).Select(f => new KnowledgeSource(f.Path, File.ReadAllText(f.FullPath)))];

    /// <summary>
    /// The source files, as (path relative to the folder with forward slashes, full path): every
    /// <c>*.yaml</c> of the subfolders, then, with <paramref name="imported"/>, the imported layer's
    /// <c>imported/*.json</c>, <c>imported/reviewed.tsv</c> and <c>imported/openfda-labels/*.json</c>.
    /// </summary>
    private static List<(string Path, string FullPath)> Files(string directory, string[] subfolders, bool imported)
    {
        var files = new List<(string, string)>();
        void Add(string sub, string pattern)
        {
            var folder = Path.Combine(directory, sub);
            if (Directory.Exists(folder))
            {
                files.AddRange(Directory.EnumerateFiles(folder, pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
                    .Select(f => ($"{sub.Replace('\\', '/')}/{Path.GetFileName(f)}", f)));
            }
        }

        foreach (var sub in subfolders)
        {
            Add(sub, "*.yaml");
        }

        if (imported)
        {
            Add("imported", "*.json");
            Add("imported", ReviewedFile);
            Add(Path.Combine("imported", Labels.LabelImport.LabelFolder), "*.json");
        }

        return files;
    }

    /// <summary>UTF-8 text without a byte-order mark, as <see cref="File.ReadAllText(string)"/> reads it.</summary>
    private static string Text(byte[] bytes) =>
        bytes.AsSpan().StartsWith("\uFEFF"u8) ? Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3) : Encoding.UTF8.GetString(bytes);

    /// <summary>Loads from in-memory sources; paths decide what a file holds (see <see cref="KnowledgeSource"/>).</summary>
    public static KnowledgeLoadResult Load(IReadOnlyList<KnowledgeSource> sources) => Load(sources, vocabulariesOnly: false);

    private static KnowledgeLoadResult Load(IReadOnlyList<KnowledgeSource> sources, bool vocabulariesOnly, bool checkReferences = true)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var state = new LoadState();
        foreach (var source in sources.Where(s => !s.Path.StartsWith("imported/", StringComparison.Ordinal)))
        {
            var root = RootOf(ParseStream(source), source, state.Issues);
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

        if (checkReferences)
        {
            CheckReferences(state, vocabulariesOnly);
        }

        CheckHealthCombinations(state);
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
            HealthVariants = [.. state.HealthVariants.Values],
            HealthCombinations = [.. state.HealthCombinations.Values],
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

    /// <summary>Parses one file's YAML; touches nothing shared, so files can be parsed at once.</summary>
    private static (YamlStream? Stream, Issue? Error) ParseStream(KnowledgeSource source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(source.Text));
            return (stream, null);
        }
        catch (YamlException e)
        {
            // The parser's message names the construct, never our data values beyond the offending token.
            return (null, new Issue(KnowledgeIssueCodes.UnparseableYaml, IssueSeverity.Error, $"Not valid YAML: {FirstLine(e.Message)}", source.Path, (int)e.Start.Line));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException when the text ends inside an
            // unclosed flow collection or quote; the problem is then at the end of the file.
            var lastLine = source.Text.TrimEnd().Count(ch => ch == '\n') + 1;
            return (null, new Issue(KnowledgeIssueCodes.UnparseableYaml, IssueSeverity.Error, "Not valid YAML: the file ends inside an unclosed bracket, brace or quote.", source.Path, lastLine));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet throws these for some malformed input (e.g. a NUL character as a key).
            return (null, new Issue(KnowledgeIssueCodes.UnparseableYaml, IssueSeverity.Error, "Not valid YAML: the parser could not read it.", source.Path));
        }
    }

    private static YamlMap? RootOf((YamlStream? Stream, Issue? Error) parsed, KnowledgeSource source, List<Issue> issues)
    {
        if (parsed.Stream is not { } stream)
        {
            issues.Add(parsed.Error!);
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
