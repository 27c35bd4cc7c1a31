using System.Globalization;
using Decodex.Core.Knowledge;
using Decodex.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Decodex.Core.Reports;

/// <summary>
/// Reads a profile YAML and resolves its names. Issues carry the line, never a value; the person's own
/// words go only into <see cref="Profile.Notices"/>, which their report shows them. Nothing written is
/// dropped in silence: a list written as one line is split, a medicine written as a mapping is read by
/// its name, and anything not used becomes a notice with the nearest known names.
/// </summary>
public static class ProfileLoader
{
    private static readonly string[] Keys = ["sex", "birthDate", "pregnant", "breastfeeding", "conditions", "allergies", "medications", "goals", "genome", "labs", "ancestry"];

    /// <summary>Other spellings of the keys, read as the key with a notice.</summary>
    private static readonly Dictionary<string, string> KeyAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["birthdate"] = "birthDate", ["birth_date"] = "birthDate", ["birth-date"] = "birthDate", ["dateOfBirth"] = "birthDate", ["dob"] = "birthDate",
        ["pregnancy"] = "pregnant", ["breast-feeding"] = "breastfeeding", ["breastFeeding"] = "breastfeeding", ["lactating"] = "breastfeeding",
        ["condition"] = "conditions", ["diagnoses"] = "conditions", ["allergy"] = "allergies", ["hypersensitivities"] = "allergies",
        ["medication"] = "medications", ["medicines"] = "medications", ["drugs"] = "medications", ["meds"] = "medications",
        ["goal"] = "goals", ["dna"] = "genome", ["lab"] = "labs", ["labResults"] = "labs",
        ["biogeographicGroup"] = "ancestry", ["biogeographic-group"] = "ancestry",
    };

    /// <summary>Keys of a mapping that hold the name of a list item (<c>- name: Nardil</c>).</summary>
    private static readonly string[] NameKeys = ["name", "drug", "medication", "medicine", "condition", "goal", "generic", "brand", "substance", "path", "file"];

    private static readonly string[] AllergyPrefixes = ["hypersensitivity to ", "allergy to ", "allergic to ", "allergic reaction to ", "intolerance to "];
    private static readonly string[] AllergySuffixes = [" allergy", " hypersensitivity"];

    /// <summary>The profile, or null when it cannot be used (then the issues say why).</summary>
    public static (Profile? Profile, IReadOnlyList<Issue> Issues) Load(string path, KnowledgeBase knowledgeBase, MedicationResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (ReadBounded(path) is not { } yaml)
        {
            return (null, [new Issue(ReportIssueCodes.UnreadableProfile, IssueSeverity.Error, "The profile is larger than 1 MiB; a profile is a short YAML file naming the DNA and lab files, not holding them.", Path.GetFileName(path))]);
        }

        return Parse(yaml, Path.GetFileName(path), knowledgeBase, resolver, text => ExistingFile(folder, text), folder);
    }

    /// <summary>The file's text, or null when it goes beyond 1 MiB (a device such as /dev/zero never ends).</summary>
    private static string? ReadBounded(string path)
    {
        const int MaxProfileBytes = 1 << 20;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[MaxProfileBytes + 1];
        var length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (length > MaxProfileBytes)
        {
            return null;
        }

        // As File.ReadAllText: UTF-8 unless a byte-order mark says otherwise.
        using var reader = new StreamReader(new MemoryStream(buffer, 0, length), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Reads a profile from text. <paramref name="findFile"/> turns a written genome or lab reference into
    /// a path the caller vouches for (null when there is none); without it, file references are notices.
    /// </summary>
    public static (Profile? Profile, IReadOnlyList<Issue> Issues) Parse(string yaml, string fileName, KnowledgeBase knowledgeBase, MedicationResolver? resolver = null, Func<string, string?>? findFile = null, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        resolver ??= new MedicationResolver(knowledgeBase);
        var file = fileName;
        var issues = new List<Issue>();
        var notices = new List<ProfileNotice>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(yaml))
            {
                stream.Load(reader);
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return (null, [new Issue(ReportIssueCodes.UnreadableProfile, IssueSeverity.Error, $"The profile is not a YAML mapping of keys ({string.Join(", ", Keys)}).", file, 1)]);
            }

            root = mapping;
        }
        catch (YamlException ex)
        {
            return (null, [new Issue(ReportIssueCodes.UnreadableProfile, IssueSeverity.Error, "The profile is not valid YAML.", file, (int)ex.Start.Line)]);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet throws these for some malformed scalars (e.g. "#" inside a [flow, list]).
            return (null, [new Issue(ReportIssueCodes.UnreadableProfile, IssueSeverity.Error, "The profile is not valid YAML (a value may need quotes, e.g. 'Tylenol #3').", file)]);
        }

        static int Line(YamlNode node) => (int)node.Start.Line;
        void Notice(string code, IssueSeverity severity, string field, string written, YamlNode? at, string message, IReadOnlyList<string>? suggestions = null)
        {
            issues.Add(new Issue(code, severity, message, file, at is null ? null : Line(at)));
            notices.Add(new ProfileNotice(field, written, at is null ? null : Line(at), message, suggestions ?? []));
        }

        // Keys: the known ones, their other spellings (read, with a notice), and unknown ones (refused).
        var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (Keys.Contains(key))
            {
                nodes[key] = value;
            }
            else if (KeyAliases.TryGetValue(key, out var canonical) || (canonical = Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))) is not null)
            {
                Notice(ReportIssueCodes.KeyAlias, IssueSeverity.Info, canonical, key, keyNode, $"The key was read as '{canonical}'.");
                nodes.TryAdd(canonical, value);
            }
            else
            {
                var near = NearestNames.Find(key, Keys, 1);
                issues.Add(new Issue(ReportIssueCodes.UnknownKey, IssueSeverity.Error, $"Unknown key; the keys are {string.Join(", ", Keys)}{(near.Count > 0 ? $" (did you mean '{near[0]}'?)" : string.Empty)}.", file, Line(keyNode)));
                notices.Add(new ProfileNotice("key", key, Line(keyNode), "Not a profile key; the profile was not used.", near));
            }
        }

        YamlNode? Node(string key) => nodes.GetValueOrDefault(key);
        string? Scalar(string key)
        {
            switch (Node(key))
            {
                case null:
                    return null;
                case YamlScalarNode s:
                    return string.IsNullOrWhiteSpace(s.Value) ? null : s.Value.Trim();
                case var other:
                    issues.Add(new Issue(ReportIssueCodes.BadValue, IssueSeverity.Error, $"'{key}' must be a single value, not a list or mapping.", file, Line(other)));
                    return null;
            }
        }

        // List fields: a list, one value, one line with commas, or items written as mappings ("- name: Nardil").
        List<(string Text, YamlNode Node)> Items(string key)
        {
            var items = new List<(string, YamlNode)>();
            void AddScalar(YamlScalarNode scalar)
            {
                if (string.IsNullOrWhiteSpace(scalar.Value))
                {
                    return;
                }

                var parts = SplitList(scalar.Value);
                if (parts.Count > 1)
                {
                    Notice(ReportIssueCodes.ListInOneLine, IssueSeverity.Info, key, scalar.Value.Trim(), scalar, $"Written as one line; read as {parts.Count} separate entries.");
                }

                items.AddRange(parts.Select(p => (p, (YamlNode)scalar)));
            }

            void AddMapping(YamlMappingNode mapping)
            {
                var nameKey = mapping.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => NameKeys.Contains(k.Value, StringComparer.OrdinalIgnoreCase));
                if (nameKey is null || mapping.Children[nameKey] is not YamlScalarNode nameValue || string.IsNullOrWhiteSpace(nameValue.Value))
                {
                    Notice(ReportIssueCodes.BadValue, IssueSeverity.Warning, key, Describe(mapping), mapping, "An entry written as a mapping has no 'name'; it is not used.");
                    return;
                }

                AddScalar(nameValue);
                var others = mapping.Children.Keys.OfType<YamlScalarNode>().Where(k => k != nameKey).Select(k => k.Value ?? string.Empty).ToList();
                if (others.Count > 0)
                {
                    Notice(ReportIssueCodes.IgnoredDetail, IssueSeverity.Info, key, $"{nameValue.Value!.Trim()}: {string.Join(", ", others)}", mapping, "Only the name is used; other details of the entry (such as the dose) are not read.");
                }
            }

            switch (Node(key))
            {
                case null:
                    break;
                case YamlScalarNode scalar:
                    AddScalar(scalar);
                    break;
                case YamlSequenceNode sequence:
                    foreach (var child in sequence.Children)
                    {
                        switch (child)
                        {
                            case YamlScalarNode s:
                                AddScalar(s);
                                break;
                            case YamlMappingNode m:
                                AddMapping(m);
                                break;
                            default:
                                Notice(ReportIssueCodes.BadValue, IssueSeverity.Warning, key, Describe(child), child, "A list inside the list is not read; write one entry per line.");
                                break;
                        }
                    }

                    break;
                case YamlMappingNode mapping when mapping.Children.Keys.OfType<YamlScalarNode>().Any(k => NameKeys.Contains(k.Value, StringComparer.OrdinalIgnoreCase)):
                    AddMapping(mapping);
                    break;
                case YamlMappingNode mapping:
                    Notice(ReportIssueCodes.BadValue, IssueSeverity.Info, key, Describe(mapping), mapping, "Written as a mapping; each key was read as one entry and the values were not used.");
                    foreach (var k in mapping.Children.Keys.OfType<YamlScalarNode>())
                    {
                        AddScalar(k);
                    }

                    break;
            }

            return items;
        }

        // Sex, birth date, pregnancy and breastfeeding.
        MarkerSex? sex = null;
        if (Scalar("sex") is { } sexText)
        {
            sex = sexText.ToLowerInvariant() switch
            {
                "female" or "f" or "woman" => MarkerSex.Female,
                "male" or "m" or "man" => MarkerSex.Male,
                _ => null,
            };
            if (sex is null)
            {
                issues.Add(new Issue(ReportIssueCodes.BadValue, IssueSeverity.Error, "sex must be female or male.", file, Line(Node("sex")!)));
            }
        }

        DateOnly? birth = null;
        if (Scalar("birthDate") is { } b)
        {
            if (DateOnly.TryParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 1880)
            {
                birth = d;
            }
            else
            {
                issues.Add(new Issue(ReportIssueCodes.BadValue, IssueSeverity.Error, "birthDate must be a real date written YYYY-MM-DD.", file, Line(Node("birthDate")!)));
            }
        }

        bool? Flag(string key)
        {
            if (Scalar(key) is not { } text)
            {
                return null;
            }

            switch (text.ToLowerInvariant())
            {
                case "true" or "yes" or "y":
                    return true;
                case "false" or "no" or "n":
                    return false;
                case "unknown" or "not sure" or "maybe":
                    return null;
                default:
                    Notice(ReportIssueCodes.BadValue, IssueSeverity.Warning, key, text, Node(key), $"'{key}' must be yes, no or unknown; it was read as unknown.");
                    return null;
            }
        }

        var pregnant = Flag("pregnant");
        var breastfeeding = Flag("breastfeeding");
        if (sex == MarkerSex.Male && (pregnant == true || breastfeeding == true))
        {
            Notice(ReportIssueCodes.BadValue, IssueSeverity.Warning, "pregnant", "yes", Node(pregnant == true ? "pregnant" : "breastfeeding"), "Pregnancy or breastfeeding is given with sex male; both are still taken into account.");
        }

        // Conditions (and allergies written as conditions: "hypersensitivity to risperidone").
        var conditions = new List<(string, Condition)>();
        var allergyTexts = new List<(string Text, YamlNode Node)>();
        var conditionCandidates = knowledgeBase.Conditions.SelectMany(c => c.Synonyms.Prepend(c.Name)).ToList();
        foreach (var (text, node) in Items("conditions"))
        {
            if (knowledgeBase.FindCondition(text) is { } condition)
            {
                conditions.Add((text, condition));
            }
            else if (AllergyTarget(text) is { } allergen)
            {
                allergyTexts.Add((allergen, node));
            }
            else
            {
                Notice(ReportIssueCodes.UnknownCondition, IssueSeverity.Warning, "conditions", text, node, "Not a condition Decodex knows; it is not used, so nothing in the report takes it into account.", NearestNames.Find(text, conditionCandidates));
            }
        }

        void AddCondition(string id, string written)
        {
            if (knowledgeBase.Condition(id) is { } c && !conditions.Any(x => x.Item2.Id == id))
            {
                conditions.Add((written, c));
            }
        }

        if (pregnant == true)
        {
            AddCondition("pregnancy", "pregnant: yes");
        }
        else if (conditions.Any(c => c.Item2.Id == "pregnancy"))
        {
            pregnant = true;
        }

        if (breastfeeding == true)
        {
            AddCondition("breastfeeding", "breastfeeding: yes");
        }
        else if (conditions.Any(c => c.Item2.Id == "breastfeeding"))
        {
            breastfeeding = true;
        }

        // Medications and allergies resolve through the same names.
        List<ProfileMedication> Medicines(string field, IEnumerable<(string Text, YamlNode Node)> items)
        {
            var list = new List<ProfileMedication>();
            foreach (var (text, node) in items)
            {
                var matches = resolver.Resolve(text);
                list.Add(new ProfileMedication(text, matches));
                if (matches.Count == 0)
                {
                    var message = field == "allergies"
                        ? "Not a medicine Decodex recognises; hypersensitivity to it cannot be checked."
                        : "Not a medicine Decodex recognises; its interactions and label warnings cannot be checked.";
                    Notice(field == "allergies" ? ReportIssueCodes.UnknownAllergy : ReportIssueCodes.UnknownMedication, IssueSeverity.Warning, field, text, node, message, resolver.Suggest(text));
                }
            }

            return list;
        }

        var medications = Medicines("medications", Items("medications"));
        var allergies = Medicines("allergies", Items("allergies").Select(i => (AllergyTarget(i.Text) ?? i.Text, i.Node)).Concat(allergyTexts));

        var goals = new List<(string, Outcome)>();
        var outcomeCandidates = knowledgeBase.Outcomes.SelectMany(o => o.Synonyms.Prepend(o.Name)).ToList();
        foreach (var (text, node) in Items("goals"))
        {
            if (FindOutcome(knowledgeBase, text) is { } outcome)
            {
                goals.Add((text, outcome));
            }
            else
            {
                Notice(ReportIssueCodes.UnknownGoal, IssueSeverity.Warning, "goals", text, node, "Not a goal Decodex knows (for example memory or cognition); it is not used.", NearestNames.Find(text, outcomeCandidates));
            }
        }

        // Files: one DNA file and any number of lab files.
        string? FilePath(string field, string text, YamlNode node)
        {
            if (findFile?.Invoke(text) is { } found)
            {
                return found;
            }

            Notice(ReportIssueCodes.MissingFile, IssueSeverity.Warning, field, text, node, findFile is null ? "Files are not read from a profile here; upload the file instead." : "The file does not exist (paths are relative to the profile); it is not used.");
            return null;
        }

        string? genome = null;
        var genomeItems = Items("genome");
        if (genomeItems.Count > 0)
        {
            genome = FilePath("genome", genomeItems[0].Text, genomeItems[0].Node);
            foreach (var (text, node) in genomeItems.Skip(1))
            {
                Notice(ReportIssueCodes.ExtraGenome, IssueSeverity.Warning, "genome", text, node, "Only one DNA file is used: the first one listed. Merge files with 'decodex genome merge' to use both.");
            }
        }

        var labs = Items("labs").Select(l => FilePath("labs", l.Text, l.Node)).OfType<string>().ToList();

        // Ancestry: one of CPIC's biogeographic groups, used for the probability of pharmacogene phenotypes.
        string? ancestry = null;
        if (Scalar("ancestry") is { } ancestryText)
        {
            ancestry = Pgx.Calling.PgxFrequencies.ResolveGroup(ancestryText);
            if (ancestry is null)
            {
                Notice(ReportIssueCodes.UnknownAncestry, IssueSeverity.Warning, "ancestry", ancestryText, Node("ancestry"), $"Not one of CPIC's biogeographic groups ({string.Join(", ", Pgx.Calling.PgxFrequencies.Groups)}); it is not used, so pharmacogene probabilities are shown across all groups.", NearestNames.Find(ancestryText, Pgx.Calling.PgxFrequencies.Groups));
            }
        }

        if (issues.Any(i => i.Severity == IssueSeverity.Error))
        {
            return (null, issues);
        }

        return (new Profile
        {
            Folder = folder ?? string.Empty,
            FileName = fileName,
            Sex = sex,
            BirthDate = birth,
            Pregnant = pregnant,
            Breastfeeding = breastfeeding,
            Conditions = conditions,
            Medications = medications,
            Allergies = allergies,
            Goals = goals,
            Genome = genome,
            Labs = labs,
            Ancestry = ancestry,
            Notices = notices,
        }, issues);
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

    /// <summary>"hypersensitivity to risperidone" → "risperidone"; null when the text is not written as an allergy.</summary>
    private static string? AllergyTarget(string text)
    {
        var t = text.Trim();
        foreach (var prefix in AllergyPrefixes)
        {
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && t.Length > prefix.Length)
            {
                return t[prefix.Length..].Trim();
            }
        }

        foreach (var suffix in AllergySuffixes)
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && t.Length > suffix.Length)
            {
                return t[..^suffix.Length].Trim();
            }
        }

        return null;
    }

    /// <summary>Splits "ibuprofen, lisinopril; Lasix" on commas and semicolons outside brackets.</summary>
    private static List<string> SplitList(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' or ';' when depth == 0:
                    parts.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(text[start..]);
        return [.. parts.Select(p => p.Trim()).Where(p => p.Length > 0)];
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode m => "{" + string.Join(", ", m.Children.Select(c => $"{c.Key}: {c.Value}")) + "}",
        YamlSequenceNode s => "[" + string.Join(", ", s.Children.Select(c => c.ToString())) + "]",
        _ => node.ToString(),
    };

    private static string? ExistingFile(string folder, string text)
    {
        var full = Path.GetFullPath(Path.Combine(folder, text));
        return File.Exists(full) ? full : null;
    }
}
