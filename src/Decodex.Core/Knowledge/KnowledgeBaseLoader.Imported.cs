using System.Globalization;
using System.Text.Json;
using Decodex.Core.Knowledge.Labels;

namespace Decodex.Core.Knowledge;

public static partial class KnowledgeBaseLoader
{
    private sealed record ReviewRow(string Sha256, LabelReview Review, int Line);

    /// <summary>Reads <c>reviewed.tsv</c>: item id, passage SHA-256, reviewer, date (yyyy-MM-dd), note.</summary>
    private static Dictionary<string, ReviewRow> Reviews(KnowledgeSource? source, LoadState state)
    {
        var rows = new Dictionary<string, ReviewRow>(StringComparer.Ordinal);
        if (source is null)
        {
            return rows;
        }

        var lines = source.Text.Split('\n');
        var header = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length < 4 || !IdPattern().IsMatch(cells[0]) || cells[1].Length != 64 || cells[2].Trim().Length == 0
                || !DateOnly.TryParseExact(cells[3], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) || rows.ContainsKey(cells[0]))
            {
                state.Issues.Add(new Issue(KnowledgeIssueCodes.ImportedLabel, IssueSeverity.Error, "A reviewed.tsv row needs an item id (once), the passage's SHA-256, a reviewer and a date (yyyy-MM-dd).", source.Path, i + 1));
                continue;
            }

            rows[cells[0]] = new ReviewRow(cells[1], new LabelReview(cells[2].Trim(), cells[3], cells.Length > 4 && cells[4].Trim().Length > 0 ? cells[4].Trim() : null), i + 1);
        }

        return rows;
    }

    private sealed record ImportedLayer(List<Compound> Entries, List<HighPriorityPair> Pairs, string? PairsCitationId);

    /// <summary>The curators' readings of imported items (<c>imported/reviewed.tsv</c>).</summary>
    private const string ReviewedFile = "reviewed.tsv";

    /// <summary>
    /// Reads the machine-imported layer (label entries and ONC pairs) against the curated vocabularies in
    /// <paramref name="state"/>: every condition, class and compound an item names must exist, ids must not
    /// clash with curated ones, and every passage must be well formed. Problems are KB031 errors.
    /// </summary>
    private static ImportedLayer ReadImported(IEnumerable<KnowledgeSource> sources, LoadState state)
    {
        var layer = new ImportedLayer([], [], null);
        string? pairsCitation = null;
        var list = sources.ToList();
        var reviews = Reviews(list.FirstOrDefault(s => s.Path == $"imported/{ReviewedFile}"), state);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in list)
        {
            if (source.Path.StartsWith($"imported/{LabelImport.LabelFolder}/", StringComparison.Ordinal))
            {
                LabelEntryFile? file = null;
                try
                {
                    file = JsonSerializer.Deserialize(source.Text, LabelLayerJsonContext.Default.LabelEntryFile);
                }
                catch (JsonException e)
                {
                    Error(source.Path, $"Not a label entry file: {FirstLine(e.Message)}");
                }

                if (file is not null && ToCompound(file, source.Path) is { } compound)
                {
                    layer.Entries.Add(compound);
                }
            }
            else if (source.Path == $"imported/{LabelImport.PairsFile}")
            {
                try
                {
                    var pairs = JsonSerializer.Deserialize(source.Text, LabelLayerJsonContext.Default.HighPriorityPairsFile);
                    if (pairs is not null)
                    {
                        if (!state.Citations.ContainsKey(pairs.Citation))
                        {
                            Error(source.Path, $"The pairs cite \"{pairs.Citation}\", which citations.yaml does not define.");
                        }

                        pairsCitation = pairs.Citation;
                        layer.Pairs.AddRange(pairs.Pairs);
                    }
                }
                catch (JsonException e)
                {
                    Error(source.Path, $"Not a pairs file: {FirstLine(e.Message)}");
                }
            }
        }

        foreach (var (item, review) in reviews.Where(r => !used.Contains(r.Key)))
        {
            state.Issues.Add(new Issue(KnowledgeIssueCodes.ImportedLabel, IssueSeverity.Error, $"reviewed.tsv names item \"{item}\", which no imported label entry has.", $"imported/{ReviewedFile}", review.Line));
        }

        return layer with { PairsCitationId = pairsCitation };

        // A review counts only while the passage is the one the curator read; a changed label asks for a new reading.
        LabelReview? ReviewOf(string itemId, LabelPassage passage, string path)
        {
            if (!reviews.TryGetValue(itemId, out var review))
            {
                return null;
            }

            used.Add(itemId);
            if (!string.Equals(review.Sha256, passage.Sha256, StringComparison.Ordinal))
            {
                state.Issues.Add(new Issue(KnowledgeIssueCodes.ImportedLabel, IssueSeverity.Warning, $"The label passage of \"{itemId}\" changed since it was reviewed; it shows as unread until a curator reads it again.", path, 1));
                return null;
            }

            return review.Review;
        }

        void Error(string file, string message) =>
            state.Issues.Add(new Issue(KnowledgeIssueCodes.ImportedLabel, IssueSeverity.Error, message, file, 1));

        Compound? ToCompound(LabelEntryFile file, string path)
        {
            if (!IdPattern().IsMatch(file.Id) || state.Compounds.ContainsKey(file.Id) || layer.Entries.Any(e => e.Id == file.Id))
            {
                Error(path, $"Entry id \"{file.Id}\" is malformed or already used.");
                return null;
            }

            var label = file.Label;
            if (!IdPattern().IsMatch(label.SetId) || label.EffectiveTime.Length != 8 || !label.EffectiveTime.All(char.IsAsciiDigit))
            {
                Error(path, "The label's set id or effective date is malformed.");
                return null;
            }

            var citationId = "us-label-" + label.SetId;
            var record = new LabelRecord
            {
                SetId = label.SetId,
                Version = label.Version,
                EffectiveTime = label.EffectiveTime,
                ApplicationNumber = label.ApplicationNumber,
                Ingredients = file.Ingredients,
                CitationId = citationId,
                Unmapped = [.. file.Unmapped.Select(u => new LabelUnmapped(u.Kind, u.Reason, u.Passage))],
            };
            var title = file.Brands.Count > 0 ? $"{string.Join(", ", file.Brands)} ({file.Name})" : file.Name;
            state.Citations[citationId] = new Citation
            {
                Id = citationId,
                Title = $"{title}: US prescribing information (SPL set {label.SetId}, version {label.Version}, effective {record.Date})",
                Year = int.Parse(label.EffectiveTime[..4], CultureInfo.InvariantCulture),
                Url = record.Url,
                PublicationType = PublicationType.Label,
                Verification = new Verification
                {
                    Status = VerificationStatus.ImportedLabel,
                    SeenAt = label.Source is null ? [] : [label.Source],
                    Checked = record.Date,
                    Note = "Copied by machine from the openFDA label record; no curator has read the passages yet. " + label.Licence,
                },
                Location = new SourceLocation(path, 1),
            };

            var safety = new List<SafetyItem>();
            var interactions = new List<Interaction>();
            foreach (var item in file.Items)
            {
                if (!IdPattern().IsMatch(item.Id) || item.Passage.Sha256.Length != 64 || item.Passage.Start < 0 || item.Passage.Length <= 0 || item.Passage.Index < 0
                    || !LabelSections.Read.Contains(item.Passage.Section, StringComparer.Ordinal))
                {
                    Error(path, $"Item \"{item.Id}\" has a malformed id or passage.");
                    continue;
                }

                if (item.Condition is { } condition && !state.Conditions.ContainsKey(condition))
                {
                    Error(path, $"Item \"{item.Id}\" names condition \"{condition}\", which conditions.yaml does not define.");
                    continue;
                }

                var level = item.Level switch { "avoid" => SafetyLevel.Avoid, "info" => SafetyLevel.Info, _ => SafetyLevel.Caution };
                if (item.Kind == "interaction")
                {
                    if (item.Class is { } cls && !state.Classes.ContainsKey(cls))
                    {
                        Error(path, $"Item \"{item.Id}\" names class \"{cls}\", which drug-classes.yaml does not define.");
                        continue;
                    }

                    if (item.Compound is { } other && !state.Compounds.ContainsKey(other))
                    {
                        Error(path, $"Item \"{item.Id}\" names compound \"{other}\", which has no monograph.");
                        continue;
                    }

                    var severity = item.Severity switch { "major" => InteractionSeverity.Major, "moderate" => InteractionSeverity.Moderate, _ => InteractionSeverity.Unrated };
                    interactions.Add(new Interaction
                    {
                        Id = item.Id,
                        CompoundId = file.Id,
                        With = new InteractionTarget(item.Class, item.Compound, item.Class is null && item.Compound is null ? item.Drug : null),
                        Mechanism = item.Mechanism switch { "pharmacokinetic" => InteractionMechanism.Pharmacokinetic, "pharmacodynamic" => InteractionMechanism.Pharmacodynamic, _ => InteractionMechanism.Unknown },
                        Effect = item.Statement,
                        Severity = severity,
                        SeverityBasis = "What the US label asks (imported by machine; no curator has read it yet).",
                        StatedLevel = level == Interaction.DefaultLevel(severity) ? null : level,
                        LevelBasis = level == Interaction.DefaultLevel(severity) ? null : "As the label words it.",
                        Scope = EvidenceScope.Label,
                        Evidence = [new EvidenceItem { CitationId = citationId, Design = StudyDesign.Label, Species = Species.Human, Role = EvidenceRole.Supports }],
                        Location = new SourceLocation(path, 1),
                        Passage = item.Passage,
                        Review = ReviewOf(item.Id, item.Passage, path),
                    });
                    continue;
                }

                var type = item.Kind switch
                {
                    "contraindication" => SafetyType.Contraindication,
                    "boxed-warning" => SafetyType.BoxedWarning,
                    "warning" => SafetyType.Warning,
                    "precaution" => SafetyType.Precaution,
                    _ => (SafetyType?)null,
                };
                if (type is null)
                {
                    Error(path, $"Item \"{item.Id}\" has an unknown kind \"{item.Kind}\".");
                    continue;
                }

                safety.Add(new SafetyItem
                {
                    Id = item.Id,
                    CompoundId = file.Id,
                    Type = type.Value,
                    ConditionId = item.Condition,
                    MinAge = item.MinAge,
                    MaxAge = item.MaxAge,
                    StatedLevel = level == SafetyItem.DefaultLevel(type.Value) ? null : level,
                    LevelBasis = level == SafetyItem.DefaultLevel(type.Value) ? null : "As the label words it.",
                    Statement = item.Statement,
                    SourceType = SourceType.Label,
                    CitationIds = [citationId],
                    Location = new SourceLocation(path, 1),
                    Passage = item.Passage,
                    Review = ReviewOf(item.Id, item.Passage, path),
                });
            }

            var synonyms = file.Brands
                .Concat(file.Ingredients.Count == 1 ? file.Ingredients : [])
                .Where(s => !string.Equals(s, file.Name, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            return new Compound
            {
                Id = file.Id,
                Name = file.Name,
                Synonyms = synonyms,
                Kind = file.Kind == "biologic" ? CompoundKind.Biologic : CompoundKind.Drug,
                ClassIds = [.. file.Classes.Where(state.Classes.ContainsKey)],
                Summary = $"Imported by machine from the US label effective {record.Date} (openFDA; SPL set {label.SetId}, version {label.Version}). "
                    + "It lists what the label says about safety (boxed warning, contraindications, warnings, interactions and use in specific groups) in Decodex's words, each item pinned to its passage. "
                    + "No curator has read these items yet, and the label layer says nothing about how well the medicine works: it is never graded as evidence.",
                Regulatory = [new RegulatoryStatus("United States", label.ApplicationNumber is { } app ? $"Marketed under FDA application {app}; this is its labelling." : "US labelling.", [citationId])],
                Safety = safety,
                Interactions = interactions,
                Layer = KnowledgeLayer.Label,
                Label = record,
                Location = new SourceLocation(path, 1),
            };
        }
    }
}
