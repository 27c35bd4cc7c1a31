namespace Decodex.Core.Labs;

/// <summary>
/// What one file gave: its results, the person's sex and birth date when the file states them, and
/// every issue. A file with an error is refused whole: <see cref="Results"/> is then empty.
/// </summary>
public sealed record LabImportResult
{
    /// <summary>The layout read: <c>decodex-csv</c>, <c>lab-report-csv</c>, <c>synthea-csv</c>, <c>fhir-bundle</c>, <c>fhir-observation</c>; null when unknown.</summary>
    public string? Format { get; init; }

    public IReadOnlyList<LabResult> Results { get; init; } = [];

    public LabDemographics Demographics { get; init; } = LabDemographics.Unknown;

    public IReadOnlyList<Issue> Issues { get; init; } = [];

    public bool Refused { get; init; }
}
