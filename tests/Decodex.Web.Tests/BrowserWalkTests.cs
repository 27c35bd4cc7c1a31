using System.Text.RegularExpressions;
using Decodex.Core.Knowledge;
using Decodex.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Decodex.Web.Tests;

/// <summary>
/// Issue 15: a person walks the whole app in Chromium, at a phone's width and a desktop's — first
/// visit, sign-up, the setup steps, both uploads (kind told from the content), the dashboard, the
/// report and its PDF, knowledge-base search by brand, a class page, a monograph, the genome page with
/// the APOE opt-in, the other pages (profile, labs, account, more entries, the 404 page, the sample
/// report), sign-out, and sign-in again by keyboard alone. Every page is checked on the way: no sideways
/// scrolling, no request to another host, no serious or critical axe-core violation, no internal text
/// (<see cref="PageText"/>), and a visible focus on every stop of the keyboard walk. With
/// DECODEX_SCREENSHOTS set to a folder, each step's screenshot is saved there (the README's come from
/// it). Skips with a reason where Chromium is absent; <c>.ci/run</c> installs Debian's chromium.
/// </summary>
public sealed partial class BrowserWalkTests
{
    private const string Password = "correct-horse-battery-9";

    // Page loads share two cores with the other test projects: generous limits, so a slow moment is not a failure.
    private const float Patience = 120_000;

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Person_WalksTheWholeApp_EveryPageFitsIsAccessibleAndShowsNoInternalText(int width)
    {
        var chromium = Browser.Chromium();
        Assert.SkipWhen(chromium is null, "no Chromium here (Debian: apt-get install chromium; .ci/run installs it)");

        using var factory = new Browser.KestrelFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var ids = InternalTextTests.InternalIds(factory.Services.GetRequiredService<KnowledgeBase>());
        var baseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 844 }, AcceptDownloads = true });
        page.SetDefaultTimeout(Patience);
        page.SetDefaultNavigationTimeout(Patience);
        var walk = new Walk(page, baseUrl, width, ids);
        var samples = Path.Combine(RepositoryPaths.Root, "samples");

        // First visit: what Decodex does and what stays on this machine.
        await page.GotoAsync(baseUrl + "/");
        await walk.CheckAsync("home");
        Assert.Contains("stays", await page.InnerTextAsync("main"), StringComparison.OrdinalIgnoreCase);

        // Sign-up lands on the first setup step.
        await page.GotoAsync(baseUrl + "/account/register");
        await walk.CheckAsync("sign-up");
        await page.GetByLabel("Email").FillAsync($"walk-{width}@example.org");
        await page.GetByLabel("Password", new() { Exact = false }).FillAsync(Password);
        await Browser.SubmitAsync(page, page.Locator("main button[type=submit]"));
        await page.WaitForURLAsync(new Regex("/my/setup"));
        await walk.CheckAsync("setup-1-about-you");
        await page.GetByLabel("Sex", new() { Exact = false }).SelectOptionAsync("male");
        await page.GetByLabel("Birth date").FillAsync("1958-04-12");
        await walk.NextStepAsync();

        await walk.CheckAsync("setup-2-medicines");
        Assert.True(await page.Locator("datalist option[value='Lexapro']").CountAsync() > 0, "the medicines field suggests Lexapro");
        await page.Locator("textarea[name=medications]").FillAsync("lithium");
        await page.Locator("#addMedication").FillAsync("Lexapro");
        await page.Locator("textarea[name=conditions]").FillAsync("epilepsy");
        await page.Locator("textarea[name=goals]").FillAsync("memory");
        await walk.NextStepAsync();

        await walk.CheckAsync("setup-3-dna");
        await walk.UploadAsync(Path.Combine(samples, "genome_23andme_synthetic.txt"));

        // After the upload, the next step says what was read.
        await page.WaitForURLAsync(new Regex("/my/setup/4"));
        await walk.CheckAsync("setup-4-labs-after-dna-read");
        await walk.UploadAsync(Path.Combine(samples, "labs.csv"));
        await page.WaitForURLAsync(new Regex("/my/setup/5"));
        await walk.CheckAsync("setup-5-report");

        // The dashboard: the active DNA file, what needs attention.
        await page.GotoAsync(baseUrl + "/my");
        await walk.CheckAsync("dashboard");
        Assert.Contains("genome_23andme_synthetic.txt", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // The report, on one page: verdicts first, then the cards with their trails.
        await page.GotoAsync(baseUrl + "/my/report");
        await walk.CheckAsync("report");
        var report = await page.InnerTextAsync("main");
        Assert.Contains("Cerebrolysin", report, StringComparison.Ordinal);
        Assert.Contains("Epilepsy", report, StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href*='format=pdf']").First.ClickAsync());
        var pdf = Path.Combine(factory.Data, $"report-{width}.pdf");
        await download.SaveAsAsync(pdf);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4), StringComparison.Ordinal);

        // The knowledge base by any name: a brand finds its class.
        foreach (var name in new[] { "prozac", "Lexapro" })
        {
            await page.GotoAsync(baseUrl + "/kb");
            await page.Locator("main input[type=search]").FillAsync(name);
            await page.Locator("main input[type=search]").PressAsync("Enter");
            await page.WaitForURLAsync(new Regex("q="));
            await walk.CheckAsync("search-" + name.ToLowerInvariant());
            Assert.True(await page.Locator("main a[href='/kb/ssris']").CountAsync() > 0, $"searching {name} finds the SSRI entry");
        }

        await page.GotoAsync(baseUrl + "/kb?class=ssri");
        await walk.CheckAsync("class-page");
        Assert.True(await page.Locator("main a[href='/kb/ssris']").CountAsync() > 0, "the SSRI class page lists its monograph");
        await page.GotoAsync(baseUrl + "/kb/cerebrolysin");
        await walk.CheckAsync("monograph");

        // The genome page: APOE only after the person chooses to see it.
        await page.GotoAsync(baseUrl + "/my/genome");
        await walk.CheckAsync("genome");
        Assert.DoesNotContain("rs429358", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Browser.SubmitAsync(page, page.Locator("main form[action='/my/genome/apoe'] button"));
        await walk.CheckAsync("genome-apoe-shown");
        Assert.Contains("ε", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // The other pages a person can reach, with this person's data on file.
        foreach (var path in new[] { "/my/setup/2", "/my/profile", "/my/labs", "/my/trials", "/my/trials/new", "/account", "/kb/risperidone", "/kb?class=antidepressants", "/kb?outcome=global-function", "/kb/nope", "/demo", "/my/health" })
        {
            await page.GotoAsync(baseUrl + path);
            await walk.CheckAsync(path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-'));
        }

        // Sign-out, then sign-in again by keyboard alone, every stop with a visible focus.
        // On a phone the navigation folds into a menu: opened first, as a person would.
        if (await page.Locator("header details summary:visible").CountAsync() > 0)
        {
            await page.Locator("header details summary:visible").First.ClickAsync();
        }

        await Browser.SubmitAsync(page, page.Locator("header form[action='/account/sign-out'] button:visible"));
        await page.WaitForURLAsync(baseUrl + "/");
        await page.GotoAsync(baseUrl + "/account/sign-in");
        await walk.CheckAsync("sign-in");
        await walk.TabToAsync("#email");
        await page.Keyboard.TypeAsync($"walk-{width}@example.org");
        await walk.TabToAsync("#password");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/my"));

        Assert.Empty(walk.Foreign);
        Assert.True(walk.Problems.Count == 0, string.Join("\n", walk.Problems));
    }

    /// <summary>The checks made on every page of the walk, with what they found.</summary>
    internal sealed class Walk(IPage page, string baseUrl, int width, IReadOnlySet<string> ids)
    {
        private int _step;

        public List<string> Foreign { get; } = Listen(page, baseUrl);

        public List<string> Problems { get; } = [];

        private static List<string> Listen(IPage page, string baseUrl)
        {
            var foreign = new List<string>();
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(baseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                {
                    foreign.Add(request.Url);
                }
            };
            return foreign;
        }

        /// <summary>Sideways scrolling, axe-core, internal text; then the step's screenshot.</summary>
        public async Task CheckAsync(string name)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            var path = new Uri(page.Url).PathAndQuery;
            var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (scroll > 0)
            {
                var wider = await page.EvaluateAsync<string[]>(
                    "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll')).slice(0, 5).map(e => e.tagName + '.' + e.className)");
                Problems.Add($"{name} ({path}) scrolls sideways by {scroll} px: {string.Join(", ", wider)}");
            }

            var axe = await page.RunAxe();
            Problems.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{name} ({path}): axe {v.Id} ({v.Impact}) {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
            Problems.AddRange(PageText.Problems(await page.ContentAsync(), ids).Select(p => $"{name} ({path}): {p}"));
            if (Environment.GetEnvironmentVariable("DECODEX_SCREENSHOTS") is { Length: > 0 } folder)
            {
                _step++;
                Directory.CreateDirectory(folder);
                await page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(folder, $"{width}-{_step:00}-{name}.jpg"),
                    Type = ScreenshotType.Jpeg,
                    Quality = 70,
                });
            }
        }

        /// <summary>Goes on to the next setup step by its main button.</summary>
        public async Task NextStepAsync()
        {
            var before = page.Url;
            await page.WaitForLoadStateAsync(LoadState.Load);
            var button = page.Locator("main button[type=submit]").Last;
            var label = await button.InnerTextAsync();
            try
            {
                await Browser.SubmitAsync(page, button);
                await page.WaitForURLAsync(url => url != before);
            }
            catch (TimeoutException e)
            {
                // Say where the walk stood, so that a stall on a loaded machine can be told from a lost click.
                var main = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
                throw new TimeoutException($"After clicking '{label}' on {new Uri(before).AbsolutePath} the page stayed at {new Uri(page.Url).AbsolutePath}; it shows: {main[..Math.Min(main.Length, 300)]}", e);
            }
        }

        /// <summary>Uploads through the page's form, the kind told from the content, and waits for the summary of what was read.</summary>
        public async Task UploadAsync(string file)
        {
            await page.Locator("#kind").SelectOptionAsync("auto");
            await page.Locator("input[type=file]").SetInputFilesAsync(file);
            await page.Locator("form[enctype='multipart/form-data'] button[type=submit]").ClickAsync();
            await page.WaitForSelectorAsync($"text={Path.GetFileName(file)}");
            await page.WaitForLoadStateAsync(LoadState.Load);
        }

        /// <summary>
        /// Presses Tab until <paramref name="selector"/> has the focus (at most 40 times), checking that every
        /// element that takes the focus on the way shows it (an outline or a box shadow).
        /// </summary>
        public async Task TabToAsync(string selector)
        {
            for (var i = 0; i < 40; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var state = await page.EvaluateAsync<string>(
                    "(s) => { const e = document.activeElement; const c = getComputedStyle(e); const shown = (c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) > 0) || c.boxShadow !== 'none'; return (e.matches(s) ? 'target' : e.tagName + (e.id ? '#' + e.id : '')) + '|' + shown; }",
                    selector);
                var at = state[..state.LastIndexOf('|')];
                var visible = state.EndsWith("|true", StringComparison.Ordinal);
                if (!visible)
                {
                    Problems.Add($"keyboard focus not visible on {at} ({new Uri(page.Url).AbsolutePath})");
                }

                if (at == "target")
                {
                    return;
                }
            }

            Problems.Add($"{selector} not reached by Tab on {new Uri(page.Url).AbsolutePath}");
        }
    }
}
