namespace Decodex.Core.Genomics;

/// <summary>
/// Thresholds for merging two files of the same person. Defaults: refuse at 100 or more shared ids at
/// different positions (the snps library's default: the files are evidently of different builds), and
/// refuse when more than 2% of the SNPs called in both files disagree once at least 1,000 are compared.
/// The 2% is Decodex's own engineering margin, not a published figure: it sits well above the
/// disagreement expected between two chips for one person and well below that between two people.
/// </summary>
public sealed record GenomeMergeOptions
{
    /// <summary>Refuse when this many or more shared ids sit at different positions.</summary>
    public int PositionDiscrepancyLimit { get; init; } = 100;

    /// <summary>Refuse when the share of disagreeing calls exceeds this (0–1).</summary>
    public double MaxGenotypeDiscordance { get; init; } = 0.02;

    /// <summary>The discordance rule applies only when at least this many calls are compared.</summary>
    public int MinimumComparedForDiscordance { get; init; } = 1000;

    /// <summary>Optional absolute limit (the snps library refuses at 500 or more); null for none.</summary>
    public int? GenotypeDiscrepancyLimit { get; init; }
}
