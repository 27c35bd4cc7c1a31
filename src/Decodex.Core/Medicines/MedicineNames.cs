using System.Text;

namespace Decodex.Core.Medicines;

/// <summary>
/// The one normalisation shared by the compiler (for the stored keys) and the runtime (for what a user
/// writes), so both sides agree byte for byte. Pure functions over short strings; never throw.
/// </summary>
internal static class MedicineNames
{
    /// <summary>Inputs longer than this are refused before any work is done.</summary>
    public const int MaxInputLength = 200;

    private static readonly HashSet<string> DoseWords = new(StringComparer.Ordinal)
    {
        "mg", "mcg", "µg", "ug", "g", "gm", "gram", "grams", "ml", "l", "iu", "unit", "units", "mmol", "meq", "%", "mg/ml", "mcg/ml", "mg/5ml", "mcg/hr", "mg/hr",
        "tablet", "tablets", "tab", "tabs", "tbl", "capsule", "capsules", "cap", "caps", "caplet", "caplets", "pill", "pills",
        "oral", "solution", "suspension", "syrup", "liquid", "elixir", "injection", "injectable", "cream", "gel", "ointment",
        "patch", "patches", "drops", "spray", "inhaler", "chewable", "coated", "film-coated", "dispersible", "effervescent", "soluble",
        "extended-release", "delayed-release", "modified-release", "prolonged-release", "sustained-release", "extended", "delayed", "modified",
        "prolonged", "sustained", "release", "daily", "once", "twice", "bd", "bid", "tid", "tds", "qd", "od", "qid", "prn", "nightly",
        "morning", "night", "evening", "bedtime", "weekly", "as", "needed", "per", "day", "at", "x", "times", "take", "takes", "taking", "by", "mouth",
    };

    private static readonly System.Buffers.SearchValues<char> DecimalCharacters = System.Buffers.SearchValues.Create("0123456789.");

    private static readonly HashSet<string> ReleaseSuffixes = new(StringComparer.Ordinal)
    {
        "xr", "er", "sr", "xl", "cr", "la", "dr", "cd", "odt", "ir", "ec", "mr", "xr-odt",
    };

    /// <summary>
    /// Case-folds (invariant), drops control characters and ®™©, unifies and then removes apostrophes
    /// (St John's = St Johns), turns full stops that are not decimal points into spaces, writes the word
    /// "saint" as "st" and collapses white space. Returns "" for text with nothing left.
    /// </summary>
    public static string Key(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '®' or '™' or '©' or '\'' or '’' or '‘' or '`' or '´' or 'ʼ':
                    continue;
                case '.':
                    var decimalPoint = i > 0 && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
                    builder.Append(decimalPoint ? '.' : ' ');
                    continue;
            }

            if (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] == "saint")
            {
                words[i] = "st";
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>
    /// Removes strength, unit, dose-form and frequency words from a key ("lasix 40 mg tab" → "lasix").
    /// With <paramref name="releaseSuffixes"/> also removes XR/ER/SR-style suffixes. Returns the key
    /// unchanged when nothing would be left.
    /// </summary>
    public static string StripDose(string key, bool releaseSuffixes)
    {
        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(words.Length);
        foreach (var word in words)
        {
            if (IsDoseWord(word) || (releaseSuffixes && ReleaseSuffixes.Contains(word)))
            {
                continue;
            }

            kept.Add(word);
        }

        return kept.Count == 0 ? key : string.Join(' ', kept);
    }

    /// <summary>Splits a key into the parts of a combination ("a with b", "a/b", "a + b", "a and b", "a, b"); one part when there is no separator.</summary>
    public static List<string> SplitCombination(string key, bool hyphens)
    {
        var text = key.Replace(" with ", "|", StringComparison.Ordinal)
            .Replace(" and ", "|", StringComparison.Ordinal)
            .Replace(" plus ", "|", StringComparison.Ordinal)
            .Replace(" & ", "|", StringComparison.Ordinal)
            .Replace('/', '|').Replace('+', '|').Replace(',', '|').Replace(';', '|');
        if (hyphens)
        {
            text = text.Replace('-', '|');
        }

        var parts = new List<string>();
        foreach (var part in text.Split('|'))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                parts.Add(trimmed);
            }
        }

        return parts;
    }

    private static bool IsDoseWord(string word)
    {
        // "#3" is not stripped: "Tylenol #3" is Tylenol with Codeine No. 3, not Tylenol.
        if (DoseWords.Contains(word))
        {
            return true;
        }

        // A strength such as "400", "400mg", "0.5mg", "12.5", "20mg/ml", "5%" or "1x" (not "5-htp").
        var i = 0;
        while (i < word.Length && (char.IsAsciiDigit(word[i]) || word[i] == '.' || word[i] == ','))
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        var unit = word[i..];
        return unit.Length == 0 || DoseWords.Contains(unit) || unit is "x" or "mg/d" or "mg/day"
            || (unit.Length > 1 && unit[0] == '/' && unit.AsSpan(1).IndexOfAnyExcept(DecimalCharacters) < 0);
    }
}
