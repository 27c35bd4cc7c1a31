using Decodex.Core.Knowledge;
using Decodex.Core.Medicines;
using Decodex.Core.Reports;

namespace Decodex.Web;

/// <summary>
/// Finds knowledge-base entries by any name a person might type: a compound's name or synonym, a
/// medicine's generic or brand name (resolved through <see cref="MedicationResolver"/>, so "Prozac"
/// finds the SSRIs monograph through fluoxetine), a class or an outcome. Also lists a class's members.
/// Immutable and thread-safe.
/// </summary>
internal sealed class KnowledgeSearch(KnowledgeBase kb, MedicationResolver resolver, MedicineVocabulary vocabulary)
{
    /// <summary>Longest query read; longer text is cut (the resolver reads no more either).</summary>
    public const int MaxQueryLength = 200;

    /// <summary>What a query matched: the entries, and the medicines the text was read as.</summary>
    public sealed record Result(IReadOnlyList<Compound> Compounds, IReadOnlyList<DrugMatch> ReadAs);

    /// <summary>The entries matching <paramref name="query"/>, in the knowledge base's order; every entry for an empty query.</summary>
    public Result Search(string? query)
    {
        var q = query?.Trim() ?? string.Empty;
        if (q.Length == 0)
        {
            return new Result(kb.Compounds, []);
        }

        if (q.Length > MaxQueryLength)
        {
            q = q[..MaxQueryLength];
        }

        var readAs = resolver.Resolve(q);
        var compoundIds = readAs.Select(m => m.CompoundId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var classIds = readAs.SelectMany(m => m.ClassIds).ToHashSet(StringComparer.Ordinal);
        bool Has(string text) => text.Contains(q, StringComparison.OrdinalIgnoreCase);
        bool ClassNamed(string id) => Has(id) || kb.Class(id) is { } c && Has(c.Name);
        var found = kb.Compounds.Where(c =>
            Has(c.Id) || Has(c.Name) || c.Synonyms.Any(Has) || Has(c.Summary)
            || compoundIds.Contains(c.Id)
            || (c.Represents is { } represents && (classIds.Contains(represents) || ClassNamed(represents)))
            || c.ClassIds.Any(ClassNamed)
            || c.Claims.Any(cl => Has(cl.OutcomeId) || (kb.Outcome(cl.OutcomeId) is { } outcome && Has(outcome.Name)))).ToList();
        return new Result(found, readAs);
    }

    /// <summary>The entries in a class or any class below it, a class monograph (kind drug-class) included.</summary>
    public IReadOnlyList<Compound> InClass(string classId) =>
        [.. kb.Compounds.Where(c => c.ClassIds.Append(c.Represents).OfType<string>().Any(id => kb.ClassAndAncestors(id).Any(a => a.Id == classId)))];

    /// <summary>The classes whose parent is <paramref name="classId"/>.</summary>
    public IReadOnlyList<DrugClass> Subclasses(string classId) => [.. kb.Classes.Where(c => c.ParentId == classId)];

    /// <summary>
    /// The member medicines of a class and of the classes below it: the knowledge base's curated members
    /// (with brands and monographs) first, then the medicine vocabulary's ingredients, by name.
    /// </summary>
    public IReadOnlyList<ClassMember> Members(string classId)
    {
        var members = new Dictionary<string, ClassMember>(StringComparer.OrdinalIgnoreCase);
        var classes = kb.Classes.Where(c => kb.ClassAndAncestors(c.Id).Any(a => a.Id == classId)).ToList();
        foreach (var member in classes.SelectMany(c => c.Members))
        {
            members.TryAdd(member.Name, member);
        }

        foreach (var name in classes.SelectMany(c => vocabulary.MembersOf(c.Id)))
        {
            members.TryAdd(name, new ClassMember { Name = name });
        }

        return [.. members.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }
}
