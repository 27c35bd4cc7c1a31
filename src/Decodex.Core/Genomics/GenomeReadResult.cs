namespace Decodex.Core.Genomics;

/// <summary>
/// The outcome of reading a genotype file. <see cref="Genome"/> is null when the file was refused
/// (then <see cref="Issues"/> holds one error saying why, and nothing from the file was kept).
/// </summary>
public sealed record GenomeReadResult
{
    public Genome? Genome { get; init; }
    public GenomeFormat? Format { get; init; }
    public BuildDecision? Build { get; init; }
    public SexDecision? Sex { get; init; }

    /// <summary>The member of a zip archive that was read; it may carry the user's name, so it goes only to the user.</summary>
    public string? ZipMember { get; init; }

    /// <summary>gzip, bgzip, zip, or null for plain text.</summary>
    public string? Compression { get; init; }
    public IReadOnlyList<Issue> Issues { get; init; } = [];

    public bool Refused => Genome is null;

    /// <summary>Whether any issue is a warning or error the user must see.</summary>
    public bool HasProblems => Issues.Any(i => i.Severity is IssueSeverity.Error or IssueSeverity.Warning);

    internal static GenomeReadResult Refuse(string code, string message, GenomeFormat? format = null, string? compression = null) => new()
    {
        Format = format,
        Compression = compression,
        Issues = [new Issue(code, IssueSeverity.Error, message)],
    };
}
