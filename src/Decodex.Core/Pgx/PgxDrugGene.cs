namespace Decodex.Core.Pgx;

/// <summary>A gene of a drug's CPIC guideline, with the CPIC level of the gene–drug pair.</summary>
public sealed record PgxDrugGene
{
    /// <summary>Gene symbol.</summary>
    public required string Gene { get; init; }

    /// <summary>CPIC level (<c>A</c>, <c>A/B</c>, <c>B</c>, <c>B/C</c>, <c>C</c>, <c>C/D</c>, <c>D</c>); null when the pair table does not list the pair.</summary>
    public string? CpicLevel { get; init; }

    /// <summary><c>Final</c> or <c>Provisional</c>; null when the pair is not listed.</summary>
    public string? CpicLevelStatus { get; init; }
}
