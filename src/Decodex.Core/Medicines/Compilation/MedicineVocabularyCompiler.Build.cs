using System.Text.Json;

namespace Decodex.Core.Medicines.Compilation;

public static partial class MedicineVocabularyCompiler
{
    // Order of precedence when a key has entries from several tables; the runtime relies on it.
    internal static readonly string[] Tiers = ["curated", "ingredient", "salt", "brand", "product", "synonym", "ema"];

    // Within a tier, the order in which sources are preferred (newest and most authoritative first).
    internal static readonly string[] SourceOrder = ["curated", "rxnorm", "ndc2017", "mesh2024", "cpic", "ema"];

    private sealed record NameEntry(string Key, string Tier, string Source, string Display, SortedSet<string> Ingredients, string? Note);

    private sealed record Membership(string ClassId, string System, string Term, string Source, string Detail, int Rank, long Tiebreak);

    private sealed partial class Build(string drugs, string cpicFile, MedicineCuration curation)
    {
        private readonly Dictionary<string, string> _rxIn = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _rxPinBase = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _cpic = new(StringComparer.Ordinal);
        private readonly HashSet<string> _known = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _meshSynonym = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _saltBases = new(StringComparer.Ordinal);
        private readonly HashSet<string> _saltWords = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, (string? Rxcui, string Source)> _ingredients = new(StringComparer.Ordinal);
        private readonly List<NameEntry> _names = [];
        private readonly Dictionary<(string Ingredient, string ClassId), Membership> _memberships = [];
        private readonly List<JsonElement> _labels = [];
        private TsvTable _substanceClasses = null!;
        private TsvTable _meshActions = null!;
        private TsvTable _onc = null!;
        private int _ndcNamesDropped;
        private int _ndcNamesNarrowed;

        public List<string> Notes { get; } = [];

        public void Run()
        {
            foreach (var word in curation.SaltWords)
            {
                _saltWords.Add(Lower(word));
            }

            foreach (var salt in curation.SaltBases)
            {
                _saltBases[Lower(salt.Salt)] = Lower(salt.Base);
            }

            foreach (var alias in curation.Aliases)
            {
                foreach (var name in alias.Names)
                {
                    _aliases[MedicineNames.Key(name)] = Lower(alias.Ingredient);
                }
            }

            var ingredients = TsvTable.Read(Path.Combine(drugs, "rxnorm_20251006_ingredients.tsv"));
            var brands = TsvTable.Read(Path.Combine(drugs, "rxnorm_20251006_brand_ingredient.tsv"));
            var products = TsvTable.Read(Path.Combine(drugs, "ndc2017_products.tsv"));
            _substanceClasses = TsvTable.Read(Path.Combine(drugs, "ndc2017_substance_classes.tsv"));
            var entryTerms = TsvTable.Read(Path.Combine(drugs, "mesh2024_drug_entry_terms.tsv"));
            _meshActions = TsvTable.Read(Path.Combine(drugs, "mesh2024_pharmacological_actions.tsv"));
            var ema = TsvTable.Read(Path.Combine(drugs, "ema_human_medicines_2025-10-27.tsv"));
            _onc = TsvTable.Read(Path.Combine(drugs, "onc_high_priority_ddi_phansalkar2012.tsv"));
            foreach (var line in File.ReadLines(Path.Combine(drugs, "openfda_labels_pharmgkb_2024-01.jsonl")))
            {
                if (line.Length > 0)
                {
                    _labels.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
            }

            ReadKnownNames(ingredients, products, entryTerms);
            AddRxNormNames(ingredients, brands);
            AddNdcNames(products);
            AddMeshNames(entryTerms);
            AddCpicNames();
            AddEmaNames(ema);
            AddAliasNames();
            AddClassFacts();
            AddExtraMembers();
            ApplyExceptions();
            AddParentMemberships();
            Notes.Add($"{_ndcNamesNarrowed} NDC proprietary names cover products of differing composition and map to the ingredients every such product shares; {_ndcNamesDropped} with no shared ingredient were left out.");
        }

        private void ReadKnownNames(TsvTable ingredients, TsvTable products, TsvTable entryTerms)
        {
            int name = ingredients.Column("name"), tty = ingredients.Column("tty"), rxcui = ingredients.Column("rxcui"), pinBase = ingredients.Column("pin_base_ingredient_derived");
            foreach (var row in ingredients.Rows)
            {
                var lower = Lower(row[name]);
                switch (row[tty])
                {
                    case "IN":
                        _rxIn[lower] = row[rxcui];
                        _known.Add(lower);
                        break;
                    case "PIN":
                        var baseCell = TsvTable.Cell(row, pinBase);
                        var colon = baseCell.IndexOf(':', StringComparison.Ordinal);
                        _rxPinBase[lower] = colon > 0 ? Lower(baseCell[(colon + 1)..]) : null;
                        break;
                }
            }

            var substances = products.Column("substances_lc");
            foreach (var row in products.Rows)
            {
                foreach (var substance in row[substances].Split('|', StringSplitOptions.RemoveEmptyEntries))
                {
                    _known.Add(Lower(substance));
                }
            }

            var cpic = CsvRecords.Parse(File.ReadAllText(cpicFile));
            if (cpic.Count == 0 || cpic[0].Fields is not [_, "Drug", "RxNorm", ..])
            {
                throw new InvalidDataException($"{CpicPairTable} does not start with the columns Gene,Drug,RxNorm.");
            }

            foreach (var (_, fields) in cpic.Skip(1))
            {
                var drug = Lower(fields[1]);
                _known.Add(drug);
                if (fields[2].Length > 0)
                {
                    _cpic.TryAdd(drug, fields[2]);
                }
            }

            int descriptor = entryTerms.Column("descriptor_name"), term = entryTerms.Column("entry_term"), tag = entryTerms.Column("lexical_tag");
            foreach (var row in entryTerms.Rows)
            {
                _known.Add(Lower(row[descriptor]));
            }

            // MeSH records with a pharmacological action (supplementary concepts included) name many
            // drugs starting with A that RxNorm lacks here ("almotriptan", "asenapine"): known names, so
            // that "almotriptan malate" can be reduced to its base. They add no names of their own.
            var recordName = _meshActions.Column("record_name");
            foreach (var row in _meshActions.Rows)
            {
                if (row[recordName].Length > 0)
                {
                    _known.Add(Lower(row[recordName]));
                }
            }

            // Ordinary MeSH synonyms (not trade names) let a source that writes the INN ("paracetamol",
            // "rifampicin") land on the ingredient another source names in US form.
            foreach (var row in entryTerms.Rows.Where(r => r[tag] == "NON").OrderBy(r => r[term], StringComparer.Ordinal))
            {
                _meshSynonym.TryAdd(Lower(row[term]), Lower(row[descriptor]));
            }
        }

        /// <summary>The base ingredient for a substance name, and whether it was reached through a salt form.</summary>
        private (string Name, bool Salt) Canon(string name, int depth = 0)
        {
            var lower = Lower(name);
            if (depth > 4)
            {
                return (lower, false);
            }

            if (_aliases.TryGetValue(MedicineNames.Key(lower), out var alias))
            {
                return (alias, false);
            }

            if (_saltBases.TryGetValue(lower, out var saltBase))
            {
                return (Canon(saltBase, depth + 1).Name, true);
            }

            if (_rxIn.ContainsKey(lower))
            {
                return (lower, false);
            }

            if (_rxPinBase.TryGetValue(lower, out var pinBase) && pinBase is not null)
            {
                return (Canon(pinBase, depth + 1).Name, true);
            }

            var words = lower.Split(' ');
            for (var end = words.Length - 1; end >= 1 && _saltWords.Contains(words[end]); end--)
            {
                var candidate = string.Join(' ', words[..end]);
                if (candidate.Length >= 3 && (_known.Contains(candidate) || _meshSynonym.ContainsKey(candidate)))
                {
                    return (Canon(candidate, depth + 1).Name, true);
                }
            }

            // A MeSH synonym names the same substance as its descriptor ("propoxyphene hydrochloride" is
            // filed under Dextropropoxyphene); RxNorm and CPIC names stay as they are.
            if (!_cpic.ContainsKey(lower) && _meshSynonym.TryGetValue(lower, out var descriptor) && descriptor != lower)
            {
                return Canon(descriptor, depth + 1);
            }

            return (lower, false);
        }

        private string Register(string ingredient, string source)
        {
            if (!_ingredients.ContainsKey(ingredient))
            {
                var rxcui = _rxIn.TryGetValue(ingredient, out var rx) ? rx : _cpic.TryGetValue(ingredient, out var cp) ? cp : null;
                _ingredients[ingredient] = (rxcui, _rxIn.ContainsKey(ingredient) ? "rxnorm" : source);
            }

            return ingredient;
        }

        private void AddName(string display, string tier, string source, IEnumerable<string> ingredients, string? note = null)
        {
            var key = MedicineNames.Key(display);
            if (key.Length == 0 || key.Length > MedicineNames.MaxInputLength)
            {
                return;
            }

            var set = new SortedSet<string>(ingredients.Select(i => Register(i, source)), StringComparer.Ordinal);
            if (set.Count > 0)
            {
                _names.Add(new NameEntry(key, tier, source, display.Trim(), set, note));
            }
        }

        private void AddSubstanceName(string display, string source)
        {
            var (name, salt) = Canon(display);
            AddName(display, salt ? "salt" : "ingredient", source, [name]);
        }

        private void AddRxNormNames(TsvTable ingredients, TsvTable brands)
        {
            int name = ingredients.Column("name"), tty = ingredients.Column("tty");
            foreach (var row in ingredients.Rows)
            {
                if (row[tty] == "MIN")
                {
                    AddName(row[name], "ingredient", "rxnorm", row[name].Split(" / ").Select(p => Canon(p).Name));
                }
                else
                {
                    AddSubstanceName(row[name], "rxnorm");
                }
            }

            int brand = brands.Column("brand_name"), bnRxcui = brands.Column("bn_rxcui"), ingredient = brands.Column("ingredient_name"), multi = brands.Column("in_multi_ingredient_product"), sbd = brands.Column("example_sbd");
            foreach (var group in brands.Rows.GroupBy(r => (Rxcui: r[bnRxcui], Name: r[brand])).OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Rxcui, StringComparer.Ordinal))
            {
                var set = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var row in group)
                {
                    set.Add(Canon(row[ingredient]).Name);

                    // RxNorm here lacks every ingredient starting with A, so a combination brand lists only
                    // its other ingredients; the example product name still names all of them.
                    if (row[multi] == "Y")
                    {
                        foreach (var component in SbdComponents(row[sbd]))
                        {
                            set.Add(Canon(component).Name);
                        }
                    }
                }

                AddName(group.Key.Name, "brand", "rxnorm", set);
            }
        }

        /// <summary>Ingredient names in an RxNorm SBD name ("acetaminophen 300 MG / codeine phosphate 30 MG Oral Tablet [Tylenol with Codeine]").</summary>
        internal static IEnumerable<string> SbdComponents(string sbd)
        {
            var bracket = sbd.LastIndexOf(" [", StringComparison.Ordinal);
            var body = bracket > 0 ? sbd[..bracket] : sbd;
            if (body.StartsWith('{'))
            {
                yield break;
            }

            if (body.StartsWith("24 HR ", StringComparison.Ordinal) || body.StartsWith("12 HR ", StringComparison.Ordinal))
            {
                body = body[6..];
            }

            foreach (var component in body.Split(" / "))
            {
                var words = component.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var strength = Array.FindIndex(words, w => w.Length > 0 && char.IsAsciiDigit(w[0]));
                if (strength > 0)
                {
                    yield return string.Join(' ', words[..strength]);
                }
            }
        }

        private void AddNdcNames(TsvTable products)
        {
            int name = products.Column("proprietary_name_lc"), substances = products.Column("substances_lc"), count = products.Column("n_substances");
            foreach (var row in products.Rows)
            {
                foreach (var substance in row[substances].Split('|', StringSplitOptions.RemoveEmptyEntries))
                {
                    AddSubstanceName(substance, "ndc2017");
                }
            }

            var byName = new SortedDictionary<string, List<SortedSet<string>>>(StringComparer.Ordinal);
            foreach (var row in products.Rows)
            {
                var key = MedicineNames.Key(row[name]);
                if (key.Length == 0 || !int.TryParse(row[count], System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 6)
                {
                    continue;
                }

                var set = new SortedSet<string>(row[substances].Split('|', StringSplitOptions.RemoveEmptyEntries).Select(s => Canon(s).Name), StringComparer.Ordinal);
                if (!byName.TryGetValue(key, out var sets))
                {
                    byName[key] = sets = [];
                }

                if (!sets.Any(s => s.SetEquals(set)))
                {
                    sets.Add(set);
                }
            }

            foreach (var (key, sets) in byName)
            {
                if (sets.Count == 1)
                {
                    AddName(key, "product", "ndc2017", sets[0]);
                    continue;
                }

                var shared = new SortedSet<string>(sets[0], StringComparer.Ordinal);
                foreach (var set in sets.Skip(1))
                {
                    shared.IntersectWith(set);
                }

                if (shared.Count == 0)
                {
                    _ndcNamesDropped++;
                    continue;
                }

                _ndcNamesNarrowed++;
                var others = sets.SelectMany(s => s).Where(s => !shared.Contains(s)).Distinct().Order(StringComparer.Ordinal).ToList();
                AddName(key, "product", "ndc2017", shared, $"{sets.Count} formulations under this name; some also contain {string.Join(", ", others.Take(6))}{(others.Count > 6 ? " …" : "")}");
            }
        }

        private void AddMeshNames(TsvTable entryTerms)
        {
            int descriptor = entryTerms.Column("descriptor_name"), term = entryTerms.Column("entry_term"), tag = entryTerms.Column("lexical_tag");
            foreach (var name in entryTerms.Rows.Select(r => r[descriptor]).Distinct().Order(StringComparer.Ordinal))
            {
                AddSubstanceName(name, "mesh2024");
            }

            // Abbreviations and laboratory codes (ABB, LAB) are left out: short codes collide with other words.
            foreach (var row in entryTerms.Rows.Where(r => r[tag] is "NON" or "TRD" or "EPO" or "NAM"))
            {
                AddName(row[term], "synonym", "mesh2024", [Canon(row[descriptor]).Name]);
            }
        }

        private void AddCpicNames()
        {
            foreach (var drug in _cpic.Keys.Order(StringComparer.Ordinal))
            {
                AddSubstanceName(drug, "cpic");
            }
        }

        private void AddEmaNames(TsvTable ema)
        {
            int name = ema.Column("name_of_medicine"), status = ema.Column("medicine_status"), substance = ema.Column("active_substance");
            foreach (var row in ema.Rows.Where(r => EmaMarketedStatuses.Contains(r[status])))
            {
                var display = row[name];
                var previously = display.IndexOf(" (previously", StringComparison.Ordinal);
                if (previously > 0)
                {
                    display = display[..previously];
                }

                var parts = row[substance].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length > 0)
                {
                    AddName(display, "ema", "ema", parts.Select(p => Canon(p).Name));
                }
            }
        }

        private void AddAliasNames()
        {
            foreach (var alias in curation.Aliases)
            {
                foreach (var name in alias.Names)
                {
                    AddName(name, "curated", "curated", [Lower(alias.Ingredient)], alias.Citation);
                }
            }
        }

        public string Summary(int bytes) =>
            $"{_ingredients.Count:N0} ingredients, {FinalNames().Count:N0} names, {curation.Classes.Count} classes, {_memberships.Count:N0} memberships; {bytes:N0} bytes";

        private List<NameEntry> FinalNames()
        {
            var result = new List<NameEntry>();
            foreach (var group in _names.GroupBy(n => n.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var merged = new List<NameEntry>();
                foreach (var tierGroup in group.GroupBy(n => (n.Tier, n.Source)).OrderBy(g => Array.IndexOf(Tiers, g.Key.Tier)).ThenBy(g => Array.IndexOf(SourceOrder, g.Key.Source)))
                {
                    var entries = tierGroup.ToList();
                    var set = new SortedSet<string>(entries.SelectMany(e => e.Ingredients), StringComparer.Ordinal);
                    // The first form read (input order is fixed) is the one shown: RxNorm's own spelling, the curator's first name.
                    var displays = entries.Select(e => e.Display).Distinct().ToList();
                    var notes = entries.Select(e => e.Note).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
                    if (entries.Select(e => string.Join('|', e.Ingredients)).Distinct().Count() > 1)
                    {
                        notes.Add("listed under several ingredients in this source");
                    }

                    var entry = new NameEntry(group.Key, tierGroup.Key.Tier, tierGroup.Key.Source, displays[0], set, notes.Count == 0 ? null : string.Join("; ", notes));

                    // A lower tier that says exactly what a higher one says adds nothing.
                    if (!merged.Any(m => m.Ingredients.SetEquals(set)))
                    {
                        merged.Add(entry);
                    }
                }

                result.AddRange(merged);
            }

            return result;
        }
    }
}
