using MathNet.Numerics.Distributions;

namespace Decodex.Core.Community;

/// <summary>One rating as the burst check sees it: who, how old their account was, what, when.</summary>
public sealed record RatingEvent(string Account, DateTimeOffset AccountCreated, string Compound, DateTimeOffset RatedAt);

/// <summary>A day on which new accounts rated one compound far more often than its usual pace.</summary>
/// <param name="Compound">The compound rated.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="NewAccountRatings">Ratings that day from accounts younger than <see cref="RatingBursts.NewAccountDays"/> days.</param>
/// <param name="ExpectedPerDay">The compound's usual ratings a day over the previous four weeks (at least the floor).</param>
/// <param name="Probability">P(at least that many in a day) under that usual pace (Poisson).</param>
/// <param name="Accounts">The new accounts whose ratings that day leave the aggregates (they stay visible, labelled).</param>
public sealed record RatingBurst(string Compound, DateOnly Day, int NewAccountRatings, double ExpectedPerDay, double Probability, IReadOnlyList<string> Accounts);

/// <summary>
/// The nightly check for rating bursts (the community notes, B3): per compound and UTC day, the ratings
/// from new accounts are set against the compound's usual daily pace over the previous 28 days, as a
/// Poisson count. A day whose count is at least <see cref="MinimumBurst"/> and that improbable
/// (P below <see cref="Alpha"/>) is a burst; its new accounts' ratings of that compound are left out of
/// the aggregates, kept visible and labelled, and the decision is logged by the caller.
/// </summary>
public static class RatingBursts
{
    /// <summary>An account younger than this many days counts as new.</summary>
    public const int NewAccountDays = 7;

    /// <summary>The fewest new-account ratings in a day that can be a burst.</summary>
    public const int MinimumBurst = 5;

    /// <summary>How improbable a day must be under the usual pace.</summary>
    public const double Alpha = 1e-4;

    /// <summary>The usual pace is never taken as less than this many ratings a day (a quiet compound is not flagged by two ratings).</summary>
    public const double BaselineFloor = 0.5;

    /// <summary>The bursts in <paramref name="events"/>, oldest first.</summary>
    public static IReadOnlyList<RatingBurst> Detect(IReadOnlyList<RatingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var bursts = new List<RatingBurst>();
        foreach (var compound in events.GroupBy(e => e.Compound, StringComparer.Ordinal))
        {
            var byDay = compound.GroupBy(e => DateOnly.FromDateTime(e.RatedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var (day, ratings) in byDay.OrderBy(d => d.Key))
            {
                var fresh = ratings.Where(e => e.RatedAt - e.AccountCreated < TimeSpan.FromDays(NewAccountDays)).ToList();
                if (fresh.Count < MinimumBurst)
                {
                    continue;
                }

                var before = Enumerable.Range(1, 28).Sum(i => byDay.TryGetValue(day.AddDays(-i), out var earlier) ? earlier.Count : 0);
                var expected = Math.Max(BaselineFloor, before / 28.0);
                var probability = 1 - Poisson.CDF(expected, fresh.Count - 1);
                if (probability < Alpha)
                {
                    bursts.Add(new RatingBurst(compound.Key, day, fresh.Count, expected, probability, [.. fresh.Select(e => e.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
                }
            }
        }

        return [.. bursts.OrderBy(b => b.Day).ThenBy(b => b.Compound, StringComparer.Ordinal)];
    }
}
