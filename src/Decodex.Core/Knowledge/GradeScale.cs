namespace Decodex.Core.Knowledge;

/// <summary>Which scale a grade is on. Scales are never mixed.</summary>
public enum GradeScale
{
    /// <summary>Not graded yet.</summary>
    None,

    /// <summary>GRADE-like certainty from human studies.</summary>
    Human,

    /// <summary>Animal and in-vitro evidence: says nothing about certainty in people.</summary>
    Preclinical,

    /// <summary>A statement of product labelling or a guideline, not a study-based certainty.</summary>
    Label,
    /// <summary>A guideline recommendation, shown in the guideline's own scheme (level and strength), not as study certainty.</summary>
    Guideline,
}
