namespace Decodex.Core.Pgx;

/// <summary>
/// One allele-defining position of a gene, as PharmCAT defines it (GRCh38), with the GRCh37
/// coordinates joined from pypgx where a row matched. <see cref="Index"/> is the slot of this
/// variant in every <see cref="PgxAllele.Alleles"/> vector of the gene.
/// </summary>
public sealed record PgxVariant
{
    /// <summary>0-based index in the gene's definition.</summary>
    public required int Index { get; init; }

    /// <summary>dbSNP id (<c>rs…</c>); null when the definition gives none.</summary>
    public string? RsId { get; init; }

    /// <summary>Position, reference and alternates in GRCh38, exactly as the PharmCAT definition gives them.</summary>
    public required PgxLocus Grch38 { get; init; }

    /// <summary>Position, reference and alternates in GRCh37 from pypgx; null when no row matched (never lifted over).</summary>
    public PgxLocus? Grch37 { get; init; }

    /// <summary>How <see cref="Grch37"/> was matched; null when it is null.</summary>
    public PgxCoordinateMatch? Grch37MatchedBy { get; init; }

    /// <summary>Chromosomal HGVS name from the definition, e.g. <c>g.94781859G&gt;A</c>.</summary>
    public string? Hgvs { get; init; }
}
