using System.Text.RegularExpressions;
using Decodex.Core.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Decodex.Web.Tests;

/// <summary>
/// Issue 18 in Chromium, at desktop and phone width: the owner and a member in two browsers. The member
/// chooses a public name from the compound's page, writes an experience report (it waits for review),
/// rates, comments and asks; the owner approves the report from the queue and answers; the member accepts the
/// answer and the owner's page shows it all. Every page passes the walk's checks: axe-core with no serious or
/// critical violation, no sideways scrolling, no internal text, no request to another host. Skips with a
/// reason where Chromium is absent.
/// </summary>
public sealed class CommunityBrowserTests
{
    private const float Patience = 120_000;

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Member_ReportsRatesCommentsAsks_OwnerModeratesAndAnswers_AxeClean(int width)
    {
        var chromium = Browser.Chromium();
        Assert.SkipWhen(chromium is null, "no Chromium here (Debian: apt-get install chromium; .ci/run installs it)");

        using var factory = new Browser.KestrelFactory();
        factory.Settings["Decodex:Community:CheckHours"] = "0";
        factory.Settings["Decodex:Warmup"] = "false";
        factory.Settings["Decodex:Registration"] = "open";
        factory.UseKestrel(0);
        factory.StartServer();
        var ids = InternalTextTests.InternalIds(factory.Services.GetRequiredService<KnowledgeBase>());
        var baseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });

        async Task<(IPage Page, BrowserWalkTests.Walk Walk)> PersonAsync(string email)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 }, HasTouch = width < 500 });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(Patience);
            page.SetDefaultNavigationTimeout(Patience);
            await page.GotoAsync(baseUrl + "/account/register");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password", new() { Exact = false }).FillAsync("correct-horse-battery-9");
            await Browser.SubmitAsync(page, page.Locator("main button[type=submit]"), Patience);
            if (!page.Url.Contains("/my", StringComparison.Ordinal))
            {
                // Accounts after the owner's sign in once made (the answer to registering never tells whether an email had one).
                await page.GotoAsync(baseUrl + "/account/sign-in");
                await page.GetByLabel("Email").FillAsync(email);
                await page.GetByLabel("Password", new() { Exact = false }).FillAsync("correct-horse-battery-9");
                await Browser.SubmitAsync(page, page.Locator("main button[type=submit]"), Patience);
                Assert.Contains("/my", page.Url, StringComparison.Ordinal);
            }

            return (page, new BrowserWalkTests.Walk(page, baseUrl, width, ids));
        }

        static async Task SubmitAsync(IPage page, string form, string expectedUrl)
        {
            await Browser.SubmitAsync(page, page.Locator(form + " button[type=submit]").First, Patience);
            Assert.Matches(expectedUrl, page.Url);
        }

        // The owner (the instance's first account) takes part.
        var (owner, ownerWalk) = await PersonAsync($"owner-{width}@example.org");
        await owner.GotoAsync(baseUrl + "/community/join");
        await ownerWalk.CheckAsync("community-join");
        await owner.Locator("#pseudonym").FillAsync("Site Keeper");
        await SubmitAsync(owner, "main form[action='/community/join']", "saved=1");

        // The member starts from the compound's page and is sent back to it after choosing a name.
        var (member, walk) = await PersonAsync($"member-{width}@example.org");
        await member.GotoAsync(baseUrl + "/kb/cerebrolysin#community");
        await walk.CheckAsync("community-monograph-before");
        await member.Locator("#community a[href^='/community/join']").ClickAsync();
        await member.WaitForURLAsync(new Regex("/community/join"));
        await member.Locator("#pseudonym").FillAsync("Ana");
        await SubmitAsync(member, "main form[action='/community/join']", "/kb/cerebrolysin");

        // The report, structured first.
        await member.Locator("#community a[href$='/report']").ClickAsync();
        await member.WaitForURLAsync(new Regex("/kb/cerebrolysin/report$"));
        await walk.CheckAsync("community-report-form");
        await member.Locator("#dose").FillAsync("10 mL");
        await member.Locator("#route").SelectOptionAsync("Intravenous");
        await member.Locator("#duration").FillAsync("20");
        await member.Locator("#goal").SelectOptionAsync("attention");
        await member.Locator("#effect-1").SelectOptionAsync("attention");
        await member.Locator("#change-1").SelectOptionAsync("better");
        await member.Locator("input[name=side-effect][value=headache]").CheckAsync();
        await member.Locator("input[name=rating][value='7']").CheckAsync();
        await member.Locator("#text").FillAsync("Felt **sharper** by week two, with a mild headache. <script>alert(1)</script>");
        await SubmitAsync(member, "main form[action$='/report']", "/community/reports");
        Assert.Contains("waiting for a moderator", await member.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await member.Locator("main script").CountAsync());
        await walk.CheckAsync("community-report-waiting");

        // Rating (edited), a comment and a question.
        await member.GotoAsync(baseUrl + "/kb/cerebrolysin#community");
        await member.Locator("#rating").SelectOptionAsync("6");
        await SubmitAsync(member, "form.rate-form", "rated=1");
        Assert.Contains("(now 6)", await member.Locator("label[for=rating]").InnerTextAsync(), StringComparison.Ordinal);
        await member.GotoAsync(baseUrl + "/kb/cerebrolysin/community/comments");
        await member.Locator("#comment-text").FillAsync("Mine came in glass ampoules.");
        await SubmitAsync(member, "main form[action$='/comment']", "/community/comments");
        await walk.CheckAsync("community-comments");
        await member.GotoAsync(baseUrl + "/kb/cerebrolysin/community/questions");
        await member.Locator("#question-text").FillAsync("Does it help after a stroke?");
        await SubmitAsync(member, "main form[action$='/question']", "/community/questions");

        // The owner reviews the queue and approves; then answers the question.
        await owner.GotoAsync(baseUrl + "/community/moderation");
        await ownerWalk.CheckAsync("community-moderation");
        await owner.Locator(".queue-item input[name=note]").First.FillAsync("reads fine");
        await Browser.SubmitAsync(owner, owner.Locator(".queue-item button[value=approve]").First, Patience);
        Assert.Contains("decided=1", owner.Url, StringComparison.Ordinal);
        await owner.GotoAsync(baseUrl + "/kb/cerebrolysin/community/questions");
        await owner.Locator("main details.post-action summary", new() { HasTextString = "Answer" }).First.ClickAsync();
        await owner.Locator("main textarea[id^=answer-]").First.FillAsync("The graded evidence on stroke is mixed; ask your neurologist.");
        await SubmitAsync(owner, "main form[action$='/answer']", "/community/questions");
        await ownerWalk.CheckAsync("community-answered");

        // The member accepts the answer; the compound's page shows the published report.
        await member.GotoAsync(baseUrl + "/kb/cerebrolysin/community/questions");
        await SubmitAsync(member, "main form[action$='/accept']", "/community/questions");
        Assert.Contains("accepted answer", await member.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await walk.CheckAsync("community-accepted");
        await member.GotoAsync(baseUrl + "/kb/cerebrolysin#community");
        var community = await member.Locator("#community").InnerTextAsync();
        Assert.Contains("Experience reports (1)", community, StringComparison.Ordinal);
        Assert.Contains("Felt sharper by week two", community, StringComparison.Ordinal);
        Assert.DoesNotContain("waiting for a moderator", community, StringComparison.Ordinal);
        await walk.CheckAsync("community-monograph-after");

        Assert.Empty(walk.Foreign.Concat(ownerWalk.Foreign));
        Assert.Empty(walk.Problems.Concat(ownerWalk.Problems));
    }
}
