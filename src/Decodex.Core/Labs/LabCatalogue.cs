using Decodex.Core.Knowledge;

namespace Decodex.Core.Labs;

/// <summary>The knowledge base's markers, found by LOINC code or by a name a report uses.</summary>
public sealed class LabCatalogue
{
    private readonly Dictionary<string, Marker> _byLoinc = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Marker> _byName = new(StringComparer.OrdinalIgnoreCase);

    public LabCatalogue(KnowledgeBase knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        KnowledgeBase = knowledgeBase;
        foreach (var marker in knowledgeBase.Markers)
        {
            foreach (var code in marker.Loinc)
            {
                _byLoinc.TryAdd(code, marker);
            }

            _byName.TryAdd(marker.Name.Trim(), marker);
            foreach (var alias in marker.Aliases)
            {
                _byName.TryAdd(alias, marker);
            }
        }
    }

    public KnowledgeBase KnowledgeBase { get; }

    /// <summary>The marker of a result: by LOINC first, else by name; null when unknown (never guessed).</summary>
    public Marker? Find(string? loinc, string? name)
    {
        if (loinc is not null && _byLoinc.TryGetValue(loinc, out var byCode))
        {
            return byCode;
        }

        if (name is null)
        {
            return null;
        }

        // Displays sometimes carry zero-width spaces or a flag in parentheses ("White Blood Cell (Elevated)").
        var clean = name.Replace("\u200b", string.Empty, StringComparison.Ordinal).Trim();
        if (_byName.TryGetValue(clean, out var byName))
        {
            return byName;
        }

        var paren = clean.LastIndexOf(" (", StringComparison.Ordinal);
        return paren > 0 && clean.EndsWith(')') && _byName.TryGetValue(clean[..paren], out var stripped) ? stripped : null;
    }

    public Marker? Marker(string id) => KnowledgeBase.Marker(id);
}
