namespace Decodex.Core.Knowledge;

/// <summary>
/// One variant of the health allow-list (<c>vocabularies/health-variants.yaml</c>): a common, well-studied
/// variant that a consumer array reads reliably, with what each genotype means in calibrated words, what it
/// does not mean, and the clinical test that settles it. Variants outside this list are never results.
/// </summary>
public sealed record HealthVariant
{
    public required string Id { get; init; }
    public required string Gene { get; init; }

    /// <summary>Short name as clinicians say it, e.g. <c>C282Y</c> or <c>factor V Leiden</c>.</summary>
    public required string Name { get; init; }

    /// <summary>HGVS or legacy names, for the reader who checks.</summary>
    public string? Hgvs { get; init; }

    public required string Condition { get; init; }
    public required HealthVariantKind Kind { get; init; }
    public required HealthInheritance Inheritance { get; init; }

    /// <summary>
    /// The opt-in group the result belongs to (e.g. <c>thrombophilia</c>): a result of a sensitive topic
    /// is shown only after the person chooses to see that topic.
    /// </summary>
    public required string Topic { get; init; }

    /// <summary>Whether the topic needs an explicit opt-in before the result is shown.</summary>
    public bool Sensitive { get; init; }

    /// <summary>The dbSNP number (rs…); 0 when the variant has none.</summary>
    public ulong RsId { get; init; }

    /// <summary>Vendor ids that report the same variant (23andMe <c>i3000001</c> for F508del), lower case.</summary>
    public IReadOnlyList<string> VendorIds { get; init; } = [];

    /// <summary>Chromosome as written in files (<c>6</c>, <c>X</c>).</summary>
    public required string Chromosome { get; init; }

    /// <summary>The site in GRCh37; null when no source gave it (then only the rsID finds it).</summary>
    public HealthSite? Grch37 { get; init; }

    /// <summary>The site in GRCh38; null when no source gave it.</summary>
    public HealthSite? Grch38 { get; init; }

    /// <summary>
    /// The risk allele on the plus strand as a one-letter genotype shows it: a base, or <c>D</c> for a
    /// deletion (vendor files write indels as I/D).
    /// </summary>
    public required string RiskAllele { get; init; }

    /// <summary>The usual allele on the plus strand (<c>I</c> for the undeleted sequence).</summary>
    public required string OtherAllele { get; init; }

    /// <summary>Frequencies of the risk allele by population, each with its source.</summary>
    public IReadOnlyList<HealthFrequency> Frequencies { get; init; } = [];

    /// <summary>What each genotype means; one entry per number of risk copies (and hemizygous for X-linked genes).</summary>
    public IReadOnlyList<HealthMeaning> Meanings { get; init; } = [];

    /// <summary>What a result does not mean, whatever the genotype.</summary>
    public required string NotMeaning { get; init; }

    /// <summary>The inexpensive clinical test that settles the question.</summary>
    public required string Confirm { get; init; }

    public IReadOnlyList<string> CitationIds { get; init; } = [];

    public SourceLocation Location { get; init; }

    /// <summary>The site in <paramref name="build"/>, or null.</summary>
    public HealthSite? SiteIn(Genomics.GenomeBuild build) => build switch
    {
        Genomics.GenomeBuild.Grch37 => Grch37,
        Genomics.GenomeBuild.Grch38 => Grch38,
        _ => null,
    };

    /// <summary>The meaning for a genotype class, or null when none is written.</summary>
    public HealthMeaning? MeaningFor(HealthGenotypeClass genotype) => Meanings.FirstOrDefault(m => m.Genotype == genotype);
}

/// <summary>A variant's position and alleles in one build, plus strand, as a VCF writes them.</summary>
public sealed record HealthSite(int Position, string Reference, string Alternate);

/// <summary>A risk-allele frequency in a named population.</summary>
public sealed record HealthFrequency(string Population, decimal Frequency, IReadOnlyList<string> CitationIds);

/// <summary>
/// What one genotype class means, with its sources, and the knowledge-base conditions it counts as in a
/// report: certainly (<see cref="ConditionIds"/>, G6PD deficiency for a hemizygous male) or possibly
/// (<see cref="PossibleConditionIds"/>, for a woman with one copy, whom only an enzyme test tells).
/// </summary>
public sealed record HealthMeaning(HealthGenotypeClass Genotype, string Text, IReadOnlyList<string> CitationIds)
{
    public IReadOnlyList<string> ConditionIds { get; init; } = [];

    public IReadOnlyList<string> PossibleConditionIds { get; init; } = [];
}

/// <summary>Whether a variant raises a person's own risk or mainly matters as carrier status for children.</summary>
public enum HealthVariantKind
{
    /// <summary>The genotype changes the person's own risk.</summary>
    Risk,

    /// <summary>One copy is carrier status (family planning); two copies are a matter for a clinician.</summary>
    Carrier,
}

/// <summary>How the variant is inherited.</summary>
public enum HealthInheritance
{
    Recessive,
    SemiDominant,
    Dominant,
    XLinked,
}

/// <summary>The genotype classes a meaning is written for.</summary>
public enum HealthGenotypeClass
{
    /// <summary>Two copies of the usual allele.</summary>
    NoCopies,

    /// <summary>One risk copy and one usual copy.</summary>
    OneCopy,

    /// <summary>Two risk copies.</summary>
    TwoCopies,

    /// <summary>One X chromosome carrying the risk allele (a male for an X-linked gene).</summary>
    Hemizygous,

    /// <summary>One X chromosome carrying the usual allele.</summary>
    HemizygousUsual,
}

/// <summary>
/// A meaning that needs two allow-listed variants together (HFE C282Y with H63D, SERPINA1 Z with S, factor V
/// Leiden with prothrombin G20210A). It is said only when every part was read and carries its copies.
/// </summary>
public sealed record HealthCombination
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Each variant id with the number of risk copies it needs (exactly).</summary>
    public IReadOnlyList<HealthCombinationPart> Parts { get; init; } = [];

    public required string Text { get; init; }
    public IReadOnlyList<string> CitationIds { get; init; } = [];
    public SourceLocation Location { get; init; }
}

/// <summary>One variant of a combination and how many risk copies it must carry.</summary>
public sealed record HealthCombinationPart(string VariantId, int Copies);
