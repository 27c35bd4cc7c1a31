using Decodex.Core.Knowledge;

namespace Decodex.Core.Reports;

/// <summary>
/// One person's profile as written in YAML, with every name resolved against the knowledge base:
/// conditions to vocabulary ids, medications to generics (with their compounds and classes) and
/// goals to outcomes. Names that do not resolve are issues, never silently dropped.
/// </summary>
public sealed record Profile
{
    /// <summary>The folder the profile's relative paths are resolved against.</summary>
    public required string Folder { get; init; }

    public MarkerSex? Sex { get; init; }

    public DateOnly? BirthDate { get; init; }

    /// <summary>Declared conditions, resolved (with the name as written).</summary>
    public IReadOnlyList<(string Written, Condition Condition)> Conditions { get; init; } = [];

    /// <summary>Medications as written, with what they resolve to (empty when unknown).</summary>
    public IReadOnlyList<ProfileMedication> Medications { get; init; } = [];

    public IReadOnlyList<(string Written, Outcome Outcome)> Goals { get; init; } = [];

    /// <summary>The DNA file, as an absolute path; null when none is given.</summary>
    public string? Genome { get; init; }

    /// <summary>Lab files, as absolute paths.</summary>
    public IReadOnlyList<string> Labs { get; init; } = [];
}

/// <summary>A medication as written and what the knowledge base resolves it to (generic, compound, classes).</summary>
public sealed record ProfileMedication(string Written, IReadOnlyList<DrugMatch> Matches);
