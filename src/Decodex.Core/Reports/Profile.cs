using Decodex.Core.Knowledge;

namespace Decodex.Core.Reports;

/// <summary>
/// One person's profile as written in YAML, with every name resolved against the knowledge base:
/// conditions to vocabulary ids, medications and allergies to generics (with their compounds and
/// classes) and goals to outcomes. Nothing written disappears: whatever was not recognised or not
/// used is a <see cref="ProfileNotice"/>.
/// </summary>
public sealed record Profile
{
    /// <summary>The folder the profile's relative paths are resolved against.</summary>
    public required string Folder { get; init; }

    public MarkerSex? Sex { get; init; }

    public DateOnly? BirthDate { get; init; }

    /// <summary>True when pregnant, false when stated not pregnant, null when not stated.</summary>
    public bool? Pregnant { get; init; }

    /// <summary>True when breastfeeding, false when stated not, null when not stated.</summary>
    public bool? Breastfeeding { get; init; }

    /// <summary>Declared conditions, resolved (with the name as written); pregnancy and breastfeeding included when stated.</summary>
    public IReadOnlyList<(string Written, Condition Condition)> Conditions { get; init; } = [];

    /// <summary>Medications as written, with what they resolve to (empty when unknown).</summary>
    public IReadOnlyList<ProfileMedication> Medications { get; init; } = [];

    /// <summary>Allergies and hypersensitivities to medicines, with what they resolve to.</summary>
    public IReadOnlyList<ProfileMedication> Allergies { get; init; } = [];

    public IReadOnlyList<(string Written, Outcome Outcome)> Goals { get; init; } = [];

    /// <summary>The DNA file, as an absolute path; null when none is given.</summary>
    public string? Genome { get; init; }

    /// <summary>Lab files, as absolute paths.</summary>
    public IReadOnlyList<string> Labs { get; init; } = [];

    /// <summary>
    /// The CPIC biogeographic group the person stated (e.g. <c>European</c>); null when not stated or not
    /// a CPIC group. Narrows pharmacogene probabilities to that group's allele frequencies.
    /// </summary>
    public string? Ancestry { get; init; }

    /// <summary>The profile file's name, as the person named it.</summary>
    public string? FileName { get; init; }

    /// <summary>Everything written that was not recognised or not used, with suggestions; shown first in every report.</summary>
    public IReadOnlyList<ProfileNotice> Notices { get; init; } = [];

    /// <summary>Age in whole years on <paramref name="day"/>; null without a birth date.</summary>
    public int? AgeOn(DateOnly day)
    {
        if (BirthDate is not { } birth || birth > day)
        {
            return null;
        }

        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }
}

/// <summary>A medication as written and what it resolves to (generics, compounds, classes).</summary>
public sealed record ProfileMedication(string Written, IReadOnlyList<DrugMatch> Matches);

/// <summary>
/// Something the person wrote that Decodex did not recognise or did not use: which field, the text as
/// written, its line, what happened to it, and the nearest known names (never applied).
/// </summary>
public sealed record ProfileNotice(string Field, string Written, int? Line, string Message, IReadOnlyList<string> Suggestions);
