namespace Decodex.Core.Knowledge;

/// <summary>Regulatory status in one region, with its sources.</summary>
public sealed record RegulatoryStatus(string Region, string Status, IReadOnlyList<string> CitationIds);
