using Decodex.Core.Community;

namespace Decodex.Core.Tests.Community;

/// <summary>The nightly burst check: a brigade of new accounts is caught; organic activity is not.</summary>
public sealed class RatingBurstsTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>60 days of established accounts rating two compounds: "quiet" about once a day, "popular" 20 a day.</summary>
    private static List<RatingEvent> Organic()
    {
        var random = new Random(5);
        var events = new List<RatingEvent>();
        for (var day = 0; day < 60; day++)
        {
            for (var i = 0; i < 1 + random.Next(2); i++)
            {
                events.Add(new($"old-q-{day}-{i}", Start.AddYears(-1), "quiet", Start.AddDays(day).AddHours(random.Next(24))));
            }

            for (var i = 0; i < 20; i++)
            {
                // A popular compound also draws a steady trickle of newcomers.
                var created = i < 3 ? Start.AddDays(day - 1) : Start.AddYears(-1);
                events.Add(new($"p-{day}-{i}", created, "popular", Start.AddDays(day).AddHours(random.Next(24))));
            }
        }

        return events;
    }

    [Fact]
    public void ThirtyNewAccountsRatingOneCompound_AreDetectedAndListed()
    {
        var events = Organic();
        var day = Start.AddDays(45);
        for (var i = 0; i < 30; i++)
        {
            events.Add(new($"sock-{i:00}", day.AddHours(-2), "quiet", day.AddMinutes(10 * i)));
        }

        var burst = Assert.Single(RatingBursts.Detect(events));
        Assert.Equal("quiet", burst.Compound);
        Assert.Equal(DateOnly.FromDateTime(day.UtcDateTime), burst.Day);
        Assert.Equal(30, burst.NewAccountRatings);
        Assert.InRange(burst.ExpectedPerDay, 1, 2);
        Assert.Equal(30, burst.Accounts.Count);
        Assert.All(burst.Accounts, a => Assert.StartsWith("sock-", a, StringComparison.Ordinal));
    }

    [Fact]
    public void OrganicActivity_IsNotABurst()
    {
        var events = Organic();

        // A popular compound's day with 25 newcomers, and a quiet compound's day with 4: both within reason.
        for (var i = 0; i < 22; i++)
        {
            events.Add(new($"new-p-{i}", Start.AddDays(49), "popular", Start.AddDays(50).AddMinutes(i)));
        }

        for (var i = 0; i < 4; i++)
        {
            events.Add(new($"new-q-{i}", Start.AddDays(49), "quiet", Start.AddDays(50).AddMinutes(i)));
        }

        Assert.Empty(RatingBursts.Detect(events));
    }

    [Fact]
    public void ANewCompound_WithNoHistory_IsJudgedAgainstTheFloor()
    {
        // Five newcomers rating a compound nobody rated before: P(≥5 | 0.5 a day) = 0.00017, not below 1e-4.
        var events = Enumerable.Range(0, 5).Select(i => new RatingEvent($"n{i}", Start, "new-entry", Start.AddHours(i))).ToList();
        Assert.Empty(RatingBursts.Detect(events));

        // Eight is: P(≥8 | 0.5) ≈ 1e-7.
        events.AddRange(Enumerable.Range(5, 3).Select(i => new RatingEvent($"n{i}", Start, "new-entry", Start.AddHours(i))));
        Assert.Single(RatingBursts.Detect(events));
    }
}
