namespace Decodex.Core.Knowledge;

/// <summary>Where an entity was declared in the knowledge-base sources (1-based line).</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";
}
