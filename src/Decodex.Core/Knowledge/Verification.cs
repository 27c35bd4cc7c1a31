namespace Decodex.Core.Knowledge;

/// <summary>How far a citation was checked, where and when.</summary>
public sealed record Verification
{
    /// <summary>The verification status; see knowledge/README.md for what each means.</summary>
    public required VerificationStatus Status { get; init; }

    /// <summary>Addresses of the pages or records where the study was seen.</summary>
    public IReadOnlyList<string> SeenAt { get; init; } = [];

    /// <summary>When the check was made, as written in the source (<c>2026-11</c>).</summary>
    public string? Checked { get; init; }

    /// <summary>Anything a reader should know about the check.</summary>
    public string? Note { get; init; }

    /// <summary>True when the study itself (abstract, record or full text) was seen and matches.</summary>
    public bool IsVerified => Status is VerificationStatus.VerifiedAbstract or VerificationStatus.VerifiedFullText;
}
