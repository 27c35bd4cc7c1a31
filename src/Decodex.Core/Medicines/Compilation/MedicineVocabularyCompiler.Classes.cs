using System.Globalization;

namespace Decodex.Core.Medicines.Compilation;

public static partial class MedicineVocabularyCompiler
{
    private sealed partial class Build
    {
        private Dictionary<(string System, string Term), List<string>> DefinitionIndex()
        {
            var index = new Dictionary<(string, string), List<string>>();
            foreach (var definition in curation.Classes)
            {
                foreach (var term in definition.Terms)
                {
                    var key = (term.System, Lower(term.Term));
                    if (!index.TryGetValue(key, out var ids))
                    {
                        index[key] = ids = [];
                    }

                    ids.Add(definition.Id);
                }
            }

            return index;
        }

        private static (string System, string Term)? SplitFdaTerm(string term)
        {
            var bracket = term.LastIndexOf(" [", StringComparison.Ordinal);
            if (bracket <= 0 || !term.EndsWith(']'))
            {
                return null;
            }

            var system = term[(bracket + 2)..^1].ToUpperInvariant() switch
            {
                "EPC" => "FDA-EPC",
                "MOA" => "FDA-MoA",
                "PE" => "FDA-PE",
                _ => null,
            };
            return system is null ? null : (system, term[..bracket]);
        }

        private string CuratedTermCase(string classId, string system, string lowerTerm) =>
            curation.Classes.First(c => c.Id == classId).Terms.First(t => t.System == system && Lower(t.Term) == lowerTerm).Term;

        private void Offer(string ingredient, Membership membership)
        {
            Register(ingredient, membership.Source);
            var key = (ingredient, membership.ClassId);
            if (!_memberships.TryGetValue(key, out var current)
                || membership.Rank < current.Rank
                || (membership.Rank == current.Rank && membership.Tiebreak < current.Tiebreak)
                || (membership.Rank == current.Rank && membership.Tiebreak == current.Tiebreak && string.CompareOrdinal(membership.Detail, current.Detail) < 0))
            {
                _memberships[key] = membership;
            }
        }

        private void AddClassFacts()
        {
            var index = DefinitionIndex();
            var t = _substanceClasses;
            int substance = t.Column("substance_lc"), term = t.Column("pharm_class_lc"), with = t.Column("n_single_substance_products_with_this_class"),
                any = t.Column("n_single_substance_products_with_any_class"), all = t.Column("n_single_substance_products");
            var seen = new HashSet<(string, string)>();
            foreach (var row in t.Rows)
            {
                if (SplitFdaTerm(row[term]) is not { } split || !index.TryGetValue((split.System, Lower(split.Term)), out var classIds))
                {
                    continue;
                }

                seen.Add((split.System, Lower(split.Term)));

                int n = int.Parse(row[with], CultureInfo.InvariantCulture), nAny = int.Parse(row[any], CultureInfo.InvariantCulture), nAll = int.Parse(row[all], CultureInfo.InvariantCulture);

                // Substance level, never one product: the term must be on most of the substance's classed
                // products, and on at least two of them unless the substance has only the one product.
                if (n * 2 <= nAny || (n < 2 && nAll != 1))
                {
                    continue;
                }

                var ingredient = Canon(row[substance]).Name;
                foreach (var classId in classIds)
                {
                    var detail = $"substance \"{row[substance]}\": term on {n} of {nAny} single-substance products with class terms ({nAll} in all); file ndc2017_substance_classes.tsv";
                    Offer(ingredient, new Membership(classId, split.System, CuratedTermCase(classId, split.System, Lower(split.Term)), "ndc2017", detail, 0, -n));
                }
            }

            foreach (var label in _labels)
            {
                var openfda = label.GetProperty("openfda");
                if (!openfda.TryGetProperty("substance_name", out var substances) || substances.GetArrayLength() != 1)
                {
                    continue;
                }

                var ingredient = Canon(substances[0].GetString()!).Name;
                var setId = label.GetProperty("set_id").GetString()!;
                var version = label.GetProperty("version").GetString()!;
                var effective = label.GetProperty("effective_time").GetString()!;
                var brand = openfda.TryGetProperty("brand_name", out var brands) && brands.GetArrayLength() > 0 ? brands[0].GetString() : null;
                foreach (var field in (string[])["pharm_class_epc", "pharm_class_moa", "pharm_class_pe"])
                {
                    if (!openfda.TryGetProperty(field, out var terms))
                    {
                        continue;
                    }

                    foreach (var value in terms.EnumerateArray())
                    {
                        if (SplitFdaTerm(value.GetString()!) is not { } split || !index.TryGetValue((split.System, Lower(split.Term)), out var classIds))
                        {
                            continue;
                        }

                        seen.Add((split.System, Lower(split.Term)));

                        foreach (var classId in classIds)
                        {
                            var detail = $"label {brand ?? substances[0].GetString()}: SPL set {setId} version {version}, effective {FormatDate(effective)}, openfda.{field}; file openfda_labels_pharmgkb_2024-01.jsonl";
                            Offer(ingredient, new Membership(classId, split.System, CuratedTermCase(classId, split.System, Lower(split.Term)), "openfda", detail, 1, -long.Parse(effective, CultureInfo.InvariantCulture)));
                        }
                    }
                }
            }

            NoteUnusedTerms(seen);
        }

        private void NoteUnusedTerms(HashSet<(string, string)> seen)
        {
            foreach (var definition in curation.Classes)
            {
                foreach (var term in definition.Terms.Where(t => !seen.Contains((t.System, Lower(t.Term)))))
                {
                    Notes.Add($"{definition.Id}: the term {term.System} \"{term.Term}\" is on no source row.");
                }
            }
        }

        private void AddExtraMembers()
        {
            foreach (var definition in curation.Classes)
            {
                foreach (var member in definition.ExtraMembers)
                {
                    var ingredient = Canon(member.Ingredient).Name;
                    if (member.Label is { } label)
                    {
                        var found = FindLabelQuote(label) ?? throw new InvalidDataException($"{definition.Id}: no label {label.SetId} version {label.Version} has the quoted text in {label.Section}.");
                        Offer(ingredient, new Membership(definition.Id, "FDA-label", label.Quote, "openfda", $"SPL set {label.SetId} version {label.Version}, effective {found}, section {label.Section.Replace('_', ' ')}; file openfda_labels_pharmgkb_2024-01.jsonl", 2, 0));
                    }
                    else if (member.MeshAction is { } action)
                    {
                        int ui = _meshActions.Column("record_ui"), recordName = _meshActions.Column("record_name"), actionName = _meshActions.Column("pharm_action_name");
                        var row = _meshActions.Rows.FirstOrDefault(r => r[ui] == action.RecordUi && r[actionName] == action.Action)
                            ?? throw new InvalidDataException($"{definition.Id}: MeSH record {action.RecordUi} has no action '{action.Action}'.");
                        Offer(ingredient, new Membership(definition.Id, "MeSH-PA", action.Action, "mesh2024", $"MeSH {action.RecordUi} {row[recordName]}; file mesh2024_pharmacological_actions.tsv", 3, 0));
                    }
                    else if (member.NdcSubstanceClass is { } ndc)
                    {
                        var t = _substanceClasses;
                        int substance = t.Column("substance_lc"), term = t.Column("pharm_class_lc"), with = t.Column("n_single_substance_products_with_this_class"),
                            any = t.Column("n_single_substance_products_with_any_class"), all = t.Column("n_single_substance_products");
                        var row = t.Rows.FirstOrDefault(r => r[substance] == ndc.Substance && r[term] == ndc.Term)
                            ?? throw new InvalidDataException($"{definition.Id}: ndc2017_substance_classes.tsv has no row {ndc.Substance} / {ndc.Term}.");
                        var split = SplitFdaTerm(ndc.Term) ?? throw new InvalidDataException($"{definition.Id}: '{ndc.Term}' is not an FDA class term.");
                        Offer(ingredient, new Membership(definition.Id, split.System, split.Term, "ndc2017", $"substance \"{ndc.Substance}\": term on {row[with]} of {row[any]} single-substance products with class terms ({row[all]} in all), below the majority rule, added by a curator; file ndc2017_substance_classes.tsv", 4, 0));
                    }
                    else
                    {
                        throw new InvalidDataException($"{definition.Id}: extra member {member.Ingredient} names no source.");
                    }
                }

                if (definition.OncMembers is { } onc)
                {
                    int pair = _onc.Column("pair_no"), objectClass = _onc.Column("object_class"), precipitantClass = _onc.Column("precipitant_class");
                    var members = _onc.Column(onc.Column == "precipitant" ? "precipitant_members_listed" : "object_members_listed");
                    var row = _onc.Rows.FirstOrDefault(r => r[pair] == onc.Pair) ?? throw new InvalidDataException($"{definition.Id}: the ONC list has no pair {onc.Pair}.");
                    var className = onc.Column == "precipitant" ? row[precipitantClass] : row[objectClass];
                    foreach (var drug in row[members].Split('|', StringSplitOptions.RemoveEmptyEntries))
                    {
                        Offer(Canon(drug).Name, new Membership(definition.Id, "ONC-2012", className, "onc2012", $"pair {onc.Pair}, {onc.Column} members listed ({row[objectClass]} × {row[precipitantClass]}); file onc_high_priority_ddi_phansalkar2012.tsv", 2, 0));
                    }
                }
            }
        }

        private string? FindLabelQuote(CuratedLabelCitation citation)
        {
            static string Squash(string s) => string.Join(' ', s.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
            var quote = Squash(citation.Quote);
            foreach (var label in _labels)
            {
                if (label.GetProperty("set_id").GetString() == citation.SetId && label.GetProperty("version").GetString() == citation.Version
                    && label.TryGetProperty(citation.Section, out var section)
                    && section.EnumerateArray().Any(p => Squash(p.GetString() ?? "").Contains(quote, StringComparison.Ordinal)))
                {
                    return FormatDate(label.GetProperty("effective_time").GetString()!);
                }
            }

            return null;
        }

        private void ApplyExceptions()
        {
            foreach (var definition in curation.Classes)
            {
                foreach (var exception in definition.Exceptions)
                {
                    if (!_memberships.Remove((Canon(exception.Ingredient).Name, definition.Id)))
                    {
                        Notes.Add($"{definition.Id}: the exception for {exception.Ingredient} matches no membership.");
                    }
                }
            }
        }

        private void AddParentMemberships()
        {
            var byId = curation.Classes.ToDictionary(c => c.Id, StringComparer.Ordinal);
            foreach (var definition in curation.Classes)
            {
                if (definition.Parent is { } parent && !byId.ContainsKey(parent))
                {
                    throw new InvalidDataException($"{definition.Id}: parent {parent} is not defined.");
                }

                foreach (var include in definition.Includes.Where(i => !byId.ContainsKey(i)))
                {
                    throw new InvalidDataException($"{definition.Id}: includes {include}, which is not defined.");
                }
            }

            var done = new HashSet<string>(StringComparer.Ordinal);
            void Complete(string id, HashSet<string> path)
            {
                if (done.Contains(id))
                {
                    return;
                }

                if (!path.Add(id))
                {
                    throw new InvalidDataException($"The class {id} includes itself.");
                }

                var children = curation.Classes.Where(c => c.Parent == id).Select(c => c.Id).Concat(byId[id].Includes).Distinct().ToList();
                foreach (var child in children)
                {
                    Complete(child, path);
                    foreach (var ((ingredient, classId), membership) in _memberships.Where(m => m.Key.ClassId == child).OrderBy(m => m.Key.Ingredient, StringComparer.Ordinal).ToList())
                    {
                        Offer(ingredient, new Membership(id, "Decodex", child, "curated", $"member of {byId[child].Name} ({membership.System} \"{membership.Term}\")", 5, 0));
                    }
                }

                path.Remove(id);
                done.Add(id);
            }

            foreach (var definition in curation.Classes)
            {
                Complete(definition.Id, []);
            }
        }
    }
}
