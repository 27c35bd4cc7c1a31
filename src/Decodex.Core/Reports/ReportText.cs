using System.Globalization;

namespace Decodex.Core.Reports;

/// <summary>
/// Small wording rules for what a reader sees: whole sentences with one full stop, numbers rounded
/// for people, units without UCUM annotations, APOE with its Greek letter.
/// </summary>
public static class ReportText
{
    /// <summary>The text as one sentence: trimmed, capital first, ending in exactly one full stop (or ? or !).</summary>
    public static string Sentence(string? text)
    {
        var t = Clause(text);
        if (t.Length == 0)
        {
            return t;
        }

        t = char.ToUpperInvariant(t[0]) + t[1..];
        return t[^1] is '.' or '?' or '!' ? t : t + ".";
    }

    /// <summary>The text without surrounding space or trailing full stops, and with inner runs of space folded.</summary>
    public static string Clause(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var folded = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return folded.TrimEnd('.', ' ');
    }

    /// <summary>Parts joined as sentences, skipping empty ones, so no double full stop can appear.</summary>
    public static string JoinSentences(params string?[] parts) =>
        string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(Sentence));

    /// <summary>Two clauses joined with "and", either possibly missing.</summary>
    public static string? JoinClauses(string? first, string? second) =>
        string.IsNullOrWhiteSpace(first) ? second : string.IsNullOrWhiteSpace(second) ? first : $"{Clause(first)}, and {Clause(second)}";

    /// <summary>Lower-cases a name unless it starts with an acronym or a proper noun-like capital pair (CKD, QT, Alzheimer's stays).</summary>
    public static string Lower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // An acronym stays as written: "HIV", "G6PD deficiency" (a first word with two capitals or a digit).
        var first = text.Split(' ', 2)[0];
        if (text.Length < 2 || char.IsUpper(text[1]) || text.Contains('\'', StringComparison.Ordinal) || (first.Any(char.IsDigit) && first.Any(char.IsUpper)))
        {
            return text;
        }

        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>The first sentence of a statement, cut at a word near 110 characters.</summary>
    public static string Headline(string statement)
    {
        var t = Clause(statement);
        var end = t.IndexOf(". ", StringComparison.Ordinal);
        if (end > 0)
        {
            t = t[..end];
        }

        if (t.Length <= 110)
        {
            return t;
        }

        var cut = t.LastIndexOf(' ', 105);
        return (cut > 40 ? t[..cut] : t[..105]).TrimEnd(',', ';', ':') + "…";
    }

    /// <summary>A number for people: at most three significant digits, no trailing zeros.</summary>
    public static string Number(decimal value)
    {
        var abs = Math.Abs(value);
        var decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A number for people.</summary>
    public static string Number(double value) => Number((decimal)value);

    /// <summary>A UCUM unit as people write it (the lab catalogue's display rules).</summary>
    public static string Unit(string? ucum) => Labs.LabUnit.Display(ucum);

    /// <summary>A term of the data (<c>not-callable</c>, <c>ambiguous</c>) as words, starting with a capital: "Not callable".</summary>
    public static string Words(Enum value)
    {
        var words = Knowledge.TermText.Of(value).Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>How far a source was checked, in words (<c>verified-abstract</c> → "Verified (abstract or record)"); an unknown term as written.</summary>
    public static string Verification(string term) =>
        Enum.GetValues<Knowledge.VerificationStatus>().FirstOrDefault(s => Knowledge.TermText.Of(s) == term) is var status && Knowledge.TermText.Of(status) == term
            ? Monographs.Wording.Verification(status)
            : term;

    /// <summary>APOE genotype written with the Greek letter (e3/e4 → ε3/ε4).</summary>
    public static string Apoe(string genotype) => genotype.Replace('e', 'ε');
}
