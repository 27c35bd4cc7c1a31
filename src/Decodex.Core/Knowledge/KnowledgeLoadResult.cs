namespace Decodex.Core.Knowledge;

/// <summary>
/// What loading a knowledge base produced: the model when there were no errors, what was counted,
/// and every issue (errors and warnings) with file and line.
/// </summary>
public sealed record KnowledgeLoadResult(KnowledgeBase? KnowledgeBase, KnowledgeCounts Counts, IReadOnlyList<Issue> Issues)
{
    /// <summary>True when no issue is an error; warnings do not make a knowledge base invalid.</summary>
    public bool IsValid => KnowledgeBase is not null;
}
