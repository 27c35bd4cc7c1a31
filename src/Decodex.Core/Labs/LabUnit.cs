using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Decodex.Core.Labs;

/// <summary>
/// A lab unit, parsed by Decodex's own UCUM-aware normaliser: common lab spellings are first mapped to
/// UCUM (<c>K/uL</c> → <c>10*3/uL</c>, <c>mEq/L</c> → <c>meq/L</c>, <c>mIU/L</c> → <c>m[IU]/L</c>), then
/// the UCUM expression is reduced to a scale and a dimension over base units (g, L, mol, eq, U,
/// [IU], s, m, and annotations such as <c>{1.73_m2}</c>). Two units convert only when their dimensions are
/// identical: mass↔molar and eq↔mol depend on the analyte and go through the marker catalogue. Nothing
/// is guessed: an unreadable unit does not parse.
/// </summary>
public sealed record LabUnit
{
    // Lab spellings → UCUM. Keys are compared exactly after trimming; a few are also tried lower-cased.
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["K/uL"] = "10*3/uL",
        ["K/µL"] = "10*3/uL",
        ["x10E3/uL"] = "10*3/uL",
        ["x10^3/uL"] = "10*3/uL",
        ["10^3/uL"] = "10*3/uL",
        ["10E3/uL"] = "10*3/uL",
        ["x10*3/uL"] = "10*3/uL",
        ["thou/uL"] = "10*3/uL",
        ["M/uL"] = "10*6/uL",
        ["M/µL"] = "10*6/uL",
        ["x10E6/uL"] = "10*6/uL",
        ["x10^6/uL"] = "10*6/uL",
        ["10^6/uL"] = "10*6/uL",
        ["10E6/uL"] = "10*6/uL",
        ["x10*6/uL"] = "10*6/uL",
        ["mill/uL"] = "10*6/uL",
        ["x10E9/L"] = "10*9/L",
        ["x10^9/L"] = "10*9/L",
        ["10^9/L"] = "10*9/L",
        ["x10*9/L"] = "10*9/L",
        ["x10E12/L"] = "10*12/L",
        ["x10^12/L"] = "10*12/L",
        ["10^12/L"] = "10*12/L",
        ["x10*12/L"] = "10*12/L",
        ["mEq/L"] = "meq/L",
        ["IU/L"] = "[IU]/L",
        ["IU/mL"] = "[IU]/mL",
        ["mIU/L"] = "m[IU]/L",
        ["mIU/mL"] = "m[IU]/mL",
        ["uIU/mL"] = "u[IU]/mL",
        ["µIU/mL"] = "u[IU]/mL",
        ["kIU/L"] = "k[IU]/L",
        ["mL/min/1.73m2"] = "mL/min/{1.73_m2}",
        ["mL/min/1.73 m2"] = "mL/min/{1.73_m2}",
        ["mL/min/1.73m²"] = "mL/min/{1.73_m2}",
        ["mL/min/1.73 m²"] = "mL/min/{1.73_m2}",
        ["ml/min/1.73m2"] = "mL/min/{1.73_m2}",
        ["cells/uL"] = "/uL",
        ["percent"] = "%",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly (string Atom, string Base, decimal Scale)[] Atoms =
    [
        ("[IU]", "[IU]", 1m),
        ("mol", "mol", 1m),
        ("min", "s", 60m),
        ("eq", "eq", 1m),
        ("g", "g", 1m),
        ("L", "L", 1m),
        ("l", "L", 1m),
        ("U", "U", 1m),
        ("s", "s", 1m),
        ("h", "s", 3600m),
        ("m", "m", 1m),
    ];

    private static readonly (char Prefix, decimal Scale)[] Prefixes =
    [
        ('k', 1e3m), ('d', 0.1m), ('c', 0.01m), ('m', 1e-3m), ('u', 1e-6m), ('n', 1e-9m), ('p', 1e-12m), ('f', 1e-15m),
    ];

    private LabUnit(string code, decimal scale, string dimension)
    {
        Code = code;
        Scale = scale;
        Dimension = dimension;
    }

    /// <summary>The UCUM code after mapping lab spellings (e.g. <c>10*3/uL</c> for <c>K/uL</c>).</summary>
    public string Code { get; }

    /// <summary>The factor to the base units of <see cref="Dimension"/> (mg/dL → 0.01 g/L).</summary>
    public decimal Scale { get; }

    /// <summary>The dimension as base units with exponents, e.g. <c>g.L-1</c>; <c>1</c> for a pure number.</summary>
    public string Dimension { get; }

    // Parsed units by the text as written (a lab file repeats a handful of units thousands of times).
    // Bounded: text from a crafted file can be anything, and past this many distinct spellings a unit is
    // parsed each time instead of remembered.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, LabUnit?> Parsed = new(StringComparer.Ordinal);
    private const int MaxRemembered = 4096;

    /// <summary>Parses a unit as labs write it; false when any part is not understood.</summary>
    public static bool TryParse(string? text, out LabUnit unit)
    {
        unit = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (Parsed.TryGetValue(text, out var known))
        {
            unit = known!;
            return known is not null;
        }

        var parsed = Parse(text);
        if (Parsed.Count < MaxRemembered)
        {
            Parsed.TryAdd(text, parsed);
        }

        unit = parsed!;
        return parsed is not null;
    }

    private static LabUnit? Parse(string text)
    {

        var code = text.Trim().Replace('µ', 'u').Replace("mcg", "ug", StringComparison.Ordinal);
        if (Aliases.TryGetValue(code, out var alias) || Aliases.TryGetValue(text.Trim(), out alias))
        {
            code = alias;
        }

        return TryReduce(code, out var scale, out var dimension) ? new LabUnit(code, scale, dimension) : null;
    }

    /// <summary>
    /// The unit as a person reads it: UCUM annotations and codes never reach a reader
    /// (<c>mL/min/{1.73_m2}</c> → <c>mL/min/1.73 m²</c>, <c>10*3/uL</c> → <c>×10³/µL</c>, <c>ug</c> → <c>µg</c>,
    /// <c>m[IU]/L</c> → <c>mIU/L</c>, <c>meq/L</c> → <c>mEq/L</c>). A lab spelling is first mapped to UCUM; text
    /// that is not a unit Decodex reads is returned trimmed, as written.
    /// </summary>
    public static string Display(string? ucum)
    {
        if (string.IsNullOrWhiteSpace(ucum))
        {
            return string.Empty;
        }

        if (!TryParse(ucum, out var unit))
        {
            return ucum.Trim();
        }

        var code = unit.Code;
        if (code is "%" or "1")
        {
            return code == "1" ? string.Empty : code;
        }

        var text = new StringBuilder();
        var term = new StringBuilder();
        for (var i = 0; i <= code.Length; i++)
        {
            var c = i < code.Length ? code[i] : '\0';
            if (c is '/' or '.' or '\0' && !InsideBraces(code, i))
            {
                text.Append(DisplayTerm(term.ToString()));
                term.Clear();
                if (c == '/')
                {
                    text.Append('/');
                }
                else if (c == '.')
                {
                    text.Append('·');
                }

                continue;
            }

            term.Append(c);
        }

        return text.ToString();
    }

    private static string DisplayTerm(string term)
    {
        if (term.Length == 0)
        {
            return string.Empty;
        }

        // An annotation alone ({1.73_m2}) is read as its text; one after an atom is dropped.
        var brace = term.IndexOf('{', StringComparison.Ordinal);
        if (brace >= 0)
        {
            var inner = term[(brace + 1)..].TrimEnd('}').Replace('_', ' ');
            if (brace > 0)
            {
                return DisplayTerm(term[..brace]);
            }

            return inner.EndsWith("m2", StringComparison.Ordinal) ? inner[..^1] + "²" : inner;
        }

        var prefix = string.Empty;
        if (term.StartsWith("10*", StringComparison.Ordinal) || term.StartsWith("10^", StringComparison.Ordinal))
        {
            var end = 3;
            while (end < term.Length && (char.IsAsciiDigit(term[end]) || (end == 3 && term[end] == '-')))
            {
                end++;
            }

            prefix = "×10" + Superscript(term[3..end]);
            term = term[end..];
            if (term.Length == 0)
            {
                return prefix;
            }
        }

        // A trailing exponent: m2 → m².
        var digits = term.Length;
        while (digits > 0 && (char.IsAsciiDigit(term[digits - 1]) || term[digits - 1] == '-'))
        {
            digits--;
        }

        var exponent = digits < term.Length && digits > 0 ? Superscript(term[digits..]) : string.Empty;
        var atom = exponent.Length > 0 ? term[..digits] : term;
        atom = atom.Replace("[IU]", "IU", StringComparison.Ordinal);
        if (atom.EndsWith("eq", StringComparison.Ordinal))
        {
            atom = atom[..^2] + "Eq";
        }

        if (atom.Length > 1 && atom[0] == 'u')
        {
            atom = "µ" + atom[1..];
        }

        return prefix + atom + exponent;
    }

    private static string Superscript(string digits) =>
        string.Concat(digits.Select(d => d switch
        {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            '-' => '⁻',
            _ => d,
        }));

    /// <summary>Whether a value in this unit can be expressed in <paramref name="other"/> by scaling alone.</summary>
    public bool IsCommensurableWith(LabUnit other) => string.Equals(Dimension, other.Dimension, StringComparison.Ordinal);

    /// <summary>The value in <paramref name="target"/>, or null when the dimensions differ.</summary>
    public decimal? Convert(decimal value, LabUnit target) =>
        IsCommensurableWith(target) ? value * Scale / target.Scale : null;

    /// <inheritdoc />
    public override string ToString() => Code;

    private static bool TryReduce(string code, out decimal scale, out string dimension)
    {
        scale = 1m;
        dimension = string.Empty;
        var exponents = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (code is "1" or "%")
        {
            scale = code == "%" ? 0.01m : 1m;
            dimension = "1";
            return true;
        }

        // Terms separated by '.' (multiply) and '/' (divide, left to right). A leading '/' divides 1.
        var sign = 1;
        var term = new StringBuilder();
        for (var i = 0; i <= code.Length; i++)
        {
            var c = i < code.Length ? code[i] : '\0';
            if (c is '/' or '.' or '\0' && !InsideBraces(code, i))
            {
                if (term.Length > 0)
                {
                    if (!TryTerm(term.ToString(), sign, exponents, ref scale))
                    {
                        return false;
                    }

                    term.Clear();
                }
                else if (c == '.' || (c == '\0' && i > 0 && code[i - 1] == '/'))
                {
                    return false;
                }

                sign = c == '/' ? -1 : 1;
                continue;
            }

            term.Append(c);
        }

        dimension = DimensionOf(exponents);
        return true;
    }

    // Numerator and denominator are kept apart, so ratios of like quantities stay distinct: mmol/mol is
    // not %, and mg/g is not a pure number (HbA1c in % and in mmol/mol are different scales).
    private static void Add(SortedDictionary<string, int> exponents, string baseUnit, int exponent)
    {
        var key = (exponent > 0 ? "+" : "-") + baseUnit;
        exponents[key] = exponents.GetValueOrDefault(key) + Math.Abs(exponent);
    }

    private static string DimensionOf(SortedDictionary<string, int> exponents)
    {
        string Side(char sign) => string.Join('.', exponents.Where(e => e.Key[0] == sign).Select(e => e.Value == 1 ? e.Key[1..] : string.Create(CultureInfo.InvariantCulture, $"{e.Key[1..]}{e.Value}")));
        var numerator = Side('+');
        var denominator = Side('-');
        return numerator.Length == 0 && denominator.Length == 0 ? "1" : denominator.Length == 0 ? numerator : $"{(numerator.Length == 0 ? "1" : numerator)}/{denominator}";
    }

    private static bool InsideBraces(string code, int index)
    {
        var open = code.LastIndexOf('{', Math.Max(0, index - 1));
        var close = code.LastIndexOf('}', Math.Max(0, index - 1));
        return index < code.Length && open >= 0 && open > close;
    }

    private static bool TryTerm(string term, int sign, SortedDictionary<string, int> exponents, ref decimal scale)
    {
        // Annotations are kept as part of the dimension: mL/min and mL/min/{1.73_m2} are different quantities.
        var brace = term.IndexOf('{', StringComparison.Ordinal);
        if (brace >= 0)
        {
            var end = term.IndexOf('}', brace);
            if (end < 0 || end != term.Length - 1)
            {
                return false;
            }

            var annotation = term[brace..];
            Add(exponents, annotation, sign);
            term = term[..brace];
            if (term.Length == 0)
            {
                return true;
            }
        }

        // 10*n (and 10^n) powers, alone or before an atom: 10*3/uL.
        if (term.StartsWith("10*", StringComparison.Ordinal) || term.StartsWith("10^", StringComparison.Ordinal))
        {
            var digits = 3;
            while (digits < term.Length && (char.IsAsciiDigit(term[digits]) || (digits == 3 && term[digits] == '-')))
            {
                digits++;
            }

            if (!int.TryParse(term.AsSpan(3, digits - 3), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var power) || power is < -24 or > 24)
            {
                return false;
            }

            var factor = Pow10(power);
            scale = sign > 0 ? scale * factor : scale / factor;
            term = term[digits..];
            if (term.Length == 0)
            {
                return true;
            }
        }

        // A trailing integer exponent: m2, L-1.
        var exponent = 1;
        var digitStart = term.Length;
        while (digitStart > 0 && (char.IsAsciiDigit(term[digitStart - 1]) || term[digitStart - 1] == '-'))
        {
            digitStart--;
        }

        if (digitStart < term.Length && digitStart > 0)
        {
            if (!int.TryParse(term.AsSpan(digitStart), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || exponent is 0 or < -6 or > 6)
            {
                return false;
            }

            term = term[..digitStart];
        }
        else if (digitStart == 0)
        {
            // A bare number other than 10*n is not a unit.
            return false;
        }

        if (!TryAtom(term, out var baseUnit, out var atomScale))
        {
            return false;
        }

        for (var k = 0; k < exponent; k++)
        {
            scale = sign > 0 ? scale * atomScale : scale / atomScale;
        }

        Add(exponents, baseUnit, sign * exponent);
        return true;
    }

    private static bool TryAtom(string text, out string baseUnit, out decimal scale)
    {
        foreach (var (atom, unit, atomScale) in Atoms)
        {
            if (string.Equals(text, atom, StringComparison.Ordinal))
            {
                (baseUnit, scale) = (unit, atomScale);
                return true;
            }
        }

        foreach (var (prefix, prefixScale) in Prefixes)
        {
            if (text.Length > 1 && text[0] == prefix)
            {
                foreach (var (atom, unit, atomScale) in Atoms)
                {
                    if (atom is not ("min" or "h" or "s") && string.Equals(text[1..], atom, StringComparison.Ordinal))
                    {
                        (baseUnit, scale) = (unit, prefixScale * atomScale);
                        return true;
                    }
                }
            }
        }

        (baseUnit, scale) = (string.Empty, 0m);
        return false;
    }

    private static decimal Pow10(int power)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(power); i++)
        {
            result = power > 0 ? result * 10m : result / 10m;
        }

        return result;
    }
}
