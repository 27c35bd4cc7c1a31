using Decodex.Core.Knowledge;

namespace Decodex.Core.Genomics.Health;

/// <summary>What a file says at one allow-listed variant.</summary>
public enum HealthCallStatus
{
    /// <summary>The site was read and carries at least one risk allele.</summary>
    Detected,

    /// <summary>The site was read and carries no risk allele. Never reassurance beyond this one site.</summary>
    NotDetected,

    /// <summary>The site is missing from the file, was not called, or reads letters that cannot occur: unknown.</summary>
    NotRead,

    /// <summary>A rare pathogenic call outside the allow-list: an array call to confirm, never a result.</summary>
    UnconfirmedRare,
}

/// <summary>
/// The reading of one allow-listed variant. The genotype is the person's own data: shown to them, never
/// logged. <see cref="Meaning"/> is the knowledge base's text for the genotype, or why nothing could be said.
/// </summary>
public sealed record HealthVariantResult
{
    public required HealthVariant Variant { get; init; }
    public required HealthCallStatus Status { get; init; }

    /// <summary>The letters as the file reports them (plus strand), e.g. <c>AG</c> or <c>DI</c>; null when not read.</summary>
    public string? Genotype { get; init; }

    /// <summary>Copies of the risk allele (0–2); null when not read.</summary>
    public int? RiskCopies { get; init; }

    /// <summary>The genotype class the meaning was chosen for; null when not read.</summary>
    public HealthGenotypeClass? GenotypeClass { get; init; }

    /// <summary>How the site was found: by rsID, by a vendor id, or by position in the file's build.</summary>
    public string? FoundBy { get; init; }

    /// <summary>The knowledge base's meaning for this genotype, or why the site could not be read.</summary>
    public required string Meaning { get; init; }

    /// <summary>Citations of the meaning (the variant's own when the meaning has none of its own).</summary>
    public IReadOnlyList<string> CitationIds { get; init; } = [];

    /// <summary>A caution about this reading (a strand-ambiguous site, sex not determined on an X-linked gene).</summary>
    public string? Caution { get; init; }
}

/// <summary>A combination of two allow-listed variants found together (e.g. C282Y with H63D).</summary>
public sealed record HealthCombinationResult(HealthCombination Combination);
