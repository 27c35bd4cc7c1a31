namespace Decodex.Core.Knowledge;

/// <summary>
/// A lab marker of the catalogue: its LOINC codes and names, the canonical unit values are compared
/// in, and — each with its sources — unit conversions that UCUM cannot do (mass↔molar), reference
/// intervals by sex and age, guideline categories, critical limits, and biological variation. The
/// plausibility band is an engineering limit for catching unit slips, not a clinical range.
/// </summary>
public sealed record Marker
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>LOINC codes, the preferred first.</summary>
    public IReadOnlyList<string> Loinc { get; init; } = [];

    /// <summary>Names a report may use, lower case.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Canonical unit, a UCUM code.</summary>
    public required string Unit { get; init; }

    /// <summary>Panel for grouping (metabolic, lipids, cbc …); null when not given.</summary>
    public string? Panel { get; init; }

    public string? Note { get; init; }

    public IReadOnlyList<MarkerConversion> Conversions { get; init; } = [];

    public IReadOnlyList<MarkerRange> Ranges { get; init; } = [];

    public IReadOnlyList<MarkerThresholdSet> Thresholds { get; init; } = [];

    public IReadOnlyList<MarkerLimit> Critical { get; init; } = [];

    /// <summary>Values outside cannot be real results (unit slips); null when not given.</summary>
    public MarkerLimit? Plausible { get; init; }

    /// <summary>Within-subject and analytical variation for the reference change value; null when no source was found.</summary>
    public MarkerVariation? Variation { get; init; }

    public SourceLocation Location { get; init; }
}

/// <summary>A unit the canonical value converts to by a cited factor: value in <see cref="Unit"/> = canonical value × <see cref="Factor"/>.</summary>
public sealed record MarkerConversion(string Unit, decimal Factor, IReadOnlyList<string> CitationIds);

/// <summary>A reference interval for a sex and age band; either bound may be absent (one-sided).</summary>
public sealed record MarkerRange
{
    public MarkerSex Sex { get; init; }
    public decimal? AgeMin { get; init; }
    public decimal? AgeMax { get; init; }
    public decimal? Low { get; init; }
    public decimal? High { get; init; }
    public required string Unit { get; init; }
    public IReadOnlyList<string> CitationIds { get; init; } = [];

    /// <summary>Whether the interval applies to this sex and age (unknown age matches only bands without limits).</summary>
    public bool AppliesTo(MarkerSex sex, decimal? age) =>
        (Sex == MarkerSex.Any || Sex == sex)
        && (AgeMin is null || (age is { } a1 && a1 >= AgeMin))
        && (AgeMax is null || (age is { } a2 && a2 <= AgeMax));
}

/// <summary>Sex as the catalogue distinguishes it.</summary>
public enum MarkerSex
{
    Any,
    Female,
    Male,
}

/// <summary>One guideline's categories for a marker (ADA, NCEP, KDIGO …).</summary>
public sealed record MarkerThresholdSet
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Unit { get; init; }

    /// <summary>The sex the set is defined for (WHO anaemia cut-offs differ by sex); <see cref="MarkerSex.Any"/> for both.</summary>
    public MarkerSex Sex { get; init; }

    /// <summary>True for a set defined for pregnancy, false for one defined for people who are not pregnant; null when pregnancy does not matter.</summary>
    public bool? Pregnant { get; init; }

    public IReadOnlyList<MarkerCategory> Categories { get; init; } = [];
    public IReadOnlyList<string> CitationIds { get; init; } = [];
}

/// <summary>A category with its bounds: <c>from</c> (≥), <c>above</c> (&gt;), <c>below</c> (&lt;), <c>upTo</c> (≤).</summary>
public sealed record MarkerCategory
{
    public required string Label { get; init; }
    public decimal? From { get; init; }
    public decimal? Above { get; init; }
    public decimal? Below { get; init; }
    public decimal? UpTo { get; init; }

    public bool Contains(decimal value) =>
        (From is null || value >= From) && (Above is null || value > Above) && (Below is null || value < Below) && (UpTo is null || value <= UpTo);
}

/// <summary>A pair of limits (critical or plausible) in a unit, with sources when clinical.</summary>
public sealed record MarkerLimit
{
    public decimal? Low { get; init; }
    public decimal? High { get; init; }
    public required string Unit { get; init; }
    public IReadOnlyList<string> CitationIds { get; init; } = [];
}

/// <summary>Within-subject (CVi) and analytical (CVa) coefficients of variation, in percent.</summary>
public sealed record MarkerVariation(decimal Cvi, decimal Cva, IReadOnlyList<string> CitationIds);
