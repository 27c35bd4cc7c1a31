namespace Decodex.Core.Knowledge;

/// <summary>A community rating as shown on its page; never part of a grade.</summary>
public sealed record CommunityRating(int Votes, decimal Average, int Scale);
