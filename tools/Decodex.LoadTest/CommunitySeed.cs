using System.Diagnostics;
using System.Globalization;
using Decodex.Core.Community;
using Decodex.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Decodex.LoadTest;

/// <summary>
/// Seeds a fresh PostgreSQL database as the app stores it, for the community load: one compound with
/// <c>reports</c> experience reports and <c>comments</c> comments (a fifth of them replies), each account with
/// one rating, every body encrypted with the data folder's own key ring (the same application name and key
/// folder as the app, so the app reads them). Accounts have no password: they are never signed in.
/// </summary>
internal static class CommunitySeed
{
    public static async Task<string> CreateDatabaseAsync(string admin)
    {
        var name = $"decodex_load_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string admin, string connection)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connection).Database;
        await using var admin2 = new NpgsqlConnection(admin);
        await admin2.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin2);
        await drop.ExecuteNonQueryAsync();
    }

    public static async Task SeedAsync(string connection, string dataFolder, string compound, int reports, int comments)
    {
        var watch = Stopwatch.StartNew();
        var protection = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(dataFolder, "keys")), b => b.SetApplicationName("Decodex"));
        var options = new DbContextOptionsBuilder<PostgresDecodexDbContext>().UseNpgsql(connection).Options;
        await using (var db = new PostgresDecodexDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        var random = new Random(20261204);
        var now = DateTimeOffset.UtcNow;
        var accounts = new List<string>(reports);
        var posts = new List<CommunityPostEntity>();
        for (var batch = 0; batch < reports; batch += 2_000)
        {
            await using var db = new PostgresDecodexDbContext(options);
            var store = new CommunityStore(db, protection);
            for (var i = batch; i < Math.Min(reports, batch + 2_000); i++)
            {
                var email = $"seed-{i}@example.org";
                var user = new DecodexUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), Created = now.AddDays(-400 + random.Next(300)) };
                accounts.Add(user.Id);
                db.Users.Add(user);
                db.CommunityMembers.Add(new CommunityMemberEntity { AccountId = user.Id, Pseudonym = $"Member {i:00000}", Joined = user.Created });
                var rating = Math.Clamp((int)Math.Round(6 + (2.2 * Normal(random))), 0, 10);
                var report = new ExperienceReport
                {
                    CompoundId = compound, Dose = $"{5 + random.Next(26)} mL", Route = Core.Knowledge.Route.Intravenous, Frequency = "daily", DurationDays = 10 + random.Next(30),
                    Rating = rating, Design = ReportDesign.Open, Conflict = ConflictOfInterest.None, SideEffects = random.Next(4) == 0 ? ["headache"] : [],
                };
                var body = new CommunityPostBody(Text(random, 60), report);
                var post = store.NewPost(Guid.NewGuid(), user.Id, PostKind.Report, compound, null, PostState.Published, body, now.AddMinutes(-random.Next(525_600)));
                db.CommunityPosts.Add(post);
                db.CommunityRatings.Add(new CommunityRatingEntity { Rater = "a:" + user.Id, AccountId = user.Id, CompoundId = compound, Value = rating, RatedAt = post.Created });
            }

            await db.SaveChangesAsync();
        }

        for (var batch = 0; batch < comments; batch += 5_000)
        {
            await using var db = new PostgresDecodexDbContext(options);
            var store = new CommunityStore(db, protection);
            for (var i = batch; i < Math.Min(comments, batch + 5_000); i++)
            {
                Guid? parent = i % 5 == 4 && posts.Count > 0 ? posts[random.Next(posts.Count)].Id : null;
                var post = store.NewPost(Guid.NewGuid(), accounts[random.Next(accounts.Count)], PostKind.Comment, compound, parent, PostState.Published, new CommunityPostBody(Text(random, 35)), now.AddMinutes(-random.Next(525_600)));
                db.CommunityPosts.Add(post);
                if (parent is null)
                {
                    posts.Add(post);
                }
            }

            await db.SaveChangesAsync();
        }

        await using (var db = new PostgresDecodexDbContext(options))
        {
            // As on a server in use: statistics and the visibility map up to date.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {reports:N0} reports, {comments:N0} comments and {reports:N0} ratings of {compound} on PostgreSQL in {watch.Elapsed.TotalSeconds:0} s"));
    }

    private static readonly string[] Words = ["felt", "clearer", "sleep", "focus", "week", "dose", "noticed", "nothing", "headache", "mild", "better", "worse", "after", "morning", "**really**", "[a source](https://pubmed.ncbi.nlm.nih.gov/22282884/)", "energy", "memory", "ampoule", "doctor"];

    private static string Text(Random random, int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)])) + ".";

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
