namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// A pair of named alleles (or one, for a haploid gene) that fits the positions read, with its match
/// score: the number of defining positions read that the two definitions specify (PharmCAT's score;
/// higher means more specific).
/// </summary>
public sealed record PgxDiplotype(PgxAllele First, PgxAllele? Second, int Score)
{
    /// <summary>The name as written in output, e.g. <c>*1/*2</c>; one allele name when haploid.</summary>
    public string Name => Second is null ? First.Name : $"{First.Name}/{Second.Name}";
}
