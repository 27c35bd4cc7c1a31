namespace Decodex.Core.Medicines;

/// <summary>A source class term in a class definition, such as FDA-EPC "Loop Diuretic".</summary>
/// <param name="System">Term system (<c>FDA-EPC</c>, <c>FDA-MoA</c>, <c>FDA-PE</c>).</param>
/// <param name="Term">The term as FDA writes it, without the bracketed type.</param>
public sealed record MedicineClassTerm(string System, string Term);
