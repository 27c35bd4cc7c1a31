namespace Decodex.Core.Knowledge;

/// <summary>A computed grade with its reasons in plain words. Never typed into the sources.</summary>
public sealed record EvidenceGrade
{
    public required GradeScale Scale { get; init; }
    public required GradeLevel Level { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>For the guideline scale: the guideline's own level and strength, e.g. "CPIC level A, strong".</summary>
    public string? Guideline { get; init; }

    /// <summary>
    /// Certainty that a review's own authors reported (GRADE) for this evidence, when any did; shown
    /// beside the computed grade when the two differ. The least certain rating when several reviews gave one.
    /// </summary>
    public GradeLevel? ReportedCertainty { get; init; }

    /// <summary>Version of the algorithm that computed it (see knowledge/GRADING.md).</summary>
    public required string Algorithm { get; init; }

    /// <summary>The grade before any evidence is looked at.</summary>
    public static EvidenceGrade NotGraded { get; } = new()
    {
        Scale = GradeScale.None,
        Level = GradeLevel.Insufficient,
        Algorithm = "none",
    };

    /// <summary>Short label such as "Moderate", "Preclinical: low" or "Label statement".</summary>
    public string Label => Scale switch
    {
        GradeScale.Label => "Label statement",
        GradeScale.Guideline => Guideline is { Length: > 0 } g ? "Guideline: " + g : "Guideline statement",
        GradeScale.Preclinical => "Preclinical: " + LevelText(Level).ToLowerInvariant(),
        _ => LevelText(Level),
    };

    private static string LevelText(GradeLevel level) => level switch
    {
        GradeLevel.High => "High",
        GradeLevel.Moderate => "Moderate",
        GradeLevel.Low => "Low",
        GradeLevel.VeryLow => "Very low",
        _ => "Insufficient",
    };
}
