namespace Decodex.Core.Medicines;

/// <summary>A Decodex medicine class as the curated definitions file defines it.</summary>
/// <param name="Id">Class id (<c>nsaids</c>, <c>ssri</c> …), the knowledge base's where one exists.</param>
/// <param name="Name">Display name.</param>
/// <param name="ParentId">Parent class id (<c>antidepressants</c> for <c>ssri</c>); null for a top-level class.</param>
/// <param name="Definition">The definition in words, with its decisions and gaps.</param>
/// <param name="Terms">The source terms that make an ingredient a member.</param>
/// <param name="Includes">Other classes whose members are members of this one (besides the classes whose parent it is).</param>
/// <param name="Exclusions">Ingredients the terms would bring in that the curator excluded, with reasons.</param>
/// <param name="MemberCount">Number of ingredients in the class, as compiled.</param>
public sealed record MedicineClass(string Id, string Name, string? ParentId, string Definition, IReadOnlyList<MedicineClassTerm> Terms, IReadOnlyList<string> Includes, IReadOnlyList<MedicineClassExclusion> Exclusions, int MemberCount);
