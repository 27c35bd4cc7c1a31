using System.Net;
using System.Text.RegularExpressions;
using Decodex.Core.Community;
using Decodex.Core.Knowledge;
using Decodex.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>
/// The community through the web app: each test runs on an instance of its own, so that its first account
/// is the instance's owner. Reports queue for new accounts and publish on approval; members cannot moderate;
/// one rating per account and compound; comments, questions, answers, a clinician's label and an accepted
/// answer; flags; hostile text neutralised in reports, comments and answers; aggregates hidden under five
/// and counted only from trusted accounts; a burst of 30 new accounts excluded by the check; pooled
/// self-experiments; signed bundles between two instances; deletion that anonymises or deletes.
/// </summary>
public sealed partial class CommunityPagesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task JoinAsync(HttpClient client, string pseudonym)
    {
        var page = await client.GetStringAsync("/community/join", Cancel);
        var joined = await client.PostAsync("/community/join", WebFlowTests.Form(page, ("pseudonym", pseudonym)), Cancel);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(pseudonym), await joined.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, string action, params (string, string)[] fields) =>
        await client.PostAsync(action, WebFlowTests.Form(await client.GetStringAsync(formPage, Cancel), fields), Cancel);

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));

    private static string PostId(HttpResponseMessage response) => Regex.Match(response.RequestMessage!.RequestUri!.Fragment, "post-([0-9a-f]{32})").Groups[1].Value;

    /// <summary>Hostile texts for reports, comments and answers; the full list of 40 is in <c>CommunityMarkdownTests</c>.</summary>
    public static readonly string[] Hostile =
    [
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "<iframe src=\"https://evil.example\"></iframe>",
        "![x](https://evil.example/pixel.png)",
        "<a href=\"https://evil.example\" onclick=\"alert(1)\">x</a>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
    ];

    /// <summary>No hostile element, event attribute or script address survives as markup (as escaped text it may show).</summary>
    private static void AssertNeutralised(string html)
    {
        foreach (var element in new[] { "<script", "<iframe", "<svg", "<style", "<object", "<embed" })
        {
            Assert.DoesNotContain(element, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotMatch(new Regex(@"<[a-z][^<>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"(href|src)\s*=\s*[""']?\s*(javascript|data|vbscript):", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<[a-z][^<>]*src\s*=\s*[""']?https://evil\.example", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public async Task Reports_QueueForNewAccounts_ModeratorsApprove_MembersCannot_OneRatingPerAccount_QuestionsAnswersComments_Flags()
    {
        using var factory = new DecodexWebFactory();
        var ids = InternalTextTests.InternalIds(factory.Services.GetRequiredService<KnowledgeBase>());
        var owner = await WebFlowTests.PageSignedInAsync(factory, "owner@example.org");
        await JoinAsync(owner, "Site Keeper");
        var ana = await WebFlowTests.PageSignedInAsync(factory, "ana@example.org");
        var anonymous = factory.CreateClient();

        // The compound's page: three parts, in order, apart.
        var page = await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel);
        var parts = new[] { "Part 1 of 3 · the evidence, graded", "Part 2 of 3 · not graded", "Part 3 of 3 · anecdotes, not evidence" }.Select(p => page.IndexOf(p, StringComparison.Ordinal)).ToList();
        Assert.All(parts, p => Assert.True(p > 0));
        Assert.Equal(parts.Order(), parts);
        Assert.Contains(RatingSummary.Caption, page, StringComparison.Ordinal);
        Assert.Contains("Community rating on the source page: <strong>4.08 of 5</strong> from 12 votes.", page, StringComparison.Ordinal);
        Assert.Empty(PageText.Problems(page, ids));

        // Before choosing a public name, the report form sends the person to choose one.
        var unjoined = await ana.GetAsync("/kb/cerebrolysin/report", Cancel);
        Assert.Equal("/community/join", unjoined.RequestMessage!.RequestUri!.AbsolutePath);
        foreach (var bad in new[] { "x", "ana@example.org", "moderator", "<b>Ana</b>" })
        {
            var refused = await PostAsync(ana, "/community/join", "/community/join", ("pseudonym", bad));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.DoesNotContain($"value=\"{WebUtility.HtmlEncode(bad)}\"", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(ana, "/community/join", "/community/join", ("pseudonym", "Site Keeper"))).StatusCode);
        await JoinAsync(ana, "Ana");

        // A report from a new account waits for a moderator: its author sees it marked, nobody else sees it.
        var form = await ana.GetStringAsync("/kb/cerebrolysin/report", Cancel);
        Assert.Contains("As a new account, your report waits for a moderator", WebUtility.HtmlDecode(form), StringComparison.Ordinal);
        Assert.Empty(PageText.Problems(form, ids));
        var written = await ana.PostAsync("/kb/cerebrolysin/report", WebFlowTests.Form(form,
            ("product", "Cerebrolysin ampoules"), ("dose", "10 mL"), ("route", "Intravenous"), ("frequency", "daily"), ("duration", "20"), ("other", "aspirin\nvitamin D"),
            ("goal", "attention"), ("effect-1", "attention"), ("change-1", "better"), ("effect-2", "anxiety"), ("change-2", "no-change"), ("side-effect", "headache"),
            ("rating", "7"), ("design", "open"), ("conflict", "none"),
            ("text", "Felt **sharper** by week two. " + Hostile[0] + " [shop](https://shop.example/item?tag=aff-21) [a source](https://pubmed.ncbi.nlm.nih.gov/22282884/)")), Cancel);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        var reportId = PostId(written);
        var mine = await written.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("waiting for a moderator", mine, StringComparison.Ordinal);
        Assert.Contains("<strong>sharper</strong>", mine, StringComparison.Ordinal);
        Assert.Contains("Attention and concentration: better", WebUtility.HtmlDecode(mine), StringComparison.Ordinal);
        Assert.Contains("href=\"https://pubmed.ncbi.nlm.nih.gov/22282884/\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("shop.example", mine, StringComparison.Ordinal);
        AssertNeutralised(mine);
        Assert.Empty(PageText.Problems(mine, ids));
        Assert.DoesNotContain("<strong>sharper</strong>", await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel), StringComparison.Ordinal);
        Assert.Contains("Experience reports (0)", await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel), StringComparison.Ordinal);

        // A refused report names the rule and stores nothing.
        var refusedReport = await PostAsync(ana, "/kb/cerebrolysin/report", "/kb/cerebrolysin/report", ("dose", "10 mL"), ("rating", "7"), ("design", "open"), ("conflict", "sells-it"), ("side-effect", "not-a-side-effect"));
        Assert.Equal(HttpStatusCode.BadRequest, refusedReport.StatusCode);
        var refusedText = await TextAsync(refusedReport);
        Assert.Contains("Declare any conflict of interest, and say what it is", refusedText, StringComparison.Ordinal);
        Assert.Contains("(community.report-refused)", refusedText, StringComparison.Ordinal);
        Assert.Contains("Side effects come from the list", refusedText, StringComparison.Ordinal);

        // Members do not moderate.
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.GetAsync("/community/moderation", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(ana, "/community/join", $"/community/posts/{reportId}/decide", ("decision", "approve"))).StatusCode);

        // The owner's queue holds it; approval publishes it.
        var queue = await owner.GetStringAsync("/community/moderation", Cancel);
        Assert.Contains("Experience report on", queue, StringComparison.Ordinal);
        Assert.Contains("by Ana", queue, StringComparison.Ordinal);
        AssertNeutralised(queue);
        Assert.Empty(PageText.Problems(queue, ids));
        var approved = await owner.PostAsync($"/community/posts/{reportId}/decide", WebFlowTests.Form(queue, ("decision", "approve"), ("note", "reads fine")), Cancel);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var published = await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel);
        Assert.Contains("<strong>sharper</strong>", published, StringComparison.Ordinal);
        Assert.Contains("Experience reports (1)", published, StringComparison.Ordinal);
        Assert.Contains("Fewer than 5 counted ratings", WebUtility.HtmlDecode(published), StringComparison.Ordinal);

        // One rating per account and compound: the report's rating, then two edits, leave one row.
        await PostAsync(ana, "/kb/cerebrolysin", "/kb/cerebrolysin/rate", ("rating", "4"));
        var rated = await PostAsync(ana, "/kb/cerebrolysin", "/kb/cerebrolysin/rate", ("rating", "6"));
        Assert.Contains("(now 6)", await rated.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var outOfRange = await PostAsync(ana, "/kb/cerebrolysin", "/kb/cerebrolysin/rate", ("rating", "11"));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Contains("community.rating-refused: Rate a compound of the knowledge base from 0 to 10.", await TextAsync(outOfRange), StringComparison.Ordinal);
        using (var scope = factory.Services.CreateScope())
        {
            var ratings = await scope.ServiceProvider.GetRequiredService<CommunityStore>().RatingsAsync(Cancel);
            Assert.Equal(6, Assert.Single(ratings).Value);
        }

        // Questions and answers: a clinician's answer is labelled, the asker accepts it.
        var asked = await PostAsync(ana, "/kb/cerebrolysin/community/questions", "/kb/cerebrolysin/question", ("text", "Does it help **after a stroke**? " + Hostile[1]));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var questionId = PostId(asked);
        var cee = await WebFlowTests.PageSignedInAsync(factory, "cee@example.org");
        await JoinAsync(cee, "Dr Cee");
        string ceeAccount;
        using (var scope = factory.Services.CreateScope())
        {
            ceeAccount = (await scope.ServiceProvider.GetRequiredService<UserManager<DecodexUser>>().FindByEmailAsync("cee@example.org"))!.Id;
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(ana, "/community/join", $"/community/members/{ceeAccount}/role", ("clinician", "yes"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(owner, "/community/moderation", $"/community/members/{ceeAccount}/role", ("clinician", "yes"))).StatusCode);
        var answered = await PostAsync(cee, "/kb/cerebrolysin/community/questions", $"/community/posts/{questionId}/answer", ("text", "The trials are mixed; see the graded section. " + Hostile[2]));
        var answerId = PostId(answered);
        var ownerAnswer = await PostAsync(owner, "/kb/cerebrolysin/community/questions", $"/community/posts/{questionId}/answer", ("text", "Ask your neurologist. " + Hostile[3]));
        Assert.Equal(HttpStatusCode.OK, ownerAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(cee, "/kb/cerebrolysin/community/questions", $"/community/posts/{answerId}/accept")).StatusCode);
        using (var forged = new FormUrlEncodedContent([]))
        {
            // Without the page's antiforgery token (a form on another site): refused.
            Assert.Equal(HttpStatusCode.BadRequest, (await ana.PostAsync($"/community/posts/{answerId}/accept", forged, Cancel)).StatusCode);
        }

        var accepted = await PostAsync(ana, "/kb/cerebrolysin/community/questions", $"/community/posts/{answerId}/accept");
        var questions = await accepted.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("<strong>after a stroke</strong>", questions, StringComparison.Ordinal);
        Assert.Matches("<strong>Dr Cee</strong>\\s*<span class=\"badge badge-role\">clinician</span>", questions);
        Assert.Matches("<strong>Site Keeper</strong>\\s*<span class=\"badge badge-role\">owner</span>", questions);
        Assert.Contains("accepted answer", questions, StringComparison.Ordinal);
        AssertNeutralised(questions);
        Assert.Empty(PageText.Problems(questions, ids));

        // Comments with a reply.
        var commented = await PostAsync(ana, "/kb/cerebrolysin/community/comments", "/kb/cerebrolysin/comment", ("text", "Mine came in glass ampoules. " + Hostile[4]));
        var commentId = PostId(commented);
        var replied = await PostAsync(cee, "/kb/cerebrolysin/community/comments", "/kb/cerebrolysin/comment", ("text", "Same here. " + Hostile[5]), ("parent", commentId));
        var comments = await replied.Content.ReadAsStringAsync(Cancel);
        Assert.Matches("post-" + commentId + "[\\s\\S]*post-children[\\s\\S]*Same here", comments);
        AssertNeutralised(comments);
        foreach (var payload in Hostile.Skip(6))
        {
            var hostile = await PostAsync(cee, "/kb/cerebrolysin/community/comments", "/kb/cerebrolysin/comment", ("text", payload));
            AssertNeutralised(await hostile.Content.ReadAsStringAsync(Cancel));
        }

        // Flags: one per person, never one's own, reasons from the list.
        Assert.Contains("the post is flagged", await TextAsync(await PostAsync(cee, "/kb/cerebrolysin", $"/community/posts/{commentId}/flag", ("reason", "spam"))), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(cee, "/kb/cerebrolysin", $"/community/posts/{commentId}/flag", ("reason", "spam"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(ana, "/kb/cerebrolysin", $"/community/posts/{commentId}/flag", ("reason", "spam"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(owner, "/kb/cerebrolysin", $"/community/posts/{commentId}/flag", ("reason", "<script>"))).StatusCode);

        // A flagged post is in the queue; the audit log has every action.
        var moderation = WebUtility.HtmlDecode(await owner.GetStringAsync("/community/moderation", Cancel));
        Assert.Contains("flagged: spam", moderation, StringComparison.Ordinal);
        foreach (var action in new[] { "queued", "approve", "flagged", "marked clinician", "accepted answer", "joined" })
        {
            Assert.Contains($"<td>{action}</td>", moderation, StringComparison.Ordinal);
        }

        Assert.Contains("<td>reads fine</td>", moderation, StringComparison.Ordinal);

        // The person's data export holds what they wrote in the community and their rating, readable.
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await ana.GetByteArrayAsync("/api/account/export", Cancel)));
        using var reader = new StreamReader(zip.GetEntry("community.json")!.Open());
        var exported = System.Text.Json.JsonDocument.Parse(await reader.ReadToEndAsync(Cancel)).RootElement;
        Assert.Contains(exported.GetProperty("posts").EnumerateArray(), p => p.GetProperty("text").GetString()!.StartsWith("Mine came in glass ampoules.", StringComparison.Ordinal));
        Assert.Contains(exported.GetProperty("posts").EnumerateArray(), p => p.GetProperty("kind").GetString() == "Report" && p.GetProperty("report").GetProperty("dose").GetString() == "10 mL");
        Assert.Equal(6, exported.GetProperty("ratings")[0].GetProperty("value").GetInt32());
    }
}
