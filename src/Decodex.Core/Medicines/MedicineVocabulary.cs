using System.Text.Json;

namespace Decodex.Core.Medicines;

/// <summary>
/// The medicine vocabulary: what users write on a medication list (generic names, salts, US/UK/EU
/// brands, combinations, dose text, herbs) resolved to base ingredients, and ingredients to Decodex
/// classes, every step with its source. Compiled by <c>tools/Decodex.MedicineCompiler</c> from open data
/// (see <c>Medicines/Data/README.md</c>). Immutable after loading and safe to share between threads.
/// </summary>
public sealed partial class MedicineVocabulary
{
    /// <summary>Manifest name of the embedded data file.</summary>
    public const string ResourceName = "Decodex.Core.Medicines.Data.medicine-vocabulary.json";

    private static readonly Lazy<MedicineVocabulary> EmbeddedValue = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string[] _ingredientNames;
    private readonly string?[] _rxcuis;
    private readonly Dictionary<string, int> _ingredientIndex;
    private readonly ClassMembership[][] _memberships;
    private readonly Dictionary<string, NameEntry[]> _names;
    private readonly Dictionary<string, MedicineSource> _sourcesById;
    private readonly Dictionary<string, MedicineClass> _classesById;
    private readonly string[][] _keysByLength;
    private readonly uint[][] _masksByLength;

    private MedicineVocabulary(string version, MedicineSource[] sources, MedicineClass[] classes, string[] ingredientNames, string?[] rxcuis,
        ClassMembership[][] memberships, Dictionary<string, NameEntry[]> names)
    {
        Version = version;
        Sources = sources;
        Classes = classes;
        _ingredientNames = ingredientNames;
        _rxcuis = rxcuis;
        _memberships = memberships;
        _names = names;
        _sourcesById = sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _classesById = classes.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _ingredientIndex = new Dictionary<string, int>(ingredientNames.Length, StringComparer.Ordinal);
        for (var i = 0; i < ingredientNames.Length; i++)
        {
            _ingredientIndex[ingredientNames[i]] = i;
        }

        // Suggestion candidates by length, each with a letter mask for a cheap lower bound on the edit distance.
        var byLength = new List<string>[MedicineNames.MaxInputLength + 1];
        foreach (var key in names.Keys)
        {
            (byLength[key.Length] ??= []).Add(key);
        }

        _keysByLength = new string[byLength.Length][];
        _masksByLength = new uint[byLength.Length][];
        for (var length = 0; length < byLength.Length; length++)
        {
            _keysByLength[length] = byLength[length] is { } keys ? [.. keys] : [];
            _masksByLength[length] = new uint[_keysByLength[length].Length];
            for (var i = 0; i < _keysByLength[length].Length; i++)
            {
                _masksByLength[length][i] = LetterMask(_keysByLength[length][i]);
            }
        }
    }

    /// <summary>
    /// The vocabulary shipped inside Decodex.Core, loaded on first use (thread-safe) and shared afterwards.
    /// Throws <see cref="InvalidDataException"/> if the embedded file is missing or broken (a build defect).
    /// </summary>
    public static MedicineVocabulary Embedded => EmbeddedValue.Value;

    /// <summary>Data version label: format, curation date and the first 12 hex digits of the inputs' SHA-256.</summary>
    public string Version { get; }

    /// <summary>The sources the vocabulary was compiled from, with licence and attribution text.</summary>
    public IReadOnlyList<MedicineSource> Sources { get; }

    /// <summary>The Decodex classes, in the order of the definitions file.</summary>
    public IReadOnlyList<MedicineClass> Classes { get; }

    /// <summary>Number of distinct ingredients known.</summary>
    public int IngredientCount => _ingredientNames.Length;

    /// <summary>Number of distinct written forms (normalised keys) known.</summary>
    public int NameCount => _names.Count;

    /// <summary>
    /// Reads a <c>decodex-medicines/1</c> file. Throws <see cref="InvalidDataException"/> when it is not
    /// valid JSON of that format or its indices point nowhere.
    /// </summary>
    public static MedicineVocabulary Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return Read(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException("The medicine vocabulary file is not valid decodex-medicines/1 JSON.", ex);
        }
    }

    /// <summary>The class with id <paramref name="classId"/>, or null.</summary>
    public MedicineClass? FindClass(string classId) => classId is not null && _classesById.TryGetValue(classId, out var c) ? c : null;

    /// <summary>
    /// The classes of an ingredient, by its lower-case base name as <see cref="ResolvedIngredient.Name"/>
    /// gives it ("lithium", not "Lithobid"). Empty for an unknown name or one in no class.
    /// </summary>
    public IReadOnlyList<ClassMembership> ClassesOf(string ingredient)
    {
        if (string.IsNullOrEmpty(ingredient) || ingredient.Length > MedicineNames.MaxInputLength)
        {
            return [];
        }

        return _ingredientIndex.TryGetValue(ingredient, out var index) || _ingredientIndex.TryGetValue(ingredient.Trim().ToLowerInvariant(), out index)
            ? _memberships[index]
            : [];
    }

    /// <summary>The ingredients in a class, ordered by name; empty for an unknown id.</summary>
    public IReadOnlyList<string> MembersOf(string classId)
    {
        var members = new List<string>();
        for (var i = 0; i < _memberships.Length; i++)
        {
            if (_memberships[i].Any(m => m.ClassId == classId))
            {
                members.Add(_ingredientNames[i]);
            }
        }

        return members;
    }

    private static MedicineVocabulary LoadEmbedded()
    {
        using var stream = typeof(MedicineVocabulary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"The embedded resource {ResourceName} is missing from Decodex.Core.");
        return Load(stream);
    }

    private static MedicineVocabulary Read(JsonElement root)
    {
        if (root.GetProperty("format").GetString() != "decodex-medicines/1")
        {
            throw new InvalidDataException("The medicine vocabulary file is not in the decodex-medicines/1 format.");
        }

        var tiers = root.GetProperty("tiers").EnumerateArray().Select(t => t.GetString()!).ToArray();
        if (!tiers.SequenceEqual(TierNames))
        {
            throw new InvalidDataException("The medicine vocabulary file lists unexpected match tiers.");
        }

        var sources = root.GetProperty("sources").EnumerateArray().Select(s => new MedicineSource(
            s.GetProperty("id").GetString()!, s.GetProperty("name").GetString()!, s.GetProperty("short").GetString()!, s.GetProperty("date").GetString()!,
            s.GetProperty("licence").GetString()!, s.GetProperty("attribution").GetString()!,
            s.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray())).ToArray();
        var classes = root.GetProperty("classes").EnumerateArray().Select(c => new MedicineClass(
            c.GetProperty("id").GetString()!, c.GetProperty("name").GetString()!, c.GetProperty("parentId").GetString(), c.GetProperty("definition").GetString()!,
            c.GetProperty("terms").EnumerateArray().Select(t => new MedicineClassTerm(t.GetProperty("system").GetString()!, t.GetProperty("term").GetString()!)).ToArray(),
            c.GetProperty("includes").EnumerateArray().Select(i => i.GetString()!).ToArray(),
            c.GetProperty("exceptions").EnumerateArray().Select(e => new MedicineClassExclusion(e.GetProperty("ingredient").GetString()!, e.GetProperty("reason").GetString()!)).ToArray(),
            c.GetProperty("memberCount").GetInt32())).ToArray();
        var sourceShort = sources.ToDictionary(s => s.Id, s => s.ShortName, StringComparer.Ordinal);
        var classNames = classes.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);

        var ingredients = root.GetProperty("ingredients");
        var names = new string[ingredients.GetArrayLength()];
        var rxcuis = new string?[names.Length];
        var i = 0;
        foreach (var row in ingredients.EnumerateArray())
        {
            names[i] = row[0].GetString()!;
            rxcuis[i] = row[1].GetString();
            i++;
        }

        var memberships = new List<ClassMembership>[names.Length];
        foreach (var row in root.GetProperty("memberships").EnumerateArray())
        {
            var index = row[0].GetInt32();
            var classId = row[1].GetString()!;
            var source = row[4].GetString()!;
            var membership = new ClassMembership(classId, classNames[classId], row[2].GetString()!, row[3].GetString()!, $"{row[5].GetString()} ({sourceShort[source]})");
            (memberships[index] ??= []).Add(membership);
        }

        var entries = new Dictionary<string, NameEntry[]>(65_536, StringComparer.Ordinal);
        foreach (var table in root.GetProperty("names").EnumerateArray())
        {
            var tier = (byte)Array.IndexOf(TierNames, table.GetProperty("tier").GetString());
            var source = table.GetProperty("source").GetString()!;
            if (tier == byte.MaxValue || !sourceShort.ContainsKey(source))
            {
                throw new InvalidDataException("The medicine vocabulary file has a name table with an unknown tier or source.");
            }

            foreach (var row in table.GetProperty("entries").EnumerateArray())
            {
                var key = row[0].GetString()!;
                int[] targets;
                if (row[1].ValueKind == JsonValueKind.Number)
                {
                    targets = [row[1].GetInt32()];
                }
                else
                {
                    targets = new int[row[1].GetArrayLength()];
                    var t = 0;
                    foreach (var target in row[1].EnumerateArray())
                    {
                        targets[t++] = target.GetInt32();
                    }
                }

                if (targets.Length == 0 || Array.Exists(targets, t => (uint)t >= (uint)names.Length) || key.Length is 0 or > MedicineNames.MaxInputLength)
                {
                    throw new InvalidDataException("The medicine vocabulary file has a name entry that points nowhere.");
                }

                var length = row.GetArrayLength();
                var entry = new NameEntry(tier, source, length > 2 ? row[2].GetString() : null, targets, length > 3 ? row[3].GetString() : null);
                // Tables come in tier order, so each key's entries are already best first; a file that
                // breaks the order is refused rather than silently read differently.
                if (!entries.TryGetValue(key, out var list))
                {
                    entries[key] = [entry];
                }
                else if (list[^1].Tier > entry.Tier)
                {
                    throw new InvalidDataException("The medicine vocabulary file's name tables are not in tier order.");
                }
                else
                {
                    entries[key] = [.. list, entry];
                }
            }
        }

        return new MedicineVocabulary(root.GetProperty("version").GetString()!, sources, classes, names, rxcuis,
            memberships.Select(m => m is null ? [] : m.ToArray()).ToArray(), entries);
    }

    private sealed record NameEntry(byte Tier, string Source, string? Display, int[] Ingredients, string? Note);
}
