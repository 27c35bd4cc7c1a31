using System.Globalization;
using System.Text.RegularExpressions;
using Decodex.Core.Knowledge;
using Decodex.Core.Trials.Cognitive;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Decodex.Web.Tests;

/// <summary>
/// Issue 17: the browser tests in Chromium, on a desktop with a keyboard and on a phone's width by touch.
/// A person designs a trial with the four tests, then takes shortened sessions with answers scripted
/// like a person's: the PVT-B answered a quarter second
/// after each counter starts, the 2-back answered on every repeat of the letter two before, the Stroop
/// answered by the ink (the first word by its meaning, a mistake), each digit-span list typed back. The test then reads back the stored raw trials (CSV) and checks that the response times run
/// from onset to key press, that the score shown is the one computed from those raw trials, that the
/// 2-back's targets were scored as hits, and that the timing self-check was recorded (frames measured,
/// a fine clock on the cross-origin-isolated page). Every page passes the walk's checks (axe, no sideways
/// scrolling, no internal text). Skips with a reason where Chromium is absent.
/// </summary>
public sealed class CognitiveTestsBrowserTests
{
    private const float Patience = 120_000;

    [Theory]
    [InlineData(1024, false)]
    [InlineData(390, true)]
    public async Task Person_TakesShortPvtTwoBackStroopAndDigitSpan_RawTrialsScoresAndTimingCheckAreStored(int width, bool touch)
    {
        var chromium = Browser.Chromium();
        Assert.SkipWhen(chromium is null, "no Chromium here (Debian: apt-get install chromium; .ci/run installs it)");

        using var factory = new Browser.KestrelFactory();
        factory.Settings["Decodex:CognitiveTests:PvtBriefSeconds"] = "12";
        factory.Settings["Decodex:CognitiveTests:TwoBackTrials"] = "12";
        factory.Settings["Decodex:CognitiveTests:StroopTrials"] = "6";
        factory.Settings["Decodex:CognitiveTests:DigitSpanLists"] = "4";
        factory.UseKestrel(0);
        factory.StartServer();
        var ids = InternalTextTests.InternalIds(factory.Services.GetRequiredService<KnowledgeBase>());
        var baseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 }, HasTouch = touch });
        page.SetDefaultTimeout(Patience);
        page.SetDefaultNavigationTimeout(Patience);
        var walk = new BrowserWalkTests.Walk(page, baseUrl, width, ids);

        await page.GotoAsync(baseUrl + "/account/register");
        await page.GetByLabel("Email").FillAsync($"tests-{width}@example.org");
        await page.GetByLabel("Password", new() { Exact = false }).FillAsync("correct-horse-battery-9");
        await Browser.SubmitAsync(page, page.Locator("main button[type=submit]"));
        await page.WaitForURLAsync(new Regex("/my/setup"));

        // A trial that starts today, without run-in days: today's sessions are scored.
        await page.GotoAsync(baseUrl + "/my/trials/new");
        await page.Locator("#title").FillAsync("Caffeine and vigilance");
        await page.Locator("#intervention").FillAsync("caffeine 100 mg");
        await page.Locator("#phaseDays").FillAsync("2");
        await page.Locator("#cycles").FillAsync("2");
        await page.Locator("#washoutDays").FillAsync("0");
        await page.Locator("#runInDays").FillAsync("0");
        await page.Locator("#startDate").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("input[name=test][value=pvt-b]").CheckAsync();
        await page.Locator("input[name=test][value=two-back]").CheckAsync();
        await page.Locator("input[name=test][value=stroop]").CheckAsync();
        await page.Locator("input[name=test][value=digit-span]").CheckAsync();
        await page.Locator("#primary").SelectOptionAsync("pvt-b");
        await Browser.SubmitAsync(page, page.Locator("main form button[type=submit]"));
        await page.WaitForURLAsync(new Regex("/my/trials/review"));
        await Browser.SubmitAsync(page, page.Locator("main form button[type=submit]"));
        await page.WaitForURLAsync(new Regex("/my/trials/[0-9a-f]{32}$"));
        var trialUrl = page.Url;
        await walk.CheckAsync("trial-with-tests");

        // The PVT-B: answer 250 ms after each counter starts.
        await page.Locator("main a[href$='/test/pvt-b']").ClickAsync();
        await page.WaitForSelectorAsync("#cognitive-test[data-state=ready]");
        await walk.CheckAsync("pvt-instructions");
        await page.Locator("#cognitive-display button").ClickAsync();
        var presses = 0;
        while (true)
        {
            await page.WaitForFunctionAsync("() => location.pathname.includes('/sessions/') || document.querySelector('#stimulus[data-state=shown]') !== null", null, new() { PollingInterval = 10, Timeout = Patience });
            if (page.Url.Contains("/sessions/", StringComparison.Ordinal))
            {
                break;
            }

            await page.WaitForTimeoutAsync(250);
            await AnswerAsync(page, touch, "Space", "#cog-stage");
            presses++;
            await page.WaitForFunctionAsync("() => location.pathname.includes('/sessions/') || document.querySelector('#stimulus[data-state=shown]') === null", null, new() { PollingInterval = 10, Timeout = Patience });
        }

        await page.WaitForLoadStateAsync(LoadState.Load);
        await walk.CheckAsync("pvt-session");
        Assert.InRange(presses, 2, 8);
        var pvtShown = await page.InnerTextAsync("#session-score");
        Assert.Contains("today's value of pvt-b", pvtShown, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#timing-check").CountAsync());

        var trials = await CsvAsync(page, trialUrl + "/test-trials.csv");
        var sessions = await CsvAsync(page, trialUrl + "/test-sessions.csv");
        var pvtRows = trials.Where(r => r["outcome"] == "pvt-b").ToList();
        Assert.Equal(presses, pvtRows.Count(r => r["response"] == "press" && r["onset_ms"].Length > 0));
        Assert.All(pvtRows.Where(r => r["rt_ms"].Length > 0), r => Assert.InRange(Number(r["rt_ms"]), 200, 2000));
        Assert.All(pvtRows, r => Assert.InRange(Number(r["interval_ms"]), 2000, 5000));
        Assert.All(pvtRows.Where(r => r["response"].Length > 0), r => Assert.Equal(touch ? "touch" : "key", r["input"]));
        var pvtRaw = pvtRows.Select((r, i) => new CognitiveTrial(i, "", null, Text(r["response"]), Maybe(r["onset_ms"]), Maybe(r["response_ms"]), Maybe(r["interval_ms"]), Text(r["input"]))).ToList();
        var pvtSpeed = CognitiveScoring.ScorePvt(CognitiveTests.PvtTrials(pvtRaw), brief: true).ResponseSpeed!.Value;
        var pvtSession = sessions.Single(s => s["outcome"] == "pvt-b");
        // Within 0.002: the CSV's times are rounded to the microsecond, the page's score to three decimals.
        Assert.Equal(pvtSpeed, Number(pvtSession["score"]), 0.002);
        Assert.Equal(pvtSpeed, Shown(pvtShown), 0.002);
        CheckTiming(pvtSession);

        // The 2-back: press on every letter that repeats the one two before, on nothing else.
        await page.GotoAsync(trialUrl);
        await page.Locator("main a[href$='/test/two-back']").ClickAsync();
        await page.WaitForSelectorAsync("#cognitive-test[data-state=ready]");
        await page.Locator("#cognitive-display button").ClickAsync();
        var letters = new List<string>();
        while (true)
        {
            await page.WaitForFunctionAsync(
                "(n) => location.pathname.includes('/sessions/') || (document.querySelector('#stimulus[data-state=shown] .cog-letter') !== null && document.querySelector('#stimulus').dataset.index === String(n))",
                letters.Count, new() { PollingInterval = 10, Timeout = Patience });
            if (page.Url.Contains("/sessions/", StringComparison.Ordinal))
            {
                break;
            }

            var letter = await page.InnerTextAsync("#stimulus .cog-letter");
            letters.Add(letter);
            if (letters.Count > 2 && letters[^3] == letter)
            {
                await page.WaitForTimeoutAsync(300);
                await AnswerAsync(page, touch, "Space", "button[data-answer=match]");
            }
        }

        await page.WaitForLoadStateAsync(LoadState.Load);
        await walk.CheckAsync("two-back-session");
        Assert.Equal(12, letters.Count);
        var twoBackRows = (await CsvAsync(page, trialUrl + "/test-trials.csv")).Where(r => r["outcome"] == "two-back").ToList();
        Assert.Equal(letters, twoBackRows.Select(r => r["stimulus"]));
        var targets = Enumerable.Range(2, 10).Count(i => letters[i] == letters[i - 2]);
        Assert.Equal(3, targets); // 30 % of the 10 scored letters
        var twoBackRaw = twoBackRows.Select((r, i) => new CognitiveTrial(i, r["stimulus"], null, Text(r["response"]), Maybe(r["onset_ms"]), Maybe(r["response_ms"]))).ToList();
        var score = CognitiveScoring.ScoreNBack(CognitiveTests.NBackTrials(twoBackRaw));
        Assert.Equal(targets, score.Hits);
        Assert.Equal(0, score.FalseAlarms);
        Assert.Equal(score.DPrime, Shown(await page.InnerTextAsync("#session-score")), 0.002);
        CheckTiming((await CsvAsync(page, trialUrl + "/test-sessions.csv")).Single(s => s["outcome"] == "two-back"));

        // Stroop: answer the ink by its key, except the first word, answered by its meaning.
        await page.GotoAsync(trialUrl);
        await page.Locator("main a[href$='/test/stroop']").ClickAsync();
        await page.WaitForSelectorAsync("#cognitive-test[data-state=ready]");
        await page.Locator("#cognitive-display button").ClickAsync();
        var words = 0;
        while (true)
        {
            await page.WaitForFunctionAsync(
                "(n) => location.pathname.includes('/sessions/') || (document.querySelector('#stimulus[data-state=shown] .cog-word') !== null && document.querySelector('#stimulus').dataset.index === String(n))",
                words, new() { PollingInterval = 10, Timeout = Patience });
            if (page.Url.Contains("/sessions/", StringComparison.Ordinal))
            {
                break;
            }

            var ink = (await page.GetAttributeAsync("#stimulus .cog-word", "class"))!.Split(' ').Single(c => c.StartsWith("cog-ink-", StringComparison.Ordinal))["cog-ink-".Length..];
            var word = (await page.InnerTextAsync("#stimulus .cog-word")).ToLowerInvariant();
            await page.WaitForTimeoutAsync(200);
            var answer = words == 0 ? word : ink;
            await AnswerAsync(page, touch, answer[..1], $"button[data-answer={answer}]");
            words++;
        }

        var stroopRows = (await CsvAsync(page, trialUrl + "/test-trials.csv")).Where(r => r["outcome"] == "stroop").ToList();
        Assert.Equal(6, stroopRows.Count);
        Assert.Equal(3, stroopRows.Count(r => r["stimulus"] == r["ink"])); // half congruent
        Assert.All(stroopRows.Skip(1), r => Assert.Equal(r["ink"], r["response"]));
        var stroopScore = CognitiveScoring.ScoreStroop(CognitiveTests.StroopTrials([.. stroopRows.Select((r, i) => new CognitiveTrial(i, r["stimulus"], r["ink"], Text(r["response"]), Maybe(r["onset_ms"]), Maybe(r["response_ms"])))]));
        Assert.Equal(stroopRows[0]["stimulus"] == stroopRows[0]["ink"] ? 1 : 5 / 6.0, stroopScore.Accuracy, 6);
        Assert.Equal(stroopScore.ResponseSpeed!.Value, Shown(await page.InnerTextAsync("#session-score")), 0.002);

        // Digit span: recall every list exactly, typed on the keyboard, so each list is one digit longer than the last.
        await page.GotoAsync(trialUrl);
        await page.Locator("main a[href$='/test/digit-span']").ClickAsync();
        await page.WaitForSelectorAsync("#cognitive-test[data-state=ready]");
        await page.EvaluateAsync("() => { window.shownDigits = ''; new MutationObserver(() => { const s = document.querySelector('#stimulus.cog-digit'); if (s && s.textContent) { window.shownDigits += s.textContent; } }).observe(document.getElementById('cognitive-display'), { subtree: true, childList: true, characterData: true }); }");
        await page.Locator("#cognitive-display button").ClickAsync();
        var lists = new List<string>();
        while (true)
        {
            await page.WaitForFunctionAsync("() => location.pathname.includes('/sessions/') || document.getElementById('recall-prompt') !== null", null, new() { PollingInterval = 20, Timeout = Patience });
            if (page.Url.Contains("/sessions/", StringComparison.Ordinal))
            {
                break;
            }

            var digits = await page.EvaluateAsync<string>("() => { const d = window.shownDigits; window.shownDigits = ''; return d; }");
            lists.Add(digits);
            if (touch)
            {
                foreach (var digit in digits)
                {
                    await page.Locator($"[data-digit='{digit}']").TapAsync();
                }

                await page.Locator("[data-digit=done]").TapAsync();
            }
            else
            {
                await page.Keyboard.TypeAsync(digits);
                await page.Keyboard.PressAsync("Enter");
            }
            await page.WaitForFunctionAsync("() => location.pathname.includes('/sessions/') || document.getElementById('recall-prompt') === null", null, new() { PollingInterval = 20, Timeout = Patience });
        }

        Assert.Equal([3, 4, 5, 6], lists.Select(l => l.Length));
        var spanRows = (await CsvAsync(page, trialUrl + "/test-trials.csv")).Where(r => r["outcome"] == "digit-span").ToList();
        Assert.Equal(lists, spanRows.Select(r => r["stimulus"]));
        Assert.Equal(lists, spanRows.Select(r => r["response"]));
        Assert.Contains("Score: 6 digits", await page.InnerTextAsync("#session-score"), StringComparison.Ordinal); // no reversal: the longest list recalled

        // The trial page lists the sessions; the scored PVT became today's value.
        await page.GotoAsync(trialUrl);
        await walk.CheckAsync("trial-after-tests");
        Assert.Contains("taken 1 time(s) today", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        Assert.Empty(walk.Foreign);
        Assert.True(walk.Problems.Count == 0, string.Join("\n", walk.Problems));
    }

    /// <summary>Answers as a person would: a key on a keyboard, a tap on a touch screen.</summary>
    private static Task AnswerAsync(IPage page, bool touch, string key, string target) =>
        touch ? page.Locator(target).TapAsync() : page.Keyboard.PressAsync(key);

    /// <summary>The timing self-check was measured and stored: frames, their interval, a fine clock on the isolated page.</summary>
    private static void CheckTiming(Dictionary<string, string> session)
    {
        Assert.True(int.Parse(session["frames"], CultureInfo.InvariantCulture) >= 30, "frames were measured");
        Assert.InRange(Number(session["frame_interval_ms"]), 1, 200);
        Assert.InRange(Number(session["timer_resolution_ms"]), 0.001, 1);
        Assert.Equal("yes", session["cross_origin_isolated"]);
        Assert.True(session["timing_noise_sd_ms"].Length > 0);
    }

    private static async Task<List<Dictionary<string, string>>> CsvAsync(IPage page, string url)
    {
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.Equal(200, response.Status);
        var lines = (await response.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    /// <summary>The score a session page shows.</summary>
    private static double Shown(string text) => Number(Regex.Match(text, @"Score: (-?[0-9.]+)").Groups[1].Value);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static double? Maybe(string text) => text.Length == 0 ? null : Number(text);

    private static string? Text(string text) => text.Length == 0 ? null : text;
}
