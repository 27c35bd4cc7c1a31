namespace Decodex.Core.Pgx;

/// <summary>A variant together with the gene whose definition it belongs to (an index hit).</summary>
/// <param name="Gene">The gene.</param>
/// <param name="Variant">The variant, one of <see cref="PgxGene.Variants"/>.</param>
public sealed record PgxGeneVariant(PgxGene Gene, PgxVariant Variant);
