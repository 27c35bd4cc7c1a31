namespace Decodex.Core.Medicines;

public sealed partial class MedicineVocabulary
{
    // Must match MedicineVocabularyCompiler.Tiers (the file lists them and Read checks).
    private static readonly string[] TierNames = ["curated", "ingredient", "salt", "brand", "product", "synonym", "ema"];

    private const byte TierSalt = 2;
    private const byte TierBrand = 3;
    private const byte TierProduct = 4;
    private const int MaxCombinationParts = 8;

    private static readonly MedicineResolution Empty = new("", [], []);

    /// <summary>
    /// Resolves one written medicine ("Lasix 40 mg tab", "Tylenol with codeine", "lisinopril/hydrochlorothiazide",
    /// "St. John's Wort") to its ingredients. Never throws: null, empty, control characters or text longer
    /// than 200 characters give an unrecognised result (no suggestions for over-long text). Misspellings
    /// are not corrected: the result is unrecognised and carries suggestions. Work is bounded by the input cap.
    /// </summary>
    public MedicineResolution Resolve(string written)
    {
        if (string.IsNullOrEmpty(written))
        {
            return Empty;
        }

        if (written.Length > MedicineNames.MaxInputLength)
        {
            return new MedicineResolution(written, [], []);
        }

        var key = MedicineNames.Key(written);
        if (key.Length == 0)
        {
            return new MedicineResolution(written, [], []);
        }

        if (ResolveWhole(key) is { } whole)
        {
            return Build(written, [whole], combination: false);
        }

        var stripped = MedicineNames.StripDose(key, releaseSuffixes: true);
        foreach (var hyphens in (bool[])[false, true])
        {
            var parts = MedicineNames.SplitCombination(stripped, hyphens);
            if (parts.Count is < 2 or > MaxCombinationParts)
            {
                continue;
            }

            var matches = new List<Match>(parts.Count);
            foreach (var part in parts)
            {
                if (ResolveWhole(part) is not { } match)
                {
                    break;
                }

                matches.Add(match);
            }

            if (matches.Count == parts.Count)
            {
                return Build(written, matches, combination: true);
            }
        }

        return new MedicineResolution(written, [], Suggest(written));
    }

    /// <summary>
    /// Up to <paramref name="max"/> known names nearest to <paramref name="written"/> (edit distance with
    /// transpositions, at most 1 for short names and 3 for long ones), best first; for "not recognised"
    /// messages. Never applied by <see cref="Resolve"/>. Empty for empty or over-long input.
    /// </summary>
    public IReadOnlyList<string> Suggest(string written, int max = 3)
    {
        if (string.IsNullOrEmpty(written) || written.Length > MedicineNames.MaxInputLength || max <= 0)
        {
            return [];
        }

        var key = MedicineNames.StripDose(MedicineNames.Key(written), releaseSuffixes: true);
        if (key.Length is < 3 or > 60)
        {
            return [];
        }

        var limit = key.Length <= 5 ? 1 : key.Length <= 9 ? 2 : 3;
        var mask = LetterMask(key);
        var index = _suggestionIndex.Value;
        var found = new List<(int Distance, byte Tier, string Display)>();
        Span<int> rows = stackalloc int[3 * 64];
        for (var length = Math.Max(1, key.Length - limit); length <= Math.Min(MedicineNames.MaxInputLength, key.Length + limit); length++)
        {
            if (length > 63)
            {
                break;
            }

            var keys = index.KeysByLength[length];
            var masks = index.MasksByLength[length];
            for (var i = 0; i < keys.Length; i++)
            {
                // Each edit changes at most two letters of the set of letters used.
                if ((System.Numerics.BitOperations.PopCount(masks[i] ^ mask) + 1) / 2 > limit)
                {
                    continue;
                }

                var candidate = keys[i];
                var distance = Text.NearestNames.Distance(key, candidate, limit, rows);
                if (distance <= limit)
                {
                    var entry = _names[candidate][0];
                    found.Add((distance, entry.Tier, Display(candidate, entry)));
                }
            }
        }

        return found.OrderBy(f => f.Distance).ThenBy(f => f.Tier).ThenBy(f => f.Display, StringComparer.Ordinal)
            .Select(f => f.Display).Distinct(StringComparer.OrdinalIgnoreCase).Take(max).ToList();
    }

    private sealed record Match(string Key, NameEntry Entry, IReadOnlyList<NameEntry> Conflicts);

    /// <summary>Looks a whole key up as written, then without dose text, then without release suffixes.</summary>
    private Match? ResolveWhole(string key)
    {
        if (Lookup(key) is { } exact)
        {
            return exact;
        }

        var noDose = MedicineNames.StripDose(key, releaseSuffixes: false);
        if (noDose != key && Lookup(noDose) is { } withoutDose)
        {
            return withoutDose;
        }

        var noSuffix = MedicineNames.StripDose(key, releaseSuffixes: true);
        return noSuffix != noDose ? Lookup(noSuffix) : null;
    }

    private Match? Lookup(string key)
    {
        if (!_names.TryGetValue(key, out var entries))
        {
            return null;
        }

        var best = entries[0];
        var conflicts = new List<NameEntry>();

        // An ingredient name that is also a brand or product name of something else: report both readings.
        if (best.Tier <= TierSalt)
        {
            foreach (var other in entries)
            {
                if (other.Tier is TierBrand or TierProduct && !best.Ingredients.All(i => other.Ingredients.Contains(i)))
                {
                    conflicts.Add(other);
                }
            }
        }

        return new Match(key, best, conflicts);
    }

    private MedicineResolution Build(string written, List<Match> matches, bool combination)
    {
        var results = new List<ResolvedIngredient>();
        var seen = new HashSet<int>();
        var ambiguous = false;
        var prefix = combination ? $"\"{Trim(written)}\" read as a combination of {string.Join(" + ", matches.Select(m => Display(m.Key, m.Entry)))}" : null;
        foreach (var match in matches)
        {
            ambiguous |= match.Conflicts.Count > 0;
            foreach (var entry in match.Conflicts.Count == 0 ? [match.Entry] : match.Conflicts.Prepend(match.Entry))
            {
                foreach (var index in entry.Ingredients)
                {
                    if (!seen.Add(index))
                    {
                        continue;
                    }

                    var name = _ingredientNames[index];
                    var hops = new List<string>();
                    if (prefix is not null)
                    {
                        hops.Add(prefix);
                    }

                    hops.Add(NameHop(match.Key, entry, name));
                    if (match.Conflicts.Count > 0)
                    {
                        hops.Add($"\"{Display(match.Key, match.Entry)}\" has more than one reading in the sources; every reading is listed, none was chosen");
                    }

                    var classes = _memberships[index];
                    foreach (var membership in classes)
                    {
                        hops.Add(ClassHop(name, membership));
                    }

                    results.Add(new ResolvedIngredient(name, _rxcuis[index], TierNames[entry.Tier], _sourcesById[entry.Source].ShortName, hops, classes));
                }
            }
        }

        return new MedicineResolution(written, results, []) { IsAmbiguous = ambiguous };
    }

    private string NameHop(string key, NameEntry entry, string ingredient)
    {
        var display = Display(key, entry);
        var source = _sourcesById[entry.Source].ShortName;
        var how = TierNames[entry.Tier] switch
        {
            "ingredient" => "ingredient name",
            "salt" => "salt or precise ingredient, reduced to its base",
            "brand" => "brand name",
            "product" => "NDC proprietary name",
            "synonym" => "MeSH entry term or trade name",
            "ema" => "EU centrally authorised medicine",
            _ => "curated name",
        };
        var hop = string.Equals(display, ingredient, StringComparison.Ordinal) ? $"{display}: {how} ({source})" : $"{display} → {ingredient} ({how}, {source})";
        return entry.Note is null ? hop : $"{hop}; {entry.Note}";
    }

    private static string ClassHop(string ingredient, ClassMembership membership) => membership.System == "Decodex"
        ? $"{ingredient} → {membership.ClassName} (through {membership.Term})"
        : $"{ingredient} → {membership.ClassName} ({membership.System} \"{membership.Term}\", {membership.Source})";

    private static string Display(string key, NameEntry entry) => entry.Display ?? key;

    private static string Trim(string written) => written.Trim();

    /// <summary>Bits 0–25 for the letters a–z a key uses, bit 26 for digits, bit 27 for anything else.</summary>
    internal static uint LetterMask(string key)
    {
        var mask = 0u;
        foreach (var c in key)
        {
            mask |= c is >= 'a' and <= 'z' ? 1u << (c - 'a') : char.IsAsciiDigit(c) ? 1u << 26 : 1u << 27;
        }

        return mask;
    }
}
