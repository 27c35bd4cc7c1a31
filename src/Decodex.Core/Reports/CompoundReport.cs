using Decodex.Core.Pgx.Calling;

namespace Decodex.Core.Reports;

/// <summary>The verdict for one compound: <c>avoid</c>, <c>caution</c> or <c>no-known-issue</c>, with its reasons and findings.</summary>
public sealed record CompoundReport
{
    public required string CompoundId { get; init; }

    public required string Name { get; init; }

    public required string Verdict { get; init; }

    /// <summary>One line per finding that set the verdict.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>What the evidence says for the person's goals, with grades.</summary>
    public IReadOnlyList<GoalEffect> Effects { get; init; } = [];

    public IReadOnlyList<string> Dosing { get; init; } = [];

    public IReadOnlyList<string> SideEffects { get; init; } = [];

    /// <summary>User-reported experiences, kept apart from the evidence; null when none.</summary>
    public string? UserReports { get; init; }
}

/// <summary>A claim about one of the person's goals, with its evidence grade and reasons.</summary>
public sealed record GoalEffect(string Goal, string Title, string Direction, string Scope, string Grade, IReadOnlyList<string> GradeReasons, IReadOnlyList<string> Citations)
{
    /// <summary>The grade itself (scale and level), for a badge; <see cref="Grade"/> is its label. Null when not recorded.</summary>
    public Knowledge.EvidenceGrade? Evidence { get; init; }
}

/// <summary>The whole report: the person, what was on file, every compound asked about, and CPIC advice for current medications.</summary>
public sealed record PersonalReport
{
    public required string Disclaimer { get; init; }

    public required string KnowledgeBaseVersion { get; init; }

    public required string CpicDataVersion { get; init; }

    public required IReadOnlyList<string> Person { get; init; }

    public required IReadOnlyList<string> OnFile { get; init; }

    public IReadOnlyList<CompoundReport> Compounds { get; init; } = [];

    public IReadOnlyList<PgxDrugAdvice> Medications { get; init; } = [];

    public IReadOnlyList<Issue> Issues { get; init; } = [];

    /// <summary>Everything written in the profile that was not recognised or not used, with suggestions.</summary>
    public IReadOnlyList<ProfileNotice> Notices { get; init; } = [];

    /// <summary>Medicines as written that could not be checked (not recognised).</summary>
    public IReadOnlyList<string> UncheckedMedications { get; init; } = [];

    /// <summary>The day ages were computed for.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>Every source the CPIC advice, findings and goal effects cite, numbered in the order the report shows them.</summary>
    public IReadOnlyList<ReportReference> References { get; init; } = [];

    /// <summary>The version of the evidence-grading algorithm the grades come from (see knowledge/GRADING.md).</summary>
    public string GradingVersion { get; init; } = string.Empty;

    /// <summary>The reference number of a knowledge-base citation id or a <c>cpic:</c> guideline key; null when the report does not cite it.</summary>
    public int? ReferenceNumber(string key) => References.FirstOrDefault(r => r.Key == key)?.Number;
}
