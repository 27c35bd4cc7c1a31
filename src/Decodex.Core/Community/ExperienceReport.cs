using System.Globalization;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Community;

/// <summary>How the person used the compound: openly, blinded by themselves, or in a randomised N-of-1 trial.</summary>
public enum ReportDesign
{
    Open,
    SelfBlinded,
    RandomisedNOf1,
}

/// <summary>What the person declares about a possible conflict of interest.</summary>
public enum ConflictOfInterest
{
    None,
    SellsIt,
    AffiliateLink,
    FreeProduct,
    Other,
}

/// <summary>Which way an effect went, as the person felt it.</summary>
public enum FeltChange
{
    Better,
    Worse,
    NoChange,
}

/// <summary>One effect the person reports on a knowledge-base outcome (memory, sleep quality …).</summary>
public sealed record ReportedEffect(string OutcomeId, FeltChange Change);

/// <summary>
/// A structured experience report: what was taken, how, for what, what it did, an anchored 0–10 rating of
/// the benefit, the design, and a declaration of conflicts of interest, with a Markdown text. It belongs
/// to the community layer: shown and counted, never evidence, never graded. Nothing of the person's DNA,
/// labs or profile is in it unless they typed it.
/// </summary>
public sealed record ExperienceReport
{
    public required string CompoundId { get; init; }

    /// <summary>Product or brand, as the person names it.</summary>
    public string? Product { get; init; }

    /// <summary>The dose as the person writes it ("10 mL", "300 mg").</summary>
    public required string Dose { get; init; }

    public Route? Route { get; init; }
    public string? Frequency { get; init; }
    public int? DurationDays { get; init; }

    /// <summary>Other medicines or supplements taken at the time, as the person lists them.</summary>
    public IReadOnlyList<string> OtherMedicines { get; init; } = [];

    /// <summary>The knowledge-base outcome the person took it for.</summary>
    public string? GoalOutcomeId { get; init; }

    public IReadOnlyList<ReportedEffect> Effects { get; init; } = [];

    /// <summary>Side effects from <see cref="ExperienceReports.SideEffects"/>.</summary>
    public IReadOnlyList<string> SideEffects { get; init; } = [];

    /// <summary>The anchored benefit rating (see <see cref="ExperienceReports.RatingAnchors"/>).</summary>
    public required int Rating { get; init; }

    public required ReportDesign Design { get; init; }

    /// <summary>The person's own trial, for a report of a randomised N-of-1 trial.</summary>
    public Guid? TrialId { get; init; }

    public required ConflictOfInterest Conflict { get; init; }

    /// <summary>What the conflict is, when there is one.</summary>
    public string? ConflictNote { get; init; }

    /// <summary>The narrative, Markdown (rendered without raw HTML and sanitised).</summary>
    public string Text { get; init; } = string.Empty;
}

/// <summary>The vocabularies and checks of experience reports.</summary>
public static class ExperienceReports
{
    /// <summary>
    /// The anchors of the 0–10 benefit scale, in the spirit of the SlateStarCodex nootropics surveys'
    /// anchored scale (the wording is this project's own).
    /// </summary>
    public static readonly IReadOnlyList<(int Value, string Anchor)> RatingAnchors =
    [
        (0, "It made things clearly worse"),
        (1, "Harmful more than helpful"),
        (3, "No effect I could notice"),
        (5, "A small but noticeable benefit"),
        (7, "A clear benefit I rely on"),
        (10, "Changed my life for the better"),
    ];

    /// <summary>The side effects a report can name (free text adds what is missing).</summary>
    public static readonly IReadOnlyList<string> SideEffects =
    [
        "headache", "insomnia", "drowsiness", "fatigue", "anxiety", "irritability", "low-mood", "dizziness", "nausea",
        "stomach-upset", "diarrhoea", "constipation", "palpitations", "raised-blood-pressure", "rash", "injection-site-reaction",
        "appetite-change", "weight-change", "sexual-side-effects", "tremor", "other",
    ];

    /// <summary>The problems that stop the report from being stored; empty when there are none. Never names a value.</summary>
    public static IReadOnlyList<string> Problems(ExperienceReport report, KnowledgeBase knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        var problems = new List<string>();
        if (knowledgeBase.Compound(report.CompoundId) is not { IsImported: false })
        {
            problems.Add("Choose a compound of the knowledge base.");
        }

        if (report.Rating is < 0 or > 10)
        {
            problems.Add("The rating lies from 0 to 10.");
        }

        if (string.IsNullOrWhiteSpace(report.Dose) || report.Dose.Length > 60 || (report.Product?.Length ?? 0) > 120 || (report.Frequency?.Length ?? 0) > 60)
        {
            problems.Add("Give the dose (up to 60 characters); a product name has up to 120 characters and a frequency up to 60.");
        }

        if (report.DurationDays is < 1 or > 36_500)
        {
            problems.Add("A duration lies from 1 day to 100 years.");
        }

        if (report.OtherMedicines.Count > 30 || report.OtherMedicines.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 80))
        {
            problems.Add("List up to 30 other medicines, each up to 80 characters.");
        }

        if (report.GoalOutcomeId is { } goal && knowledgeBase.Outcome(goal) is null
            || report.Effects.Count > 30 || report.Effects.Any(e => e is null || knowledgeBase.Outcome(e.OutcomeId) is null || !Enum.IsDefined(e.Change))
            || report.Effects.Select(e => e.OutcomeId).Distinct(StringComparer.Ordinal).Count() != report.Effects.Count)
        {
            problems.Add("Goals and effects are outcomes of the knowledge base, each named once.");
        }

        if (report.SideEffects.Any(s => !SideEffects.Contains(s)) || report.SideEffects.Distinct(StringComparer.Ordinal).Count() != report.SideEffects.Count)
        {
            problems.Add("Side effects come from the list, each named once (write others in the text).");
        }

        if (!Enum.IsDefined(report.Design) || (report.Design == ReportDesign.RandomisedNOf1) != (report.TrialId is not null))
        {
            problems.Add("A randomised N-of-1 report links its trial, and only such a report does.");
        }

        if (!Enum.IsDefined(report.Conflict) || (report.Conflict != ConflictOfInterest.None && string.IsNullOrWhiteSpace(report.ConflictNote)) || (report.ConflictNote?.Length ?? 0) > 300)
        {
            problems.Add("Declare any conflict of interest, and say what it is (up to 300 characters).");
        }

        if (report.Text.Length > 20_000)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The text has at most {20_000:N0} characters."));
        }

        return problems;
    }
}
