namespace Decodex.Core.Pgx;

/// <summary>
/// A special convention or limit a caller must know for one gene (from the project's PGx notes and the
/// PharmCAT documentation). Data only: the caller implements the behaviour.
/// </summary>
public sealed record PgxGeneFlag
{
    /// <summary>Stable kebab-case code, e.g. <c>dpyd-lowest-two-activity</c>.</summary>
    public required string Code { get; init; }

    /// <summary>What the convention is, in one or two sentences.</summary>
    public required string Text { get; init; }
}
