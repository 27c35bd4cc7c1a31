using System.Collections.Immutable;

namespace Decodex.Core.Pgx;

/// <summary>
/// A variant's place and alleles in one genome build. The build is given by the property that holds
/// the locus (<see cref="PgxVariant.Grch38"/> or <see cref="PgxVariant.Grch37"/>); never compare
/// positions of different builds. The reference base can differ between builds (e.g. rs776746).
/// </summary>
public sealed record PgxLocus
{
    /// <summary>1-based position (VCF <c>POS</c>; for indels the anchor base).</summary>
    public required int Position { get; init; }

    /// <summary>Reference allele in this build, as the source writes it.</summary>
    public required string Ref { get; init; }

    /// <summary>Alternate alleles in this build, as the source writes them.</summary>
    public ImmutableArray<string> Alts { get; init; } = [];
}
