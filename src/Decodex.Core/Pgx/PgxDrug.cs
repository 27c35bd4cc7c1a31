using System.Collections.Immutable;

namespace Decodex.Core.Pgx;

/// <summary>A drug with a CPIC guideline and its recommendations from the CPIC export.</summary>
public sealed record PgxDrug
{
    /// <summary>Drug name as CPIC writes it (lower case), e.g. <c>escitalopram</c>.</summary>
    public required string Name { get; init; }

    /// <summary>CPIC drug id, e.g. <c>RxNorm:321988</c>.</summary>
    public string? DrugId { get; init; }

    /// <summary>Guideline name.</summary>
    public required string GuidelineName { get; init; }

    /// <summary>Guideline page.</summary>
    public string? GuidelineUrl { get; init; }

    /// <summary>Guideline publications, in source order.</summary>
    public ImmutableArray<PgxCitation> Citations { get; init; } = [];

    /// <summary>The guideline's genes for this drug with their CPIC levels, by gene symbol.</summary>
    public ImmutableArray<PgxDrugGene> Genes { get; init; } = [];

    /// <summary>CPIC's note on how to use the recommendations (e.g. warfarin follows a diagram); null when none.</summary>
    public string? NotesOnUsage { get; init; }

    /// <summary>Recommendations in source order; empty when CPIC gives none in this form (e.g. warfarin).</summary>
    public ImmutableArray<PgxRecommendation> Recommendations { get; init; } = [];

    /// <summary>The recommendations with a lookup row whose key for <paramref name="gene"/> is <paramref name="key"/> (a phenotype or activity score).</summary>
    public IReadOnlyList<PgxRecommendation> FindRecommendations(string gene, string key)
    {
        ArgumentNullException.ThrowIfNull(gene);
        ArgumentNullException.ThrowIfNull(key);
        return Recommendations.Where(r => r.Matches(gene, key)).ToArray();
    }

    /// <summary>The CPIC level of this drug with <paramref name="gene"/>; null when the gene is not in the guideline or unlisted.</summary>
    public string? CpicLevel(string gene) =>
        Genes.FirstOrDefault(g => string.Equals(g.Gene, gene, StringComparison.OrdinalIgnoreCase))?.CpicLevel;
}
