namespace Decodex.Core.Knowledge;

/// <summary>An effect size exactly as a study reported it; values are kept as text to avoid re-rounding.</summary>
public sealed record EffectEstimate(string Metric, string? Value, string? Interval);
