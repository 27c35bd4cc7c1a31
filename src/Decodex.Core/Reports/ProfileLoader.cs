using System.Globalization;
using Decodex.Core.Knowledge;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Decodex.Core.Reports;

/// <summary>Reads a profile YAML and resolves its names; issues carry the line, never a value.</summary>
public static class ProfileLoader
{
    private static readonly string[] Keys = ["sex", "birthDate", "conditions", "medications", "goals", "genome", "labs"];

    /// <summary>The profile, or null when it cannot be used (then the issues say why).</summary>
    public static (Profile? Profile, IReadOnlyList<Issue> Issues) Load(string path, KnowledgeBase knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        var file = Path.GetFileName(path);
        var issues = new List<Issue>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(path)))
            {
                stream.Load(reader);
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return (null, [new Issue(ReportIssueCodes.UnreadableProfile, IssueSeverity.Error, "The profile is not a YAML mapping of keys (sex, birthDate, conditions, medications, goals, genome, labs).", file, 1)]);
            }

            root = mapping;
        }
        catch (YamlException ex)
        {
            return (null, [new Issue(ReportIssueCodes.UnreadableProfile, IssueSeverity.Error, "The profile is not valid YAML.", file, (int)ex.Start.Line)]);
        }

        int Line(YamlNode node) => (int)node.Start.Line;
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>().Where(k => !Keys.Contains(k.Value)))
        {
            issues.Add(new Issue(ReportIssueCodes.UnknownKey, IssueSeverity.Error, $"Unknown key '{key.Value}'; the keys are {string.Join(", ", Keys)}.", file, Line(key)));
        }

        YamlNode? Node(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
        string? Scalar(string key) => Node(key) is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value) ? s.Value.Trim() : null;
        List<(string Text, int Line)> List(string key)
        {
            switch (Node(key))
            {
                case null:
                    return [];
                case YamlSequenceNode sequence:
                    return [.. sequence.Children.OfType<YamlScalarNode>().Where(s => !string.IsNullOrWhiteSpace(s.Value)).Select(s => (s.Value!.Trim(), Line(s)))];
                case YamlScalarNode single when !string.IsNullOrWhiteSpace(single.Value):
                    return [(single.Value.Trim(), Line(single))];
                case var other:
                    issues.Add(new Issue(ReportIssueCodes.BadValue, IssueSeverity.Error, $"'{key}' must be a list.", file, Line(other)));
                    return [];
            }
        }

        MarkerSex? sex = Scalar("sex")?.ToLowerInvariant() switch
        {
            null => null,
            "female" => MarkerSex.Female,
            "male" => MarkerSex.Male,
            _ => Bad("sex must be female or male."),
        };
        DateOnly? birth = null;
        if (Scalar("birthDate") is { } b)
        {
            if (DateOnly.TryParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                birth = d;
            }
            else
            {
                Bad("birthDate must be written YYYY-MM-DD.");
            }
        }

        MarkerSex? Bad(string message)
        {
            issues.Add(new Issue(ReportIssueCodes.BadValue, IssueSeverity.Error, message, file, Node(message.StartsWith("sex", StringComparison.Ordinal) ? "sex" : "birthDate") is { } n ? Line(n) : null));
            return null;
        }

        var conditions = new List<(string, Condition)>();
        foreach (var (text, line) in List("conditions"))
        {
            if (knowledgeBase.FindCondition(text) is { } condition)
            {
                conditions.Add((text, condition));
            }
            else
            {
                issues.Add(new Issue(ReportIssueCodes.UnknownCondition, IssueSeverity.Warning, "A condition matches no vocabulary id or name; it is not used (write the id, e.g. kidney-failure).", file, line));
            }
        }

        var medications = new List<ProfileMedication>();
        foreach (var (text, line) in List("medications"))
        {
            var matches = knowledgeBase.ResolveDrug(text);
            medications.Add(new ProfileMedication(text, matches));
            if (matches.Count == 0)
            {
                issues.Add(new Issue(ReportIssueCodes.UnknownMedication, IssueSeverity.Warning, "A medication resolves to no compound, class member or brand the knowledge base knows; its interactions cannot be checked.", file, line));
            }
        }

        var goals = new List<(string, Outcome)>();
        foreach (var (text, line) in List("goals"))
        {
            if (FindOutcome(knowledgeBase, text) is { } outcome)
            {
                goals.Add((text, outcome));
            }
            else
            {
                issues.Add(new Issue(ReportIssueCodes.UnknownGoal, IssueSeverity.Warning, "A goal matches no outcome of the knowledge base (e.g. memory, cognition); it is not used.", file, line));
            }
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? FilePath(string text, int line, string what)
        {
            var full = Path.GetFullPath(Path.Combine(folder, text));
            if (File.Exists(full))
            {
                return full;
            }

            issues.Add(new Issue(ReportIssueCodes.MissingFile, IssueSeverity.Warning, $"The {what} file does not exist (paths are relative to the profile); it is not used.", file, line));
            return null;
        }

        var genome = Scalar("genome") is { } g ? FilePath(g, Line(Node("genome")!), "genome") : null;
        var labs = List("labs").Select(l => FilePath(l.Text, l.Line, "lab")).OfType<string>().ToList();
        if (issues.Any(i => i.Severity == IssueSeverity.Error))
        {
            return (null, issues);
        }

        return (new Profile { Folder = folder, Sex = sex, BirthDate = birth, Conditions = conditions, Medications = medications, Goals = goals, Genome = genome, Labs = labs }, issues);
    }

    /// <summary>An outcome by id, name or synonym, ignoring case.</summary>
    public static Outcome? FindOutcome(KnowledgeBase knowledgeBase, string text)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(text);
        var key = text.Trim();
        return knowledgeBase.Outcome(key.ToLowerInvariant())
            ?? knowledgeBase.Outcomes.FirstOrDefault(o => string.Equals(o.Name, key, StringComparison.OrdinalIgnoreCase) || o.Synonyms.Any(s => string.Equals(s, key, StringComparison.OrdinalIgnoreCase)));
    }
}
