namespace Decodex.Core.Knowledge;

/// <summary>How much a knowledge base holds; counted even when it has errors.</summary>
public sealed record KnowledgeCounts(int Compounds, int Claims, int Citations, int Conditions, int Outcomes, int Classes, int Markers);
