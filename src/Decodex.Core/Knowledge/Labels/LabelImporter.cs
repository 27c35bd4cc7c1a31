using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Decodex.Core.Medicines;

namespace Decodex.Core.Knowledge.Labels;

/// <summary>
/// Turns openFDA label records into the imported label layer: per label, structured safety items and
/// interactions in our own words (never the label's sentences), each located by section, string index,
/// character range and passage hash; names mapped to the knowledge base's conditions, classes and
/// compounds and to the medicine vocabulary; what could not be mapped listed for a curator. The same
/// inputs always give the same output, byte for byte.
/// </summary>
public static partial class LabelImporter
{
    /// <summary>Written into every file so a change of rules shows in the diff.</summary>
    public const string Version = "label-importer/2";

    /// <summary>The licence recorded on every imported entry.</summary>
    public const string Licence = "openFDA label text: public domain / CC0 per open.fda.gov/license; not endorsed by FDA.";

    private const int MaxLineChars = 8 * 1024 * 1024;

    /// <summary>The largest label file or pairs file read (the shared set is 20 MB).</summary>
    private const int MaxInputBytes = 512 * 1024 * 1024;
    private const int MaxLabels = 20_000;

    private static readonly string[] AvoidWords = ["contraindicated", "do not use", "do not coadminister", "do not co-administer", "avoid ", "avoid.", "should not be used", "should not be coadministered", "should not be co-administered", "not recommended", "must not"];
    private static readonly string[] AdjustWords = ["reduce the dose", "dose reduction", "dosage reduction", "reduce the dosage", "dose adjustment", "dosage adjustment", "adjust the dose", "adjust the dosage", "decrease the dose", "decrease the dosage", "increase the dose", "increase the dosage", "lower dose", "dose modification", "dosage modification", "titrat"];
    private static readonly string[] MonitorWords = ["monitor"];
    private static readonly string[] StoppingWords = ["abrupt discontinuation", "abruptly discontinu", "abrupt withdrawal", "abruptly stop", "abrupt cessation", "withdrawal from"];
    private static readonly string[] PharmacokineticWords = ["cyp", "concentration", "exposure", "auc", "clearance", "plasma level", "metabolism", "p-gp", "inducer", "inhibitor", "absorption"];
    private static readonly string[] PharmacodynamicWords = ["serotonin syndrome", "bleeding", "qt", "additive", "cns depress", "sedation", "respiratory depression", "hypotension", "hyperkalemia", "seizure", "hypertensive"];
    private static readonly string[] PopulationCues = ["patients with", "patient with", "history of", "in patients who", "people with", "women who are", "in women", "pregnant", "nursing"];
    private static readonly HashSet<string> GroupWords = new(StringComparer.Ordinal) { "inhibitors", "inducers", "substrates", "depressants", "blockers", "agonists", "antagonists", "agents", "drugs", "medications", "products" };
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal) { "of", "with", "and", "or", "the", "a", "an", "other", "to", "by", "as", "in", "on", "for", "such", "including", "e.g", "these", "all", "any", "some", "that", "which", "use", "concomitant", "coadministration", "taking", "receiving" };
    private static readonly string[] DrugSuffixes = ["azole", "mycin", "micin", "cycline", "floxacin", "pril", "sartan", "statin", "olol", "dipine", "avir", "ovir", "mab", "tinib", "parin", "xaban", "gatran", "zepam", "zolam", "triptan", "tidine", "prazole", "setron", "afil", "gliptin", "gliflozin", "glitazone", "profen", "platin", "taxel", "rubicin", "oxetine", "apine", "idone", "iptyline", "ipramine", "barbital", "codone", "morphone", "phylline", "amycin"];

    /// <summary>Builds the phrase table: the curated rows first, then names from the knowledge base, the label set and the vocabulary.</summary>
    public static LabelTerms Terms(string curatedTsv, KnowledgeBase knowledgeBase, MedicineVocabulary vocabulary, IEnumerable<string> labelGenerics)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var terms = LabelTerms.ReadCurated(curatedTsv);
        foreach (var condition in knowledgeBase.Conditions)
        {
            foreach (var name in condition.Synonyms.Prepend(condition.Name))
            {
                terms.Add(LabelTermKind.Condition, name, condition.Id);
            }
        }

        foreach (var compound in knowledgeBase.Compounds.Where(c => c.Layer == KnowledgeLayer.Curated && c.Kind != CompoundKind.DrugClass))
        {
            foreach (var name in compound.Synonyms.Prepend(compound.Name).Where(n => n.Length >= 4))
            {
                terms.Add(LabelTermKind.Drug, name, "compound:" + compound.Id);
            }
        }

        foreach (var member in knowledgeBase.Classes.SelectMany(c => c.Members))
        {
            terms.Add(LabelTermKind.Drug, member.Name, LabelNames.Base(member.Name));
        }

        foreach (var name in labelGenerics.Concat(vocabulary.IngredientNames).Where(n => n.Length >= 4 && !n.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            terms.Add(LabelTermKind.Drug, name, LabelNames.Base(name));
        }

        return terms;
    }

    /// <summary>Reads the label records (JSON Lines) and the ONC pairs (TSV) and builds the layer.</summary>
    /// <exception cref="FormatException">A line is not a label record, or the input is larger than the importer accepts.</exception>
    public static LabelImport Import(Stream labels, Stream? oncPairs, string curatedTermsTsv, KnowledgeBase knowledgeBase, MedicineVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        var (records, labelsSha) = ReadLabels(labels);
        var generics = records.SelectMany(Ingredients).Distinct(StringComparer.Ordinal).ToList();
        var terms = Terms(curatedTermsTsv, knowledgeBase, vocabulary, generics);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<LabelEntryFile>();
        foreach (var record in records.OrderBy(r => r.GetProperty("set_id").GetString(), StringComparer.Ordinal))
        {
            entries.Add(Entry(record, terms, knowledgeBase, vocabulary, ids));
        }

        // Two labels of the same medicine: each keeps its own id, made unique by the brand (then the set id).
        entries = [.. entries.OrderBy(e => e.Id, StringComparer.Ordinal)];
        var pairs = oncPairs is null ? null : ReadPairs(oncPairs);
        var unmappedNames = entries
            .SelectMany(e => e.Unmapped.SelectMany(u => u.Names).Distinct(StringComparer.Ordinal).Select(n => (Name: n, Entry: e.Id)))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .Select(g => new UnmappedName(g.Key, g.Count(), [.. g.Select(x => x.Entry).Order(StringComparer.Ordinal)]))
            .OrderByDescending(n => n.Labels)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
        return new LabelImport(entries, pairs, unmappedNames, labelsSha);
    }

    private static (List<JsonElement> Records, string Sha256) ReadLabels(Stream labels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bytes = ReadBounded(labels, "Label input");
        hash.AppendData(bytes);
        var records = new List<JsonElement>();
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            lineNumber++;
            if (line.Length > MaxLineChars || records.Count > MaxLabels)
            {
                throw new FormatException($"Label input line {lineNumber}: larger than the importer accepts.");
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var element = JsonDocument.Parse(line).RootElement;
                if (element.ValueKind != JsonValueKind.Object
                    || !element.TryGetProperty("set_id", out var setId) || setId.ValueKind != JsonValueKind.String || setId.GetString() is not { Length: >= 8 and <= 64 } id || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                    || !element.TryGetProperty("openfda", out var openfda) || openfda.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"Label input line {lineNumber}: not an openFDA label record (a set_id of letters, digits and dashes and an openfda object are required).");
                }

                records.Add(element);
            }
            catch (JsonException)
            {
                throw new FormatException($"Label input line {lineNumber}: not valid JSON.");
            }
        }

        return (records, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The whole stream, refusing one larger than <see cref="MaxInputBytes"/> before it is all in memory.</summary>
    private static byte[] ReadBounded(Stream stream, string what)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxInputBytes)
            {
                throw new FormatException($"{what}: larger than the importer accepts ({MaxInputBytes / (1024 * 1024)} MB).");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string[] Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    /// <summary>Base ingredient names of a label, in the label's order.</summary>
    private static IEnumerable<string> Ingredients(JsonElement record)
    {
        var openfda = record.GetProperty("openfda");
        var substances = Strings(openfda, "substance_name");
        var names = substances.Length > 0
            ? substances
            : Strings(openfda, "generic_name").SelectMany(g => g.ToLowerInvariant().Split([", ", " and "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        return names.Select(LabelNames.Base).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal);
    }

    private static LabelEntryFile Entry(JsonElement record, LabelTerms terms, KnowledgeBase kb, MedicineVocabulary vocabulary, Dictionary<string, int> ids)
    {
        var openfda = record.GetProperty("openfda");
        var ingredients = Ingredients(record).ToList();
        var brands = Strings(openfda, "brand_name").Select(BrandCase).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var setId = Text(record, "set_id");
        var application = Strings(openfda, "application_number").FirstOrDefault();
        var baseId = LabelNames.Slug(string.Join(' ', ingredients)) + "-us-label";
        var id = baseId;
        if (ids.ContainsKey(id))
        {
            id = $"{baseId}-{LabelNames.Slug(brands.FirstOrDefault() ?? setId[..8])}";
            if (ids.ContainsKey(id))
            {
                id = $"{baseId}-{setId[..8]}";
            }
        }

        ids[id] = 1;
        var name = LabelNames.Display(ingredients);
        var self = new HashSet<string>(ingredients.Concat(brands.Select(b => b.ToLowerInvariant())), StringComparer.Ordinal);
        var classes = ingredients
            .SelectMany(i => vocabulary.ClassesOf(i).Select(m => m.ClassId)
                .Concat(kb.Classes.Where(c => c.Members.Any(m => LabelNames.Base(m.Name) == i)).Select(c => c.Id)))
            .Where(c => kb.Class(c) is not null)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var builder = new EntryBuilder(id, name.ToLowerInvariant(), self, terms, kb);
        foreach (var section in LabelSections.Read)
        {
            var texts = Strings(record, section);
            for (var index = 0; index < texts.Length; index++)
            {
                builder.Section(section, index, texts[index]);
            }
        }

        builder.Finish();
        return new LabelEntryFile
        {
            Id = id,
            Name = name,
            Kind = application?.StartsWith("BLA", StringComparison.Ordinal) == true ? "biologic" : "drug",
            Brands = brands,
            Ingredients = ingredients,
            Classes = classes,
            Label = new LabelFileRecord
            {
                SetId = setId,
                Version = Text(record, "version"),
                EffectiveTime = Text(record, "effective_time"),
                ApplicationNumber = application,
                SplId = Text(record, "spl_id") is { Length: > 0 } spl ? spl : null,
                GenericName = string.Join(", ", Strings(openfda, "generic_name")),
                Source = record.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object
                    ? $"{Text(source, "repo")}@{Text(source, "commit")}:{Text(source, "path")}"
                    : null,
                Licence = Licence,
            },
            Items = builder.Items,
            Unmapped = builder.Unmapped,
        };
    }

    private static string BrandCase(string brand) =>
        brand.Any(char.IsLower) ? brand : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(brand.ToLowerInvariant());

    private static HighPriorityPairsFile ReadPairs(Stream tsv)
    {
        var bytes = ReadBounded(tsv, "ONC pairs input");
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"ONC pairs: no \"{name}\" column.");
        var number = Column("pair_no");
        var objectClass = Column("object_class");
        var objectMembers = Column("object_members_listed");
        var precipitantClass = Column("precipitant_class");
        var precipitantMembers = Column("precipitant_members_listed");
        var orientation = Column("orientation");
        var note = Column("note");
        var pairs = new List<HighPriorityPair>();
        foreach (var (line, row) in lines.Skip(1).Select((l, i) => (l, i + 2)))
        {
            var cells = line.Split('\t');
            if (cells.Length < header.Length || !int.TryParse(cells[number], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException($"ONC pairs line {row}: expected {header.Length} tab-separated cells with a pair number.");
            }

            static IReadOnlyList<string> Members(string cell) =>
                [.. cell.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(LabelNames.Base).Distinct(StringComparer.Ordinal)];
            var n = int.Parse(cells[number], CultureInfo.InvariantCulture);
            var a = Members(cells[objectMembers]);
            var b = Members(cells[precipitantMembers]);
            var swapped = cells[orientation].Contains("SWAPPED", StringComparison.Ordinal);
            pairs.Add(new HighPriorityPair
            {
                Id = $"onc-pair-{n:00}",
                Number = n,
                ObjectName = cells[objectClass],
                ObjectMembers = a,
                PrecipitantName = cells[precipitantClass],
                PrecipitantMembers = b,
                Note = swapped
                    ? "The published table lists the two groups the other way round; a later correction swaps them. A pair is matched in both directions, so the orientation does not change a finding."
                    : cells[note].Length > 0 ? "A note on the transcription is kept in the shared ONC file." : null,
                NotMatchable = a.Count == 0 || b.Count == 0
                    ? "The paper names the group but lists no medicines; the open list of QT-prolonging drugs it relied on is not open data, so this pair cannot be matched to a medicine list."
                    : null,
            });
        }

        return new HighPriorityPairsFile
        {
            Citation = "phansalkar-2012-onc-ddi",
            Source = "onc_high_priority_ddi_phansalkar2012.tsv",
            SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Pairs = pairs,
        };
    }

    [GeneratedRegex(@"(?:younger than|less than|under|below)\s+(\d{1,2})\s+years", RegexOptions.CultureInvariant)]
    private static partial Regex YoungerThan();

    [GeneratedRegex(@"(\d{2})\s+years(?: of age)? (?:and|or) older|older than\s+(\d{2})\s+years", RegexOptions.CultureInvariant)]
    private static partial Regex OlderThan();

    /// <summary>Collects one entry's items and unmapped passages.</summary>
    private sealed class EntryBuilder(string id, string name, HashSet<string> self, LabelTerms terms, KnowledgeBase kb)
    {
        private readonly Dictionary<string, LabelFileItem> _items = new(StringComparer.Ordinal);
        private readonly List<LabelFileUnmapped> _unmapped = [];
        private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
        private bool _boxedSeen;
        private bool _boxedMapped;
        private LabelPassage? _firstBoxed;

        public List<LabelFileItem> Items { get; private set; } = [];

        public List<LabelFileUnmapped> Unmapped => _unmapped;

        public void Section(string section, int index, string text)
        {
            var sentences = LabelText.Sentences(text).ToList();
            var pregnancyDone = false;
            foreach (var (start, length) in sentences)
            {
                var sentence = text.Substring(start, length);
                var passage = new LabelPassage(section, index, start, length, LabelText.Hash(sentence));
                var lower = sentence.ToLowerInvariant().Replace('’', '\'');
                var found = terms.Find(LabelText.Words(sentence));
                switch (section)
                {
                    case "boxed_warning":
                        Boxed(found, lower, passage);
                        break;
                    case "contraindications":
                        Contraindication(found, lower, sentence, passage);
                        break;
                    case "warnings_and_cautions" or "warnings" or "precautions" or "general_precautions":
                        Warning(found, lower, passage);
                        break;
                    case "drug_interactions":
                        InteractionSentence(found, lower, sentence, passage);
                        break;
                    case "use_in_specific_populations":
                        Populations(found, lower, passage);
                        break;
                    case "pregnancy":
                        pregnancyDone |= Pregnancy(lower, passage);
                        break;
                    case "nursing_mothers":
                        Lactation(lower, passage);
                        break;
                    case "pediatric_use":
                        Pediatric(lower, passage);
                        break;
                    case "geriatric_use":
                        Geriatric(lower, passage);
                        break;
                }
            }

            if (section == "pregnancy" && !pregnancyDone && sentences.Count > 0)
            {
                var (start, length) = sentences[0];
                Add(new LabelFileItem
                {
                    Id = "pregnancy",
                    Kind = "precaution",
                    Condition = "pregnancy",
                    Level = "caution",
                    Statement = $"The US label has a pregnancy section for {name}; it gives what is known about use in pregnancy and should be read with a prescriber.",
                    Passage = new LabelPassage(section, index, start, length, LabelText.Hash(text.Substring(start, length))),
                });
            }
        }

        public void Finish()
        {
            if (_boxedSeen && !_boxedMapped && _firstBoxed is not null)
            {
                Add(new LabelFileItem
                {
                    Id = "boxed-warning",
                    Kind = "boxed-warning",
                    Level = "caution",
                    Statement = $"The US label for {name} carries a boxed warning that Decodex could not summarise; read it on the label.",
                    Passage = _firstBoxed,
                });
                _unmapped.Add(new LabelFileUnmapped { Kind = "boxed-warning", Reason = "No topic or condition in the term table was found in the boxed warning.", Passage = _firstBoxed });
            }

            Items = [.. _items.Values.OrderBy(i => KindOrder(i.Kind)).ThenBy(i => i.Id, StringComparer.Ordinal)];
        }

        private static int KindOrder(string kind) => kind switch
        {
            "boxed-warning" => 0,
            "contraindication" => 1,
            "warning" => 2,
            "precaution" => 3,
            _ => 4,
        };

        private void Add(LabelFileItem item)
        {
            var key = $"{item.Kind}:{item.Id}";
            var full = item with { Id = $"{id}-{item.Kind}-{item.Id}" };
            if (!_items.TryGetValue(key, out var existing))
            {
                _items[key] = full;
                return;
            }

            // An interaction keeps the strongest thing the label asks (avoid > adjust > monitor > consider).
            if (item.Kind == "interaction" && ActionRank(full.Action) > ActionRank(existing.Action))
            {
                _items[key] = full;
            }
        }

        private static int ActionRank(string? action) => action switch
        {
            "avoid" => 4,
            "boxed" => 3,
            "adjust" => 2,
            "monitor" => 1,
            _ => 0,
        };

        // Lower case within a sentence, but an acronym stays as written (G6PD, HIV).
        private string ConditionName(string conditionId) =>
            kb.Condition(conditionId)?.Name is { } name
                ? string.Join(' ', name.Split(' ').Select(w => w.Count(char.IsUpper) >= 2 || w.Any(char.IsDigit) ? w : w.ToLowerInvariant()))
                : conditionId;

        /// <summary>"people with epilepsy", "people who are pregnant".</summary>
        private string People(string conditionId) => conditionId switch
        {
            "pregnancy" => "people who are pregnant",
            "breastfeeding" => "people who are breastfeeding",
            _ => "people with " + ConditionName(conditionId),
        };

        private static (int? Min, int? Max) Ages(string lower)
        {
            int? max = YoungerThan().Match(lower) is { Success: true } young ? int.Parse(young.Groups[1].Value, CultureInfo.InvariantCulture) - 1 : null;
            int? min = OlderThan().Match(lower) is { Success: true } old ? int.Parse(old.Groups[1].Success ? old.Groups[1].Value : old.Groups[2].Value, CultureInfo.InvariantCulture) : null;
            if (max is null && (lower.Contains("pediatric patients", StringComparison.Ordinal) || lower.Contains("children", StringComparison.Ordinal)))
            {
                max = 17;
            }

            return (min, max);
        }

        private IEnumerable<(string Key, string? Class, string? Drug, string? Compound, string Name)> Targets(List<LabelTerm> found)
        {
            foreach (var term in found)
            {
                if (term.Kind == LabelTermKind.Class && kb.Class(term.Target) is { } cls)
                {
                    yield return ("class-" + cls.Id, cls.Id, null, null, ClassWords(cls));
                }
                else if (term.Kind == LabelTermKind.Drug && term.Target.StartsWith("compound:", StringComparison.Ordinal))
                {
                    var compoundId = term.Target["compound:".Length..];
                    if (kb.Compound(compoundId) is { } compound && !self.Contains(compound.Name.ToLowerInvariant()))
                    {
                        yield return ("compound-" + compoundId, null, null, compoundId, compound.Name);
                    }
                }
                else if (term.Kind == LabelTermKind.Drug && term.Target.Length > 0 && !self.Contains(term.Target))
                {
                    yield return ("drug-" + LabelNames.Slug(term.Target), null, term.Target, null, term.Target);
                }
            }
        }

        private static string ClassWords(DrugClass cls) => cls.Name.Length > 0 && char.IsUpper(cls.Name[0]) && !(cls.Name.Length > 1 && char.IsUpper(cls.Name[1]))
            ? char.ToLowerInvariant(cls.Name[0]) + cls.Name[1..]
            : cls.Name;

        private void Boxed(List<LabelTerm> found, string lower, LabelPassage passage)
        {
            _boxedSeen = true;
            _firstBoxed ??= passage;
            var topics = found.Where(t => t.Kind == LabelTermKind.Topic).Select(t => t.Target).Distinct(StringComparer.Ordinal).ToList();
            foreach (var topic in topics.Where(_topics.Add))
            {
                _boxedMapped = true;
                Add(new LabelFileItem
                {
                    Id = LabelNames.Slug(topic),
                    Kind = "boxed-warning",
                    Level = "caution",
                    Topic = topic,
                    Statement = $"Boxed warning on the US label for {name}: {topic}.",
                    Passage = passage,
                });
            }

            // A medicine or class named in the boxed warning (opioids with benzodiazepines, CYP2D6 inhibitors, …).
            foreach (var target in Targets(found))
            {
                _boxedMapped = true;
                Add(new LabelFileItem
                {
                    Id = target.Key,
                    Kind = "interaction",
                    Class = target.Class,
                    Drug = target.Drug,
                    Compound = target.Compound,
                    Level = "caution",
                    Action = "boxed",
                    Severity = "major",
                    Mechanism = Mechanism(lower),
                    Statement = $"The boxed warning on the US label for {name} covers taking it with {target.Name}.",
                    Passage = passage,
                });
            }

            if (!PopulationCues.Any(c => lower.Contains(c, StringComparison.Ordinal)))
            {
                return;
            }

            foreach (var condition in found.Where(t => t.Kind == LabelTermKind.Condition).Select(t => t.Target).Distinct(StringComparer.Ordinal).Where(c => kb.Condition(c) is not null))
            {
                _boxedMapped = true;
                var about = topics.Count > 0 ? string.Join("; ", topics) : "read the warning on the label";
                Add(new LabelFileItem
                {
                    Id = "for-" + condition,
                    Kind = "boxed-warning",
                    Condition = condition,
                    Level = "caution",
                    Statement = $"The boxed warning on the US label for {name} concerns {People(condition)}: {about}.",
                    Passage = passage,
                });
            }
        }

        private void Contraindication(List<LabelTerm> found, string lower, string sentence, LabelPassage passage)
        {
            // Every passage of the section is a contraindication: labels list them as items after one
            // "is contraindicated in patients:" ("with a seizure disorder", "with bulimia …"). Passages of
            // fewer than four words ("None", "( 4 )", a cross-reference) say nothing to map.
            var contraindicates = lower.Contains("contraindicat", StringComparison.Ordinal) || lower.Contains("do not use", StringComparison.Ordinal) || lower.Contains("do not administer", StringComparison.Ordinal);
            var wordCount = LabelText.Words(sentence).Count(w => w.Any(char.IsLetter));
            var none = lower.TrimEnd('.', ' ') is "none" or "4 contraindications none" or "contraindications none";
            if (wordCount < 4 || none)
            {
                return;
            }

            var mapped = false;
            foreach (var condition in found.Where(t => t.Kind == LabelTermKind.Condition).Select(t => t.Target).Distinct(StringComparer.Ordinal).Where(c => kb.Condition(c) is not null))
            {
                mapped = true;
                var words = condition == "hypersensitivity-to-product"
                    ? $"The US label says not to use {name} in people with a known allergy (hypersensitivity) to it or to an ingredient of the product."
                    : $"The US label lists {ConditionName(condition)} as a contraindication for {name}.";
                Add(new LabelFileItem { Id = condition, Kind = "contraindication", Condition = condition, Level = "avoid", Statement = words, Passage = passage });
            }

            // "Undergoing abrupt discontinuation of alcohol, benzodiazepines …" is about stopping them, not taking them together.
            var stopping = StoppingWords.Any(w => lower.Contains(w, StringComparison.Ordinal));
            foreach (var target in Targets(found))
            {
                mapped = true;
                Add(new LabelFileItem
                {
                    Id = target.Key,
                    Kind = "interaction",
                    Class = target.Class,
                    Drug = target.Drug,
                    Compound = target.Compound,
                    Level = stopping ? "caution" : "avoid",
                    Action = stopping ? "monitor" : "avoid",
                    Severity = stopping ? "moderate" : "major",
                    Mechanism = Mechanism(lower),
                    Statement = stopping
                        ? $"The US label's contraindications concern stopping {target.Name} abruptly while on {name}, not taking the two together."
                        : $"The US label lists taking {name} with {target.Name} as a contraindication.",
                    Passage = passage,
                });
            }

            var (min, max) = Ages(lower);
            if (!mapped && (min is not null || max is not null))
            {
                mapped = true;
                var who = max is not null ? $"people aged {max} or younger" : $"people aged {min} or older";
                Add(new LabelFileItem
                {
                    Id = max is not null ? $"age-to-{max}" : $"age-from-{min}",
                    Kind = "contraindication",
                    MinAge = min,
                    MaxAge = max,
                    Level = "avoid",
                    Statement = $"The US label lists use of {name} in {who} (or a subgroup of them) as a contraindication.",
                    Passage = passage,
                });
            }

            if (!mapped)
            {
                _unmapped.Add(new LabelFileUnmapped { Kind = "contraindication", Reason = "Names no condition, medicine or age the term table knows.", Names = Candidates(sentence), Passage = passage });
            }
        }

        private void Warning(List<LabelTerm> found, string lower, LabelPassage passage)
        {
            foreach (var topic in found.Where(t => t.Kind == LabelTermKind.Topic).Select(t => t.Target).Distinct(StringComparer.Ordinal).Where(_topics.Add))
            {
                Add(new LabelFileItem
                {
                    Id = LabelNames.Slug(topic),
                    Kind = "warning",
                    Level = "caution",
                    Topic = topic,
                    Statement = $"The US label for {name} warns about {topic}.",
                    Passage = passage,
                });
            }

            ConditionPrecautions(found, lower, passage);
        }

        private void ConditionPrecautions(List<LabelTerm> found, string lower, LabelPassage passage)
        {
            if (!PopulationCues.Any(c => lower.Contains(c, StringComparison.Ordinal)))
            {
                return;
            }

            var against = AvoidWords.Any(w => lower.Contains(w, StringComparison.Ordinal));
            foreach (var condition in found.Where(t => t.Kind == LabelTermKind.Condition).Select(t => t.Target).Distinct(StringComparer.Ordinal).Where(c => kb.Condition(c) is not null))
            {
                if (condition == "hypersensitivity-to-product" && _items.ContainsKey("contraindication:" + condition))
                {
                    continue;
                }

                Add(new LabelFileItem
                {
                    Id = condition,
                    Kind = "precaution",
                    Condition = condition,
                    Level = against ? "avoid" : "caution",
                    Statement = against
                        ? $"The US label advises against {name} in some or all {People(condition)}; the passage says which."
                        : $"The US label asks for caution with {name} in {People(condition)}.",
                    Passage = passage,
                });
            }
        }

        private void InteractionSentence(List<LabelTerm> found, string lower, string sentence, LabelPassage passage)
        {
            var action = StoppingWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? "monitor"
                : AvoidWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? "avoid"
                : AdjustWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? "adjust"
                : MonitorWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? "monitor"
                : "consider";
            var any = false;
            foreach (var target in Targets(found))
            {
                any = true;
                Add(new LabelFileItem
                {
                    Id = target.Key,
                    Kind = "interaction",
                    Class = target.Class,
                    Drug = target.Drug,
                    Compound = target.Compound,
                    Level = action == "avoid" ? "avoid" : "caution",
                    Action = action,
                    Severity = action switch { "avoid" => "major", "consider" => "unrated", _ => "moderate" },
                    Mechanism = Mechanism(lower),
                    Statement = action switch
                    {
                        "avoid" => $"The US label says not to take {name} with {target.Name}, or to avoid the combination.",
                        "adjust" => $"The US label asks for a dose change when {name} is taken with {target.Name}.",
                        "monitor" => $"The US label asks for closer monitoring when {name} is taken with {target.Name}.",
                        _ => $"The US label names {target.Name} among the medicines that interact with {name}.",
                    },
                    Passage = passage,
                });
            }

            if (!any && action != "consider" && Candidates(sentence) is { Count: > 0 } names)
            {
                _unmapped.Add(new LabelFileUnmapped { Kind = "interaction", Reason = "Asks for an action but names no medicine or class the term table knows.", Names = names, Passage = passage });
            }
        }

        private void Populations(List<LabelTerm> found, string lower, LabelPassage passage)
        {
            var conditions = found.Where(t => t.Kind == LabelTermKind.Condition).Select(t => t.Target).ToHashSet(StringComparer.Ordinal);
            var organ = conditions.Where(c => c.Contains("hepatic", StringComparison.Ordinal) || c.Contains("renal", StringComparison.Ordinal) || c is "chronic-kidney-disease" or "kidney-failure" or "cirrhosis").ToList();
            if (organ.Count == 0 || !(AvoidWords.Concat(AdjustWords).Any(w => lower.Contains(w, StringComparison.Ordinal)) || lower.Contains("reduce", StringComparison.Ordinal)))
            {
                return;
            }

            var against = AvoidWords.Any(w => lower.Contains(w, StringComparison.Ordinal));
            foreach (var condition in organ.Where(c => kb.Condition(c) is not null).Order(StringComparer.Ordinal))
            {
                Add(new LabelFileItem
                {
                    Id = condition,
                    Kind = "precaution",
                    Condition = condition,
                    Level = against ? "avoid" : "caution",
                    Statement = against
                        ? $"The US label advises against {name} in some or all {People(condition)}; the passage says which."
                        : $"The US label asks for a dose change or closer care with {name} in {People(condition)}.",
                    Passage = passage,
                });
            }
        }

        private bool Pregnancy(string lower, LabelPassage passage)
        {
            if (!(lower.Contains("fetal harm", StringComparison.Ordinal) || lower.Contains("embryo-fetal toxicity", StringComparison.Ordinal)
                || lower.Contains("fetal toxicity", StringComparison.Ordinal) || lower.Contains("birth defects", StringComparison.Ordinal)
                || lower.Contains("teratogen", StringComparison.Ordinal)) || lower.Contains("no evidence of", StringComparison.Ordinal) || lower.Contains("not been associated", StringComparison.Ordinal))
            {
                return false;
            }

            Add(new LabelFileItem
            {
                Id = "pregnancy",
                Kind = "warning",
                Condition = "pregnancy",
                Level = "caution",
                Statement = $"The US label says {name} can harm an unborn baby or has caused harm in pregnancy studies; its pregnancy section gives the data.",
                Passage = passage,
            });
            return true;
        }

        private void Lactation(string lower, LabelPassage passage)
        {
            if (!(lower.Contains("breastfe", StringComparison.Ordinal) || lower.Contains("nursing", StringComparison.Ordinal) || lower.Contains("human milk", StringComparison.Ordinal)))
            {
                return;
            }

            Add(new LabelFileItem
            {
                Id = "breastfeeding",
                Kind = "precaution",
                Condition = "breastfeeding",
                Level = "caution",
                Statement = $"The US label gives advice on breastfeeding while taking {name}; read it with a prescriber.",
                Passage = passage,
            });
        }

        private void Pediatric(string lower, LabelPassage passage)
        {
            if (!lower.Contains("not been established", StringComparison.Ordinal))
            {
                return;
            }

            var (_, max) = Ages(lower);
            var limit = max is { } m && m < 17 ? m : 17;
            Add(new LabelFileItem
            {
                Id = "children",
                Kind = "precaution",
                MaxAge = limit,
                Level = "caution",
                Statement = limit == 17
                    ? $"The US label says the safety and effectiveness of {name} have not been established in children (or in some age groups of children)."
                    : $"The US label says the safety and effectiveness of {name} have not been established in children aged {limit} or younger.",
                Passage = passage,
            });
        }

        private void Geriatric(string lower, LabelPassage passage)
        {
            if (!(lower.Contains("lower dose", StringComparison.Ordinal) || lower.Contains("dose selection", StringComparison.Ordinal)
                || lower.Contains("caution", StringComparison.Ordinal) || lower.Contains("greater sensitivity", StringComparison.Ordinal)
                || lower.Contains("lower initial", StringComparison.Ordinal) || lower.Contains("reduced dose", StringComparison.Ordinal)))
            {
                return;
            }

            Add(new LabelFileItem
            {
                Id = "older-adults",
                Kind = "precaution",
                MinAge = 65,
                Level = "caution",
                Statement = $"The US label asks for care in choosing the dose of {name} for people aged 65 and over.",
                Passage = passage,
            });
        }

        private static string? Mechanism(string lower) =>
            PharmacokineticWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? "pharmacokinetic"
            : PharmacodynamicWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? "pharmacodynamic"
            : null;

        /// <summary>Words that look like medicine names the term table does not know (for the curator's list).</summary>
        private List<string> Candidates(string sentence)
        {
            var words = LabelText.Words(sentence);
            var names = words
                .Where(w => w.Length >= 6 && w.All(c => char.IsLetter(c) || c == '-') && DrugSuffixes.Any(s => w.EndsWith(s, StringComparison.Ordinal)))
                .Where(w => !self.Contains(w) && !terms.Has(LabelTermKind.Drug, w) && !terms.Has(LabelTermKind.Ignore, w))
                .ToList();

            // Group names the table does not know: "strong CYP2C8 inhibitors", "CNS depressants", "P-gp substrates".
            for (var i = 0; i < words.Count; i++)
            {
                if (!GroupWords.Contains(words[i]))
                {
                    continue;
                }

                var from = i;
                while (from > 0 && i - from < 2 && !StopWords.Contains(words[from - 1]) && words[from - 1].Length > 1)
                {
                    from--;
                }

                if (from < i)
                {
                    var phrase = string.Join(' ', words.Skip(from).Take(i - from + 1));
                    if (!terms.Has(LabelTermKind.Class, phrase))
                    {
                        names.Add(phrase);
                    }
                }
            }

            return [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
    }
}

/// <summary>A name that looked like a medicine in unmapped passages, with the labels it appeared in.</summary>
public sealed record UnmappedName(string Name, int Labels, IReadOnlyList<string> Entries);

/// <summary>The imported layer: label entries, the ONC pairs, and what a curator should look at.</summary>
public sealed record LabelImport(IReadOnlyList<LabelEntryFile> Entries, HighPriorityPairsFile? Pairs, IReadOnlyList<UnmappedName> UnmappedNames, string LabelsSha256)
{
    /// <summary>The folder under <c>imported/</c> that holds one JSON file per label.</summary>
    public const string LabelFolder = "openfda-labels";

    /// <summary>The ONC pairs file under <c>imported/</c>.</summary>
    public const string PairsFile = "onc-high-priority-pairs.json";

    /// <summary>
    /// Writes the layer under <paramref name="importedDirectory"/> (the knowledge base's <c>imported/</c>):
    /// one file per label (stale ones removed), the pairs, the unmapped names and a manifest. Files are
    /// written with "\n" line ends, sorted keys and lists, so a re-run on the same inputs changes nothing.
    /// </summary>
    public void Write(string importedDirectory)
    {
        ArgumentNullException.ThrowIfNull(importedDirectory);
        var folder = Path.Combine(importedDirectory, LabelFolder);
        Directory.CreateDirectory(folder);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            var file = entry.Id + ".json";
            keep.Add(file);
            WriteIfChanged(Path.Combine(folder, file), JsonSerializer.Serialize(entry, LabelLayerJsonContext.Default.LabelEntryFile) + "\n");
        }

        foreach (var stale in Directory.EnumerateFiles(folder, "*.json").Where(f => !keep.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        if (Pairs is not null)
        {
            WriteIfChanged(Path.Combine(importedDirectory, PairsFile), JsonSerializer.Serialize(Pairs, LabelLayerJsonContext.Default.HighPriorityPairsFile) + "\n");
        }

        var names = new StringBuilder("name\tlabels\tentries\n");
        foreach (var n in UnmappedNames)
        {
            names.Append(n.Name).Append('\t').Append(n.Labels.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(string.Join('|', n.Entries)).Append('\n');
        }

        WriteIfChanged(Path.Combine(importedDirectory, "unmapped-names.tsv"), names.ToString());
        var passages = new StringBuilder("entry\tkind\tsection\tindex\tstart\tlength\tsha256\tnames\treason\n");
        foreach (var entry in Entries)
        {
            foreach (var u in entry.Unmapped)
            {
                passages.Append(entry.Id).Append('\t').Append(u.Kind).Append('\t').Append(u.Passage.Section).Append('\t')
                    .Append(u.Passage.Index.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(u.Passage.Start.ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(u.Passage.Length.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(u.Passage.Sha256).Append('\t')
                    .Append(string.Join('|', u.Names)).Append('\t').Append(u.Reason).Append('\n');
            }
        }

        WriteIfChanged(Path.Combine(importedDirectory, "unmapped-passages.tsv"), passages.ToString());
        var items = Entries.Sum(e => e.Items.Count);
        var manifest = new StringBuilder()
            .Append("importer\t").Append(LabelImporter.Version).Append('\n')
            .Append("labels-sha256\t").Append(LabelsSha256).Append('\n')
            .Append("pairs-sha256\t").Append(Pairs?.SourceSha256 ?? "-").Append('\n')
            .Append("entries\t").Append(Entries.Count.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("items\t").Append(items.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("unmapped-passages\t").Append(Entries.Sum(e => e.Unmapped.Count).ToString(CultureInfo.InvariantCulture)).Append('\n');
        WriteIfChanged(Path.Combine(importedDirectory, "import-manifest.tsv"), manifest.ToString());
    }

    private static void WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return;
        }

        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
