using System.Globalization;
using System.Text.RegularExpressions;

namespace Decodex.Core.Labs;

/// <summary>Parsing of dates, values and codes as lab files write them.</summary>
internal static partial class LabText
{
    /// <summary>
    /// ISO dates (<c>2024-03-05</c>, with an optional time and offset; no offset is read as UTC) and
    /// <c>DD.MM.YYYY</c>. Slash dates are refused: 03/04/2024 is March or April depending on the country.
    /// </summary>
    public static bool TryParseDate(string? text, out DateTimeOffset date, out bool dateOnly)
    {
        date = default;
        dateOnly = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || DateOnly.TryParseExact(text, "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out d)
            || DateOnly.TryParseExact(text, "d.M.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
        {
            date = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            dateOnly = true;
            return true;
        }

        return text.Length >= 16 && text[4] == '-' && text[10] is 'T' or ' '
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out date);
    }

    /// <summary>A number with a decimal point or a decimal comma, optionally censored (<c>&lt;5</c>, <c>&gt;=100</c>).</summary>
    public static bool TryParseValue(string? text, out LabValue value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var comparator = LabComparator.Equal;
        foreach (var (prefix, c) in new[] { ("<=", LabComparator.LessOrEqual), (">=", LabComparator.GreaterOrEqual), ("≤", LabComparator.LessOrEqual), ("≥", LabComparator.GreaterOrEqual), ("<", LabComparator.LessThan), (">", LabComparator.GreaterThan) })
        {
            if (s.StartsWith(prefix, StringComparison.Ordinal))
            {
                comparator = c;
                s = s[prefix.Length..].Trim();
                break;
            }
        }

        if (s.Contains(',', StringComparison.Ordinal))
        {
            // A decimal comma (5,4); with a point as well (1,234.5) the reading is ambiguous.
            if (s.Contains('.', StringComparison.Ordinal) || s.Count(ch => ch == ',') > 1)
            {
                return false;
            }

            s = s.Replace(',', '.');
        }

        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        value = new LabValue(number, comparator);
        return true;
    }

    /// <summary>Whether the text is shaped like a LOINC code (digits, a hyphen, a check digit).</summary>
    public static bool IsLoinc(string text) => LoincPattern().IsMatch(text);

    [GeneratedRegex(@"^\d{1,7}-\d$")]
    private static partial Regex LoincPattern();
}
