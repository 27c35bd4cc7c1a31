namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// What CPIC says for one drug and one of its genes, given this person's result for the gene. Texts
/// are CPIC's own (CC0; attribute CPIC) from the data version shown with every output.
/// </summary>
public sealed record PgxDrugAdvice
{
    /// <summary>The name as the user gave it (e.g. <c>Lexapro</c>).</summary>
    public required string Requested { get; init; }

    /// <summary>The drug as CPIC names it (e.g. <c>escitalopram</c>); null when CPIC has no such drug.</summary>
    public string? Drug { get; init; }

    /// <summary>How <see cref="Requested"/> became <see cref="Drug"/>: <c>cpic-name</c>, or the knowledge base's match (<c>compound</c>, <c>synonym</c>, <c>generic</c>, <c>brand</c>).</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>The gene; null when the drug has no CPIC gene.</summary>
    public string? Gene { get; init; }

    /// <summary>CPIC level of the gene–drug pair (A … D); null when unlisted.</summary>
    public string? CpicLevel { get; init; }

    /// <summary>
    /// <c>recommendation</c> (a CPIC row matched), <c>not-callable</c> (the gene's result does not give the
    /// phenotype the recommendation needs), <c>no-recommendation-row</c> (CPIC lists no row for this
    /// phenotype), <c>see-guideline</c> (CPIC gives no phenotype table, e.g. warfarin),
    /// <c>no-cpic-recommendation</c> (pairs exist but no recommendation export), <c>unknown-drug</c>.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>The gene's call status (<c>called</c>, <c>partial</c>, <c>ambiguous</c>, <c>not-callable</c>); null when the gene is not called by Decodex (e.g. HLA-B).</summary>
    public PgxCallStatus? GeneStatus { get; init; }

    /// <summary>The phenotype the recommendation was looked up by; null when not known.</summary>
    public string? Phenotype { get; init; }

    /// <summary>The activity score the recommendation was looked up by (activity genes).</summary>
    public string? ActivityScore { get; init; }

    /// <summary>The phenotypes that remain possible when <see cref="Phenotype"/> is null.</summary>
    public IReadOnlyList<string> PossiblePhenotypes { get; init; } = [];

    /// <summary>CPIC's implication for this gene.</summary>
    public string? Implication { get; init; }

    /// <summary>CPIC's recommendation text.</summary>
    public string? Recommendation { get; init; }

    /// <summary>CPIC's strength (<c>Strong</c>, <c>Moderate</c>, <c>Optional</c>, <c>No Recommendation</c>).</summary>
    public string? Strength { get; init; }

    /// <summary>The population the row applies to, when CPIC gives one other than <c>general</c>.</summary>
    public string? Population { get; init; }

    /// <summary>CPIC's comments, when not <c>n/a</c>.</summary>
    public string? Comments { get; init; }

    /// <summary>The guideline; null when there is none.</summary>
    public PgxGuidelineReference? Guideline { get; init; }

    /// <summary>A plain-language note (why there is no recommendation, what would settle it).</summary>
    public string? Note { get; init; }

    /// <summary>The test that would settle the gene when the file cannot.</summary>
    public string? SettlingTest { get; init; }

    /// <summary>
    /// When the gene is only <see cref="PgxCallStatus.Probable"/>: the probability of the phenotype the
    /// advice rests on, in words (e.g. <c>99.4 % to over 99.9 %</c>); null for a called phenotype.
    /// </summary>
    public string? Probability { get; init; }

    /// <summary>Lowest probability of the phenotype across the groups considered (probable genes only).</summary>
    public double? ProbabilityMin { get; init; }

    /// <summary>Highest probability of the phenotype across the groups considered (probable genes only).</summary>
    public double? ProbabilityMax { get; init; }
}

/// <summary>A CPIC guideline: name, page and the PubMed ids of its publications.</summary>
public sealed record PgxGuidelineReference(string Name, string? Url, IReadOnlyList<string> Pmids);
