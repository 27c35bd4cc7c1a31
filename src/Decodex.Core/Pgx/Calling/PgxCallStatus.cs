namespace Decodex.Core.Pgx.Calling;

/// <summary>How far a gene could be called from the file. Shown in output as kebab-case terms.</summary>
public enum PgxCallStatus
{
    /// <summary>Every defining position was read and exactly one diplotype fits.</summary>
    Called,

    /// <summary>
    /// Exactly one diplotype fits the positions read, but some defining positions are absent from the
    /// file; the call rests on the positions present (listed with the result).
    /// </summary>
    Partial,

    /// <summary>More than one diplotype fits (unphased data, or alleles defined at positions the file lacks); all are listed.</summary>
    Ambiguous,

    /// <summary>No defining position was read, or no pair of defined alleles fits what was read.</summary>
    NotCallable,

    /// <summary>
    /// Several diplotypes fit, but one phenotype holds at least 95 % of the probability in every
    /// biogeographic group considered, from CPIC allele frequencies (<see cref="PgxGeneCall.Probable"/>
    /// gives the figures); CPIC advice is given for it, marked probable.
    /// </summary>
    Probable,
}
