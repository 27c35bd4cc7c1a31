using Decodex.Core.Knowledge;

namespace Decodex.Web;

/// <summary>
/// The names offered as a person types a medicine or condition: the knowledge base's compounds and
/// synonyms, its drug classes' members and their brands (so <c>Lexapro</c> and <c>escitalopram</c>), the
/// generic and brand names of the imported US labels,
/// and its condition names. Built once; immutable and thread-safe.
/// </summary>
internal sealed class ProfileVocabulary(KnowledgeBase kb)
{
    private readonly Lazy<IReadOnlyList<string>> _medicines = new(() =>
        [.. kb.Curated.SelectMany(c => c.Synonyms.Prepend(c.Name))
            .Concat(kb.Classes.SelectMany(c => c.Members.SelectMany(m => m.Brands.Prepend(m.Name))))
            .Concat(kb.LabelEntries.SelectMany(c => c.Synonyms.Prepend(c.Name.ToLowerInvariant())))
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)]);

    private readonly Lazy<IReadOnlyList<string>> _conditions = new(() =>
        [.. kb.Conditions.Select(c => c.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)]);

    /// <summary>Medicine names, sorted, each once.</summary>
    public IReadOnlyList<string> Medicines => _medicines.Value;

    /// <summary>Condition names, sorted, each once.</summary>
    public IReadOnlyList<string> Conditions => _conditions.Value;
}
