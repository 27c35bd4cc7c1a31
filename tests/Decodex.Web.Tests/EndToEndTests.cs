using Decodex.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Decodex.Web.Tests;

/// <summary>
/// A browser (Playwright driving the system's Chromium) signs up, uploads the sample DNA and labs,
/// fills the profile, opens the report and downloads the PDF; and walks the pages at 390 px and 1280 px,
/// checking that none scrolls sideways, none requests another host and axe-core finds no serious or
/// critical violation. Skips with a reason where Chromium is absent; <c>.ci/run</c> installs Debian's chromium.
/// </summary>
public sealed class EndToEndTests
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private sealed class KestrelFactory : WebApplicationFactory<Program>
    {
        public string Data { get; } = Directory.CreateTempSubdirectory("decodex-e2e-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Decodex:DataDirectory", Data);
            builder.UseSetting("Decodex:SignInPerMinute", "1000");
        }
    }

    [Fact]
    public async Task Browser_SignsUpUploadsOpensTheReportAndDownloadsThePdf()
    {
        var chromium = Array.Find(Candidates, File.Exists) ?? Environment.GetEnvironmentVariable("DECODEX_CHROMIUM");
        Assert.SkipWhen(chromium is null, "no Chromium here (Debian: apt-get install chromium; .ci/run installs it)");

        using var factory = new KestrelFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { AcceptDownloads = true });
        var samples = Path.Combine(RepositoryPaths.Root, "samples");

        await page.GotoAsync($"{baseUrl}/account/register");
        await page.FillAsync("#email", "e2e@example.org");
        await page.FillAsync("#password", "correct-horse-battery-9");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync($"{baseUrl}/my/setup/1");

        // Setup: about you, medicines and conditions, the DNA file, the lab results, then the report.
        await page.SelectOptionAsync("#sex", "male");
        await page.FillAsync("#birthDate", "1958-04-12");
        await page.ClickAsync("text=Save and continue");
        await page.WaitForURLAsync($"{baseUrl}/my/setup/2");
        await page.FillAsync("#conditions", "epilepsy");
        await page.FillAsync("#medications", "lithium\nLexapro 10 mg");
        await page.FillAsync("#goals", "memory");
        await page.ClickAsync("text=Save and continue");
        await page.WaitForURLAsync($"{baseUrl}/my/setup/3");
        await UploadAsync(page, "auto", Path.Combine(samples, "genome_23andme_synthetic.txt"));
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/my/setup/4"));
        await UploadAsync(page, "auto", Path.Combine(samples, "labs.csv"));
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/my/setup/5"));
        await page.GotoAsync($"{baseUrl}/my");
        var my = await page.ContentAsync();
        Assert.True(my.Contains("23andme", StringComparison.Ordinal), my[Math.Max(0, my.IndexOf("<main>", StringComparison.Ordinal))..]);

        await ShotAsync(page, "my-data");
        await page.GotoAsync($"{baseUrl}/my/labs");
        await ShotAsync(page, "my-labs");
        await page.GotoAsync($"{baseUrl}/kb");
        await ShotAsync(page, "knowledge-base");
        await page.GotoAsync($"{baseUrl}/kb/cerebrolysin");
        await ShotAsync(page, "monograph");
        await page.GotoAsync($"{baseUrl}/my/report?compound=cerebrolysin");
        await ShotAsync(page, "my-report");
        var report = await page.ContentAsync();
        Assert.Contains("Avoid", report, StringComparison.Ordinal);
        Assert.Contains("Contraindicated: Epilepsy", report, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Download the PDF"));
        var pdf = Path.Combine(factory.Data, "report.pdf");
        await download.SaveAsAsync(pdf);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Browser_AtPhoneAndDesktopWidth_NoPageScrollsSideways_NoSeriousAccessibilityViolation(int width)
    {
        var chromium = Array.Find(Candidates, File.Exists) ?? Environment.GetEnvironmentVariable("DECODEX_CHROMIUM");
        Assert.SkipWhen(chromium is null, "no Chromium here (Debian: apt-get install chromium; .ci/run installs it)");

        using var factory = new KestrelFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 844 } });
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(baseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        await page.GotoAsync($"{baseUrl}/account/register");
        await page.FillAsync("#email", $"width-{width}@example.org");
        await page.FillAsync("#password", "correct-horse-battery-9");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync($"{baseUrl}/my/setup/1");
        var violations = new List<string>();
        string[] paths = ["/", "/kb", "/kb?q=prozac", "/kb?class=ssri", "/kb?class=antidepressants", "/kb/ssris", "/kb/cerebrolysin", "/kb/risperidone", "/kb/nope", "/my/setup/1", "/my/setup/2", "/my/setup/3", "/my", "/my/profile", "/my/labs", "/my/report", "/my/genome", "/demo", "/account"];
        foreach (var path in paths)
        {
            await page.GotoAsync(baseUrl + path);
            await ShotAsync(page, $"{width}-" + (path == "/" ? "home" : path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-')), width);
            var wider = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll, .monograph table')).slice(0, 5).map(e => e.tagName + '.' + e.className)");
            var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(scroll <= 0, $"{path} scrolls sideways by {scroll} px: {string.Join(", ", wider)}");
            var axe = await page.RunAxe();
            violations.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        Assert.Empty(foreign);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>With DECODEX_SCREENSHOTS set to a folder, saves a screenshot of the page for the README.</summary>
    private static async Task ShotAsync(IPage page, string name, int width = 1100)
    {
        if (Environment.GetEnvironmentVariable("DECODEX_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
        }
    }

    /// <summary>Uploads through the page's form (sent with progress by upload.js) and waits until the page it leads to has loaded.</summary>
    private static async Task UploadAsync(IPage page, string kind, string path)
    {
        await page.SelectOptionAsync("#kind", kind);
        await page.SetInputFilesAsync("#file", path);
        await page.ClickAsync("button:has-text('Upload')");
        await page.WaitForSelectorAsync($"b:has-text('{Path.GetFileName(path)}')");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
