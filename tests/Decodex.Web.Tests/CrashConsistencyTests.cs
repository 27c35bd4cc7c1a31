using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Decodex.Testing;
using Microsoft.Data.Sqlite;

namespace Decodex.Web.Tests;

/// <summary>
/// kill -9 at random moments of uploads, profile saves and account deletions, 50 times, against the
/// real app process on its SQLite database: afterwards the database passes its integrity and foreign-key
/// checks, the data stored before the kills is intact and readable, every upload is whole (its lab results
/// with it or neither), and no health data is in clear anywhere in the data folder or the app's temporary
/// folder. The app is started with <c>dotnet Decodex.Web.dll</c> from its build output.
/// </summary>
public sealed class CrashConsistencyTests
{
    private const int Kills = 50;
    private const string Password = "correct-horse-battery-9";
    private const string Marker = "zqxmarker";

    [Fact]
    public async Task KillNine_AtRandomMoments_LeavesTheDatabaseConsistentAndNothingInClear()
    {
        var app = AppPath();
        Assert.SkipWhen(app is null, "The web app's build output was not found (build src/Decodex.Web first)");
        var data = Directory.CreateTempSubdirectory("decodex-crash-data-").FullName;
        var temp = Directory.CreateTempSubdirectory("decodex-crash-temp-").FullName;
        var random = new Random(20261203);
        var cancel = TestContext.Current.CancellationToken;
        var genome = SyntheticGenome(60_000);
        var kills = 0;
        try
        {
            // Before the kills: an owner with a profile and a whole upload.
            string baselineId;
            using (var server = await Server.StartAsync(app!, data, temp, cancel))
            {
                using var owner = await server.SignInAsync("owner@example.org", register: true, cancel);
                (await owner.PutAsJsonAsync("/api/profile", Profile(0), cancel)).EnsureSuccessStatusCode();
                baselineId = await UploadAsync(owner, "genome", "baseline.txt", genome, cancel);
                await server.StopAsync();
            }

            while (kills < Kills)
            {
                using var server = await Server.StartAsync(app!, data, temp, cancel);
                using var owner = await server.SignInAsync("owner@example.org", register: false, cancel);
                Task work = (kills % 3) switch
                {
                    0 => UploadAsync(owner, "labs", $"labs-{kills}.csv", Labs(kills), cancel),
                    1 => owner.PutAsJsonAsync("/api/profile", Profile(kills), cancel),
                    _ => DeleteAnAccountAsync(server, kills, cancel),
                };
                await Task.Delay(random.Next(0, 250), cancel);
                server.Kill();
                kills++;
                await Task.WhenAny(work, Task.Delay(2000, cancel));
            }

            // After the kills: the earlier data is intact, every upload is whole.
            using (var server = await Server.StartAsync(app!, data, temp, cancel))
            {
                using var owner = await server.SignInAsync("owner@example.org", register: false, cancel);
                var profile = await owner.GetFromJsonAsync<JsonElement>("/api/profile", cancel);
                Assert.StartsWith(Marker, profile.GetProperty("medications")[0].GetString(), StringComparison.Ordinal);
                var uploads = await owner.GetFromJsonAsync<JsonElement>("/api/uploads", cancel);
                Assert.Contains(uploads.EnumerateArray(), u => u.GetProperty("id").GetString() == baselineId);
                var report = await owner.GetAsync("/api/report/cerebrolysin", cancel);
                Assert.Equal(HttpStatusCode.OK, report.StatusCode);
                await server.StopAsync();
            }

            SqliteConnection.ClearAllPools();
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "decodex.db")};Mode=ReadOnly"))
            {
                await db.OpenAsync(cancel);
                Assert.Equal("ok", await ScalarAsync(db, "PRAGMA integrity_check", cancel));
                Assert.Equal("0", await ScalarAsync(db, "SELECT COUNT(*) FROM pragma_foreign_key_check", cancel));
                Assert.Equal("0", await ScalarAsync(db, "SELECT COUNT(*) FROM LabResults r LEFT JOIN Uploads u ON u.Id = r.UploadId WHERE u.Id IS NULL", cancel));
                Assert.Equal("0", await ScalarAsync(db, "SELECT COUNT(*) FROM Uploads u WHERE u.FileName LIKE 'labs-%' AND NOT EXISTS (SELECT 1 FROM LabResults r WHERE r.UploadId = u.Id)", cancel));
            }

            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(temp, "*", SearchOption.AllDirectories))
                .Where(f => (File.GetAttributes(f) & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0 && !Path.GetFileName(f).StartsWith("dotnet-diagnostic-", StringComparison.Ordinal)))
            {
                var text = Encoding.Latin1.GetString(ReadShared(file));
                Assert.False(text.Contains(Marker, StringComparison.Ordinal), $"health data in clear in {Path.GetFileName(file)}");
                Assert.False(text.Contains("rs4244285", StringComparison.Ordinal), $"a genotype in clear in {Path.GetFileName(file)}");
            }

            Assert.Equal(Kills, kills);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TryDelete(data);
            TryDelete(temp);
        }
    }

    private static object Profile(int i) => new { sex = "female", birthDate = "1970-01-01", conditions = new[] { Marker + "-condition-" + i.ToString(CultureInfo.InvariantCulture) }, medications = new[] { Marker + "-medicine-" + i.ToString(CultureInfo.InvariantCulture) }, goals = new[] { "memory" } };

    private static byte[] Labs(int i)
    {
        var text = new StringBuilder("date,test,value,unit\n");
        for (var day = 0; day < 2000; day++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{new DateOnly(2020, 1, 1).AddDays(day):yyyy-MM-dd},Creatinine,{0.8 + (i % 5) * 0.1 + day % 7 * 0.01:0.00},mg/dL\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] SyntheticGenome(int rows)
    {
        var text = new StringBuilder(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "genome_23andme_synthetic.txt")));
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"rs{90_000_000 + i}\t{1 + i % 22}\t{1_000_000 + i * 37}\t{"ACGT"[i % 4]}{"ACGT"[(i / 4) % 4]}\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static async Task<string> UploadAsync(HttpClient client, string kind, string name, byte[] content, CancellationToken cancel)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", name);
        var response = await client.PostAsync($"/api/uploads/{kind}", form, cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("id").GetString()!;
    }

    private static async Task DeleteAnAccountAsync(Server server, int i, CancellationToken cancel)
    {
        using var client = await server.SignInAsync($"gone-{i}@example.org", register: true, cancel);
        (await client.PutAsJsonAsync("/api/profile", Profile(i), cancel)).EnsureSuccessStatusCode();
        await client.DeleteAsync("/api/account", cancel);
    }

    private static async Task<string> ScalarAsync(SqliteConnection db, string sql, CancellationToken cancel)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture)!;
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The web app's build output of the same configuration as this test.</summary>
    private static string? AppPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryPaths.Root, "src", "Decodex.Web", "bin", configuration, "net10.0", "Decodex.Web.dll");
        return File.Exists(path) ? path : null;
    }

    /// <summary>One run of the app process on a free loopback port.</summary>
    private sealed class Server : IDisposable
    {
        private readonly Process _process;

        private Server(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<Server> StartAsync(string app, string data, string temp, CancellationToken cancel)
        {
            var port = FreePort();
            var address = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)! };
            start.ArgumentList.Add(app);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(address.ToString());
            start.Environment["Decodex__DataDirectory"] = data;
            start.Environment["Decodex__SignInPerMinute"] = "100000";
            start.Environment["Decodex__UploadsPerMinute"] = "100000";
            start.Environment["Decodex__Registration"] = "open";
            start.Environment["Kestrel__Endpoints__Http__Url"] = address.ToString();
            start.Environment["ASPNETCORE_TEMP"] = temp;
            start.Environment["TMPDIR"] = temp;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_EnableDiagnostics"] = "0";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new Server(process, address);
            using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
            for (var attempt = 0; attempt < 300; attempt++)
            {
                Assert.False(process.HasExited, "the app exited at start");
                try
                {
                    if ((await probe.GetAsync("/", cancel)).IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
                {
                }

                await Task.Delay(100, cancel);
            }

            server.Kill();
            throw new TimeoutException("The app did not answer within 30 s of starting.");
        }

        public async Task<HttpClient> SignInAsync(string email, bool register, CancellationToken cancel)
        {
            var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
            if (register)
            {
                (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password }, cancel)).EnsureSuccessStatusCode();
            }

            var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, cancel);
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        /// <summary>SIGKILL: no shutdown code runs.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }

        public Task StopAsync()
        {
            Kill();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
