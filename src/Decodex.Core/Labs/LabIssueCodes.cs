namespace Decodex.Core.Labs;

/// <summary>Coded lab issues. Codes never change meaning. Messages never carry a value or a name.</summary>
public static class LabIssueCodes
{
    /// <summary>The file is not a lab file Decodex can read (unknown layout, not FHIR JSON, empty).</summary>
    public const string UnreadableFile = "LAB001";

    /// <summary>A row has the wrong number of fields or a required field is empty.</summary>
    public const string MalformedRow = "LAB002";

    /// <summary>A date is missing, not a calendar date, or written ambiguously (e.g. 03/04/2024).</summary>
    public const string BadDate = "LAB003";

    /// <summary>A value is not a number (a decimal comma is read; other text is not).</summary>
    public const string BadValue = "LAB004";

    /// <summary>A censored value (&lt;5, &gt;100): kept with its comparator; flagged only when the bound decides.</summary>
    public const string CensoredValue = "LAB005";

    /// <summary>A test matches no marker of the catalogue: kept, not interpreted.</summary>
    public const string UnknownTest = "LAB006";

    /// <summary>A unit cannot be read, or cannot be converted to the marker's unit: the value stays indeterminate.</summary>
    public const string IndeterminateUnit = "LAB007";

    /// <summary>The same test at the same time appears twice with the same value: kept once.</summary>
    public const string DuplicateResult = "LAB008";

    /// <summary>The same test at the same time has different values: kept when the source sets them apart (separate encounters or resources), else the file is refused.</summary>
    public const string ConflictingResult = "LAB009";

    /// <summary>A reference range has its low above its high: not used.</summary>
    public const string InvertedRange = "LAB010";

    /// <summary>A value outside what a human result can be, most likely a unit slip (×10): not interpreted.</summary>
    public const string ImplausibleValue = "LAB011";

    /// <summary>An imported derived value (eGFR) differs from Decodex's recomputation, which is used instead.</summary>
    public const string RecomputedDerived = "LAB012";

    /// <summary>The FHIR JSON parsed only in part (e.g. a narrative without div); the readable part was kept.</summary>
    public const string PartialFhir = "LAB013";

    /// <summary>Sex or birth date is missing or conflicting: sex- and age-specific interpretation is limited.</summary>
    public const string MissingDemographics = "LAB014";

    /// <summary>A value or row that is not a quantitative lab result (text, coded) was skipped.</summary>
    public const string NotQuantitative = "LAB015";

    /// <summary>Pregnancy was stated for a male: it is not applied.</summary>
    public const string PregnancyNotApplied = "LAB016";

    /// <summary>The file is larger than a lab file may be (<see cref="ReadLimits.MaxLabFileBytes"/>): refused before it is parsed.</summary>
    public const string FileTooLarge = "LAB017";

    /// <summary>The file has more rows or results than one upload may (<see cref="ReadLimits.MaxLabResults"/>): refused.</summary>
    public const string TooManyResults = "LAB018";
}
