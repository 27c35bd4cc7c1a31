using Decodex.Core.Knowledge;
using Decodex.Testing;

namespace Decodex.Core.Tests;

/// <summary>The shipped knowledge base, loaded once for the tests that read it.</summary>
internal static class ShippedKnowledge
{
    private static readonly Lazy<KnowledgeLoadResult> Result = new(() => KnowledgeBaseLoader.LoadDirectory(RepositoryPaths.Knowledge));

    public static KnowledgeLoadResult LoadResult => Result.Value;

    public static KnowledgeBase Base => Result.Value.KnowledgeBase ?? throw new InvalidOperationException("The shipped knowledge base is invalid: " + string.Join("; ", Result.Value.Issues.Take(5)));
}
