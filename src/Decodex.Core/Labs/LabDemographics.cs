using Decodex.Core.Knowledge;

namespace Decodex.Core.Labs;

/// <summary>Sex and birth date for interpretation; unknown stays unknown, never guessed.</summary>
public sealed record LabDemographics(MarkerSex? Sex, DateOnly? BirthDate)
{
    public static LabDemographics Unknown { get; } = new(null, null);

    /// <summary>
    /// Whether the person is pregnant: true, false, or null when not stated (never assumed). Pregnancy
    /// changes the WHO anaemia cut-off and adds a caveat to eGFR; it is not applied to a male.
    /// </summary>
    public bool? Pregnant { get; init; }

    /// <summary>Age in whole years on <paramref name="date"/>; null when the birth date is unknown.</summary>
    public int? AgeAt(DateTimeOffset date)
    {
        if (BirthDate is not { } birth)
        {
            return null;
        }

        var day = System.DateOnly.FromDateTime(date.Date);
        var age = day.Year - birth.Year;
        if (day < birth.AddYears(age))
        {
            age--;
        }

        return age;
    }
}
