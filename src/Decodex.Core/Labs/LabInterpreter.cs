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
            issues.Add(new Issue(LabIssueCodes.IndeterminateUnit, IssueSeverity.Warning, $"The unit cannot be read or converted to {LabUnit.Display(marker.Unit)} for {marker.Name}; the value stays as given and is not compared with catalogue ranges.", result.Source));
            notes.Add($"Unit not convertible to {LabUnit.Display(marker.Unit)}: indeterminate.");
        }

        if (result.Value.IsCensored)
        {
            issues.Add(new Issue(LabIssueCodes.CensoredValue, IssueSeverity.Info, "A censored value (below or above a detection limit) is flagged only when its bound decides.", result.Source));
        }

        // A value no human result can have is a unit slip, not a finding.
        if (conversion is not null && marker.Plausible is { } plausible && Outside(marker, conversion.Value, marker.Unit, plausible) is { } outside)
        {
            var slip = SlipHint(marker, conversion.Value, plausible);
            issues.Add(new Issue(LabIssueCodes.ImplausibleValue, IssueSeverity.Warning, $"A {marker.Name} value is {outside} what a human result can be in {LabUnit.Display(result.Unit)}{slip}; it is not interpreted. Check the unit.", result.Source));
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
                Notes = [$"Implausible in {LabUnit.Display(result.Unit)}{slip}: not interpreted."],
            };
        }

        var range = LabRange(result, issues) ?? CatalogueRange(marker, person, result.Date, notes);
        var flag = Standing(marker, result, conversion, range);
        var critical = Critical(marker, result, conversion);
        var categories = Categories(marker, result, conversion, person, flag, critical, range, notes);
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
            // "<X": every value is below X; it is below the range only when X is at or under the low bound.
            // "≤X" includes X itself, which is inside a range whose low bound is X.
            LabComparator.LessThan =>
                range.Low is { } l2 && value <= l2 ? LabStanding.Below
                : range.Low is null && (range.High is null || value <= range.High) ? within
                : LabStanding.Indeterminate,
            LabComparator.LessOrEqual =>
                range.Low is { } l3 && value < l3 ? LabStanding.Below
                : range.Low is null && (range.High is null || value <= range.High) ? within
                : LabStanding.Indeterminate,
            LabComparator.GreaterThan =>
                range.High is { } h2 && value >= h2 ? LabStanding.Above
                : range.High is null && (range.Low is null || value >= range.Low) ? within
                : LabStanding.Indeterminate,
            _ =>
                range.High is { } h3 && value > h3 ? LabStanding.Above
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

        if (conversion is null)
        {
            return hits;
        }

        // Critical limits are inclusive (at or beyond the limit). A censored value crosses one only when
        // its bound decides: "<40" is at or under a low limit of 40, ">500" at or over a high limit of 500.
        var comparator = result.Value.Comparator;
        var lowSide = comparator is LabComparator.Equal or LabComparator.LessThan or LabComparator.LessOrEqual;
        var highSide = comparator is LabComparator.Equal or LabComparator.GreaterThan or LabComparator.GreaterOrEqual;
        foreach (var limit in marker.Critical)
        {
            if (LabConverter.Convert(marker, conversion.Value, marker.Unit, limit.Unit) is not { } v)
            {
                continue;
            }

            var source = string.Join(", ", limit.CitationIds);
            if (lowSide && limit.Low is { } low && v.Value <= low)
            {
                hits.Add(new LabCriticalHit("low", low, limit.Unit, source, limit.CitationIds));
            }
            else if (highSide && limit.High is { } high && v.Value >= high)
            {
                hits.Add(new LabCriticalHit("high", high, limit.Unit, source, limit.CitationIds));
            }
        }

        return hits;
    }

    /// <summary>The KDIGO set ids whose CKD-level categories are only ever "possible" from one value.</summary>
    private const string KdigoGfr = "kdigo-gfr-categories";
    private const string KdigoAlbuminuria = "kdigo-albuminuria-categories";

    /// <summary>The wording for a CKD stage read from a single value.</summary>
    public const string OneValueCaveat = "(one value; KDIGO requires 3 months)";

    /// <summary>
    /// Guideline categories of the value. A set in the unit the lab reported wins over sets reached by
    /// conversion (HbA1c in mmol/mol gets the ADA's mmol/mol cut-offs, never % cut-offs converted). A
    /// censored value gets a category only when its whole interval lies inside one. The lowest category
    /// of a set that covers the reference interval (ADA "normal") is not given to a value below that
    /// interval, flagged low or critically low: the flag and critical limits lead. Pregnancy sets apply
    /// only to a woman stated to be pregnant; with the status unknown both sets are given, each named.
    /// </summary>
    private static List<LabCategoryHit> Categories(Marker marker, LabResult result, LabConverter.Conversion? conversion, LabDemographics person, LabStanding flag, IReadOnlyList<LabCriticalHit> critical, LabRangeUsed? range, List<string> notes)
    {
        var hits = new List<LabCategoryHit>();
        var pregnant = person.Sex == MarkerSex.Male ? null : person.Pregnant;
        var sets = marker.Thresholds
            .Where(t => t.Sex == MarkerSex.Any || person.Sex is null || t.Sex == person.Sex)
            .Where(t => t.Pregnant switch
            {
                true => pregnant == true || (pregnant is null && person.Sex == MarkerSex.Female),
                false => pregnant != true,
                null => true,
            })
            .ToList();
        var reported = LabUnit.TryParse(result.Unit, out var r) ? r : null;
        bool InReportedUnit(MarkerThresholdSet set) => reported is not null && LabUnit.TryParse(set.Unit, out var u) && u.IsCommensurableWith(reported);
        if (sets.Any(InReportedUnit))
        {
            sets = [.. sets.Where(InReportedUnit)];
        }

        if (sets.Any(t => t.Pregnant is not null) && marker.Thresholds.Any(t => t.Pregnant == true))
        {
            notes.Add(pregnant switch
            {
                true => "Pregnant: the pregnancy cut-offs are used; the reference interval used for the flag is not specific to pregnancy.",
                false => "Not pregnant: the cut-offs for non-pregnant women are used.",
                _ when person.Sex == MarkerSex.Female => "Pregnancy status not given: the cut-offs for non-pregnant women and those for pregnancy are both shown, each named; give the status to use one.",
                _ => "Sex and pregnancy status not given: the cut-offs of every group are shown, each named.",
            });
        }

        var criticalLow = critical.Any(c => c.Direction == "low");
        foreach (var set in sets)
        {
            var number = InReportedUnit(set) ? LabConverter.Convert(marker, result.Value.Number, result.Unit, set.Unit)
                : conversion is null ? null
                : LabConverter.Convert(marker, conversion.Value, marker.Unit, set.Unit);
            if (number is null)
            {
                continue;
            }

            var (lo, loIn, hi, hiIn) = Interval(number.Value, result.Value.Comparator);
            var category = set.Categories.FirstOrDefault(c => Holds(c, lo, loIn, hi, hiIn));
            if (category is null)
            {
                if (result.Value.IsCensored)
                {
                    notes.Add($"{set.Name}: the censored value spans more than one category, so none is given.");
                }

                continue;
            }

            if (category.From is null && category.Above is null && Floor(marker, set) is { } floor && category.Contains(floor))
            {
                // The lowest category reaches down over the reference interval: it describes values at or
                // above that interval, not values under it.
                var under = flag == LabStanding.Below || criticalLow || (range?.Source != "lab" && (lo is null || lo < floor));
                if (under)
                {
                    notes.Add($"{set.Name}: the value is below the lowest reference limit, under what \"{category.Label}\" describes; no category is given (the flag and critical limits lead).");
                    continue;
                }
            }

            var label = category.Label;
            if ((set.Id == KdigoGfr && category.Below is { } below && below <= 60) || (set.Id == KdigoAlbuminuria && (category.From ?? category.Above) is >= 30))
            {
                label = $"possible {label} {OneValueCaveat}";
            }

            hits.Add(new LabCategoryHit(set.Id, set.Name, label, set.CitationIds));
        }

        return hits;
    }

    /// <summary>The lowest lower limit of the marker's catalogue ranges, in the set's unit; null when there is none.</summary>
    private static decimal? Floor(Marker marker, MarkerThresholdSet set)
    {
        decimal? floor = null;
        foreach (var range in marker.Ranges.Where(r => r.Low is not null))
        {
            if (LabConverter.Convert(marker, range.Low!.Value, range.Unit, set.Unit) is { } v && (floor is null || v.Value < floor))
            {
                floor = v.Value;
            }
        }

        return floor;
    }

    /// <summary>The values a reported number can stand for: itself, or the open or closed half-line of a censored value.</summary>
    private static (decimal? Lo, bool LoIn, decimal? Hi, bool HiIn) Interval(decimal value, LabComparator comparator) => comparator switch
    {
        LabComparator.LessThan => (null, false, value, false),
        LabComparator.LessOrEqual => (null, false, value, true),
        LabComparator.GreaterThan => (value, false, null, false),
        LabComparator.GreaterOrEqual => (value, true, null, false),
        _ => (value, true, value, true),
    };

    /// <summary>Whether every value of the interval lies in the category (null ends are unbounded).</summary>
    private static bool Holds(MarkerCategory c, decimal? lo, bool loIn, decimal? hi, bool hiIn) =>
        (c.From is null || (lo is { } a && a >= c.From))
        && (c.Above is null || (lo is { } b && (loIn ? b > c.Above : b >= c.Above)))
        && (c.Below is null || (hi is { } d && (hiIn ? d < c.Below : d <= c.Below)))
        && (c.UpTo is null || (hi is { } e && e <= c.UpTo));

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
