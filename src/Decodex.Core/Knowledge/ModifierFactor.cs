namespace Decodex.Core.Knowledge;

/// <summary>The personal factor a modifier depends on.</summary>
public sealed record ModifierFactor
{
    public required ModifierKind Kind { get; init; }
    public string? Gene { get; init; }
    public string? Haplotype { get; init; }
    public IReadOnlyList<VariantAllele> Variants { get; init; } = [];
    public string? Phenotype { get; init; }
    public required string Description { get; init; }
}
