using System.Net;
using System.Text.RegularExpressions;
using Decodex.Core.Knowledge;
using Decodex.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>
/// Issue 15: the home page and the knowledge base as Razor components in the site layout — search by
/// any name, class pages with members, monographs with contents and safety first, an HTML 404, and
/// every page on the vendored stylesheet with nothing loaded from another host.
/// </summary>
public sealed partial class KnowledgeBasePagesTests(DecodexWebFactory factory) : IClassFixture<DecodexWebFactory>
{
    private static readonly string[] PublicPages = ["/", "/kb", "/kb?q=memory", "/kb?class=ssri", "/kb?outcome=global-function", "/kb/ssris", "/kb/cerebrolysin", "/kb/nope", "/account/sign-in", "/account/register", "/account/recover"];

    [GeneratedRegex("<(?:link|script|img|iframe|source|audio|video|embed|object)\\b[^>]*?\\b(?:src|href|srcset|data)=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex LoadedResource();

    [GeneratedRegex("href=\"/kb\\?class=([^\"]+)\"")]
    private static partial Regex ClassLink();

    [Theory]
    [InlineData("prozac")]
    [InlineData("Lexapro")]
    [InlineData("PROZAC 20 mg")]
    [InlineData("escitalopram")]
    [InlineData("SSRI")]
    public async Task Search_AnyNameOfAnSsri_FindsTheSsriEntry(string query)
    {
        var response = await factory.CreateClient().GetAsync("/kb?q=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"/kb/ssris\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/kb/risperidone\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_BrandName_SaysWhatItWasReadAs()
    {
        var html = await factory.CreateClient().GetStringAsync("/kb?q=prozac", TestContext.Current.CancellationToken);

        Assert.Contains("is read as fluoxetine", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntryList_NamesEachKindInWords_NotItsYamlTerm()
    {
        var html = await factory.CreateClient().GetStringAsync("/kb", TestContext.Current.CancellationToken);

        Assert.Contains(">Drug class</small>", html, StringComparison.Ordinal);
        Assert.Contains(">Supplement</small>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">drug-class<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_UnknownName_FindsNothingAndSaysSo()
    {
        var html = await factory.CreateClient().GetStringAsync("/kb?q=zorblaxitol", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("class=\"entry\"", html, StringComparison.Ordinal);
        Assert.Contains("Nothing in the knowledge base matches", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassLinks_EveryClass_ListsAtLeastOneMember()
    {
        var client = factory.CreateClient();
        var kb = factory.Services.GetRequiredService<KnowledgeBase>();
        var index = await client.GetStringAsync("/kb", TestContext.Current.CancellationToken);
        var linked = ClassLink().Matches(index).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

        Assert.Equal(kb.Classes.Select(c => c.Id).Order(StringComparer.Ordinal), linked.Order(StringComparer.Ordinal));
        foreach (var id in linked)
        {
            var response = await client.GetAsync("/kb?class=" + Uri.EscapeDataString(id), TestContext.Current.CancellationToken);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var entries = Regex.Count(html, "class=\"entry\"");
            var members = Regex.Count(html, "<tr><td>");
            Assert.True(entries + members > 0, $"class {id} lists nothing");
        }
    }

    [Fact]
    public async Task ClassPage_Ssri_ListsItsMonographAndMedicinesWithBrands()
    {
        var html = await factory.CreateClient().GetStringAsync("/kb?class=ssri", TestContext.Current.CancellationToken);

        Assert.Contains("href=\"/kb/ssris\"", html, StringComparison.Ordinal);
        Assert.Contains("fluoxetine", html, StringComparison.Ordinal);
        Assert.Contains("escitalopram", html, StringComparison.Ordinal);
        Assert.Contains("Lexapro", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParentClass_Antidepressants_ListsTheMonographsOfItsSubclasses()
    {
        var html = await factory.CreateClient().GetStringAsync("/kb?class=antidepressants", TestContext.Current.CancellationToken);

        Assert.Contains("href=\"/kb/ssris\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/kb/snris\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/kb?class=ssri\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/kb/cerebrolysin\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/kb/nope")]
    [InlineData("/kb?class=nope")]
    [InlineData("/kb?outcome=nope")]
    [InlineData("/no-such-page")]
    public async Task UnknownEntry_IsAnHtml404InTheLayout(string url)
    {
        var response = await factory.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Site\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/kb/compounds/nope")]
    [InlineData("/api/no-such-endpoint")]
    public async Task UnknownInTheApi_IsStillProblemDetails(string url)
    {
        var response = await factory.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Monograph_IsInTheLayout_WithContentsAndSafetyFirst()
    {
        var html = await factory.CreateClient().GetStringAsync("/kb/ssris", TestContext.Current.CancellationToken);
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];

        Assert.Contains("aria-label=\"Contents\"", main, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#summary\">Summary</a>", main, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#references\">References</a>", main, StringComparison.Ordinal);
        var safety = main.IndexOf("Safety first.", StringComparison.Ordinal);
        Assert.InRange(safety, 0, main.IndexOf("<article class=\"monograph", StringComparison.Ordinal));
        Assert.Contains("<a href=\"#risks\">", main[safety..], StringComparison.Ordinal);
        Assert.Contains("<h1>Selective serotonin reuptake inhibitors (SSRIs)</h1>", main, StringComparison.Ordinal);
        Assert.DoesNotContain("<style>", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<html"));
    }

    [Fact]
    public async Task Pages_CarryTheNavAndTheVendoredStylesheet_AndLoadNothingFromAnotherHost()
    {
        var client = factory.CreateClient();
        foreach (var url in PublicPages)
        {
            var html = await (await client.GetAsync(url, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("<a class=\"skip-link\" href=\"#main\">", html, StringComparison.Ordinal);
            Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/kb\">Knowledge base</a>", html, StringComparison.Ordinal);
            Assert.Contains("<link rel=\"stylesheet\" href=\"/vendor/pico/pico.min.css\">", html, StringComparison.Ordinal);
            Assert.Contains("<link rel=\"stylesheet\" href=\"/site.css\">", html, StringComparison.Ordinal);
            var resources = LoadedResource().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(resources);
            Assert.All(resources, r => Assert.True(r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal), $"{url} loads {r}"));
            Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        }

        foreach (var file in new[] { "/vendor/pico/pico.min.css", "/site.css", "/logo.svg", "/favicon.svg" })
        {
            var response = await client.GetAsync(file, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotMatch("url\\(\\s*[\"']?(?:https?:)?//", text);
            Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SiteCss_PrintsAMonographWithoutTheSiteChrome()
    {
        var css = await factory.CreateClient().GetStringAsync("/site.css", TestContext.Current.CancellationToken);
        var print = css[css.IndexOf("@media print", StringComparison.Ordinal)..];

        Assert.Contains(".site-header", print, StringComparison.Ordinal);
        Assert.Contains(".toc", print, StringComparison.Ordinal);
        Assert.Contains("display:none", print, StringComparison.Ordinal);
        Assert.Contains("break-inside:avoid", print, StringComparison.Ordinal);
    }

    [Fact]
    public void VendoredPico_ShipsItsLicenceAndProvenance()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "Decodex.Web", "wwwroot", "vendor", "pico");

        Assert.Contains("MIT", File.ReadAllText(Path.Combine(folder, "LICENSE.md")), StringComparison.Ordinal);
        var provenance = File.ReadAllText(Path.Combine(folder, "PROVENANCE.md"));
        Assert.Contains("@picocss/pico", provenance, StringComparison.Ordinal);
        Assert.Contains("MIT", provenance, StringComparison.Ordinal);
        Assert.StartsWith("@charset \"UTF-8\";/*!\n * Pico CSS", File.ReadAllText(Path.Combine(folder, "pico.min.css")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedIn_RoutedAndEndpointPages_ShareTheNavWithASignOutFormWithAntiforgery()
    {
        var client = await WebFlowTests.PageSignedInAsync(factory, "layout@example.org");

        foreach (var url in new[] { "/kb", "/kb/ssris", "/my", "/my/labs", "/my/report", "/my/genome", "/account", "/nope" })
        {
            // The not-found page (/nope, a 404) has the same header.
            using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var header = html[html.IndexOf("<header class=\"site-header\">", StringComparison.Ordinal)..html.IndexOf("</header>", StringComparison.Ordinal)];
            Assert.Contains("<a href=\"/my\">Dashboard</a>", header, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/my/labs\">My labs</a>", header, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/my/report\">My report</a>", header, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/account\">Account</a>", header, StringComparison.Ordinal);
            Assert.Contains("action=\"/account/sign-out\"", header, StringComparison.Ordinal);
            Assert.Contains("name=\"__RequestVerificationToken\"", header, StringComparison.Ordinal);
        }

        var kb = await client.GetStringAsync("/kb", TestContext.Current.CancellationToken);
        var signedOut = await client.PostAsync("/account/sign-out", WebFlowTests.Form(kb), TestContext.Current.CancellationToken);
        var after = await client.GetAsync("/my", TestContext.Current.CancellationToken);
        Assert.True(signedOut.IsSuccessStatusCode || signedOut.StatusCode == HttpStatusCode.Redirect, signedOut.StatusCode.ToString());
        Assert.DoesNotContain("<a href=\"/my\">Dashboard</a>", await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        var client = await WebFlowTests.PageSignedInAsync(factory, "layout-csrf@example.org");

        var forged = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        var my = await client.GetStringAsync("/my", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("<a href=\"/my\">Dashboard</a>", my, StringComparison.Ordinal);
    }
}
