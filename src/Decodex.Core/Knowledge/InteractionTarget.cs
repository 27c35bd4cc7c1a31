namespace Decodex.Core.Knowledge;

/// <summary>
/// What a compound interacts with: exactly one of a drug class, a compound with a monograph, or a
/// single drug by generic name (a member of some class), for interactions that concern one drug only.
/// </summary>
public sealed record InteractionTarget(string? ClassId, string? CompoundId, string? Drug = null)
{
    /// <summary>The id or name the target is shown by.</summary>
    public string Key => ClassId ?? CompoundId ?? Drug ?? string.Empty;

    /// <inheritdoc />
    public override string ToString() => ClassId is not null ? $"class {ClassId}" : CompoundId is not null ? $"compound {CompoundId}" : $"drug {Drug}";
}
