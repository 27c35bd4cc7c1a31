using Decodex.Core.Knowledge;

namespace Decodex.Core.Labs;

/// <summary>
/// One result (imported or derived) read against the catalogue: the value in the marker's unit with
/// the conversion used, the range used and where it came from, the flag, critical limits crossed,
/// guideline categories, and notes. Personal data: never log it.
/// </summary>
public sealed record LabInterpretation
{
    /// <summary>The result as given; for a derived marker, the computed value with its inputs in <see cref="Notes"/>.</summary>
    public required LabResult Result { get; init; }

    public Marker? Marker { get; init; }

    /// <summary>True for values Decodex computed (eGFR, HbA1c in mmol/mol, non-HDL cholesterol).</summary>
    public bool Derived { get; init; }

    /// <summary>The value in the marker's unit; null when the unit cannot be converted.</summary>
    public decimal? Value { get; init; }

    /// <summary>The marker's unit (UCUM).</summary>
    public string? Unit { get; init; }

    /// <summary>How the value was converted (<c>none</c>, <c>ucum</c>, or the cited factor), null when not converted.</summary>
    public string? Conversion { get; init; }

    public IReadOnlyList<string> ConversionCitations { get; init; } = [];

    public LabRangeUsed? Range { get; init; }

    public LabStanding Flag { get; init; }

    /// <summary>Critical limits crossed: the lab's own critical flag, or a named lab's limit from the catalogue.</summary>
    public IReadOnlyList<LabCriticalHit> Critical { get; init; } = [];

    /// <summary>Guideline categories the value falls in.</summary>
    public IReadOnlyList<LabCategoryHit> Categories { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>The range a flag was read against: the lab's own (<c>lab</c>) or the catalogue's (<c>catalogue</c>).</summary>
public sealed record LabRangeUsed(decimal? Low, decimal? High, string? Unit, string Source, IReadOnlyList<string> CitationIds);

/// <summary>A critical limit crossed, with whose limit it is.</summary>
public sealed record LabCriticalHit(string Direction, decimal? Limit, string? Unit, string Source, IReadOnlyList<string> CitationIds);

/// <summary>The category of one guideline's set the value falls in.</summary>
public sealed record LabCategoryHit(string ThresholdId, string Name, string Category, IReadOnlyList<string> CitationIds);
