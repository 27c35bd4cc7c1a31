namespace Decodex.Core.Knowledge;

/// <summary>
/// One design among the studies a meta-analysis or systematic review pooled, with how many of its
/// studies had it when the review says so (null when not reported).
/// </summary>
public sealed record PooledDesign(StudyDesign Design, int? Studies);
