namespace Decodex.Core.Labs;

/// <summary>Everything read from a person's results: interpretations, derived markers, possible conditions, trends and issues.</summary>
public sealed record LabReport
{
    public IReadOnlyList<LabInterpretation> Results { get; init; } = [];

    public IReadOnlyList<LabInterpretation> Derived { get; init; } = [];

    public IReadOnlyList<LabConditionFinding> Conditions { get; init; } = [];

    public IReadOnlyList<LabTrend> Trends { get; init; } = [];

    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>
/// A condition of the knowledge base whose lab criteria the latest values meet: <c>possible</c> from one
/// value or a short run, <c>sustained</c> when every value over at least the required days met them
/// (KDIGO's three months for chronic kidney disease). Never a diagnosis.
/// </summary>
public sealed record LabConditionFinding(
    string ConditionId,
    string Name,
    string? Subject,
    string Status,
    int Values,
    DateTimeOffset First,
    DateTimeOffset Last,
    string Criteria,
    IReadOnlyList<string> CitationIds,
    string Explanation);

/// <summary>A marker's history for one person, with the changes that exceed the reference change value.</summary>
public sealed record LabTrend
{
    public required string MarkerId { get; init; }

    public required string Name { get; init; }

    public string? Subject { get; init; }

    public required string Unit { get; init; }

    public IReadOnlyList<LabTrendPoint> Points { get; init; } = [];

    /// <summary>The reference change value in percent (two-sided, 95 %); null when the catalogue has no biological variation for the marker.</summary>
    public decimal? ReferenceChangePercent { get; init; }

    public IReadOnlyList<string> VariationCitations { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The range drawn on the plot (catalogue or lab), in <see cref="Unit"/>; null when none applies.</summary>
    public decimal? RangeLow { get; init; }

    public decimal? RangeHigh { get; init; }
}

/// <summary>One point of a trend, with the change from the previous point and whether it exceeds the RCV.</summary>
public sealed record LabTrendPoint(DateTimeOffset Date, decimal Value, bool Derived, decimal? ChangePercent, bool? ExceedsReferenceChange);
