using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>
/// A self-experiment through the web app, the clock set by the test: design it and see its power, start
/// it, check in every day (the helper's sheet says which days are A, and the test rates those higher),
/// log a deviation, unblind, read the report with the published evidence beside the result, download the
/// PDF and CSV; the trial is sealed at rest, nobody else's, exported and deleted with the data.
/// </summary>
public sealed partial class TrialPagesTests : IClassFixture<DecodexWebFactory>
{
    private readonly DecodexWebFactory _factory;

    public TrialPagesTests(DecodexWebFactory factory) => _factory = factory;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trial_DesignStartCheckInUnblindReport_EndToEnd()
    {
        var clock = _factory.TrialClock;
        clock.At = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var client = await WebFlowTests.PageSignedInAsync(_factory, "trial@example.org");

        // Design: the review shows the power before anything is stored.
        var designer = await client.GetStringAsync("/my/trials/new", Cancel);
        var review = await client.PostAsync("/my/trials/review", WebFlowTests.Form(designer,
            ("title", "Caffeine and attention"), ("intervention", "caffeine 100 mg"), ("compound", "caffeine"), ("comparator", "placebo capsule"),
            ("design", "AbPairs"), ("phaseDays", "7"), ("cycles", "4"), ("washoutDays", "1"), ("runInDays", "2"), ("startDate", "2027-03-02"),
            ("outcome", "focus"), ("outcome", "side-effects"), ("primary", "focus"), ("mid", "1"), ("kbOutcome", "attention"), ("blinded", "on"),
            ("effect", "0.5"), ("rho", "0.3")), Cancel);
        var reviewPage = await review.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Matches(@"in <b>\d+ ?%</b> of 400 simulated trials", reviewPage);
        Assert.Contains("can give no p below 0.125", reviewPage, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(client));

        // A plan with a problem is sent back with it, nothing stored.
        var bad = await client.PostAsync("/my/trials/review", WebFlowTests.Form(designer,
            ("title", "x"), ("intervention", "a"), ("comparator", "b"), ("design", "AbPairs"), ("phaseDays", "7"), ("cycles", "1"), ("washoutDays", "0"), ("runInDays", "0"), ("startDate", "2027-03-02"), ("outcome", "focus"), ("primary", "focus")), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Plan 2 to 100 cycles", await bad.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var plan = WebUtility.HtmlDecode(PlanField().Match(reviewPage).Groups[1].Value);
        var foreign = await client.PostAsync("/my/trials/start", WebFlowTests.Form(reviewPage, ("plan", plan.Replace("\"caffeine\"", "\"no-such-compound\"", StringComparison.Ordinal))), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        var started = await client.PostAsync("/my/trials/start", WebFlowTests.Form(reviewPage, ("plan", plan)), Cancel);
        var trialUrl = started.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.Matches("^/my/trials/[0-9a-f]{32}$", trialUrl);

        // Sealed at rest: neither the title nor the compound is in the database file in clear.
        var database = string.Join("\n", Directory.GetFiles(_factory.DataDirectory, "*.db*").Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            return reader.ReadToEnd();
        }));
        Assert.DoesNotContain("Caffeine and attention", database, StringComparison.Ordinal);

        // The helper's sheet: which envelope (day) holds A.
        var helper = await client.GetStringAsync(trialUrl + "/helper", Cancel);
        var arms = HelperRow().Matches(helper).ToDictionary(m => DateOnly.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[2].Value);
        Assert.Equal(56, arms.Count);

        // Someone else sees nothing of it.
        var other = await WebFlowTests.PageSignedInAsync(_factory, "not-the-owner@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(trialUrl, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(trialUrl + "/helper", Cancel)).StatusCode);

        // Every day at 21:00: focus 7 on A days, 5 on B days, with a little noise; side effects 1 or 2.
        var random = new Random(3);
        for (var date = new DateOnly(2027, 3, 2); date <= new DateOnly(2027, 4, 28); date = date.AddDays(1))
        {
            clock.At = new DateTimeOffset(date.ToDateTime(new TimeOnly(21, 0)), TimeSpan.Zero);
            var page = await client.GetStringAsync(trialUrl, Cancel);
            Assert.Contains($"Today: day {date.DayNumber - new DateOnly(2027, 3, 2).DayNumber + 1} of 58", page, StringComparison.Ordinal);
            Assert.DoesNotContain("A: caffeine", page, StringComparison.Ordinal); // the day's condition is never shown
            Assert.DoesNotContain("B: placebo", page, StringComparison.Ordinal);
            var focus = (arms.TryGetValue(date, out var arm) && arm == "A" ? 7 : 5) + Math.Round((random.NextDouble() * 2) - 1, 1);
            var saved = await client.PostAsync(trialUrl + "/check-in", WebFlowTests.Form(page,
                ("value-focus", focus.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("value-side-effects", random.Next(1, 3).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("guess", "50")), Cancel);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            if (date == new DateOnly(2027, 3, 20))
            {
                var deviation = await client.PostAsync(trialUrl + "/deviation", WebFlowTests.Form(page, ("kind", "missed-dose"), ("note", "Forgot the envelope")), Cancel);
                Assert.Equal(HttpStatusCode.OK, deviation.StatusCode);
            }
        }

        // A form without its antiforgery token is refused.
        var forged = new FormUrlEncodedContent([new KeyValuePair<string, string>("value-focus", "9")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(trialUrl + "/check-in", forged, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/my/trials/review", new FormUrlEncodedContent([new KeyValuePair<string, string>("title", "x")]), Cancel)).StatusCode);

        // Before unblinding there is no report; a rating out of range is refused.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(trialUrl + "/report", Cancel)).StatusCode);
        var last = await client.GetStringAsync(trialUrl, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(trialUrl + "/check-in", WebFlowTests.Form(last, ("value-focus", "11")), Cancel)).StatusCode);
        foreach (var hostile in new[] { "1e300", "NaN", "-Infinity", "5,5", "<script>" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(trialUrl + "/check-in", WebFlowTests.Form(last, ("value-side-effects", hostile)), Cancel)).StatusCode);
        }

        clock.At = new DateTimeOffset(2027, 4, 29, 10, 0, 0, TimeSpan.Zero);
        var unblinded = await client.PostAsync(trialUrl + "/unblind", WebFlowTests.Form(last), Cancel);
        var reportHtml = await unblinded.Content.ReadAsStringAsync(Cancel);
        var report = WebUtility.HtmlDecode(reportHtml);

        // No internal text (ids, GUIDs, record dumps) on the pages a person reads.
        var ids = InternalTextTests.InternalIds(_factory.Services.GetRequiredService<Core.Knowledge.KnowledgeBase>());
        Assert.Empty(PageText.Problems(reportHtml, ids));
        Assert.Empty(PageText.Problems(reviewPage, ids));
        Assert.Empty(PageText.Problems(helper, ids));
        Assert.Empty(PageText.Problems(last, ids));
        Assert.EndsWith("/report", unblinded.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Primary. focus: over", report, StringComparison.Ordinal);
        Assert.Contains("The probability that A raised it", report, StringComparison.Ordinal);
        Assert.Contains("published evidence (\u201CAttention and reaction time after sleep loss\u201D", report, StringComparison.Ordinal);
        Assert.Contains("With an informative prior on A − B", report, StringComparison.Ordinal);
        Assert.Contains("missed-dose: Forgot the envelope", report, StringComparison.Ordinal);
        Assert.Contains("not a clinical study", report, StringComparison.Ordinal);

        var pdf = await client.GetByteArrayAsync(trialUrl + "/report.pdf", Cancel);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var csv = await client.GetStringAsync(trialUrl + "/data.csv", Cancel);
        Assert.StartsWith("date,period,condition,outcome,value\n", csv, StringComparison.Ordinal);
        Assert.False(Core.Trials.TrialCsv.Read(csv, "data.csv").Refused);
        Assert.Contains(",guess,probability-a,0.5,", await client.GetStringAsync(trialUrl + "/all-data.csv", Cancel), StringComparison.Ordinal);
        var calendar = await client.GetStringAsync(trialUrl + "/reminders.ics?time=07:30", Cancel);
        Assert.Contains("DTSTART:20270302T073000", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain("affeine", calendar, StringComparison.Ordinal);

        // Shared for pooling: one number and its error per outcome, shown (not pooled alone) on the compound's page; once only; withdrawn.
        var trialPage = await client.GetStringAsync(trialUrl, Cancel);
        Assert.Contains("Share the effects for pooling", trialPage, StringComparison.Ordinal);
        var shared = await client.PostAsync(trialUrl + "/share", WebFlowTests.Form(trialPage, ("share", "yes")), Cancel);
        Assert.Contains("2 effects of this trial join the pooled self-experiments", await shared.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(trialUrl + "/share", WebFlowTests.Form(trialPage, ("share", "yes")), Cancel)).StatusCode);
        var caffeine = WebUtility.HtmlDecode(await client.GetStringAsync("/kb/caffeine", Cancel));
        Assert.Matches(@"focus <span class=""muted small"">\(daily rating, blinded\)</span></th>\s*<td>1</td>\s*<td colspan=""4"">Not pooled: fewer than 3 people", caffeine);
        Assert.DoesNotContain("Caffeine and attention", caffeine, StringComparison.Ordinal);
        var withdrawn = await client.PostAsync(trialUrl + "/share", WebFlowTests.Form(trialPage, ("share", "no")), Cancel);
        Assert.Contains("2 shared effects of this trial were withdrawn", await withdrawn.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Contains("No one has shared a finished self-experiment of Caffeine yet", WebUtility.HtmlDecode(await client.GetStringAsync("/kb/caffeine", Cancel)), StringComparison.Ordinal);

        // The export holds the trial; deleting the data removes it.
        using (var zip = new ZipArchive(new MemoryStream(await client.GetByteArrayAsync("/api/account/export", Cancel))))
        {
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("trials/", StringComparison.Ordinal));
        }

        var account = await client.GetStringAsync("/account", Cancel);
        (await client.PostAsync("/account/delete-data", WebFlowTests.Form(account, ("confirm", "yes")), Cancel)).EnsureSuccessStatusCode();
        Assert.Empty(await ListAsync(client));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(trialUrl, Cancel)).StatusCode);
    }

    private static async Task<List<string>> ListAsync(HttpClient client) =>
        [.. TrialLink().Matches(await client.GetStringAsync("/my/trials", Cancel)).Select(m => m.Value)];

    [GeneratedRegex("name=\"plan\" value=\"([^\"]*)\"")]
    private static partial Regex PlanField();

    [GeneratedRegex(@"<td>\d+</td><td>(\d{4}-\d{2}-\d{2})</td><td>([AB]):")]
    private static partial Regex HelperRow();

    [GeneratedRegex("href=\"/my/trials/[0-9a-f]{32}\"")]
    private static partial Regex TrialLink();
}
