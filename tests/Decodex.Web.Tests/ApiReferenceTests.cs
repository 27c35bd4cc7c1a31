using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Decodex.Web.Tests;

/// <summary>
/// Issue 15: the API reference at /api/reference is served offline, titled "Decodex API": its script comes
/// from the package, its configuration turns off the CDN fonts, telemetry, client, developer-tools, agent
/// and MCP buttons, and a browser that opens it asks no other host for anything.
/// </summary>
public sealed partial class ApiReferenceTests
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private sealed class KestrelFactory : WebApplicationFactory<Program>
    {
        public string Data { get; } = Directory.CreateTempSubdirectory("decodex-apiref-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Decodex:DataDirectory", Data);
    }

    [Fact]
    public async Task ApiReference_NamesNoOtherHostAndIsTitledDecodexApi()
    {
        using var factory = new DecodexWebFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/reference", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var loader = await client.GetStringAsync("/api/reference/scalar.aspnetcore.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Decodex API</title>", html, StringComparison.Ordinal);
        Assert.Empty(AbsoluteUrl().Matches(html));
        Assert.Empty(AbsoluteUrl().Matches(loader));
        foreach (var host in new[] { "fonts.googleapis", "fonts.gstatic", "fonts.scalar.com", "cdn.jsdelivr", "unpkg.com", "proxy.scalar.com", "scalar.com" })
        {
            Assert.DoesNotContain(host, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(host, loader, StringComparison.OrdinalIgnoreCase);
        }

        // Every script and link the page names is a path on this server.
        var sources = Regex.Matches(html, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.DoesNotMatch("^(?:[a-z]+:)?//", s));
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"hideClientButton\":true", html, StringComparison.Ordinal);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html, StringComparison.Ordinal);
        Assert.Contains("\"agent\":{\"disabled\":true}", html, StringComparison.Ordinal);
        Assert.Contains("\"mcp\":{\"disabled\":true}", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reference/scalar.js", TestContext.Current.CancellationToken)).StatusCode);

        // The one inline script that starts it carries the nonce the Content-Security-Policy names; nothing else is allowed in.
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var nonce = Regex.Match(html, "<script[^>]* nonce=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"script-src 'self' 'nonce-{nonce}';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        var again = await client.GetAsync("/api/reference", TestContext.Current.CancellationToken);
        Assert.DoesNotContain($"'nonce-{nonce}'", string.Join(";", again.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/reference")]
    [InlineData("/api/docs")]
    public async Task Browser_ApiReference_RendersAndRequestsNothingFromElsewhere(string path)
    {
        var chromium = Array.Find(Candidates, File.Exists) ?? Environment.GetEnvironmentVariable("DECODEX_CHROMIUM");
        Assert.SkipWhen(chromium is null, "no Chromium here (Debian: apt-get install chromium; .ci/run installs it)");

        using var factory = new KestrelFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var origin = new Uri(factory.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        var requested = new List<string>();
        var blocked = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };

        // Scalar's script is 5 MB: on a busy 2-core machine parsing it takes a while, so the waits are long.
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(origin + path.TrimStart('/'));
        // Rendered: the operations of the OpenAPI document are listed (the fonts and styles are asked for by then);
        // a few seconds more let any late request show. (Waiting for the network to go idle timed out in full runs.)
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('/api/auth/register')");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var text = await page.InnerTextAsync("body");

        Assert.Equal("Decodex API", await page.TitleAsync());
        Assert.Contains(requested, url => url.EndsWith("/api/openapi.json", StringComparison.Ordinal));
        Assert.All(requested, url => Assert.True(url.StartsWith(origin.AbsoluteUri, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), string.Join("\n", requested)));
        Assert.Empty(blocked);
        foreach (var button in new[] { "Open API Client", "Deploy", "Share", "Ask AI", "Generate MCP" })
        {
            Assert.DoesNotContain(button, text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"https?://", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();
}
