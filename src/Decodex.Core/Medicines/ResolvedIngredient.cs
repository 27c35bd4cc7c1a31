namespace Decodex.Core.Medicines;

/// <summary>One ingredient a written medicine was resolved to, with how it was found and the classes it belongs to.</summary>
/// <param name="Name">Lower-case base ingredient ("furosemide", "lithium", "acetaminophen", "st john's wort"); salts are reduced to their base.</param>
/// <param name="Rxcui">RxNorm concept id of the ingredient (from RxNorm 2025-10-06, or the CPIC drug list for names RxNorm lacks here); null when unknown.</param>
/// <param name="MatchedBy">Which table matched: <c>ingredient</c>, <c>salt</c>, <c>brand</c> (RxNorm brand), <c>product</c> (NDC proprietary name), <c>synonym</c> (MeSH entry or trade name), <c>ema</c> or <c>curated</c>.</param>
/// <param name="Source">Short name and date of the source that matched (e.g. "RxNorm release 2025-10-06").</param>
/// <param name="Hops">Human-readable trail from the written name to the ingredient and on to each class.</param>
/// <param name="Classes">The Decodex classes the ingredient belongs to, each with the source row that put it there.</param>
public sealed record ResolvedIngredient(string Name, string? Rxcui, string MatchedBy, string Source, IReadOnlyList<string> Hops, IReadOnlyList<ClassMembership> Classes);
