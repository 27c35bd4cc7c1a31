using System.Security.Cryptography;
using System.Text;

namespace Decodex.Core.Knowledge.Labels;

/// <summary>Sentences of label text, and the hash that pins a passage.</summary>
public static class LabelText
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "vs", "approx", "dr", "no", "fig", "inc", "ca", "etc", "st", "mr", "mrs", "ms", "al", "resp", "max", "min", "u.s",
    };

    /// <summary>SHA-256 of the passage's UTF-8 bytes, lower-case hex.</summary>
    public static string Hash(string passage) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(passage)));

    /// <summary>
    /// The sentences of <paramref name="text"/> as (start, length) ranges, trimmed. A sentence ends at a
    /// full stop, question or exclamation mark followed by a space and a capital letter, a digit or a
    /// bullet, unless the word before the stop is a known abbreviation or a single letter.
    /// </summary>
    public static IEnumerable<(int Start, int Length)> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        for (var i = 0; i < text.Length - 2; i++)
        {
            var c = text[i];
            if (c is not ('.' or '?' or '!') || text[i + 1] != ' ')
            {
                continue;
            }

            // openFDA writes the items of a list as " . " ("with a seizure disorder [see 5.2] . with bulimia"): each item is a passage.
            if (c == '.' && i > 0 && text[i - 1] == ' ')
            {
                if (Trim(text, start, i + 1) is { } item)
                {
                    yield return item;
                }

                start = i + 2;
                continue;
            }

            var next = text[i + 2];
            if (!(char.IsUpper(next) || char.IsDigit(next) || next is '•' or '(' or '['))
            {
                continue;
            }

            if (c == '.' && EndsWithAbbreviation(text, start, i))
            {
                continue;
            }

            if (Trim(text, start, i + 1) is { } range)
            {
                yield return range;
            }

            start = i + 2;
        }

        if (Trim(text, start, text.Length) is { } last)
        {
            yield return last;
        }
    }

    private static bool EndsWithAbbreviation(string text, int start, int stop)
    {
        var wordStart = stop;
        while (wordStart > start && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..stop];
        return word.Length == 1 || Abbreviations.Contains(word);
    }

    private static (int, int)? Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end > start ? (start, end - start) : null;
    }

    /// <summary>Lower-case words of <paramref name="text"/>, with curly apostrophes made straight (for phrase matching).</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in text)
        {
            var c = raw is '’' or '‘' ? '\'' : char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c) || (current.Length > 0 && c is '-' or '\'' or '*' or '/'))
            {
                current.Append(c);
            }
            else if (c == '.' && current.Length > 0 && current.ToString() == "st")
            {
                current.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length == 0)
            {
                return;
            }

            var word = current.ToString().TrimEnd('-', '\'', '/');
            if (word.Length > 0)
            {
                words.Add(word);
            }

            current.Clear();
        }
    }

    /// <summary>A phrase's words joined by single spaces: the key phrase tables are looked up by.</summary>
    public static string Key(string phrase) => string.Join(' ', Words(phrase));
}
