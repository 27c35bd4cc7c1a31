namespace Decodex.Core.Genomics;

/// <summary>
/// The APOE ε genotype from rs429358 and rs7412. <see cref="Genotype"/> is null unless both sites
/// were read with valid letters. The site genotypes are the user's own data: show them to the user,
/// never log them.
/// </summary>
public sealed record ApoeResult
{
    /// <summary>e.g. <c>e3/e4</c>; for ambiguous calls, the most likely reading.</summary>
    public string? Genotype { get; init; }
    public required ApoeStatus Status { get; init; }

    /// <summary>Other diplotypes the data also allow (e.g. <c>e1/e3</c> for the unphased double heterozygote).</summary>
    public IReadOnlyList<string> Alternatives { get; init; } = [];
    public required string Explanation { get; init; }

    /// <summary>How each site was found: by rsID or by position in the file's build; null when absent.</summary>
    public string? Rs429358 { get; init; }
    public string? Rs7412 { get; init; }
    public string? FoundBy { get; init; }

    /// <summary>Whether the person carries at least one ε4 allele; null unless called or ambiguous.</summary>
    public bool? CarriesE4 { get; init; }
}
