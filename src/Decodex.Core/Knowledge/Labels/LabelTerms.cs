namespace Decodex.Core.Knowledge.Labels;

/// <summary>What a phrase in label text stands for.</summary>
public enum LabelTermKind
{
    /// <summary>A condition id.</summary>
    Condition,

    /// <summary>A drug class id.</summary>
    Class,

    /// <summary>A generic name, or <c>compound:&lt;id&gt;</c>.</summary>
    Drug,

    /// <summary>Words of our own naming a warning topic.</summary>
    Topic,

    /// <summary>A word that is not a medicine in label prose.</summary>
    Ignore,
}

/// <summary>One phrase and what it stands for.</summary>
public sealed record LabelTerm(LabelTermKind Kind, string Phrase, string Target);

/// <summary>
/// A phrase table over label text: whole-word, case-insensitive, longest phrase first, so
/// "strong CYP3A4 inhibitors" is one class and "severe hepatic impairment" one condition.
/// </summary>
public sealed class LabelTerms
{
    private readonly Dictionary<string, List<LabelTerm>> _byKey = new(StringComparer.Ordinal);
    private int _longest = 1;

    /// <summary>Every term, in the order added.</summary>
    public List<LabelTerm> All { get; } = [];

    /// <summary>Adds a term; a phrase may stand for several things of different kinds.</summary>
    public void Add(LabelTermKind kind, string phrase, string target)
    {
        var key = LabelText.Key(phrase);
        if (key.Length == 0 || key.Length > 120)
        {
            return;
        }

        if (!_byKey.TryGetValue(key, out var list))
        {
            _byKey[key] = list = [];
        }

        // The first meaning of a kind wins: curated rows are added before names drawn from the vocabularies.
        if (list.Any(t => t.Kind == kind))
        {
            return;
        }

        var term = new LabelTerm(kind, phrase, target);
        list.Add(term);
        All.Add(term);
        _longest = Math.Max(_longest, key.Count(c => c == ' ') + 1);
    }

    /// <summary>True when the phrase is known with that kind.</summary>
    public bool Has(LabelTermKind kind, string phrase) => _byKey.TryGetValue(LabelText.Key(phrase), out var list) && list.Any(t => t.Kind == kind);

    /// <summary>
    /// The terms found in <paramref name="words"/>, scanning left to right and taking the longest phrase at
    /// each position; a phrase marked <see cref="LabelTermKind.Ignore"/> consumes its words and yields nothing.
    /// </summary>
    public List<LabelTerm> Find(IReadOnlyList<string> words)
    {
        var found = new List<LabelTerm>();
        for (var i = 0; i < words.Count;)
        {
            var matched = 0;
            for (var n = Math.Min(_longest, words.Count - i); n >= 1; n--)
            {
                var key = n == 1 ? words[i] : string.Join(' ', words.Skip(i).Take(n));
                if (_byKey.TryGetValue(key, out var terms))
                {
                    // A phrase marked ignore means nothing in label prose, whatever else it might name.
                    if (!terms.Any(t => t.Kind == LabelTermKind.Ignore))
                    {
                        found.AddRange(terms);
                    }

                    matched = n;
                    break;
                }
            }

            i += Math.Max(1, matched);
        }

        return found;
    }

    /// <summary>Reads the curated TSV (kind, phrase, target; lines starting with # are comments).</summary>
    public static LabelTerms ReadCurated(string tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var terms = new LabelTerms();
        var header = true;
        foreach (var line in tsv.Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = text.Split('\t');
            if (cells.Length < 2 || !Enum.TryParse<LabelTermKind>(cells[0], ignoreCase: true, out var kind))
            {
                throw new FormatException($"label-terms.tsv: a row needs a kind (condition, class, drug, topic, ignore) and a phrase: \"{text}\".");
            }

            terms.Add(kind, cells[1], cells.Length > 2 ? cells[2] : string.Empty);
        }

        return terms;
    }
}
