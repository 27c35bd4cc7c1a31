namespace Decodex.Core.Knowledge;

/// <summary>
/// What a medication name a person typed resolves to: the generic drug, its monograph when there is
/// one, and its drug classes with their ancestors (escitalopram → ssri → antidepressants).
/// </summary>
/// <param name="Generic">The generic name, lowercase.</param>
/// <param name="CompoundId">The compound monograph, when there is one.</param>
/// <param name="ClassIds">Every class the drug belongs to, nearest first, with their parents.</param>
/// <param name="MatchedBy"><c>compound</c>, <c>synonym</c>, <c>generic</c> or <c>brand</c>.</param>
public sealed record DrugMatch(string Generic, string? CompoundId, IReadOnlyList<string> ClassIds, string MatchedBy)
{
    /// <summary>How the name was reached, one hop a line (brand → ingredient → class), each with its source.</summary>
    public IReadOnlyList<string> Trail { get; init; } = [];
}
