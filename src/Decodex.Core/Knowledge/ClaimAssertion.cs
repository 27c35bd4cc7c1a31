namespace Decodex.Core.Knowledge;

/// <summary>What a popular source asserted, and how that assertion fared against the literature.</summary>
public sealed record ClaimAssertion(string Text, AssertionStatus Status, string? Note);
