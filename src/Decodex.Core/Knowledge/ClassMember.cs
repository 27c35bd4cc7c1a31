namespace Decodex.Core.Knowledge;

/// <summary>A member drug of a class, used to match the names people give for their medications.</summary>
public sealed record ClassMember
{
    /// <summary>Generic name, lowercase.</summary>
    public required string Name { get; init; }
    public string? Atc { get; init; }

    /// <summary>Compound id when the member has its own monograph.</summary>
    public string? CompoundId { get; init; }
    public IReadOnlyList<string> Brands { get; init; } = [];

    /// <summary>Verification of the brand names.</summary>
    public VerificationStatus? BrandStatus { get; init; }
    public string? Note { get; init; }
}
