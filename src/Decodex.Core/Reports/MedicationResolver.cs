using Decodex.Core.Knowledge;
using Decodex.Core.Medicines;
using Decodex.Core.Text;

namespace Decodex.Core.Reports;

/// <summary>
/// Turns a medicine name as written on a box ("Lexapro 10 mg", "Tylenol with codeine", "Lasix") into
/// the generics it contains, with their compounds and classes. Two sources answer together: the
/// knowledge base (its compounds, curated class members and brands) and the compiled medicine
/// vocabulary (RxNorm, FDA classes, MeSH, EMA; see Medicines/Data/README.md). Each generic gets the
/// classes both give, with the knowledge base's parents, and the trail of hops that reached it. A name
/// that resolves to nothing is never guessed: <see cref="Suggest"/> offers the nearest names.
/// </summary>
public sealed class MedicationResolver
{
    private static readonly string[] CombinationSeparators = [" with ", " and ", " plus ", "/", "+", " & "];
    private readonly KnowledgeBase _knowledgeBase;
    private readonly MedicineVocabulary? _vocabulary;

    /// <summary>A resolver over the knowledge base and the embedded medicine vocabulary.</summary>
    public MedicationResolver(KnowledgeBase knowledgeBase)
        : this(knowledgeBase, MedicineVocabulary.Embedded)
    {
    }

    /// <summary>A resolver over the knowledge base and <paramref name="vocabulary"/> (none: the knowledge base alone).</summary>
    public MedicationResolver(KnowledgeBase knowledgeBase, MedicineVocabulary? vocabulary)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        _knowledgeBase = knowledgeBase;
        _vocabulary = vocabulary;
    }

    /// <summary>The generics the name stands for; empty when it is not recognised.</summary>
    public IReadOnlyList<DrugMatch> Resolve(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var text = written.Length > 200 ? written[..200] : written;
        var matches = new List<DrugMatch>(ResolveInKnowledgeBase(text));
        if (_vocabulary is not null)
        {
            foreach (var ingredient in _vocabulary.Resolve(text).Ingredients)
            {
                var existing = matches.FindIndex(m => string.Equals(m.Generic, ingredient.Name, StringComparison.OrdinalIgnoreCase));
                var fromVocabulary = FromVocabulary(ingredient);
                if (existing < 0)
                {
                    matches.Add(fromVocabulary);
                }
                else
                {
                    var known = matches[existing];
                    matches[existing] = known with
                    {
                        ClassIds = [.. known.ClassIds.Concat(fromVocabulary.ClassIds).Distinct(StringComparer.Ordinal)],
                        Trail = known.Trail.Count > 0 ? known.Trail : fromVocabulary.Trail,
                    };
                }
            }
        }

        return matches;
    }

    /// <summary>Up to three known names near what was written, for a "did you mean" line.</summary>
    public IReadOnlyList<string> Suggest(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var fromVocabulary = _vocabulary?.Suggest(written) ?? [];
        var fromKnowledge = NearestNames.Find(StripDose(written), _knowledgeBase.DrugNames);
        return [.. fromVocabulary.Concat(fromKnowledge).Distinct(StringComparer.OrdinalIgnoreCase).Take(3)];
    }

    private DrugMatch FromVocabulary(ResolvedIngredient ingredient)
    {
        var known = _knowledgeBase.ResolveDrug(ingredient.Name);
        var classes = ingredient.Classes.Select(c => c.ClassId)
            .Concat(known.SelectMany(k => k.ClassIds))
            .SelectMany(Ancestors)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new DrugMatch(ingredient.Name, known.Select(k => k.CompoundId).FirstOrDefault(c => c is not null), classes, ingredient.MatchedBy)
        {
            Trail = ingredient.Hops,
        };
    }

    /// <summary>A class with its parents, from the knowledge base's classes and the vocabulary's.</summary>
    private IEnumerable<string> Ancestors(string classId)
    {
        var seen = 0;
        for (var current = classId; current is not null && seen < 16; seen++)
        {
            yield return current;
            current = _knowledgeBase.Class(current)?.ParentId ?? _vocabulary?.FindClass(current)?.ParentId;
        }
    }

    private List<DrugMatch> ResolveInKnowledgeBase(string text)
    {
        var whole = _knowledgeBase.ResolveDrug(text);
        if (whole.Count > 0)
        {
            return [.. whole];
        }

        foreach (var separator in CombinationSeparators)
        {
            var parts = text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length is < 2 or > 6)
            {
                continue;
            }

            var resolved = parts.Select(_knowledgeBase.ResolveDrug).ToList();
            if (resolved.All(r => r.Count > 0))
            {
                return [.. resolved.SelectMany(r => r).DistinctBy(m => m.Generic)];
            }
        }

        return [];
    }

    /// <summary>The name without a trailing strength ("ibuprofen 400 mg" → "ibuprofen").</summary>
    private static string StripDose(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = words.TakeWhile(w => w.Length == 0 || !char.IsDigit(w[0])).ToArray();
        return kept.Length == 0 ? text : string.Join(' ', kept);
    }
}
