namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// One gene's result for one genome: the diplotypes that fit, the phenotype when every one of them
/// gives the same phenotype, the coverage, and what is missing. Contains the person's genotypes in
/// <see cref="Observed"/>; never log it.
/// </summary>
public sealed record PgxGeneCall
{
    /// <summary>The most diplotypes kept in <see cref="Diplotypes"/>; <see cref="DiplotypeCount"/> counts them all.</summary>
    public const int MaxListedDiplotypes = 100;

    public required string Gene { get; init; }

    public required PgxCallStatus Status { get; init; }

    /// <summary>
    /// What the result rests on: <c>star-alleles</c>; <c>rs4149056</c> (SLCO1B1's single-variant
    /// convention); <c>dpyd-variants</c> (DPYD's two-lowest-activity convention); <c>snp-alleles</c>
    /// (CYP2D6 from SNPs, copy number unknown); <c>none</c>.
    /// </summary>
    public required string Basis { get; init; }

    /// <summary>Every diplotype that fits the positions read, most specific first (at most <see cref="MaxListedDiplotypes"/>).</summary>
    public IReadOnlyList<string> Diplotypes { get; init; } = [];

    /// <summary>How many diplotypes fit in all.</summary>
    public int DiplotypeCount { get; init; }

    /// <summary>
    /// PharmCAT's call on the same positions: the top-scoring diplotypes among alleles that specify a
    /// position read. When positions are missing it silently assumes they are reference; shown for comparison only.
    /// For SLCO1B1's rs4149056 fallback, the diplotype PharmCAT infers from that variant (e.g. <c>*1/*5</c>).
    /// </summary>
    public IReadOnlyList<string> PharmCatDiplotypes { get; init; } = [];

    /// <summary>
    /// The phenotype, when every fitting diplotype gives this one (and, for genes scored by activity, the
    /// same <see cref="ActivityScore"/>); null otherwise.
    /// </summary>
    public string? Phenotype { get; init; }

    /// <summary>The activity score (activity genes), under the same rule as <see cref="Phenotype"/>.</summary>
    public string? ActivityScore { get; init; }

    /// <summary>The CPIC lookup key for recommendations (the phenotype, or the score); null without a phenotype.</summary>
    public string? LookupKey { get; init; }

    /// <summary>The distinct phenotypes of the fitting diplotypes (<c>unassigned</c> where the data gives none).</summary>
    public IReadOnlyList<string> PossiblePhenotypes { get; init; } = [];

    /// <summary>Defining positions read.</summary>
    public required int PositionsRead { get; init; }

    /// <summary>Defining positions in the gene's definition.</summary>
    public required int PositionsRequired { get; init; }

    /// <summary>Missing positions that define an allele among the fitting diplotypes: reading them would narrow the result (e.g. <c>rs12248560 (*17, *4)</c>).</summary>
    public IReadOnlyList<string> SettlingPositions { get; init; } = [];

    /// <summary>The positions read with the genotype found (rsID or GRCh38 position → genotype, e.g. <c>A/G</c>). Personal data.</summary>
    public IReadOnlyList<PgxObservedPosition> Observed { get; init; } = [];

    /// <summary>Plain-language notes and limits (never a genotype).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The test that would settle the gene when the file cannot; null when the call is complete.</summary>
    public string? SettlingTest { get; init; }

    /// <summary>
    /// The probability of each phenotype per biogeographic group, the most probable one, the untested
    /// alleles that could change it and the AMP Tier 1 coverage; null when not computed (a complete call,
    /// nothing read, no frequencies or no phenotype map for the gene).
    /// </summary>
    public PgxProbableCall? Probable { get; init; }
}

/// <summary>A defining position read from the file, with the genotype found and how it was found.</summary>
public sealed record PgxObservedPosition(string Position, string Genotype, string FoundBy);
