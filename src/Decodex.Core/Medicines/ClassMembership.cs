namespace Decodex.Core.Medicines;

/// <summary>
/// An ingredient's membership of a Decodex class, with the definition term and the source row behind it.
/// </summary>
/// <param name="ClassId">Decodex class id (<c>nsaids</c>, <c>loop-diuretics</c> …), as the knowledge base uses it.</param>
/// <param name="ClassName">Display name of the class.</param>
/// <param name="System">Term system: <c>FDA-EPC</c>, <c>FDA-MoA</c>, <c>FDA-PE</c>, <c>FDA-label</c> (a quoted label sentence), <c>MeSH-PA</c>, <c>ONC-2012</c>, or <c>Decodex</c> (through a child or included class, whose id is then the term).</param>
/// <param name="Term">The source term (or quote) that the class definition lists.</param>
/// <param name="Source">The row that made the membership (substance and counts, SPL set/version/date, MeSH record, ONC pair) and its file and source date.</param>
public sealed record ClassMembership(string ClassId, string ClassName, string System, string Term, string Source);
