using System.Collections.Immutable;

namespace Decodex.Core.Pgx;

/// <summary>One row of the CPIC gene–drug pair table (levels), with empty source cells as null.</summary>
public sealed record PgxGeneDrugPair
{
    /// <summary>Gene symbol.</summary>
    public required string Gene { get; init; }

    /// <summary>Drug name as CPIC writes it.</summary>
    public required string Drug { get; init; }

    /// <summary>RxNorm concept id.</summary>
    public string? RxNorm { get; init; }

    /// <summary>ATC codes as given (comma-separated; <c>NA</c> kept as written).</summary>
    public string? Atc { get; init; }

    /// <summary>Guideline page; null when the pair has no guideline.</summary>
    public string? GuidelineUrl { get; init; }

    /// <summary>CPIC level (A … D, or A/B, B/C, C/D).</summary>
    public required string CpicLevel { get; init; }

    /// <summary><c>Final</c> or <c>Provisional</c>.</summary>
    public string? CpicLevelStatus { get; init; }

    /// <summary>PharmGKB clinical annotation level as given.</summary>
    public string? PharmGkbLevel { get; init; }

    /// <summary>FDA label category as given (e.g. <c>Actionable PGx</c>).</summary>
    public string? FdaLabel { get; init; }

    /// <summary>PubMed ids of the guideline publications.</summary>
    public ImmutableArray<string> Pmids { get; init; } = [];
}
