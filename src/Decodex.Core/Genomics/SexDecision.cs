namespace Decodex.Core.Genomics;

/// <summary>Inferred sex and the figures behind it.</summary>
public sealed record SexDecision(Sex Sex, string Evidence);
