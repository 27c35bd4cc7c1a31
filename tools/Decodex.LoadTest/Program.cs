using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

// A mixed load against the real app on this machine's loopback only: sign-ins, uploads of real-size
// DNA and lab files, report pages and monograph pages, from several accounts at once, for a fixed time.
// It starts the app itself (its build output) on a fresh data folder, samples the server's resident
// memory every second from /proc, and prints latency percentiles per kind of request, the status
// codes seen and the peak memory. Every loop is bounded by the duration; nothing leaves 127.0.0.1.
//
//   dotnet run -c Release --project tools/Decodex.LoadTest -- [--seconds 300] [--users 8] [--think-ms 500] [--app PATH]
//   ... -- --rate 200 --seconds 60 [--weight]   page requests at a fixed rate (open loop), and the page weights
//   ... -- --community --rate 100 --seconds 60 [--postgres CONN] [--reports 10000] [--comments 50000] [--lists]
//       a compound's page on PostgreSQL seeded with that many community posts, at a fixed rate (--lists: also its community lists;
//       --seed-only: seed, print how to start the app on it, and leave both)
var seconds = Arg("--seconds", 300);
var users = Arg("--users", 8);
var thinkMs = Arg("--think-ms", 500);
var app = ArgText("--app") ?? Path.Combine(RepositoryRoot(), "src", "Decodex.Web", "bin", "Release", "net10.0", "Decodex.Web.dll");
if (!File.Exists(app))
{
    Console.Error.WriteLine($"Build the web app first (dotnet build src/Decodex.Web -c Release): {app} is missing.");
    return 2;
}

var data = Directory.CreateTempSubdirectory("decodex-load-").FullName;
var port = FreePort();
var address = new Uri($"http://127.0.0.1:{port}");
var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)! };
start.ArgumentList.Add(app);
start.Environment["Kestrel__Endpoints__Http__Url"] = address.ToString();
start.Environment["Decodex__DataDirectory"] = data;

// A build output has no wwwroot of its own (a published app has): the stylesheets come from the project.
if (ArgText("--app") is null)
{
    start.Environment["ASPNETCORE_CONTENTROOT"] = Path.Combine(RepositoryRoot(), "src", "Decodex.Web");
}

start.Environment["Decodex__Registration"] = "open";
start.Environment["Decodex__SignInPerMinute"] = "100000";
start.Environment["Decodex__UploadsPerMinute"] = "100000";

// One address and a few accounts stand for many people here: the per-address and per-account limits
// would otherwise answer 429 to most requests, which measures the limiter, not the app.
start.Environment["Decodex__RequestsPerMinutePerAddress"] = "1000000";
start.Environment["Decodex__RequestsPerMinutePerAccount"] = "1000000";
start.Environment["Logging__LogLevel__Default"] = "Warning";
// The community load: a fresh PostgreSQL database seeded before the app starts, dropped at the end.
string? postgresAdmin = null, postgres = null;
if (args.Contains("--community"))
{
    postgresAdmin = ArgText("--postgres") ?? Environment.GetEnvironmentVariable("DECODEX_TEST_POSTGRES");
    if (string.IsNullOrWhiteSpace(postgresAdmin))
    {
        Console.Error.WriteLine("--community needs PostgreSQL: --postgres CONNECTION (a role that may create databases) or DECODEX_TEST_POSTGRES.");
        return 2;
    }

    postgres = await Decodex.LoadTest.CommunitySeed.CreateDatabaseAsync(postgresAdmin);
    await Decodex.LoadTest.CommunitySeed.SeedAsync(postgres, data, "cerebrolysin", Arg("--reports", 10_000), Arg("--comments", 50_000));
    start.Environment["Decodex__Database"] = "postgres";
    start.Environment["ConnectionStrings__Postgres"] = postgres;
    start.Environment["Decodex__Community__CheckHours"] = "0";
    if (args.Contains("--seed-only"))
    {
        // For profiling by hand: the database and the data folder stay, and how to start the app on them is printed.
        Console.WriteLine($"Decodex__DataDirectory={data} Decodex__Database=postgres ConnectionStrings__Postgres=\"{postgres}\"");
        return 0;
    }
}

using var server = Process.Start(start)!;
server.OutputDataReceived += (_, _) => { };
server.ErrorDataReceived += (_, _) => { };
server.BeginOutputReadLine();
server.BeginErrorReadLine();
try
{
    using var probe = new HttpClient { BaseAddress = address };
    for (var i = 0; i < 300 && !await Up(probe); i++)
    {
        await Task.Delay(100);
    }

    var genome = SyntheticGenome(600_000);
    var labs = Labs(3_000);
    var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
    var statuses = new ConcurrentDictionary<string, int>();
    var peakRss = 0L;
    var began = Stopwatch.StartNew();
    var slow = new ConcurrentBag<(double At, string Kind, double Ms)>();
    var stop = DateTime.UtcNow.AddSeconds(seconds);
    using var sampler = new CancellationTokenSource();
    var sampling = Task.Run(async () =>
    {
        while (!sampler.IsCancellationRequested)
        {
            peakRss = Math.Max(peakRss, Rss(server.Id));
            try
            {
                await Task.Delay(1000, sampler.Token);
            }
            catch (TaskCanceledException)
            {
            }
        }
    });

    async Task<HttpResponseMessage?> Timed(string kind, Func<Task<HttpResponseMessage>> call)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await call();
            await response.Content.LoadIntoBufferAsync();
            latencies.GetOrAdd(kind, _ => []).Add(watch.Elapsed.TotalMilliseconds);
            if (watch.Elapsed.TotalMilliseconds > 100)
            {
                slow.Add((began.Elapsed.TotalSeconds - watch.Elapsed.TotalSeconds, kind, watch.Elapsed.TotalMilliseconds));
            }

            statuses.AddOrUpdate($"{kind} {(int)response.StatusCode}", 1, (_, n) => n + 1);
            return response;
        }
        catch (HttpRequestException)
        {
            statuses.AddOrUpdate($"{kind} connection-error", 1, (_, n) => n + 1);
            return null;
        }
    }

    var compounds = new[] { "cerebrolysin", "lithium", "risperidone", "ssris", "p021", "cortexin" };
    if (postgres is not null)
    {
        return await CommunityRate(Arg("--rate", 100));
    }

    if (ArgText("--rate") is not null)
    {
        return await FixedRate(Arg("--rate", 200));
    }

    var workers = Enumerable.Range(0, users).Select(async u =>
    {
        var random = new Random(u);
        var email = $"load-{u}@example.org";
        const string password = "correct-horse-battery-9";
        using var api = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var pages = new HttpClient(cookies) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };

        // A cookie-signed request that changes something must carry the CSRF header, as the app's own pages do.
        pages.DefaultRequestHeaders.Add("X-Decodex-Csrf", "1");
        await api.PostAsJsonAsync("/api/auth/register", new { email, password });

        async Task SignIn()
        {
            var login = await Timed("sign-in", () => api.PostAsJsonAsync("/api/auth/login", new { email, password }));
            if (login is { IsSuccessStatusCode: true })
            {
                var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
                api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            await Timed("sign-in", () => pages.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password }));
        }

        await SignIn();
        await api.PutAsJsonAsync("/api/profile", JsonDocument.Parse("""{"sex":"female","birthDate":"1970-01-01","conditions":["epilepsy"],"medications":["lithium","ibuprofen"],"goals":["memory"]}""").RootElement);
        var lastUpload = DateTime.MinValue;
        var lastSignIn = DateTime.UtcNow;
        while (DateTime.UtcNow < stop)
        {
            // Each account is a person clicking about every half second (--think-ms), not a tight loop.
            await Task.Delay(random.Next(thinkMs / 2, thinkMs * 3 / 2 + 1));
            var roll = random.Next(100);
            if (DateTime.UtcNow - lastUpload > TimeSpan.FromSeconds(45))
            {
                lastUpload = DateTime.UtcNow;
                using var form = new MultipartFormDataContent();
                var dna = random.Next(2) == 0;
                form.Add(new ByteArrayContent(dna ? genome : labs), "file", dna ? "genome_23andme.txt" : "labs.csv");
                await Timed(dna ? "upload dna" : "upload labs", () => api.PostAsync(dna ? "/api/uploads/genome" : "/api/uploads/labs", form));
            }
            else if (DateTime.UtcNow - lastSignIn > TimeSpan.FromSeconds(30))
            {
                lastSignIn = DateTime.UtcNow;
                await SignIn();
            }
            else if (roll < 45)
            {
                await Timed("page monograph", () => pages.GetAsync($"/kb/{compounds[random.Next(compounds.Length)]}"));
            }
            else if (roll < 75)
            {
                await Timed("page report", () => pages.GetAsync($"/my/report?compound={compounds[random.Next(compounds.Length)]}"));
            }
            else if (roll < 90)
            {
                await Timed("page my data", () => pages.GetAsync("/my"));
            }
            else
            {
                await Timed("api report", () => api.GetAsync($"/api/report/{compounds[random.Next(compounds.Length)]}"));
            }
        }
    }).ToList();
    await Task.WhenAll(workers);
    sampler.Cancel();
    await sampling;
    Report();
    return Errors() == 0 ? 0 : 1;

    // An open-loop load: page requests start at a fixed rate whatever the answers take, each timed from
    // the moment it was due (so a stalled server is not hidden by a client that waits for it), spread over
    // the dashboard, the report and monograph pages of accounts that each hold a real-size DNA file and a
    // year of lab results. Nothing else runs meanwhile: it measures the pages, not uploads or sign-ins.
    async Task<int> FixedRate(int rate)
    {
        var handlers = new List<HttpClient>();
        for (var u = 0; u < users; u++)
        {
            var email = $"rate-{u}@example.org";
            const string password = "correct-horse-battery-9";
            var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, MaxConnectionsPerServer = 64 };
            var client = new HttpClient(cookies, disposeHandler: true) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Add("X-Decodex-Csrf", "1");
            await client.PostAsJsonAsync("/api/auth/register", new { email, password });
            (await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password })).EnsureSuccessStatusCode();
            (await client.PutAsJsonAsync("/api/profile", JsonDocument.Parse("""{"sex":"female","birthDate":"1970-01-01","conditions":["epilepsy"],"medications":["lithium","Lexapro","ibuprofen"],"goals":["memory"]}""").RootElement)).EnsureSuccessStatusCode();
            foreach (var (bytes, name, kind) in new[] { (genome, "genome_23andme.txt", "genome"), (labs, "labs.csv", "labs") })
            {
                using var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent(bytes), "file", name);
                (await client.PostAsync($"/api/uploads/{kind}", form)).EnsureSuccessStatusCode();
            }

            handlers.Add(client);
        }

        // Every page once per account before timing: the first report of an account reads its files.
        foreach (var client in handlers)
        {
            foreach (var path in new[] { "/my", "/my/report", "/kb/cerebrolysin" })
            {
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
            }
        }

        // The upload requests have answered, but the app still works out each DNA file's findings below the
        // priority of pages; timing starts once it is idle (under a tenth of a core for two seconds, at most
        // two minutes), so the figures are the pages' own.
        var idleFor = 0;
        for (var waited = 0; waited < 240 && idleFor < 4; waited++)
        {
            var before = CpuTicks(server.Id);
            await Task.Delay(500);
            idleFor = CpuTicks(server.Id) - before <= 5 ? idleFor + 1 : 0;
        }

        var paths = new (string Kind, Func<Random, string> Path)[]
        {
            ("page dashboard", _ => "/my"),
            ("page report", _ => "/my/report"),
            ("page monograph", r => $"/kb/{compounds[r.Next(compounds.Length)]}"),
        };
        if (args.Contains("--weight"))
        {
            await Weight(handlers[0]);
        }

        var (total, achieved, cpuSeconds, elapsed) = await OpenLoopAsync(rate, paths, handlers);
        sampler.Cancel();
        await sampling;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open loop: {rate} requests/s asked, {achieved:0} achieved over {elapsed.TotalSeconds:0.0} s, {users} accounts each with a {genome.Length / 1_000_000} MB DNA file and {3000:N0} lab results"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server CPU while timing: {cpuSeconds:0.0} s for {total} requests, {cpuSeconds * 1000 / total:0.0} ms a request"));
        Report();
        foreach (var client in handlers)
        {
            client.Dispose();
        }

        return Errors() == 0 ? 0 : 1;
    }

    // Requests at a fixed rate whatever the answers take (an open loop): each is timed from the moment it was
    // due, so a slowed server cannot hide behind a waiting client. The paths and clients are taken in turn.
    async Task<(int Total, double Achieved, double CpuSeconds, TimeSpan Elapsed)> OpenLoopAsync(int rate, IReadOnlyList<(string Kind, Func<Random, string> Path)> paths, IReadOnlyList<HttpClient> clients)
    {
        Console.Error.WriteLine("timing pages");
        var random = new Random(1);
        var total = rate * seconds;
        var inFlight = new List<Task>(total);
        var cpuBefore = CpuTicks(server.Id);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var (kind, path) = paths[i % paths.Count];
            var client = clients[i % clients.Count];
            var url = path(random);
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await client.GetAsync(url);
                    await response.Content.LoadIntoBufferAsync();
                    latencies.GetOrAdd(kind, _ => []).Add((clock.Elapsed - due).TotalMilliseconds);
                    statuses.AddOrUpdate($"{kind} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                }
                catch (HttpRequestException)
                {
                    statuses.AddOrUpdate($"{kind} connection-error", 1, (_, n) => n + 1);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return (total, total / clock.Elapsed.TotalSeconds, (CpuTicks(server.Id) - cpuBefore) / 100.0, clock.Elapsed);
    }

    // A compound's page (and with --lists its community lists) read by people who are not signed in, at a fixed rate.
    async Task<int> CommunityRate(int rate)
    {
        var clients = Enumerable.Range(0, users).Select(_ => new HttpClient(new HttpClientHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) }).ToList();
        var paths = new List<(string Kind, Func<Random, string> Path)> { ("page compound", _ => "/kb/cerebrolysin") };
        if (args.Contains("--lists"))
        {
            paths.Add(("page reports list", r => $"/kb/cerebrolysin/community/reports?page={1 + r.Next(500)}"));
            paths.Add(("page comments list", r => $"/kb/cerebrolysin/community/comments?page={1 + r.Next(2000)}"));
        }

        foreach (var client in clients)
        {
            foreach (var (_, path) in paths)
            {
                (await client.GetAsync(path(new Random(0)))).EnsureSuccessStatusCode();
            }
        }

        var html = await clients[0].GetStringAsync("/kb/cerebrolysin");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compound page: {Encoding.UTF8.GetByteCount(html) / 1024.0:0} KB; {System.Text.RegularExpressions.Regex.Match(html, "Experience reports \\(([0-9]+)\\)").Groups[1].Value} reports and {System.Text.RegularExpressions.Regex.Match(html, "Comments \\(([0-9]+)\\)").Groups[1].Value} comments counted on it"));
        var (total, achieved, cpuSeconds, elapsed) = await OpenLoopAsync(rate, paths, clients);
        sampler.Cancel();
        await sampling;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open loop on PostgreSQL: {rate} requests/s asked, {achieved:0} achieved over {elapsed.TotalSeconds:0.0} s, {clients.Count} clients not signed in"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server CPU while timing: {cpuSeconds:0.0} s for {total} requests, {cpuSeconds * 1000 / total:0.0} ms a request; peak server memory {Hwm(server.Id) / 1024.0 / 1024.0:0} MB"));
        Report();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return Errors() == 0 ? 0 : 1;
    }

    // What a first visit to a page transfers: its HTML and every stylesheet and script it links, each
    // gzip-compressed as a server would send it (fonts and images are left out; the pages use none but the logo).
    static async Task Weight(HttpClient client)
    {
        foreach (var page in new[] { "/kb/cerebrolysin", "/my/report", "/my" })
        {
            var html = await client.GetStringAsync(page);
            var assets = System.Text.RegularExpressions.Regex.Matches(html, "<(?:link[^>]+rel=\"stylesheet\"[^>]+href|script[^>]+src)=\"(/[^\"]+)\"")
                .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
            var raw = (long)Encoding.UTF8.GetByteCount(html);
            var packed = Gzip(Encoding.UTF8.GetBytes(html));
            foreach (var asset in assets)
            {
                using var fetched = await client.GetAsync(asset);
                if (!fetched.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{page} links {asset}, which answers {(int)fetched.StatusCode}.");
                }

                var bytes = await fetched.Content.ReadAsByteArrayAsync();
                raw += bytes.Length;
                packed += Gzip(bytes);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"page weight {page}: HTML {Encoding.UTF8.GetByteCount(html) / 1024.0:0.0} KB + {assets.Count} CSS/JS files ({string.Join(", ", assets)}) = {raw / 1024.0:0.0} KB, {packed / 1024.0:0.0} KB gzip-compressed"));
        }

        static long Gzip(byte[] bytes)
        {
            using var output = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            return output.Length;
        }
    }

    void Report()
    {

    if (ArgText("--rate") is null)
    {
        Console.WriteLine($"{users} accounts, think time about {thinkMs} ms, {seconds} s, app {app}");
    }

    Console.WriteLine("kind                 count    p50 ms   p95 ms   p99 ms   max ms");
    foreach (var (kind, bag) in latencies.OrderBy(k => k.Key, StringComparer.Ordinal))
    {
        var sorted = bag.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-20} {sorted.Length,6} {P(0.50),9:0.0} {P(0.95),8:0.0} {P(0.99),8:0.0} {sorted[^1],8:0.0}"));
    }

    if (args.Contains("--slow"))
    {
        foreach (var (at, kind, ms) in slow.Where(s => s.Kind.StartsWith("page", StringComparison.Ordinal) || s.Kind.StartsWith("api", StringComparison.Ordinal)).OrderBy(s => s.At))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slow: at {at,6:0.0} s {kind,-16} {ms,7:0} ms"));
        }
    }

    Console.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}")));
    var errors = Errors();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server peak resident memory: {peakRss / 1024.0 / 1024.0:0} MB (VmHWM {Hwm(server.Id) / 1024.0 / 1024.0:0} MB); 5xx or connection errors: {errors}"));
    }

    int Errors() => statuses.Where(s => s.Key.Contains(" 50", StringComparison.Ordinal) || s.Key.EndsWith("connection-error", StringComparison.Ordinal)).Sum(s => s.Value);
}
finally
{
    server.Kill(entireProcessTree: true);
    server.WaitForExit(10_000);
    if (postgresAdmin is not null && postgres is not null)
    {
        await Decodex.LoadTest.CommunitySeed.DropDatabaseAsync(postgresAdmin, postgres);
    }

    try
    {
        Directory.Delete(data, recursive: true);
    }
    catch (IOException)
    {
    }
}

int Arg(string name, int fallback) => ArgText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static async Task<bool> Up(HttpClient probe)
{
    try
    {
        return (await probe.GetAsync("/")).IsSuccessStatusCode;
    }
    catch (HttpRequestException)
    {
        return false;
    }
}

static long Rss(int pid) => Status(pid, "VmRSS:");

static long Hwm(int pid) => Status(pid, "VmHWM:");

// The process's CPU time so far (user + system), in clock ticks (1/100 s on Linux); 0 where /proc is absent.
static long CpuTicks(int pid)
{
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return 0;
    }
}

static long Status(int pid, string field)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
    catch (IOException)
    {
        return 0;
    }
}

static byte[] SyntheticGenome(int rows)
{
    var text = new StringBuilder("# This data file generated by 23andMe at: Mon Jan 01 00:00:00 2024\n# We are using reference human assembly build 37 (also known as Annotation Release 104).\n# rsid\tchromosome\tposition\tgenotype\n");
    for (var i = 0; i < rows; i++)
    {
        text.Append(CultureInfo.InvariantCulture, $"rs{1_000_000 + i}\t{1 + i % 22}\t{1_000_000 + i * 37}\t{"ACGT"[i % 4]}{"ACGT"[(i / 4) % 4]}\n");
    }

    return Encoding.ASCII.GetBytes(text.ToString());
}

static byte[] Labs(int rows)
{
    var text = new StringBuilder("date,test,value,unit\n");
    for (var i = 0; i < rows; i++)
    {
        text.Append(CultureInfo.InvariantCulture, $"{new DateOnly(2018, 1, 1).AddDays(i % 2500):yyyy-MM-dd},{(i % 3 == 0 ? "Creatinine" : i % 3 == 1 ? "Sodium" : "Glucose")},{(i % 3 == 0 ? 0.9 : i % 3 == 1 ? 140 : 95)},{(i % 3 == 0 ? "mg/dL" : i % 3 == 1 ? "mmol/L" : "mg/dL")}\n");
    }

    return Encoding.UTF8.GetBytes(text.ToString());
}

static string RepositoryRoot()
{
    var root = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(root, "Decodex.slnx")))
    {
        root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
    }

    return root;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
