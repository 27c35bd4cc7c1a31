using System.Net;
using System.Text;
using Decodex.Core.Community;
using Decodex.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>
/// The figures a compound's page shows, on seeded instances: counted ratings only from accounts whose trust
/// counts, with the median, the share at 5 or more and its Wilson interval worked by hand; a burst of 30 new
/// accounts and a ring of accounts that always agree found by the check and left out, labelled; pooled
/// self-experiments; signed bundles between two instances; deletion that anonymises or deletes.
/// </summary>
public sealed partial class CommunityPagesTests
{
    /// <summary>An account made <paramref name="age"/> ago that joined, with <paramref name="published"/> published comments.</summary>
    private static async Task<string> SeedAsync(DecodexWebFactory factory, string name, TimeSpan age, int published)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DecodexUser>>();
        var store = scope.ServiceProvider.GetRequiredService<CommunityStore>();
        var now = factory.TrialClock.Now;
        var email = name.Replace(' ', '-') + "@example.org";
        var user = new DecodexUser { UserName = email, Email = email, Created = now - age };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True(await store.JoinAsync(user.Id, name, CommunityRole.Member, Cancel));
        for (var i = 0; i < published; i++)
        {
            var id = Guid.NewGuid();
            await store.AddPostAsync(store.NewPost(id, user.Id, PostKind.Comment, "piracetam", null, PostState.Published, new CommunityPostBody($"note {i} from {name}"), now - age / 2), new AuditEntry(now, user.Id, "published", id, null), Cancel);
        }

        return user.Id;
    }

    /// <summary>A page's text without its tags.</summary>
    private static string Plain(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", string.Empty);

    private static async Task RateAsync(DecodexWebFactory factory, string account, string compound, int value)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<CommunityStore>().RateAsync("a:" + account, account, compound, value, factory.TrialClock.Now, Cancel);
        scope.ServiceProvider.GetRequiredService<Community.CommunityCache>().Changed();
    }

    [Fact]
    public async Task Aggregates_CountTrustedRatingsOnly_HiddenUnderFive_WilsonByHand_BurstAndRingExcludedAndLabelled_PooledShown()
    {
        using var factory = new DecodexWebFactory();
        factory.TrialClock.At = new DateTimeOffset(2027, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var owner = await WebFlowTests.PageSignedInAsync(factory, "owner-aggregates@example.org");
        await JoinAsync(owner, "Site Owner");
        var anonymous = factory.CreateClient();

        // Four members (30 days old, one published contribution): four counted ratings stay hidden.
        var members = new List<string>();
        foreach (var (name, value) in new[] { ("Member One", 2), ("Member Two", 5), ("Member Three", 7), ("Member Four", 8) })
        {
            var account = await SeedAsync(factory, name, TimeSpan.FromDays(30), published: 1);
            members.Add(account);
            await RateAsync(factory, account, "cerebrolysin", value);
        }

        // A new account and a 30-day-old one with nothing published: shown as not counted.
        await RateAsync(factory, await SeedAsync(factory, "Brand New", TimeSpan.FromHours(2), published: 1), "cerebrolysin", 10);
        await RateAsync(factory, await SeedAsync(factory, "Never Posted", TimeSpan.FromDays(30), published: 0), "cerebrolysin", 10);
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel));
        Assert.Contains("Fewer than 5 counted ratings (4 so far)", page, StringComparison.Ordinal);
        Assert.Contains("Not counted: 2 from accounts too new to count yet", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Median", page, StringComparison.Ordinal);

        // The fifth: ratings 2, 5, 7, 8, 10. Median 7; 4 of 5 at 5 or more = 80 %, Wilson 95 % by hand:
        // (0.8 + 1.96²/10 ± 1.96·√(0.8·0.2/5 + 1.96²/100)) / (1 + 1.96²/5) = 0.3755 to 0.9638.
        var five = await SeedAsync(factory, "Member Five", TimeSpan.FromDays(30), published: 1);
        members.Add(five);
        await RateAsync(factory, five, "cerebrolysin", 10);
        page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel));
        Assert.Contains("5 counted ratings on the anchored 0–10 scale. Median 7; 80 % rated it 5 or more (95 % Wilson interval 38 % to 96 %)", Plain(page), StringComparison.Ordinal);
        Assert.Contains("Ratings from 0 to 10: 0 rated 0, 0 rated 1, 1 rated 2, 0 rated 3, 0 rated 4, 1 rated 5, 0 rated 6, 1 rated 7, 1 rated 8, 0 rated 9, 1 rated 10", page, StringComparison.Ordinal);
        Assert.Contains("the raw mean is 6.4; it is not yet shrunk", page, StringComparison.Ordinal);

        // Shrinkage once three compounds have five counted ratings: piracetam 1,1,1,2,2 (mean 1.4), noopept 3,3,4,4,3 (3.4).
        // By hand: μ = (6.4 + 1.4 + 3.4)/3 = 3.7333; between-compound variance 6.3333; pooled within σ² = 39.6/12 = 3.3,
        // so σ²/n = 0.66 and τ² = 6.3333 − 0.66 = 5.6733; shrunk = (5.6733·6.4 + 0.66·3.7333)/(5.6733 + 0.66) = 6.1221.
        var low = new[] { (1, 3), (1, 3), (1, 4), (2, 4), (2, 3) };
        for (var i = 0; i < members.Count; i++)
        {
            await RateAsync(factory, members[i], "piracetam", low[i].Item1);
            await RateAsync(factory, members[i], "noopept", low[i].Item2);
        }

        page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel));
        Assert.Contains("the mean, shrunk toward the mean of all compounds by how few ratings there are, is 6.12 (raw mean 6.4)", Plain(page), StringComparison.Ordinal);

        // A burst: 30 accounts made today rate cerebrolysin (with the account made two hours ago, 31 new accounts on one day). A ring: three members made within a week rate four compounds identically.
        for (var i = 0; i < 30; i++)
        {
            await RateAsync(factory, await SeedAsync(factory, $"Fresh {i:00}", TimeSpan.FromHours(3), published: 0), "cerebrolysin", 10);
        }

        foreach (var name in new[] { "Ring A", "Ring B", "Ring C" })
        {
            var account = await SeedAsync(factory, name, TimeSpan.FromDays(20), published: 1);
            foreach (var compound in new[] { "cerebrolysin", "piracetam", "noopept", "modafinil" })
            {
                await RateAsync(factory, account, compound, 9);
            }
        }

        var moderation = await owner.GetStringAsync("/community/moderation", Cancel);
        var check = await owner.PostAsync("/community/check", WebFlowTests.Form(moderation), Cancel);
        var checkText = WebUtility.HtmlDecode(await check.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("1 bursts and 1 rings found; 43 ratings are left out", Plain(checkText), StringComparison.Ordinal);
        page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel));
        Assert.Contains("5 counted ratings", page, StringComparison.Ordinal);
        Assert.Contains("Not counted: 1 from accounts too new to count yet, 31 from a burst of new accounts, 3 from accounts that always rate alike", page, StringComparison.Ordinal);
        var auditPage = await owner.GetStringAsync("/community/moderation", Cancel);
        Assert.Empty(PageText.Problems(auditPage, InternalTextTests.InternalIds(factory.Services.GetRequiredService<Core.Knowledge.KnowledgeBase>())));
        var audit = WebUtility.HtmlDecode(auditPage);
        Assert.Contains("burst excluded", audit, StringComparison.Ordinal);
        Assert.Contains("Cerebrolysin on 2027-06-15: 31 ratings from new accounts, 0.5 a day expected", audit, StringComparison.Ordinal);
        Assert.Contains("ring excluded", audit, StringComparison.Ordinal);

        // Pooled self-experiments: four shared summaries of one outcome are pooled; two of another are not.
        using (var scope = factory.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<CommunityStore>();
            var effects = new[] { (0.6, 0.3), (0.2, 0.25), (0.9, 0.4), (0.4, 0.3), (0.1, 0.3), (0.3, 0.3) };
            for (var i = 0; i < effects.Length; i++)
            {
                await store.ShareTrialAsync(new SharedTrialEntity
                {
                    CompoundId = "cerebrolysin", Outcome = i < 4 ? "focus" : "mood", Instrument = "Rating", Blinded = true, AnalysedDays = 40,
                    Effect = effects[i].Item1, StandardError = effects[i].Item2, PlanSha256 = new string((char)('a' + i), 64), ItemId = new string((char)('0' + i), 64),
                }, Cancel);
            }

            scope.ServiceProvider.GetRequiredService<Community.CommunityCache>().Changed();
        }

        page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel));
        var pooled = page[page.IndexOf("Pooled effects by outcome", StringComparison.Ordinal)..page.IndexOf("Part 3 of 3", StringComparison.Ordinal)];
        Assert.Matches(@"focus <span class=""muted small"">\(daily rating, blinded\)</span></th>\s*<td>4</td>", pooled);
        Assert.Contains("Not pooled: fewer than 3 people", pooled, StringComparison.Ordinal);
        Assert.Matches(@"<td>\d+ %</td>", pooled);
        Assert.Empty(PageText.Problems(page, InternalTextTests.InternalIds(factory.Services.GetRequiredService<Core.Knowledge.KnowledgeBase>())));
    }

    [Fact]
    public async Task Bundles_ExportedSigned_ImportedElsewhereOnce_TamperedRefused_ApprovedImportShowsAsImported()
    {
        using var home = new DecodexWebFactory();
        using var server = new DecodexWebFactory();
        var ana = await WebFlowTests.PageSignedInAsync(home, "ana-home@example.org");
        await JoinAsync(ana, "Ana at home");
        var written = await PostAsync(ana, "/kb/cerebrolysin/report", "/kb/cerebrolysin/report",
            ("dose", "5 mL"), ("route", "Intramuscular"), ("rating", "6"), ("design", "self-blinded"), ("conflict", "free-product"), ("conflict-note", "a sample from a clinic"), ("text", "Hard to tell, honestly."));
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);

        var export = await ana.GetAsync("/community/export", Cancel);
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        var bundle = await export.Content.ReadAsByteArrayAsync(Cancel);
        var (verified, problem) = CommunityBundle.Verify(bundle);
        Assert.Null(problem);
        var report = Assert.Single(verified!.Content.Reports);
        Assert.Equal(("Ana at home", 6, "Hard to tell, honestly."), (report.Pseudonym, report.Report.Rating, report.Report.Text));
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(System.Text.Json.JsonDocument.Parse(bundle).RootElement.GetProperty("payload").GetString()!));
        Assert.DoesNotContain("ana-home@example.org", payload, StringComparison.Ordinal);

        var keeper = await WebFlowTests.PageSignedInAsync(server, "keeper@example.org");
        await JoinAsync(keeper, "Server Keeper");
        async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] file)
        {
            var page = await client.GetStringAsync("/community/join", Cancel);
            using var content = new MultipartFormDataContent
            {
                { new StringContent(WebFlowTests.Token(page)), "__RequestVerificationToken" },
                { new ByteArrayContent(file), "file", "bundle.json" },
            };
            return await client.PostAsync("/community/import", content, Cancel);
        }

        var first = await ImportAsync(keeper, bundle);
        Assert.Contains("1 reports wait in the review queue, 0 trial summaries joined the pooling, 0 items were already here", await TextAsync(first), StringComparison.Ordinal);
        var again = await ImportAsync(keeper, bundle);
        Assert.Contains("0 reports wait in the review queue, 0 trial summaries joined the pooling, 1 items were already here and were refused", await TextAsync(again), StringComparison.Ordinal);

        // One changed byte of the signed content, or a file that is not a bundle: refused, nothing stored.
        var text = Encoding.UTF8.GetString(bundle);
        var at = text.IndexOf("\"payload\":\"", StringComparison.Ordinal) + 20;
        var tampered = Encoding.UTF8.GetBytes(text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..]);
        var refused = await ImportAsync(keeper, tampered);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("signature does not match", await TextAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await ImportAsync(keeper, "{\"not\":\"a bundle\"}"u8.ToArray())).StatusCode);

        // A member of the server cannot import.
        var member = await WebFlowTests.PageSignedInAsync(server, "member-server@example.org");
        await JoinAsync(member, "Server Member");
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(member, bundle)).StatusCode);

        // The imported report waits for review; approved, it shows under its own name, labelled imported.
        var anonymous = server.CreateClient();
        Assert.DoesNotContain("Hard to tell", await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel), StringComparison.Ordinal);
        var queue = await keeper.GetStringAsync("/community/moderation", Cancel);
        Assert.Contains("imported from a signed bundle", queue, StringComparison.Ordinal);
        var post = System.Text.RegularExpressions.Regex.Match(queue, "/community/posts/([0-9a-f]{32})/decide").Groups[1].Value;
        await keeper.PostAsync($"/community/posts/{post}/decide", WebFlowTests.Form(queue, ("decision", "approve")), Cancel);
        var shown = await anonymous.GetStringAsync("/kb/cerebrolysin", Cancel);
        Assert.Matches("<strong>Ana at home \\(imported\\)</strong>\\s*<span class=\"badge badge-role\">imported</span>", shown);
        Assert.Contains("was given it free: a sample from a clinic", WebUtility.HtmlDecode(shown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountDeletion_KeepsPostsAnonymised_OrDeletesThem_AsThePersonChooses()
    {
        using var factory = new DecodexWebFactory();
        await WebFlowTests.PageSignedInAsync(factory, "owner-deletion@example.org");
        var anonymous = factory.CreateClient();
        foreach (var (email, name, choice) in new[] { ("keeps@example.org", "Keeps Posts", "anonymise"), ("erases@example.org", "Erases Posts", "delete") })
        {
            var client = await WebFlowTests.PageSignedInAsync(factory, email);
            await JoinAsync(client, name);
            await PostAsync(client, "/kb/cerebrolysin/community/comments", "/kb/cerebrolysin/comment", ("text", $"Comment by {name}."));
            await PostAsync(client, "/kb/cerebrolysin", "/kb/cerebrolysin/rate", ("rating", "9"));
            var deleted = await PostAsync(client, "/account", "/account/delete", ("confirm", "yes"), ("contributions", choice));
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var comments = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/kb/cerebrolysin/community/comments", Cancel));
        Assert.Contains("Comment by Keeps Posts.", comments, StringComparison.Ordinal);
        Assert.Contains("<strong>a former member</strong>", comments, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>Keeps Posts</strong>", comments, StringComparison.Ordinal);
        Assert.DoesNotContain("Comment by Erases Posts.", comments, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<CommunityStore>().RatingsAsync(Cancel));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<CommunityStore>().AllMembersAsync(Cancel));
    }
}
