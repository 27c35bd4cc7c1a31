namespace Decodex.Core.Pgx;

/// <summary>A publication a CPIC guideline cites, as the CPIC export gives it.</summary>
public sealed record PgxCitation
{
    /// <summary>PubMed id, as given (digits).</summary>
    public string? Pmid { get; init; }

    /// <summary>Title as given.</summary>
    public string? Title { get; init; }

    /// <summary>Journal as given.</summary>
    public string? Journal { get; init; }

    /// <summary>Publication year.</summary>
    public int? Year { get; init; }
}
