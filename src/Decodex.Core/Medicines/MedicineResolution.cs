namespace Decodex.Core.Medicines;

/// <summary>
/// What <see cref="MedicineVocabulary.Resolve"/> made of one written medicine. <see cref="Ingredients"/>
/// empty means "not recognised": <see cref="Suggestions"/> then holds up to three nearest known names,
/// which a caller may offer to the user but must never apply on its own.
/// </summary>
/// <param name="Written">The text as given (not normalised).</param>
/// <param name="Ingredients">Every ingredient the text stands for (a combination or a multi-ingredient brand gives several); empty when not recognised.</param>
/// <param name="Suggestions">Nearest known names when nothing was recognised; empty otherwise.</param>
public sealed record MedicineResolution(string Written, IReadOnlyList<ResolvedIngredient> Ingredients, IReadOnlyList<string> Suggestions)
{
    /// <summary>
    /// True when the name means different things in different tables (for example an ingredient name
    /// that is also a brand of another ingredient): <see cref="Ingredients"/> then holds every reading,
    /// and the hops say which table gave which. Show it to the user rather than choosing.
    /// </summary>
    public bool IsAmbiguous { get; init; }

    /// <summary>True when at least one ingredient was recognised.</summary>
    public bool IsRecognised => Ingredients.Count > 0;
}
