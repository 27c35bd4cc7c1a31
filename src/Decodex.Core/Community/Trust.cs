namespace Decodex.Core.Community;

/// <summary>What an account may do in the community, earned over time (after Discourse's trust levels).</summary>
public enum TrustLevel
{
    /// <summary>New: reports wait for a moderator; ratings are shown but not counted in aggregates.</summary>
    New,

    /// <summary>Member: reports appear at once; ratings count.</summary>
    Member,

    /// <summary>Trusted: a flag from this account hides a post until a moderator looks at it.</summary>
    Trusted,
}

/// <summary>The part an account plays in running the instance.</summary>
public enum CommunityRole
{
    Member,
    Moderator,
    Owner,
}

/// <summary>What the trust level is computed from.</summary>
/// <param name="Created">When the account was made.</param>
/// <param name="AcceptedContributions">Reports and answers a moderator approved or accepted.</param>
/// <param name="UpheldFlagsLast60Days">Flags against the account's posts that a moderator upheld in the last 60 days.</param>
public sealed record AccountStanding(DateTimeOffset Created, int AcceptedContributions, int UpheldFlagsLast60Days);

/// <summary>
/// The trust rules of this project (its own, after Discourse's levels; the thresholds are not from a
/// source): an account becomes a member after <see cref="MemberDays"/> days and one accepted
/// contribution, trusted after <see cref="TrustedDays"/> days and <see cref="TrustedContributions"/>
/// accepted contributions; <see cref="DemotingFlags"/> upheld flags in 60 days bring it back to new.
/// Moderators and the owner are trusted whatever their age.
/// </summary>
public static class Trust
{
    public const int MemberDays = 7;
    public const int TrustedDays = 60;
    public const int TrustedContributions = 10;
    public const int DemotingFlags = 3;

    /// <summary>The account's level at <paramref name="now"/>.</summary>
    public static TrustLevel Level(AccountStanding standing, CommunityRole role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (role is CommunityRole.Moderator or CommunityRole.Owner)
        {
            return TrustLevel.Trusted;
        }

        if (standing.UpheldFlagsLast60Days >= DemotingFlags)
        {
            return TrustLevel.New;
        }

        var age = now - standing.Created;
        return age >= TimeSpan.FromDays(TrustedDays) && standing.AcceptedContributions >= TrustedContributions ? TrustLevel.Trusted
            : age >= TimeSpan.FromDays(MemberDays) && standing.AcceptedContributions >= 1 ? TrustLevel.Member
            : TrustLevel.New;
    }

    /// <summary>Whether a report by an account of this level waits in the review queue.</summary>
    public static bool Queued(TrustLevel level) => level == TrustLevel.New;

    /// <summary>Whether the account's ratings count in aggregates.</summary>
    public static bool Counts(TrustLevel level) => level >= TrustLevel.Member;

    /// <summary>
    /// How many posts (reports, comments, questions, answers) an account may write in an hour: 5 for a new
    /// account, 30 for a member, 120 for a trusted one. Our own limits, set so that a person writing by hand
    /// never meets them and a script does at once.
    /// </summary>
    public static int PostsPerHour(TrustLevel level) => level switch
    {
        TrustLevel.Trusted => 120,
        TrustLevel.Member => 30,
        _ => 5,
    };
}

/// <summary>One rating, with what decides whether it counts.</summary>
public sealed record AccountRating(string Account, string Compound, int Value, DateTimeOffset RatedAt, DateTimeOffset AccountCreated);

/// <summary>A group of accounts that rated the same compounds with the same values and were made within a week of each other.</summary>
public sealed record RatingRing(IReadOnlyList<string> Accounts, IReadOnlyList<string> Compounds);

/// <summary>
/// The nightly check for rings (the community notes, B3: "accounts that always agree"): accounts made
/// within <see cref="CreatedWithinDays"/> days of each other that gave identical ratings on at least
/// <see cref="CommonCompounds"/> compounds they all rated, in groups of at least <see cref="MinimumRing"/>.
/// Honest raters share tastes but rarely identical values on four compounds and the same sign-up week.
/// </summary>
public static class RatingRings
{
    public const int MinimumRing = 3;
    public const int CommonCompounds = 4;
    public const int CreatedWithinDays = 7;

    /// <summary>The rings among <paramref name="ratings"/> (the latest rating of each account and compound counts).</summary>
    public static IReadOnlyList<RatingRing> Detect(IReadOnlyList<AccountRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);

        // Each account's latest ratings, as a profile "compound=value", grouped by identical profiles over their shared compounds.
        var latest = ratings.GroupBy(r => (r.Account, r.Compound)).Select(g => g.MaxBy(r => r.RatedAt)!)
            .GroupBy(r => r.Account, StringComparer.Ordinal)
            .Where(g => g.Count() >= CommonCompounds)
            .ToDictionary(g => g.Key, g => (Created: g.First().AccountCreated, Values: g.ToDictionary(r => r.Compound, r => r.Value, StringComparer.Ordinal)), StringComparer.Ordinal);
        // Sorted by sign-up, so that each account is compared only with those made within the window after it.
        var accounts = latest.Keys.OrderBy(a => latest[a].Created).ThenBy(a => a, StringComparer.Ordinal).ToList();

        // Links between pairs that agree exactly on at least CommonCompounds shared compounds and signed up within the window.
        var links = accounts.ToDictionary(a => a, _ => new List<string>(), StringComparer.Ordinal);
        for (var i = 0; i < accounts.Count; i++)
        {
            for (var j = i + 1; j < accounts.Count; j++)
            {
                var (a, b) = (latest[accounts[i]], latest[accounts[j]]);
                if (b.Created - a.Created > TimeSpan.FromDays(CreatedWithinDays))
                {
                    break;
                }

                var shared = a.Values.Keys.Where(b.Values.ContainsKey).ToList();
                if (shared.Count >= CommonCompounds && shared.All(c => a.Values[c] == b.Values[c]))
                {
                    links[accounts[i]].Add(accounts[j]);
                    links[accounts[j]].Add(accounts[i]);
                }
            }
        }

        // Connected groups of linked accounts.
        var rings = new List<RatingRing>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in accounts.Order(StringComparer.Ordinal).Where(a => links[a].Count > 0 && !seen.Contains(a)))
        {
            var group = new List<string>();
            var queue = new Queue<string>([start]);
            seen.Add(start);
            while (queue.TryDequeue(out var next))
            {
                group.Add(next);
                foreach (var other in links[next].Where(seen.Add))
                {
                    queue.Enqueue(other);
                }
            }

            if (group.Count >= MinimumRing)
            {
                var compounds = group.Select(a => latest[a].Values.Keys.ToHashSet(StringComparer.Ordinal)).Aggregate((x, y) => { x.IntersectWith(y); return x; });
                rings.Add(new RatingRing([.. group.Order(StringComparer.Ordinal)], [.. compounds.Order(StringComparer.Ordinal)]));
            }
        }

        return rings;
    }

    /// <summary>
    /// The ratings that count in the aggregates: the latest per account and compound, from accounts whose
    /// trust counts, outside every burst and ring. The others stay visible, labelled, in the caller's lists.
    /// </summary>
    public static IReadOnlyList<AccountRating> Counted(IReadOnlyList<AccountRating> ratings, Func<string, TrustLevel> trust, IReadOnlyList<RatingBurst> bursts, IReadOnlyList<RatingRing> rings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(bursts);
        ArgumentNullException.ThrowIfNull(rings);
        var burst = bursts.SelectMany(b => b.Accounts.Select(a => (a, b.Compound))).ToHashSet();
        var ringed = rings.SelectMany(r => r.Accounts).ToHashSet(StringComparer.Ordinal);
        return [.. ratings.GroupBy(r => (r.Account, r.Compound)).Select(g => g.MaxBy(r => r.RatedAt)!)
            .Where(r => Trust.Counts(trust(r.Account)) && !burst.Contains((r.Account, r.Compound)) && !ringed.Contains(r.Account))];
    }
}
