using System.Collections.Immutable;

namespace Decodex.Core.Pgx.Compilation;

/// <summary>The compiled data and what the compiler noticed about its inputs (gaps, left-out rows), in a stable order.</summary>
public sealed record PgxCompileResult
{
    /// <summary>The compiled data.</summary>
    public required PgxData Data { get; init; }

    /// <summary>Notes for the person running the compiler, e.g. alleles without a function or variants without GRCh37 coordinates.</summary>
    public ImmutableArray<string> Notes { get; init; } = [];
}
