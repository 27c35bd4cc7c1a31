using Decodex.Core.Knowledge;

namespace Decodex.Core.Labs;

/// <summary>
/// Converts a marker's values between units: by UCUM scaling when the dimensions match, else through
/// one of the marker's cited factors (mass↔molar, eq↔mol). Anything else is indeterminate.
/// </summary>
public static class LabConverter
{
    /// <summary>A converted value, how, and the sources of the factor.</summary>
    public sealed record Conversion(decimal Value, string Method, IReadOnlyList<string> CitationIds);

    // Scales such as 1e-15 leave tails in the 28th digit; 12 decimals are far below any lab precision.
    private static decimal Round(decimal value) => Math.Round(value, 12, MidpointRounding.ToEven);

    /// <summary>The marker whose % (NGSP) and mmol/mol (IFCC) values convert by the IFCC master equation.</summary>
    public const string Hba1cMarkerId = "hba1c";

    /// <summary>The source of the IFCC HbA1c network's master equation.</summary>
    public const string Hba1cEquationCitation = "ifcc-hba1c-master-equation";

    /// <summary>
    /// HbA1c between NGSP % and IFCC mmol/mol by the master equation as the IFCC network states it:
    /// IFCC = 10.93 × NGSP − 23.5 and NGSP = 0.0915 × IFCC + 2.15. An affine relation, so not a catalogue
    /// factor; used for ranges and flags, never to move a guideline's cut-offs between the scales.
    /// </summary>
    private static Conversion? Hba1c(Marker marker, decimal value, LabUnit source, LabUnit target)
    {
        if (marker.Id != Hba1cMarkerId || !LabUnit.TryParse("%", out var percent) || !LabUnit.TryParse("mmol/mol", out var ifcc))
        {
            return null;
        }

        if (source.IsCommensurableWith(percent) && target.IsCommensurableWith(ifcc))
        {
            var ngsp = value * source.Scale / percent.Scale;
            var mmolPerMol = (10.93m * ngsp) - 23.5m;
            return new Conversion(Round(mmolPerMol * ifcc.Scale / target.Scale), "IFCC = 10.93 × NGSP − 23.5", [Hba1cEquationCitation]);
        }

        if (source.IsCommensurableWith(ifcc) && target.IsCommensurableWith(percent))
        {
            var mmolPerMol = value * source.Scale / ifcc.Scale;
            var ngsp = (0.0915m * mmolPerMol) + 2.15m;
            return new Conversion(Round(ngsp * percent.Scale / target.Scale), "NGSP = 0.0915 × IFCC + 2.15", [Hba1cEquationCitation]);
        }

        return null;
    }

    /// <summary>Converts <paramref name="value"/> from <paramref name="from"/> to <paramref name="to"/> for <paramref name="marker"/>; null when it cannot.</summary>
    public static Conversion? Convert(Marker marker, decimal value, string? from, string to)
    {
        ArgumentNullException.ThrowIfNull(marker);
        if (from is null || !LabUnit.TryParse(from, out var source) || !LabUnit.TryParse(to, out var target))
        {
            return null;
        }

        if (source.IsCommensurableWith(target))
        {
            var same = source.Scale == target.Scale;
            return new Conversion(same ? value : Round(value * source.Scale / target.Scale), same ? "none" : "ucum", []);
        }

        if (Hba1c(marker, value, source, target) is { } hba1c)
        {
            return hba1c;
        }

        // Through the canonical unit and a cited factor: value[factor unit] = canonical × factor.
        if (!LabUnit.TryParse(marker.Unit, out var canonical))
        {
            return null;
        }

        decimal? ToCanonical(LabUnit unit, decimal v, out MarkerConversion? used)
        {
            used = null;
            if (unit.IsCommensurableWith(canonical))
            {
                return v * unit.Scale / canonical.Scale;
            }

            foreach (var c in marker.Conversions)
            {
                if (LabUnit.TryParse(c.Unit, out var cu) && cu.IsCommensurableWith(unit) && c.Factor != 0)
                {
                    used = c;
                    return v * unit.Scale / cu.Scale / c.Factor;
                }
            }

            return null;
        }

        decimal? FromCanonical(LabUnit unit, decimal v, out MarkerConversion? used)
        {
            used = null;
            if (unit.IsCommensurableWith(canonical))
            {
                return v * canonical.Scale / unit.Scale;
            }

            foreach (var c in marker.Conversions)
            {
                if (LabUnit.TryParse(c.Unit, out var cu) && cu.IsCommensurableWith(unit))
                {
                    used = c;
                    return v * c.Factor * cu.Scale / unit.Scale;
                }
            }

            return null;
        }

        if (ToCanonical(source, value, out var first) is not { } inCanonical || FromCanonical(target, inCanonical, out var second) is not { } result)
        {
            return null;
        }

        var factors = new[] { first, second }.OfType<MarkerConversion>().ToList();
        var method = string.Join("; ", factors.Select(f => $"{marker.Unit} × {f.Factor.ToString(System.Globalization.CultureInfo.InvariantCulture)} = {f.Unit}"));
        return new Conversion(Round(result), method.Length == 0 ? "ucum" : method, [.. factors.SelectMany(f => f.CitationIds).Distinct(StringComparer.Ordinal)]);
    }
}
