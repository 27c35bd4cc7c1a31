using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Decodex.Core.Knowledge;
using Decodex.Core.Monographs;

namespace Decodex.Web;

/// <summary>
/// A monograph's rendered body, made once per compound and knowledge base: the knowledge base is
/// immutable, so the page is the same for everyone until it is replaced (a new base has its own entries).
/// </summary>
internal static class MonographContent
{
    private static readonly ConditionalWeakTable<KnowledgeBase, ConcurrentDictionary<string, string>> Rendered = [];

    public static string Of(KnowledgeBase knowledgeBase, Compound compound) =>
        Rendered.GetOrCreateValue(knowledgeBase).GetOrAdd(compound.Id, _ => MonographHtmlRenderer.RenderContent(MonographDocument.Create(knowledgeBase, compound)));
}
