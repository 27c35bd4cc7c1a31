namespace Decodex.Core.Monographs;

/// <summary>The disclaimer every page, report and printout carries.</summary>
public static class MedicalDisclaimer
{
    /// <summary>Plain-text disclaimer.</summary>
    public const string Text =
        "Decodex explains published evidence; it is not medical advice and does not recommend any treatment or dose. " +
        "Grades describe the certainty of the evidence, not whether something is right for you. " +
        "Talk to a doctor or pharmacist before starting, stopping or combining any medicine or supplement.";
}
