namespace Decodex.Core.Knowledge;

/// <summary>
/// A validated, immutable, indexed knowledge base. Every reference inside it resolves; every claim
/// carries its computed grade. Built only by <see cref="KnowledgeBaseLoader"/>. Thread-safe for reads.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, Compound> _compounds;
    private readonly Dictionary<string, Claim> _claims;
    private readonly Dictionary<string, Citation> _citations;
    private readonly Dictionary<string, Condition> _conditions;
    private readonly Dictionary<string, Outcome> _outcomes;
    private readonly Dictionary<string, DrugClass> _classes;
    private readonly Dictionary<string, Marker> _markers;
    private readonly Dictionary<string, string> _conditionNames;
    private readonly Dictionary<string, List<DrugMatch>> _drugNames;

    internal KnowledgeBase(
        IReadOnlyList<Compound> compounds,
        IReadOnlyList<Citation> citations,
        IReadOnlyList<Condition> conditions,
        IReadOnlyList<Outcome> outcomes,
        IReadOnlyList<DrugClass> classes,
        IReadOnlyList<Marker> markers,
        string version)
    {
        Compounds = compounds.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        Citations = citations.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        Conditions = conditions;
        Outcomes = outcomes;
        Classes = classes;
        Markers = markers;
        Version = version;
        _compounds = compounds.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _claims = compounds.SelectMany(c => c.Claims).ToDictionary(c => c.Id, StringComparer.Ordinal);
        _citations = citations.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _conditions = conditions.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _outcomes = outcomes.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _classes = classes.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _markers = markers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _conditionNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var condition in conditions)
        {
            foreach (var name in condition.Synonyms.Prepend(condition.Name).Prepend(condition.Id))
            {
                _conditionNames.TryAdd(name, condition.Id);
            }
        }

        _drugNames = IndexDrugNames();
        Curated = [.. Compounds.Where(c => c.Layer == KnowledgeLayer.Curated)];
        LabelEntries = [.. Compounds.Where(c => c.Layer == KnowledgeLayer.Label)];
        foreach (var entry in LabelEntries)
        {
            foreach (var ingredient in entry.Label?.Ingredients ?? [])
            {
                if (!_labelsByIngredient.TryGetValue(ingredient, out var list))
                {
                    _labelsByIngredient[ingredient] = list = [];
                }

                list.Add(entry);
            }
        }
    }

    private readonly Dictionary<string, List<Compound>> _labelsByIngredient = new(StringComparer.Ordinal);

    /// <summary>Compounds and class monographs written by curators (no imported label entries).</summary>
    public IReadOnlyList<Compound> Curated { get; }

    /// <summary>Entries of the imported label layer, one per US label.</summary>
    public IReadOnlyList<Compound> LabelEntries { get; }

    /// <summary>The ONC high-priority interaction pairs (empty when the imported layer is absent).</summary>
    public IReadOnlyList<Labels.HighPriorityPair> HighPriorityPairs { get; init; } = [];

    /// <summary>The citation the pairs come from.</summary>
    public string? HighPriorityCitationId { get; init; }

    /// <summary>The health allow-list: well-studied variants a consumer array reads reliably (<c>vocabularies/health-variants.yaml</c>).</summary>
    public IReadOnlyList<HealthVariant> HealthVariants { get; init; } = [];

    /// <summary>Meanings that need two allow-listed variants together.</summary>
    public IReadOnlyList<HealthCombination> HealthCombinations { get; init; } = [];

    /// <summary>Label entries whose ingredients include <paramref name="generic"/> (salt words ignored).</summary>
    public IReadOnlyList<Compound> LabelEntriesFor(string generic)
    {
        ArgumentNullException.ThrowIfNull(generic);
        return _labelsByIngredient.TryGetValue(Labels.LabelNames.Base(generic), out var list) ? list : [];
    }

    /// <summary>Content version: the first 12 hex digits of a SHA-256 over every source file.</summary>
    public string Version { get; }

    public IReadOnlyList<Compound> Compounds { get; }
    public IReadOnlyList<Citation> Citations { get; }
    public IReadOnlyList<Condition> Conditions { get; }
    public IReadOnlyList<Outcome> Outcomes { get; }
    public IReadOnlyList<DrugClass> Classes { get; }
    public IReadOnlyList<Marker> Markers { get; }

    public int ClaimCount => _claims.Count;

    public Compound? Compound(string id) => _compounds.GetValueOrDefault(id);
    public Claim? Claim(string id) => _claims.GetValueOrDefault(id);
    public Citation? Citation(string id) => _citations.GetValueOrDefault(id);
    public Condition? Condition(string id) => _conditions.GetValueOrDefault(id);
    public Outcome? Outcome(string id) => _outcomes.GetValueOrDefault(id);
    public DrugClass? Class(string id) => _classes.GetValueOrDefault(id);
    public Marker? Marker(string id) => _markers.GetValueOrDefault(id);

    /// <summary>Finds a condition by id, name or synonym, ignoring case; null when nothing matches.</summary>
    public Condition? FindCondition(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _conditionNames.TryGetValue(name.Trim(), out var id) ? _conditions[id] : null;
    }

    /// <summary>
    /// Resolves a medication name as people write it ("Lexapro", "escitalopram 10 mg", "Cerebrolysin")
    /// through compound names and synonyms, class members and their brands. Case, ®/™ and a trailing
    /// dose or form are ignored. Empty when nothing matches: an unknown name is reported, never guessed;
    /// more than one match when a brand or name is shared.
    /// </summary>
    public IReadOnlyList<DrugMatch> ResolveDrug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = NormaliseDrugName(name);
        while (key.Length > 0)
        {
            if (_drugNames.TryGetValue(key, out var matches))
            {
                return matches;
            }

            // Drop a trailing word ("10 mg", "tablets", "XR") and try again.
            var space = key.LastIndexOf(' ');
            key = space < 0 ? string.Empty : key[..space];
        }

        return [];
    }

    /// <summary>Every name <see cref="ResolveDrug"/> knows, normalised (for suggestions).</summary>
    public IEnumerable<string> DrugNames => _drugNames.Keys;

    /// <summary>Every condition id, name and synonym (for suggestions).</summary>
    public IEnumerable<string> ConditionNames => _conditionNames.Keys;

    /// <summary>The condition and its parents, nearest first (kidney failure → severe renal impairment).</summary>
    public IReadOnlyList<Condition> ConditionAndAncestors(string id)
    {
        var chain = new List<Condition>();
        for (var current = Condition(id); current is not null && chain.Count < 32; current = current.ParentId is null ? null : Condition(current.ParentId))
        {
            chain.Add(current);
        }

        return chain;
    }

    /// <summary>The class and its parents, nearest first (ssri → antidepressants).</summary>
    public IReadOnlyList<DrugClass> ClassAndAncestors(string id)
    {
        var chain = new List<DrugClass>();
        for (var current = Class(id); current is not null && chain.Count < 32; current = current.ParentId is null ? null : Class(current.ParentId))
        {
            chain.Add(current);
        }

        return chain;
    }

    private Dictionary<string, List<DrugMatch>> IndexDrugNames()
    {
        var index = new Dictionary<string, List<DrugMatch>>(StringComparer.Ordinal);
        void Add(string name, DrugMatch match)
        {
            var key = NormaliseDrugName(name);
            if (key.Length == 0)
            {
                return;
            }

            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            if (!list.Any(m => m.Generic == match.Generic))
            {
                list.Add(match);
            }
        }

        IReadOnlyList<string> ClassesOf(IEnumerable<string> direct) =>
            direct.SelectMany(c => ClassAndAncestors(c).Select(a => a.Id)).Distinct(StringComparer.Ordinal).ToArray();

        foreach (var compound in Compounds.Where(c => c.Kind != CompoundKind.DrugClass && c.Layer == KnowledgeLayer.Curated))
        {
            var classes = ClassesOf(compound.ClassIds.Concat(Classes.Where(k => k.Members.Any(m => m.CompoundId == compound.Id)).Select(k => k.Id)));
            var match = new DrugMatch(compound.Name.ToLowerInvariant(), compound.Id, classes, "compound");
            Add(compound.Id, match);
            Add(compound.Name, match);
            foreach (var synonym in compound.Synonyms)
            {
                Add(synonym, match with { MatchedBy = "synonym" });
            }
        }

        foreach (var member in Classes.SelectMany(k => k.Members).DistinctBy(m => m.Name))
        {
            var classes = ClassesOf(Classes.Where(k => k.Members.Any(m => m.Name == member.Name)).Select(k => k.Id));
            var match = new DrugMatch(member.Name, member.CompoundId, classes, "generic");
            Add(member.Name, match);
            foreach (var brand in member.Brands)
            {
                Add(brand, match with { MatchedBy = "brand" });
            }
        }

        // Label entries last: a curated compound or class member of the same generic keeps the name, and the
        // report reaches the label entry through LabelEntriesFor.
        foreach (var entry in Compounds.Where(c => c.Layer == KnowledgeLayer.Label))
        {
            var classes = ClassesOf(entry.ClassIds);
            var generic = entry.Label!.Ingredients.Count == 1 ? entry.Label.Ingredients[0] : entry.Name.ToLowerInvariant();
            var match = new DrugMatch(generic, entry.Id, classes, "generic");
            Add(entry.Id, match);
            Add(entry.Name, match);
            foreach (var synonym in entry.Synonyms)
            {
                Add(synonym, match with { MatchedBy = "brand" });
            }
        }

        return index;
    }

    private static string NormaliseDrugName(string name)
    {
        var cleaned = new string(name.Where(c => c is not ('®' or '™')).ToArray()).Trim().ToLowerInvariant();
        return string.Join(' ', cleaned.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }
}
