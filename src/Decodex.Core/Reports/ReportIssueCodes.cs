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
}
