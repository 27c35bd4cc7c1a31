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
    private readonly IReadOnlyList<ClassMembership>[] _memberships;
    private readonly Dictionary<string, NameEntry[]> _names;
    private readonly Dictionary<string, MedicineSource> _sourcesById;
    private readonly Dictionary<string, MedicineClass> _classesById;
    private readonly Lazy<SuggestionIndex> _suggestionIndex;

    private MedicineVocabulary(string version, MedicineSource[] sources, MedicineClass[] classes, string[] ingredientNames, string?[] rxcuis,
        IReadOnlyList<ClassMembership>[] memberships, Dictionary<string, NameEntry[]> names)
    {
        Version = version;
        // Read-only wrappers: callers share these lists across threads and must not be able to change them.
        Sources = Array.AsReadOnly(sources);
        Classes = Array.AsReadOnly(classes);
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

        _suggestionIndex = new Lazy<SuggestionIndex>(() => new SuggestionIndex(names.Keys), LazyThreadSafetyMode.ExecutionAndPublication);
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

    /// <summary>Ingredient names (lower case) that belong to at least one class: the medicines, as opposed to foods, allergens and excipients.</summary>
    public IEnumerable<string> ClassifiedIngredients => _ingredientNames.Where((_, i) => _memberships[i].Count > 0);

    /// <summary>Every ingredient name (lower case), foods and allergen extracts included.</summary>
    public IReadOnlyList<string> IngredientNames => _ingredientNames;

    /// <summary>
    /// Reads a <c>decodex-medicines/1</c> file. Throws <see cref="InvalidDataException"/> when it is not
    /// valid JSON of that format or its indices point nowhere.
    /// </summary>
    public static MedicineVocabulary Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ReadOnlyMemory<byte> bytes;
        if (json is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            bytes = segment.AsMemory((int)memory.Position);
        }
        else if (json.CanSeek)
        {
            var buffer = new byte[checked((int)(json.Length - json.Position))];
            json.ReadExactly(buffer);
            bytes = buffer;
        }
        else
        {
            using var copy = new MemoryStream();
            json.CopyTo(copy);
            bytes = copy.ToArray();
        }

        try
        {
            return Read(bytes.Span);
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

    private sealed record NameEntry(byte Tier, string Source, string? Display, int[] Ingredients, string? Note);
}
