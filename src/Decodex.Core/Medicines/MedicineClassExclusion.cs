namespace Decodex.Core.Medicines;

/// <summary>An ingredient a class definition's terms would include but the curator excluded.</summary>
/// <param name="Ingredient">Lower-case ingredient name.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record MedicineClassExclusion(string Ingredient, string Reason);
