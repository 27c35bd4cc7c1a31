using System.Net;
using Decodex.Core.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>
/// Browser-test sessions through the web app without a browser (the clock set by the test): the test page
/// is cross-origin isolated and loads the vendored jsPsych; a session posted on a run-in day is practice,
/// one posted on a trial day becomes the day's value; crafted, oversized and misplaced sessions are refused
/// with a message, nothing stored and nothing of the input echoed; the raw trials come back as CSV.
/// </summary>
public sealed class TrialTestSessionPagesTests : IClassFixture<DecodexWebFactory>
{
    private const string Timing = """{"frames":300,"frameIntervalMs":16.7,"frameIntervalSdMs":1.2,"timerResolutionMs":0.005,"eventDelayMeanMs":3,"eventDelaySdMs":1.5,"hiddenCount":0,"blurCount":0,"crossOriginIsolated":true}""";

    private const string Pvt = """{"trials":[{"index":0,"stimulus":"","response":"press","onsetMs":3000,"responseMs":3250,"intervalMs":3000,"input":"key"},{"index":1,"stimulus":"","response":"press","onsetMs":8000,"responseMs":8500,"intervalMs":3750,"input":"touch"}],"timing":""" + Timing + "}";

    private const string Stroop = """{"trials":[{"index":0,"stimulus":"red","ink":"blue","response":"blue","onsetMs":1000,"responseMs":1800,"input":"key"},{"index":1,"stimulus":"green","ink":"green","response":"green","onsetMs":4000,"responseMs":4500,"input":"key"}],"timing":""" + Timing + "}";

    private readonly DecodexWebFactory _factory;

    public TrialTestSessionPagesTests(DecodexWebFactory factory) => _factory = factory;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sessions_PracticeOnRunInScoredAfter_HostileSessionsRefused()
    {
        var clock = _factory.TrialClock;
        clock.At = new DateTimeOffset(2027, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var client = await WebFlowTests.PageSignedInAsync(_factory, "tests-session@example.org");
        var ids = InternalTextTests.InternalIds(_factory.Services.GetRequiredService<KnowledgeBase>());

        var designer = await client.GetStringAsync("/my/trials/new", Cancel);
        Assert.Contains("value=\"stroop\"", designer, StringComparison.Ordinal);
        var review = await client.PostAsync("/my/trials/review", WebFlowTests.Form(designer,
            ("title", "Caffeine and vigilance"), ("intervention", "caffeine 100 mg"), ("comparator", "placebo capsule"), ("design", "AbPairs"), ("phaseDays", "3"),
            ("cycles", "2"), ("washoutDays", "0"), ("runInDays", "1"), ("startDate", "2027-05-01"), ("test", "pvt-b"), ("test", "stroop"), ("every-stroop", "2"), ("outcome", "focus"), ("primary", "pvt-b"), ("blinded", "on")), Cancel);
        var reviewPage = await review.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var plan = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(reviewPage, "name=\"plan\" value=\"([^\"]*)\"").Groups[1].Value);
        Assert.Contains("\"kind\":\"PvtBrief\"", plan, StringComparison.Ordinal);
        Assert.Matches("\"name\":\"stroop\"[^}]*\"everyDays\":2", plan);
        var started = await client.PostAsync("/my/trials/start", WebFlowTests.Form(reviewPage, ("plan", plan)), Cancel);
        var trialUrl = started.RequestMessage!.RequestUri!.AbsolutePath;

        // A half-life from the label checks the washout: 36 hours make five half-lives 8 days, more than a 3-day phase.
        var halfLife = await client.PostAsync("/my/trials/review", WebFlowTests.Form(designer,
            ("title", "Long half-life"), ("intervention", "something 10 mg"), ("comparator", "placebo capsule"), ("design", "AbPairs"), ("phaseDays", "3"),
            ("cycles", "2"), ("washoutDays", "1"), ("runInDays", "0"), ("halfLife", "36"), ("startDate", "2027-05-01"), ("outcome", "focus"), ("primary", "focus")), Cancel);
        var halfLifePage = WebUtility.HtmlDecode(await halfLife.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("With a half-life of 36 hours, five half-lives (about 97 % of the drug eliminated) take 8 day(s): longer than a phase", halfLifePage, StringComparison.Ordinal);
        var badHalfLife = await client.PostAsync("/my/trials/review", WebFlowTests.Form(designer,
            ("title", "Bad half-life"), ("intervention", "x"), ("comparator", "y"), ("design", "AbPairs"), ("phaseDays", "3"),
            ("cycles", "2"), ("washoutDays", "1"), ("runInDays", "0"), ("halfLife", "-1e400"), ("startDate", "2027-05-01"), ("outcome", "focus"), ("primary", "focus")), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, badHalfLife.StatusCode);
        Assert.Contains("A half-life lies above 0 and up to 2,000 hours.", await badHalfLife.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        // The run-in day: the trial page offers practice.
        var trialPage = await client.GetStringAsync(trialUrl, Cancel);
        Assert.Contains($"href=\"{trialUrl}/test/pvt-b\">Practise now", trialPage, StringComparison.Ordinal);
        Assert.Contains("(stroop, every 2 days): a practice day.", WebUtility.HtmlDecode(trialPage), StringComparison.Ordinal);
        Assert.Empty(PageText.Problems(trialPage, ids));

        // The test page: cross-origin isolated (the finer clock), jsPsych and the test script from this site.
        var test = await client.GetAsync(trialUrl + "/test/pvt-b", Cancel);
        Assert.Equal("same-origin", test.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        Assert.Equal("require-corp", test.Headers.GetValues("Cross-Origin-Embedder-Policy").Single());
        var testPage = await test.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("data-test=\"PvtBrief\"", testPage, StringComparison.Ordinal);
        Assert.Contains("data-seconds=\"180\"", testPage, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/vendor/jspsych/jspsych.min.js\" defer></script>", testPage, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/cognitive.js\" defer></script>", testPage, StringComparison.Ordinal);
        Assert.Empty(PageText.Problems(testPage, ids));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/vendor/jspsych/jspsych.min.js", Cancel)).StatusCode);

        // A session on the run-in day is practice, whatever the form says.
        var practice = await client.PostAsync(trialUrl + "/test/pvt-b", WebFlowTests.Form(testPage, ("practice", "false"), ("session", Pvt)), Cancel);
        Assert.Matches("/sessions/[0-9a-f]{32}$", practice.RequestMessage!.RequestUri!.AbsolutePath);
        var practicePage = WebUtility.HtmlDecode(await practice.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("Score: 3 s⁻¹ (practice: kept, not analysed).", practicePage, StringComparison.Ordinal); // (1000/250 + 1000/500) / 2
        Assert.Contains("Within the timing tolerances", practicePage, StringComparison.Ordinal);
        Assert.Empty(PageText.Problems(practicePage, ids));

        // Refused, nothing stored, nothing of the input in the answer.
        var hostile = new (string Outcome, string Session, HttpStatusCode Status)[]
        {
            ("pvt-b", "{\"trials\":[{\"index\":\"SECRET-7\"}]}", HttpStatusCode.BadRequest),
            ("pvt-b", Pvt.Replace("\"index\":1", "\"index\":5", StringComparison.Ordinal), HttpStatusCode.BadRequest),
            ("pvt-b", Pvt.Replace("\"responseMs\":3250", "\"responseMs\":2000", StringComparison.Ordinal), HttpStatusCode.BadRequest),
            ("pvt-b", Pvt.Replace("\"frameIntervalMs\":16.7", "\"frameIntervalMs\":-1", StringComparison.Ordinal), HttpStatusCode.BadRequest),
            ("pvt-b", "{\"trials\":[" + string.Join(",", Enumerable.Repeat("{\"index\":0,\"stimulus\":\"SECRET-8\"}", 30_000)) + "]}", HttpStatusCode.BadRequest),
            ("pvt-b", string.Empty, HttpStatusCode.BadRequest),
            ("pvt-b", "{\"trials\":[{\"index\":0},null]," + Pvt[(Pvt.IndexOf("\"timing\"", StringComparison.Ordinal))..], HttpStatusCode.BadRequest), // no stimulus, a null trial
            ("pvt-b", Pvt.Replace("\"stimulus\":\"\"", "\"stimulus\":null", StringComparison.Ordinal), HttpStatusCode.BadRequest),
            ("stroop", Stroop.Replace("\"blue\",\"response\"", "\"<script>SECRET-9</script>\",\"response\"", StringComparison.Ordinal), HttpStatusCode.BadRequest),
            ("focus", Pvt, HttpStatusCode.NotFound),
            ("no-such-test", Pvt, HttpStatusCode.NotFound),
        };
        foreach (var (outcome, session, status) in hostile)
        {
            var refused = await client.PostAsync(trialUrl + "/test/" + outcome, WebFlowTests.Form(testPage, ("practice", "false"), ("session", session)), Cancel);
            var text = await refused.Content.ReadAsStringAsync(Cancel);
            Assert.Equal(status, refused.StatusCode);
            Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
            Assert.Empty(PageText.Problems(text, ids));
        }

        // Another person cannot post to this trial or read its raw trials.
        var other = await WebFlowTests.PageSignedInAsync(_factory, "tests-other@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(trialUrl + "/test-trials.csv", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(trialUrl + "/test/pvt-b", Cancel)).StatusCode);

        // The next day is a trial day: a Stroop session becomes the day's value.
        clock.At = new DateTimeOffset(2027, 5, 2, 8, 0, 0, TimeSpan.Zero);
        var stroopPage = await client.GetStringAsync(trialUrl + "/test/stroop", Cancel);
        Assert.Contains("needs colour vision", stroopPage, StringComparison.Ordinal);
        var scored = await client.PostAsync(trialUrl + "/test/stroop", WebFlowTests.Form(stroopPage, ("practice", "false"), ("session", Stroop)), Cancel);
        var scoredPage = WebUtility.HtmlDecode(await scored.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("Score: 1.625 s⁻¹ (today's value of stroop).", scoredPage, StringComparison.Ordinal); // (1000/800 + 1000/500) / 2
        Assert.Contains("taken 1 time(s) today", await client.GetStringAsync(trialUrl, Cancel), StringComparison.Ordinal);

        // Two sessions stored, every raw trial in the CSV.
        var trials = (await client.GetStringAsync(trialUrl + "/test-trials.csv", Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, trials.Length);
        Assert.Contains(trials, l => l.Contains(",stroop,Stroop,no,0,red,blue,blue,,1000,1800,800,key", StringComparison.Ordinal));
        Assert.Equal(3, (await client.GetStringAsync(trialUrl + "/test-sessions.csv", Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // After the last day, no more sessions.
        clock.At = new DateTimeOffset(2027, 6, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(trialUrl + "/test/stroop", Cancel)).StatusCode);
    }
}
