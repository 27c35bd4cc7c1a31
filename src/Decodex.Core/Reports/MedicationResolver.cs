using Decodex.Core.Knowledge;
using Decodex.Core.Text;

namespace Decodex.Core.Reports;

/// <summary>
/// Turns a medicine name as written on a box ("Lexapro 10 mg", "Tylenol with codeine") into the
/// generics it contains, with their compounds and classes. The knowledge base answers first (its
/// compounds, class members and brands); a name it does not know is split into the parts of a
/// combination product. A name that resolves to nothing is never guessed: <see cref="Suggest"/> offers
/// the nearest names for the person to choose from.
/// </summary>
public sealed class MedicationResolver
{
    private static readonly string[] CombinationSeparators = [" with ", " and ", " plus ", "/", "+", " & "];
    private readonly KnowledgeBase _knowledgeBase;

    public MedicationResolver(KnowledgeBase knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        _knowledgeBase = knowledgeBase;
    }

    /// <summary>The generics the name stands for; empty when it is not recognised.</summary>
    public IReadOnlyList<DrugMatch> Resolve(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var text = written.Length > 200 ? written[..200] : written;
        var whole = ResolveOne(text);
        if (whole.Count > 0)
        {
            return whole;
        }

        foreach (var separator in CombinationSeparators)
        {
            var parts = text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || parts.Length > 6)
            {
                continue;
            }

            var resolved = parts.Select(ResolveOne).ToList();
            if (resolved.All(r => r.Count > 0))
            {
                return [.. resolved.SelectMany(r => r).DistinctBy(m => m.Generic)];
            }
        }

        return [];
    }

    /// <summary>Up to three known names near what was written, for a "did you mean" line.</summary>
    public IReadOnlyList<string> Suggest(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        return NearestNames.Find(StripDose(written), _knowledgeBase.DrugNames);
    }

    private List<DrugMatch> ResolveOne(string text) => [.. _knowledgeBase.ResolveDrug(text)];

    /// <summary>The name without a trailing strength ("ibuprofen 400 mg" → "ibuprofen").</summary>
    private static string StripDose(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = words.TakeWhile(w => w.Length == 0 || !char.IsDigit(w[0])).ToArray();
        return kept.Length == 0 ? text : string.Join(' ', kept);
    }
}
