namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// How probable each phenotype is, given the positions read and CPIC's allele frequencies, per
/// biogeographic group (<see cref="PgxProbability"/>). Holds no genotype.
/// </summary>
public sealed record PgxProbableCall
{
    /// <summary>
    /// The share of probability one phenotype must hold in every group considered for the status
    /// <see cref="PgxCallStatus.Probable"/> (see the README for why 95 %).
    /// </summary>
    public const double Threshold = 0.95;

    /// <summary>The most probable phenotype in the groups considered (the one with the highest lowest share); null when none can be computed.</summary>
    public string? Phenotype { get; init; }

    /// <summary>Its activity score (activity genes).</summary>
    public string? ActivityScore { get; init; }

    /// <summary>Its CPIC lookup key.</summary>
    public string? LookupKey { get; init; }

    /// <summary>Lowest probability of <see cref="Phenotype"/> across <see cref="GroupsConsidered"/>.</summary>
    public double ProbabilityMin { get; init; }

    /// <summary>Highest probability of <see cref="Phenotype"/> across <see cref="GroupsConsidered"/>.</summary>
    public double ProbabilityMax { get; init; }

    /// <summary>True when <see cref="ProbabilityMin"/> reaches <see cref="Threshold"/>.</summary>
    public bool MeetsThreshold => Phenotype is not null && ProbabilityMin >= Threshold;

    /// <summary>The group the person stated, when one was stated and the gene has frequencies for it.</summary>
    public string? StatedGroup { get; init; }

    /// <summary>The groups the probability range is taken over: the stated group, else every group with data.</summary>
    public IReadOnlyList<string> GroupsConsidered { get; init; } = [];

    /// <summary>Alleles not (fully) tested by the file that would give another phenotype than <see cref="Phenotype"/>.</summary>
    public IReadOnlyList<string> UntestedAlleles { get; init; } = [];

    /// <summary>Alleles that fit and were fully read but have no CPIC frequency in a group considered (blocks <see cref="PgxCallStatus.Probable"/>).</summary>
    public IReadOnlyList<string> TestedWithoutFrequency { get; init; } = [];

    /// <summary>Those of <see cref="UntestedAlleles"/> without a CPIC frequency in some group considered (counted as absent there).</summary>
    public IReadOnlyList<string> UntestedWithoutFrequency { get; init; } = [];

    /// <summary>Fitting diplotypes of another phenotype made only of alleles the file read in full (phase alternatives, e.g. TPMT <c>*3B/*3C (Poor Metabolizer)</c>).</summary>
    public IReadOnlyList<string> TestedAlternatives { get; init; } = [];

    /// <summary>Lowest combined CPIC frequency of <see cref="UntestedAlleles"/> across <see cref="GroupsConsidered"/>.</summary>
    public double UntestedFrequencyMin { get; init; }

    /// <summary>Highest combined CPIC frequency of <see cref="UntestedAlleles"/> across <see cref="GroupsConsidered"/>.</summary>
    public double UntestedFrequencyMax { get; init; }

    /// <summary>Every group with frequency data for the gene, with the probability of each phenotype.</summary>
    public IReadOnlyList<PgxGroupOdds> Groups { get; init; } = [];

    /// <summary>The AMP Tier 1 alleles of the gene and how many of each one's defining positions were read.</summary>
    public IReadOnlyList<PgxTier1Coverage> AmpTier1 { get; init; } = [];

    /// <summary>What the figures rest on.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>The frequency source and its licence.</summary>
    public string Source { get; init; } = PgxFrequencies.Source;
}

/// <summary>One group's probabilities, highest first.</summary>
public sealed record PgxGroupOdds(string Group, IReadOnlyList<PgxPhenotypeOdds> Phenotypes)
{
    /// <summary>The probability of <paramref name="phenotype"/> in this group, all activity scores together (0 when absent).</summary>
    public double Of(string phenotype) => Phenotypes.Where(p => string.Equals(p.Phenotype, phenotype, StringComparison.Ordinal)).Sum(p => p.Probability);

    /// <summary>
    /// Alleles the file does fit (every defining position read) that CPIC gives no frequency for in this
    /// group: the prior would silently drop a real possibility, so no phenotype is made probable.
    /// </summary>
    public IReadOnlyList<string> TestedWithoutFrequency { get; init; } = [];
}

/// <summary>
/// One phenotype's probability in one group (one entry per activity score for activity genes; <c>unassigned</c> where the data gives none), with the untested alleles that would give another
/// phenotype and their combined CPIC frequency in the group.
/// </summary>
public sealed record PgxPhenotypeOdds(string Phenotype, string? ActivityScore, string? LookupKey, double Probability, IReadOnlyList<string> UntestedAlleles, double UntestedFrequency, IReadOnlyList<string> WithoutFrequency)
{
    /// <summary>Fitting diplotypes of another phenotype made only of alleles read in full (a phase alternative), with their phenotype.</summary>
    public IReadOnlyList<string> TestedAlternatives { get; init; } = [];
}

/// <summary>An AMP Tier 1 allele: defining positions read of those required (0 required = not testable from SNPs, e.g. the CYP2D6 *5 deletion).</summary>
public sealed record PgxTier1Coverage(string Allele, int PositionsRead, int PositionsRequired)
{
    /// <summary>True when every defining position was read.</summary>
    public bool Tested => PositionsRequired > 0 && PositionsRead == PositionsRequired;
}
