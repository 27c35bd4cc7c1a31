using System.Globalization;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Labs;

/// <summary>
/// Reads results against the marker catalogue: converts to the marker's unit (UCUM or a cited factor,
/// else indeterminate), flags against the lab's own range when given and sane, else the catalogue's
/// range for the person's sex and age, marks critical limits and guideline categories, and catches
/// values no human result can have. Nothing is flagged from a range that does not apply.
/// </summary>
public static class LabInterpreter
{
    private static readonly string[] CriticalLowFlags = ["LL", "L*", "<<"];
    private static readonly string[] CriticalHighFlags = ["HH", "H*", ">>"];

    /// <summary>Interprets one result; <paramref name="issues"/> receives coded issues (never a value).</summary>
    public static LabInterpretation Interpret(LabCatalogue catalogue, LabResult result, LabDemographics person, ICollection<Issue> issues, bool derived = false)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(issues);
        var notes = new List<string>();
        var marker = catalogue.Find(result.Loinc, result.TestName);
        if (marker is null)
        {
            issues.Add(new Issue(LabIssueCodes.UnknownTest, IssueSeverity.Warning, "A test matches no marker of the catalogue (by LOINC or name); it is kept but not interpreted.", result.Source));
            return new LabInterpretation { Result = result, Flag = LabStanding.NotInterpreted, Notes = ["Unknown test: not interpreted."] };
        }

        var conversion = LabConverter.Convert(marker, result.Value.Number, result.Unit, marker.Unit);
        if (conversion is null)
        {
            issues.Add(new Issue(LabIssueCodes.IndeterminateUnit, IssueSeverity.Warning, $"The unit cannot be read or converted to {marker.Unit} for {marker.Name}; the value stays as given and is not compared with catalogue ranges.", result.Source));
            notes.Add($"Unit not convertible to {marker.Unit}: indeterminate.");
        }

        if (result.Value.IsCensored)
        {
            issues.Add(new Issue(LabIssueCodes.CensoredValue, IssueSeverity.Info, "A censored value (below or above a detection limit) is flagged only when its bound decides.", result.Source));
        }

        // A value no human result can have is a unit slip, not a finding.
        if (conversion is not null && marker.Plausible is { } plausible && Outside(marker, conversion.Value, marker.Unit, plausible) is { } outside)
        {
            var slip = SlipHint(marker, conversion.Value, plausible);
            issues.Add(new Issue(LabIssueCodes.ImplausibleValue, IssueSeverity.Warning, $"A {marker.Name} value is {outside} what a human result can be in {result.Unit}{slip}; it is not interpreted. Check the unit.", result.Source));
            return new LabInterpretation
            {
                Result = result,
                Marker = marker,
                Derived = derived,
                Value = conversion.Value,
                Unit = marker.Unit,
                Conversion = conversion.Method,
                ConversionCitations = conversion.CitationIds,
                Flag = LabStanding.NotInterpreted,
                Notes = [$"Implausible in {result.Unit}{slip}: not interpreted."],
            };
        }

        var range = LabRange(result, issues) ?? CatalogueRange(marker, person, result.Date, notes);
        var flag = Standing(marker, result, conversion, range);
        var critical = Critical(marker, result, conversion);
        var categories = result.Value.IsCensored || conversion is null ? [] : Categories(marker, conversion.Value, person.Sex);
        return new LabInterpretation
        {
            Result = result,
            Marker = marker,
            Derived = derived,
            Value = conversion?.Value,
            Unit = conversion is null ? null : marker.Unit,
            Conversion = conversion?.Method,
            ConversionCitations = conversion?.CitationIds ?? [],
            Range = range,
            Flag = flag,
            Critical = critical,
            Categories = categories,
            Notes = notes,
        };
    }

    /// <summary>The lab's own range, in the result's unit, when it is given and not inverted.</summary>
    private static LabRangeUsed? LabRange(LabResult result, ICollection<Issue> issues)
    {
        if (result.RangeLow is null && result.RangeHigh is null)
        {
            return null;
        }

        if (result.RangeLow is { } low && result.RangeHigh is { } high && low > high)
        {
            issues.Add(new Issue(LabIssueCodes.InvertedRange, IssueSeverity.Warning, "The lab's reference range has its low above its high (an error in the source); it is not used, and the catalogue's range is used instead.", result.Source));
            return null;
        }

        return new LabRangeUsed(result.RangeLow, result.RangeHigh, result.Unit, "lab", []);
    }

    /// <summary>
    /// The catalogue range for the person's sex and age. With sex unknown and sex-specific ranges, the
    /// widest band the sexes share is used only to flag values outside both; inside it stays indeterminate.
    /// </summary>
    private static LabRangeUsed? CatalogueRange(Marker marker, LabDemographics person, DateTimeOffset date, List<string> notes)
    {
        if (marker.Ranges.Count == 0)
        {
            return null;
        }

        decimal? age = person.AgeAt(date);
        if (person.Sex is { } sex)
        {
            var range = marker.Ranges.FirstOrDefault(r => r.AppliesTo(sex, age));
            if (range is null)
            {
                notes.Add(age is null ? "No catalogue range applies without the person's age." : "No catalogue range applies to this sex and age.");
                return null;
            }

            return new LabRangeUsed(range.Low, range.High, range.Unit, "catalogue", range.CitationIds);
        }

        var any = marker.Ranges.FirstOrDefault(r => r.AppliesTo(MarkerSex.Any, age));
        if (any is not null)
        {
            return new LabRangeUsed(any.Low, any.High, any.Unit, "catalogue", any.CitationIds);
        }

        var both = marker.Ranges.Where(r => r.AppliesTo(MarkerSex.Female, age) || r.AppliesTo(MarkerSex.Male, age)).ToList();
        if (both.Count == 0 || both.Select(r => r.Unit).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            notes.Add("The catalogue's ranges depend on sex or age, which are not known.");
            return null;
        }

        notes.Add("Sex is not known: only values outside the ranges of both sexes are flagged.");
        return new LabRangeUsed(both.Min(r => r.Low), both.Max(r => r.High), both[0].Unit, "catalogue-any-sex", [.. both.SelectMany(r => r.CitationIds).Distinct(StringComparer.Ordinal)]);
    }

    private static LabStanding Standing(Marker marker, LabResult result, LabConverter.Conversion? conversion, LabRangeUsed? range)
    {
        if (range is null)
        {
            return LabStanding.Indeterminate;
        }

        decimal value;
        if (range.Source == "lab")
        {
            value = result.Value.Number;
        }
        else if (conversion is not null && range.Unit is not null && LabConverter.Convert(marker, conversion.Value, marker.Unit, range.Unit) is { } inRangeUnit)
        {
            value = inRangeUnit.Value;
        }
        else
        {
            return LabStanding.Indeterminate;
        }

        var within = range.Source == "catalogue-any-sex" ? LabStanding.Indeterminate : LabStanding.Within;
        return result.Value.Comparator switch
        {
            LabComparator.Equal => range.Low is { } l && value < l ? LabStanding.Below : range.High is { } h && value > h ? LabStanding.Above : within,
            LabComparator.LessThan or LabComparator.LessOrEqual =>
                range.Low is { } l2 && value <= l2 ? LabStanding.Below
                : range.Low is null && (range.High is null || value <= range.High) ? within
                : LabStanding.Indeterminate,
            _ =>
                range.High is { } h2 && value >= h2 ? LabStanding.Above
                : range.High is null && (range.Low is null || value >= range.Low) ? within
                : LabStanding.Indeterminate,
        };
    }

    private static List<LabCriticalHit> Critical(Marker marker, LabResult result, LabConverter.Conversion? conversion)
    {
        var hits = new List<LabCriticalHit>();
        if (result.Flag is { } flag)
        {
            if (CriticalLowFlags.Contains(flag.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                hits.Add(new LabCriticalHit("low", null, null, "lab", []));
            }
            else if (CriticalHighFlags.Contains(flag.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                hits.Add(new LabCriticalHit("high", null, null, "lab", []));
            }
        }

        if (conversion is null || result.Value.IsCensored)
        {
            return hits;
        }

        foreach (var limit in marker.Critical)
        {
            if (LabConverter.Convert(marker, conversion.Value, marker.Unit, limit.Unit) is not { } v)
            {
                continue;
            }

            var source = string.Join(", ", limit.CitationIds);
            if (limit.Low is { } low && v.Value <= low)
            {
                hits.Add(new LabCriticalHit("low", low, limit.Unit, source, limit.CitationIds));
            }
            else if (limit.High is { } high && v.Value >= high)
            {
                hits.Add(new LabCriticalHit("high", high, limit.Unit, source, limit.CitationIds));
            }
        }

        return hits;
    }

    internal static List<LabCategoryHit> Categories(Marker marker, decimal canonicalValue, MarkerSex? sex)
    {
        var hits = new List<LabCategoryHit>();
        foreach (var set in marker.Thresholds.Where(t => t.Sex == MarkerSex.Any || sex is null || t.Sex == sex))
        {
            if (LabConverter.Convert(marker, canonicalValue, marker.Unit, set.Unit) is not { } v)
            {
                continue;
            }

            if (set.Categories.FirstOrDefault(c => c.Contains(v.Value)) is { } category)
            {
                hits.Add(new LabCategoryHit(set.Id, set.Name, category.Label, set.CitationIds));
            }
        }

        return hits;
    }

    private static string? Outside(Marker marker, decimal canonicalValue, string unit, MarkerLimit plausible)
    {
        if (LabConverter.Convert(marker, canonicalValue, unit, plausible.Unit) is not { } v)
        {
            return null;
        }

        return plausible.Low is { } low && v.Value < low ? "below" : plausible.High is { } high && v.Value > high ? "above" : null;
    }

    private static string SlipHint(Marker marker, decimal canonicalValue, MarkerLimit plausible)
    {
        foreach (var (factor, text) in new[] { (0.1m, "; ÷10 would make it plausible (g/L written as g/dL?)"), (10m, "; ×10 would make it plausible (g/dL written as g/L?)"), (0.001m, "; ÷1000 would make it plausible"), (1000m, "; ×1000 would make it plausible") })
        {
            if (Outside(marker, canonicalValue * factor, marker.Unit, plausible) is null)
            {
                return text;
            }
        }

        return string.Empty;
    }

    internal static string Format(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
