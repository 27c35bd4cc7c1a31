using System.Collections.Immutable;

namespace Decodex.Core.Pgx;

/// <summary>
/// One upstream dataset that fed the compiled PGx data file: where it came from, the exact commit or
/// version, its licence, and which of its files were read.
/// </summary>
public sealed record PgxSource
{
    /// <summary>Short stable id, e.g. <c>pharmcat</c> or <c>pypgx</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Human-readable name of the dataset.</summary>
    public required string Name { get; init; }

    /// <summary>Where the dataset is published.</summary>
    public required string Url { get; init; }

    /// <summary>The exact git commit (40 hex digits) or dated version the files were taken from.</summary>
    public required string Version { get; init; }

    /// <summary>Release name and date of that version, e.g. <c>v3.1.1 (2025-11-19)</c>.</summary>
    public required string Release { get; init; }

    /// <summary>Licence of the dataset, in words (SPDX id first).</summary>
    public required string Licence { get; init; }

    /// <summary>Licence text shipped beside the data file, relative to <c>src/Decodex.Core/Pgx/Data/</c>; null when only pointed to.</summary>
    public string? LicenceFile { get; init; }

    /// <summary>Attribution the publisher asks for; null when none is asked.</summary>
    public string? Attribution { get; init; }

    /// <summary>The input files read, relative to the shared <c>data/pgx/</c> folder (globs where many).</summary>
    public ImmutableArray<string> Files { get; init; } = [];

    /// <summary>What was taken from these files.</summary>
    public required string Taken { get; init; }
}
