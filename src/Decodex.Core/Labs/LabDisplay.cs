using System.Globalization;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Labs;

/// <summary>
/// Numbers and units as a person reads them. Values are rounded to the precision the marker's own
/// catalogue limits use in that unit (eGFR and HbA1c in mmol/mol to whole numbers, creatinine in mg/dL
/// to two decimals, potassium to one …), else by size; units are shown without UCUM codes. Only for
/// display: stored and JSON values keep their full precision.
/// </summary>
public static class LabDisplay
{
    /// <summary>Decimals to show for a value of <paramref name="marker"/> in <paramref name="unit"/>.</summary>
    public static int Decimals(Marker? marker, string? unit, decimal value)
    {
        if (!LabUnit.TryParse(unit, out var parsed))
        {
            return BySize(value);
        }

        // Whole numbers: KDIGO's categories and the ADA's IFCC cut-offs are integers.
        if (parsed.Code is "mL/min/{1.73_m2}" or "mmol/mol")
        {
            return 0;
        }

        if (marker is null)
        {
            return BySize(value);
        }

        var bounds = new List<(decimal? Value, string Unit)>();
        bounds.AddRange(marker.Ranges.SelectMany(r => new[] { (r.Low, r.Unit), (r.High, r.Unit) }));
        bounds.AddRange(marker.Critical.SelectMany(c => new[] { (c.Low, c.Unit), (c.High, c.Unit) }));
        bounds.AddRange(marker.Thresholds.SelectMany(t => t.Categories.SelectMany(c => new[] { (c.From, t.Unit), (c.Above, t.Unit), (c.Below, t.Unit), (c.UpTo, t.Unit) })));
        var inUnit = bounds
            .Where(b => b.Value is not null && LabUnit.TryParse(b.Unit, out var u) && u.Code == parsed.Code)
            .Select(b => (int)b.Value!.Value.Scale)
            .ToList();
        return inUnit.Count == 0 ? BySize(value) : Math.Min(3, inUnit.Max());
    }

    /// <summary>The value rounded for a reader, with a fixed number of decimals.</summary>
    public static string Number(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A value of <paramref name="marker"/> in <paramref name="unit"/> as a reader sees it: "40 mg/dL", "35 mL/min/1.73 m²".</summary>
    public static string Value(decimal value, Marker? marker, string? unit)
    {
        var number = Number(value, Decimals(marker, unit, value));
        var shown = LabUnit.Display(unit);
        return shown.Length == 0 ? number : $"{number} {shown}";
    }

    /// <summary>
    /// An interpretation's value as a reader sees it: the value as reported (with its censoring sign)
    /// when Decodex did not convert it, else the reported value and the rounded value in the marker's
    /// unit ("2.2 mmol/L (40 mg/dL)"); a derived value rounded ("35 mL/min/1.73 m²").
    /// </summary>
    public static string Of(LabInterpretation interpretation)
    {
        ArgumentNullException.ThrowIfNull(interpretation);
        var result = interpretation.Result;
        var sign = result.Value.ToString()[..^result.Value.Number.ToString(CultureInfo.InvariantCulture).Length];
        if (interpretation.Derived && interpretation.Value is { } derived)
        {
            return sign + Value(derived, interpretation.Marker, interpretation.Unit);
        }

        var reportedUnit = LabUnit.Display(result.Unit);
        var reported = $"{result.Value}{(reportedUnit.Length > 0 ? " " + reportedUnit : string.Empty)}";
        if (interpretation.Value is not { } normalised || interpretation.Conversion is null or "none")
        {
            return reported;
        }

        return $"{reported} ({sign}{Value(normalised, interpretation.Marker, interpretation.Unit)})";
    }

    private static int BySize(decimal value) => Math.Abs(value) switch
    {
        >= 10 and < 100 => 1,
        >= 100 => 0,
        >= 1 => 1,
        _ => 2,
    };
}
