namespace Decodex.Core.Knowledge;

/// <summary>A claim some source made about a study that the study does not support as worded.</summary>
/// <param name="ClaimedBy">Who made the claim, e.g. <c>source-monograph</c>.</param>
/// <param name="Claim">What was claimed.</param>
/// <param name="Finding">What the study actually shows.</param>
public sealed record Discrepancy(string ClaimedBy, string Claim, string Finding);
