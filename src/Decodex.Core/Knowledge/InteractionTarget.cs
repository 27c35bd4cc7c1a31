namespace Decodex.Core.Knowledge;

/// <summary>What a compound interacts with: exactly one of a drug class or a compound.</summary>
public sealed record InteractionTarget(string? ClassId, string? CompoundId)
{
    /// <inheritdoc />
    public override string ToString() => ClassId is not null ? $"class {ClassId}" : $"compound {CompoundId}";
}
