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
public sealed class StorageTests
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
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<string> UserAsync(DecodexDbContext db, string email)
    {
        var user = new DecodexUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        db.Users.Add(user);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return user.Id;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Uploads_AreEncryptedAtRest_AndReadBackExactly(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection);
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
    public async Task AnotherOwner_CannotReadListOrDelete(string provider)
    {
        await using var db = await Database.CreateAsync(provider);
        var store = new DecodexStore(db.Context, Protection);
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
        var store = new DecodexStore(db.Context, Protection);
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
        var store = new DecodexStore(db.Context, Protection);
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
        var store = new DecodexStore(db.Context, Protection);
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
}
