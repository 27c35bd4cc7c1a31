using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Decodex.Storage.Tests;

/// <summary>
/// The same storage tests on SQLite and PostgreSQL. PostgreSQL runs when DECODEX_TEST_POSTGRES holds a
/// connection string for a role that may create databases (<c>.ci/run</c> sets one up); each run uses
/// its own database and drops it.
/// </summary>
public sealed partial class StorageTests
{
    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    private static readonly IDataProtectionProvider Protection = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(Path.GetTempPath(), "decodex-storage-test-keys")));

    private sealed class Database : IAsyncDisposable
    {
        private readonly string? _file;
        private readonly string? _postgresAdmin;
        private readonly string? _postgresName;

        private Database(DecodexDbContext context, string? file, string? admin, string? name)
        {
            Context = context;
            _file = file;
            _postgresAdmin = admin;
            _postgresName = name;
        }

        public DecodexDbContext Context { get; }

        public static async Task<Database> CreateAsync(string provider)
        {
            if (provider == "sqlite")
            {
                var file = Path.Combine(Path.GetTempPath(), $"decodex-{Guid.NewGuid():N}.db");
                var sqlite = new SqliteDecodexDbContext(new DbContextOptionsBuilder<SqliteDecodexDbContext>().UseSqlite($"Data Source={file}").Options);
                await sqlite.Database.MigrateAsync(TestContext.Current.CancellationToken);
                return new Database(sqlite, file, null, null);
            }

            var admin = Environment.GetEnvironmentVariable("DECODEX_TEST_POSTGRES");
            Assert.SkipWhen(string.IsNullOrWhiteSpace(admin), "PostgreSQL is not configured here (set DECODEX_TEST_POSTGRES; .ci/run installs and starts it)");
            var name = $"decodex_test_{Guid.NewGuid():N}";
            var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            var postgres = new PostgresDecodexDbContext(new DbContextOptionsBuilder<PostgresDecodexDbContext>().UseNpgsql(connection).Options);
            await postgres.Database.MigrateAsync(TestContext.Current.CancellationToken);
            return new Database(postgres, null, admin, name);
        }

        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            if (_file is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(_file);
            }

            if (_postgresAdmin is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(_postgresAdmin);
                await admin.OpenAsync();
                // A plain DROP asks a running autovacuum worker to stop and waits for it; FORCE would try to
                // terminate that worker, which a role without pg_signal_backend may not do. FORCE is the
                // fallback only for a connection of ours that is still open.
                try
                {
                    await DropAsync(admin, force: false);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
                {
                    await DropAsync(admin, force: true);
                }
            }
        }

        private async Task DropAsync(NpgsqlConnection admin, bool force)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\"{(force ? " WITH (FORCE)" : "")}", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private const string Password = "correct-horse-battery-9";

    /// <summary>The keys unlocked in these tests (as the web app holds them for signed-in users).</summary>
    private static readonly UserKeyRing Ring = new();

    /// <summary>A user whose data key is created and unlocked, as at their first sign-in.</summary>
    private static async Task<string> UserAsync(DecodexDbContext db, string email)
    {
        var user = new DecodexUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        db.Users.Add(user);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var (unlocked, recovery) = await new UserKeys(db, Ring, new DecodexStore(db, Protection, Ring)).UnlockAsync(user.Id, Password, TestContext.Current.CancellationToken);
        Assert.True(unlocked);
        Assert.NotNull(recovery);
        return user.Id;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Uploads_AreEncryptedAtRest_AndReadBackExactly(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection, Ring);
        var owner = await UserAsync(db.Context, "a@example.org");
        var content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("rs4244285\t10\t96541616\tAA\n", 200)));

        var upload = await store.AddUploadAsync(owner, UploadKind.Genome, "genome.txt", content, "23andme", cancel: TestContext.Current.CancellationToken);
        var raw = await db.Context.Uploads.AsNoTracking().SingleAsync(u => u.Id == upload.Id, TestContext.Current.CancellationToken);
        var read = await store.ReadUploadAsync(owner, upload.Id, TestContext.Current.CancellationToken);

        Assert.DoesNotContain("rs4244285", Encoding.ASCII.GetString(raw.Content), StringComparison.Ordinal);
        Assert.True(raw.Content.Length < content.Length);
        Assert.Equal(content, read!.Value.Content);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Trials_AreSealed_TheOwnersOnly_Replaced_ExportedAndDeletedWithTheUser(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection, Ring);
        var cancel = TestContext.Current.CancellationToken;
        var a = await UserAsync(db.Context, "a@example.org");
        var b = await UserAsync(db.Context, "b@example.org");
        var id = Guid.NewGuid();
        const string json = "{\"plan\":{\"title\":\"Bacopa and memory\"}}";

        await store.SaveTrialAsync(a, id, json, cancel);
        var raw = await db.Context.Trials.AsNoTracking().SingleAsync(t => t.Id == id, cancel);
        Assert.DoesNotContain("Bacopa", Encoding.UTF8.GetString(raw.Content), StringComparison.Ordinal);
        Assert.Equal(json, await store.ReadTrialAsync(a, id, cancel));

        // Someone else can neither read, list, overwrite nor delete it.
        Assert.Null(await store.ReadTrialAsync(b, id, cancel));
        Assert.Empty(await store.ListTrialsAsync(b, cancel));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveTrialAsync(b, id, "{}", cancel));
        Assert.False(await store.DeleteTrialAsync(b, id, cancel));

        await store.SaveTrialAsync(a, id, json.Replace("memory", "focus", StringComparison.Ordinal), cancel);
        Assert.Contains("focus", Assert.Single(await store.ListTrialsAsync(a, cancel)).Json, StringComparison.Ordinal);

        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await store.ExportAsync(a, cancel))))
        {
            Assert.Contains(zip.Entries, e => e.FullName == $"trials/{id:N}.json");
        }

        db.Context.Users.Remove(await db.Context.Users.SingleAsync(u => u.Id == a, cancel));
        await db.Context.SaveChangesAsync(cancel);
        Assert.Equal(0, await db.Context.Trials.CountAsync(cancel));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheActiveDnaFile_IsTheChosenOne_WhileItExists_ElseTheNewest(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection, Ring);
        var owner = await UserAsync(db.Context, "a@example.org");
        var cancel = TestContext.Current.CancellationToken;
        var first = await store.AddUploadAsync(owner, UploadKind.Genome, "first.txt", "a"u8.ToArray(), "23andme", cancel: cancel);
        await Task.Delay(20, cancel);
        var second = await store.AddUploadAsync(owner, UploadKind.Genome, "second.txt", "b"u8.ToArray(), "23andme", cancel: cancel);
        await store.AddUploadAsync(owner, UploadKind.Labs, "labs.csv", "c"u8.ToArray(), "csv", cancel: cancel);

        Assert.Equal(second.Id, DecodexStore.ActiveGenome(await store.GetProfileAsync(owner, cancel), await store.ListUploadsAsync(owner, cancel))?.Id);

        await store.SaveProfileAsync(owner, p => { p.ActiveGenome = first.Id; p.ShowApoe = true; }, cancel);
        await store.SaveProfileAsync(owner, p => p.Medications = "lithium", cancel);
        var profile = await store.GetProfileAsync(owner, cancel);
        Assert.True(profile!.ShowApoe);
        Assert.Equal(first.Id, DecodexStore.ActiveGenome(profile, await store.ListUploadsAsync(owner, cancel))?.Id);

        await store.DeleteUploadAsync(owner, first.Id, cancel);
        Assert.Equal(second.Id, DecodexStore.ActiveGenome(profile, await store.ListUploadsAsync(owner, cancel))?.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnotherOwner_CannotReadListOrDelete(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection, Ring);
        var a = await UserAsync(db.Context, "a@example.org");
        var b = await UserAsync(db.Context, "b@example.org");
        var upload = await store.AddUploadAsync(a, UploadKind.Labs, "labs.csv", "x"u8.ToArray(), "csv", cancel: TestContext.Current.CancellationToken);

        Assert.Null(await store.ReadUploadAsync(b, upload.Id, TestContext.Current.CancellationToken));
        Assert.Empty(await store.ListUploadsAsync(b, TestContext.Current.CancellationToken));
        Assert.False(await store.DeleteUploadAsync(b, upload.Id, TestContext.Current.CancellationToken));
        Assert.Single(await store.ListUploadsAsync(a, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeletingTheUser_DeletesEverythingTheyOwn(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection, Ring);
        var owner = await UserAsync(db.Context, "gone@example.org");
        await store.SaveProfileAsync(owner, p => p.Conditions = "epilepsy", TestContext.Current.CancellationToken);
        await store.AddUploadAsync(owner, UploadKind.Labs, "labs.csv", "x"u8.ToArray(), "csv", cancel: TestContext.Current.CancellationToken);
        await store.AddReportAsync(owner, "cerebrolysin", "avoid", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        db.Context.Users.Remove(await db.Context.Users.SingleAsync(u => u.Id == owner, TestContext.Current.CancellationToken));
        await db.Context.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, await db.Context.Uploads.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Context.Reports.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Context.Profiles.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Export_HoldsTheProfileTheUploadsAndTheReports(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection, Ring);
        var owner = await UserAsync(db.Context, "me@example.org");
        await store.SaveProfileAsync(owner, p => { p.Sex = "female"; p.Medications = "lithium"; p.Conditions = "it's \\odd \"quoted\""; }, TestContext.Current.CancellationToken);
        await store.AddUploadAsync(owner, UploadKind.Labs, "labs.csv", "date,test\n"u8.ToArray(), "csv", cancel: TestContext.Current.CancellationToken);
        await store.AddReportAsync(owner, "cerebrolysin", "caution", "{\"v\":1}"u8.ToArray(), TestContext.Current.CancellationToken);

        using var zip = new ZipArchive(new MemoryStream(await store.ExportAsync(owner, TestContext.Current.CancellationToken)));

        Assert.Contains(zip.Entries, e => e.FullName == "profile.yaml");
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("uploads/", StringComparison.Ordinal) && e.FullName.EndsWith("labs.csv", StringComparison.Ordinal));
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("reports/", StringComparison.Ordinal));
        using var reader = new StreamReader(zip.GetEntry("profile.yaml")!.Open());
        var yaml = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains("medications: ['lithium']", yaml, StringComparison.Ordinal);
        var parsed = new YamlDotNet.RepresentationModel.YamlStream();
        parsed.Load(new StringReader(yaml));
        var conditions = (YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)parsed.Documents[0].RootNode).Children[new YamlDotNet.RepresentationModel.YamlScalarNode("conditions")];
        Assert.Equal("it's \\odd \"quoted\"", ((YamlDotNet.RepresentationModel.YamlScalarNode)conditions[0]).Value);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LabResults_AreStoredWithTheirUpload_EncryptedAndDeletedWithIt(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection, Ring);
        var owner = await UserAsync(db.Context, "labs@example.org");
        var other = await UserAsync(db.Context, "other@example.org");
        StoredLabResult[] results =
        [
            new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), true, "Creatinine", "2160-0", 1.4m, "equal", "mg/dL", null, null, "H", "creatinine", "labs.csv:2"),
            new(DateTimeOffset.Parse("2026-02-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), true, "Potassium", "2823-3", 4.1m, "equal", "mmol/L", 3.5m, 5.1m, "N", "potassium", "labs.csv:3"),
        ];

        var upload = await store.AddUploadAsync(owner, UploadKind.Labs, "labs.csv", "x"u8.ToArray(), "csv", results, TestContext.Current.CancellationToken);
        var raw = await db.Context.LabResults.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, raw.Count);
        Assert.All(raw, r => Assert.DoesNotContain("Creatinine", Encoding.UTF8.GetString(r.Payload), StringComparison.Ordinal));
        Assert.Equal(results, await store.LabResultsAsync(owner, cancel: TestContext.Current.CancellationToken));
        Assert.Equal("Creatinine", Assert.Single(await store.LabResultsAsync(owner, "creatinine", TestContext.Current.CancellationToken)).TestName);
        Assert.Empty(await store.LabResultsAsync(other, cancel: TestContext.Current.CancellationToken));
        Assert.False(await store.DeleteUploadAsync(other, upload.Id, TestContext.Current.CancellationToken));

        Assert.True(await store.DeleteUploadAsync(owner, upload.Id, TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Context.LabResults.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NothingAboutThePerson_IsStoredInClear(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection, Ring);
        var owner = await UserAsync(db.Context, "clear@example.org");
        await store.SaveProfileAsync(owner, p => { p.Sex = "female"; p.BirthDate = new DateOnly(1961, 7, 13); p.Pregnant = "no"; p.Conditions = "zzcondition"; p.Allergies = "zzallergy"; p.Medications = "zzmedicine"; p.Goals = "zzgoal"; }, TestContext.Current.CancellationToken);
        StoredLabResult[] results = [new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), true, "zzlabtest", null, 1.4m, "equal", "mg/dL", null, null, "H", "zzmarker", "zzfile.csv:2")];
        await store.AddUploadAsync(owner, UploadKind.Labs, "zzfile.csv", "zzcontent"u8.ToArray(), "zzsummary", results, TestContext.Current.CancellationToken);
        await store.AddReportAsync(owner, "zzcompound", "zzverdict", "{}"u8.ToArray(), TestContext.Current.CancellationToken);

        var profile = await db.Context.Profiles.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        var upload = await db.Context.Uploads.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        var lab = await db.Context.LabResults.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        var report = await db.Context.Reports.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        var key = await db.Context.UserKeys.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        var stored = string.Join("|", profile.Sex, profile.BirthDate, profile.Pregnant, profile.Conditions, profile.Allergies, profile.Medications, profile.Goals, Encoding.UTF8.GetString(profile.Sealed!),
            upload.FileName, upload.Summary, Encoding.UTF8.GetString(upload.Content), lab.MarkerId, lab.Date.Year, Encoding.UTF8.GetString(lab.Payload), report.CompoundId, report.Verdict, Encoding.UTF8.GetString(report.Content));

        // Whole markers only: a two-letter fragment can occur by chance in base64 ciphertext.
        foreach (var marker in new[] { "zzcondition", "zzallergy", "zzmedicine", "zzgoal", "zzlabtest", "zzmarker", "zzfile", "zzcontent", "zzsummary", "zzcompound", "zzverdict", "1961-07-13", "2026-01-01", "female" })
        {
            Assert.DoesNotContain(marker, stored, StringComparison.Ordinal);
        }

        Assert.Equal(32 + 29, key.WrappedByPassword.Length);
        var back = await store.GetProfileAsync(owner, TestContext.Current.CancellationToken);
        Assert.Equal(("female", new DateOnly(1961, 7, 13), "no", "zzallergy"), (back!.Sex, back.BirthDate, back.Pregnant, back.Allergies));
        Assert.Equal("zzfile.csv", Assert.Single(await store.ListUploadsAsync(owner, TestContext.Current.CancellationToken)).FileName);
        Assert.Equal("zzmarker", Assert.Single(await store.LabResultsAsync(owner, "zzmarker", TestContext.Current.CancellationToken)).MarkerId);
        Assert.Equal("zzverdict", Assert.Single(await store.ListReportsAsync(owner, TestContext.Current.CancellationToken)).Verdict);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheDataKey_OpensOnlyWithThePasswordOrTheRecoveryKey(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var ring = new UserKeyRing();
        var store = new DecodexStore(db.Context, Protection, ring);
        var keys = new UserKeys(db.Context, ring, store);
        var user = new DecodexUser { UserName = "k@example.org", Email = "k@example.org" };
        db.Context.Users.Add(user);
        await db.Context.SaveChangesAsync(TestContext.Current.CancellationToken);
        var (_, recovery) = await keys.UnlockAsync(user.Id, Password, TestContext.Current.CancellationToken);
        await store.SaveProfileAsync(user.Id, p => p.Medications = "lithium", TestContext.Current.CancellationToken);

        // Signed out: the data is locked, and a wrong password does not open it.
        keys.Lock(user.Id);
        await Assert.ThrowsAsync<DataLockedException>(() => store.GetProfileAsync(user.Id, TestContext.Current.CancellationToken));
        Assert.False((await keys.UnlockAsync(user.Id, "wrong-password-123", TestContext.Current.CancellationToken)).Unlocked);
        Assert.False(ring.IsUnlocked(user.Id));

        // A password change re-wraps the key; the old password stops working.
        Assert.True((await keys.UnlockAsync(user.Id, Password, TestContext.Current.CancellationToken)).Unlocked);
        Assert.True(await keys.RewrapPasswordAsync(user.Id, "a-new-long-passphrase", TestContext.Current.CancellationToken));
        keys.Lock(user.Id);
        Assert.False((await keys.UnlockAsync(user.Id, Password, TestContext.Current.CancellationToken)).Unlocked);

        // A forgotten password: the recovery key opens the data and sets the new password.
        Assert.False(await keys.RecoverAsync(user.Id, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "another-passphrase", TestContext.Current.CancellationToken));
        Assert.True(await keys.RecoverAsync(user.Id, recovery!.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), "another-passphrase", TestContext.Current.CancellationToken));
        Assert.Equal("lithium", (await store.GetProfileAsync(user.Id, TestContext.Current.CancellationToken))!.Medications);
        keys.Lock(user.Id);
        Assert.True((await keys.UnlockAsync(user.Id, "another-passphrase", TestContext.Current.CancellationToken)).Unlocked);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ContentFromBeforePerUserKeys_IsResealedAtTheFirstUnlock(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var user = new DecodexUser { UserName = "old@example.org", Email = "old@example.org" };
        db.Context.Users.Add(user);
        var legacy = Protection.CreateProtector("Decodex.Storage.Content.v1");
        byte[] Old(byte[] content)
        {
            using var buffer = new MemoryStream();
            using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                brotli.Write(content);
            }

            return legacy.Protect(buffer.ToArray());
        }

        db.Context.Profiles.Add(new ProfileEntity { OwnerId = user.Id, Sex = "male", Conditions = "epilepsy", Medications = "lithium" });
        db.Context.Uploads.Add(new UploadEntity { OwnerId = user.Id, Kind = UploadKind.Labs, FileName = "old.csv", Summary = "csv", Size = 3, Content = Old("abc"u8.ToArray()) });
        await db.Context.SaveChangesAsync(TestContext.Current.CancellationToken);
        var ring = new UserKeyRing();
        var store = new DecodexStore(db.Context, Protection, ring);

        await new UserKeys(db.Context, ring, store).UnlockAsync(user.Id, Password, TestContext.Current.CancellationToken);

        var profile = await db.Context.Profiles.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        var upload = await db.Context.Uploads.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(profile.Sealed);
        Assert.Equal((null, string.Empty), (profile.Sex, profile.Conditions));
        Assert.StartsWith("s1:", upload.FileName, StringComparison.Ordinal);
        Assert.Equal(1, upload.Content[0]);
        Assert.Equal("epilepsy", (await store.GetProfileAsync(user.Id, TestContext.Current.CancellationToken))!.Conditions);
        Assert.Equal("abc"u8.ToArray(), (await store.ReadUploadAsync(user.Id, upload.Id, TestContext.Current.CancellationToken))!.Value.Content);
    }
}
