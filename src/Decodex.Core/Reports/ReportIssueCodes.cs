namespace Decodex.Core.Reports;

/// <summary>Coded profile and report issues. Messages never carry a name, genotype or value.</summary>
public static class ReportIssueCodes
{
    public const string UnreadableProfile = "PRF001";
    public const string UnknownKey = "PRF002";
    public const string BadValue = "PRF003";
    public const string UnknownCondition = "PRF004";
    public const string UnknownMedication = "PRF005";
    public const string UnknownGoal = "PRF006";
    public const string MissingFile = "PRF007";
    public const string UnusableFile = "PRF008";
    public const string UnknownCompound = "PRF009";

    /// <summary>A key written another way (dob, medicines) and read as the profile key.</summary>
    public const string KeyAlias = "PRF010";

    /// <summary>Several entries written on one line with commas, read as separate entries.</summary>
    public const string ListInOneLine = "PRF011";

    /// <summary>Details of an entry written as a mapping (a dose) that are not read.</summary>
    public const string IgnoredDetail = "PRF012";

    /// <summary>An allergy naming no medicine Decodex recognises.</summary>
    public const string UnknownAllergy = "PRF013";

    /// <summary>More than one DNA file; only the first is used.</summary>
    public const string ExtraGenome = "PRF014";

    /// <summary>An ancestry that is not one of CPIC's biogeographic groups; probabilities are shown across all groups.</summary>
    public const string UnknownAncestry = "PRF015";
}
