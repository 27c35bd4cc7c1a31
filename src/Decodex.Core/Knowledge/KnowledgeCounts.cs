namespace Decodex.Core.Knowledge;

/// <summary>How much a knowledge base holds; counted even when it has errors.</summary>
public sealed record KnowledgeCounts(int Compounds, int Claims, int Citations, int Conditions, int Outcomes, int Classes, int Markers)
{
    /// <summary>Entries of the imported label layer (counted apart from curated compounds).</summary>
    public int LabelEntries { get; init; }

    /// <summary>Items (safety items and interactions) in the imported label layer.</summary>
    public int LabelItems { get; init; }

    /// <summary>ONC high-priority pairs loaded.</summary>
    public int HighPriorityPairs { get; init; }
}
