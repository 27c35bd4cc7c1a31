using Decodex.Core.Community;

namespace Decodex.Core.Tests.Community;

/// <summary>Trust levels, the ring check, and which ratings count in the aggregates.</summary>
public sealed class TrustTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2, 5, 0, CommunityRole.Member, TrustLevel.New)] // too young
    [InlineData(10, 0, 0, CommunityRole.Member, TrustLevel.New)] // nothing accepted yet
    [InlineData(10, 1, 0, CommunityRole.Member, TrustLevel.Member)]
    [InlineData(90, 9, 0, CommunityRole.Member, TrustLevel.Member)]
    [InlineData(90, 10, 0, CommunityRole.Member, TrustLevel.Trusted)]
    [InlineData(90, 10, 3, CommunityRole.Member, TrustLevel.New)] // three upheld flags demote
    [InlineData(0, 0, 0, CommunityRole.Moderator, TrustLevel.Trusted)]
    [InlineData(0, 0, 0, CommunityRole.Owner, TrustLevel.Trusted)]
    public void Level_FromAgeContributionsFlagsAndRole(int days, int accepted, int flags, CommunityRole role, TrustLevel expected)
    {
        var level = Trust.Level(new AccountStanding(Now.AddDays(-days), accepted, flags), role, Now);
        Assert.Equal(expected, level);
        Assert.Equal(expected == TrustLevel.New, Trust.Queued(level));
        Assert.Equal(expected != TrustLevel.New, Trust.Counts(level));
    }

    [Fact]
    public void Rings_FiveAccountsAgreeingOnFourCompounds_AreFound_OrganicRatersAreNot()
    {
        var random = new Random(9);
        string[] compounds = ["caffeine", "modafinil", "l-theanine", "bacopa", "creatine", "piracetam"];
        var ratings = new List<AccountRating>();

        // 300 organic raters, signed up over a year, each rating four to six compounds around their own taste.
        for (var i = 0; i < 300; i++)
        {
            var created = Now.AddDays(-random.Next(365));
            foreach (var c in compounds.OrderBy(_ => random.Next()).Take(4 + random.Next(3)))
            {
                ratings.Add(new($"user-{i}", c, Math.Clamp(5 + random.Next(-3, 4), 0, 10), created.AddDays(10), created));
            }
        }

        // Five accounts made the same week giving the same four ratings (and one rating again, later, the same value).
        for (var i = 0; i < 5; i++)
        {
            var created = Now.AddDays(-20 + i);
            foreach (var (c, v) in new[] { ("piracetam", 10), ("caffeine", 1), ("modafinil", 1), ("bacopa", 2) })
            {
                ratings.Add(new($"ring-{i}", c, v, created.AddDays(1), created));
            }
        }

        ratings.Add(new("ring-0", "piracetam", 10, Now.AddDays(-2), Now.AddDays(-20)));

        var ring = Assert.Single(RatingRings.Detect(ratings));
        Assert.Equal(["ring-0", "ring-1", "ring-2", "ring-3", "ring-4"], ring.Accounts);
        Assert.Equal(["bacopa", "caffeine", "modafinil", "piracetam"], ring.Compounds);

        // What counts: members outside bursts and rings, one rating per account and compound (the latest).
        var burst = new RatingBurst("creatine", DateOnly.FromDateTime(Now.UtcDateTime), 30, 1, 1e-9, ["user-1"]);
        var counted = RatingRings.Counted(ratings, a => a == "user-2" ? TrustLevel.New : TrustLevel.Member, [burst], [ring]);
        Assert.DoesNotContain(counted, r => r.Account.StartsWith("ring-", StringComparison.Ordinal));
        Assert.DoesNotContain(counted, r => r.Account == "user-2");
        Assert.DoesNotContain(counted, r => r.Account == "user-1" && r.Compound == "creatine");
        Assert.Equal(counted.Count, counted.Select(r => (r.Account, r.Compound)).Distinct().Count());
        Assert.Equal(ratings.Count(r => r.Account.StartsWith("user-", StringComparison.Ordinal) && r.Account != "user-2" && !(r.Account == "user-1" && r.Compound == "creatine")), counted.Count);
    }
}
