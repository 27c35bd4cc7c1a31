namespace Decodex.Core.Labs;

/// <summary>
/// One result as the source gave it: when, which test, the value, the unit and the lab's own range and
/// flag, verbatim. Interpretation never changes these. Personal data: never log it.
/// </summary>
public sealed record LabResult
{
    /// <summary>When the sample was taken (or the result issued when that is all there is).</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>True when the source gave a date without a time.</summary>
    public bool DateOnly { get; init; }

    /// <summary>The test name as written; null when only a code was given.</summary>
    public string? TestName { get; init; }

    /// <summary>The LOINC code as given; null when none.</summary>
    public string? Loinc { get; init; }

    public required LabValue Value { get; init; }

    /// <summary>The unit as written; null when none.</summary>
    public string? Unit { get; init; }

    /// <summary>The lab's own reference range, as given (bounds may be absent).</summary>
    public decimal? RangeLow { get; init; }

    public decimal? RangeHigh { get; init; }

    /// <summary>The lab's flag or interpretation code as given (e.g. <c>H</c>, <c>LL</c>, <c>N</c>).</summary>
    public string? Flag { get; init; }

    /// <summary>Where it came from: <c>file:line</c> or the FHIR resource id.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// What sets this result apart from another of the same test at the same time: the FHIR resource id or
    /// a CSV's encounter; null when the source gives nothing (then two values at one time are an error).
    /// </summary>
    public string? Context { get; init; }

    /// <summary>The person when a file holds several (a Synthea CSV's PATIENT column); null otherwise.</summary>
    public string? Subject { get; init; }
}
