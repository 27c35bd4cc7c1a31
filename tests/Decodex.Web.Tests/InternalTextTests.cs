using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Decodex.Core.Knowledge;
using Decodex.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>
/// Issue 15: no internal text reaches a page. Every page a person can open — the public pages, every
/// knowledge-base entry and class, and the signed-in pages of a person with the sample DNA file, labs
/// and a profile with unrecognised entries — is scanned by <see cref="PageText"/>.
/// </summary>
public sealed class InternalTextTests(DecodexWebFactory factory) : IClassFixture<DecodexWebFactory>
{
    private const string Csrf = "X-Decodex-Csrf";

    [Fact]
    public void Scanner_FindsEachKindOfInternalText_AndPassesPlainProse()
    {
        string[] bad =
        [
            "<p>Finding { Title = Lithium, Certainty = high }</p>",
            "<td>System.Collections.Generic.List`1[System.String]</td>",
            "<p>Upload 3f2504e0-4f89-11d3-9a0c-0305e82c3301 read</p>",
            "<span>partly_supported</span>",
            "<td>eGFR 62 mL/min/{1.73_m2}</td>",
            "<td>WBC 6.1 10*9/L</td>",
            "<p>Check with your doctor..</p>",
            "<p>Reduced function, .</p>",
            "<p>Seen in ()</p>",
            "<p>See cerebrolysin-stroke-recovery for details.</p>",
        ];
        string[] good =
        [
            "<p>Lithium <a href=\"/kb/lithium\">monograph</a>. Seen in 3 trials (1,216 people); see <a href=\"https://doi.org/10.1/x_y\">10.1/x_y</a>.</p>",
            "<p>eGFR 62 mL/min/1.73 m², creatinine 1.2 mg/dL, values 1.5–2.0 … and so on...</p>",
            "<script>var a = { Title = 1 };</script><p>over-the-counter, N-of-1, CYP2C19*2</p>",
        ];
        var ids = new HashSet<string>(StringComparer.Ordinal) { "cerebrolysin-stroke-recovery" };

        Assert.All(bad, html => Assert.NotEmpty(PageText.Problems(html, ids)));
        Assert.All(good, html => Assert.Empty(PageText.Problems(html, ids)));
    }

    [Fact]
    public async Task NoPage_ShowsRecordDumpsIdsUcumCodesOrDoubledPunctuation()
    {
        var kb = factory.Services.GetRequiredService<KnowledgeBase>();
        var ids = InternalIds(kb);
        var pages = new List<string> { "/", "/kb", "/kb?q=prozac", "/kb?q=Lexapro", "/kb?q=memory", "/kb/nope", "/demo", "/account/sign-in", "/account/register", "/account/recover" };
        pages.AddRange(kb.Compounds.Select(c => "/kb/" + c.Id));
        pages.AddRange(kb.Classes.Select(c => "/kb?class=" + Uri.EscapeDataString(c.Id)));
        pages.AddRange(kb.Outcomes.Select(o => "/kb?outcome=" + Uri.EscapeDataString(o.Id)));

        var session = await SignedInWithSampleDataAsync();
        string[] signedIn = ["/my", "/my/profile", "/my/setup/1", "/my/setup/2", "/my/setup/3", "/my/setup/4", "/my/setup/5", "/my/genome", "/my/health", "/my/labs", "/my/report", "/account"];
        var anonymous = factory.CreateClient();
        var problems = new List<string>();
        foreach (var page in pages)
        {
            // A page that is not there (/kb/nope) is scanned too: its 404 page is a page a person sees.
            using var response = await anonymous.GetAsync(page, TestContext.Current.CancellationToken);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            problems.AddRange(PageText.Problems(html, ids).Select(p => $"{page}: {p}"));
        }

        foreach (var page in signedIn.Concat(kb.Compounds.Select(c => "/my/report?compound=" + c.Id)))
        {
            var response = await session.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            problems.AddRange(PageText.Problems(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ids).Select(p => $"{page}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(60)));
    }

    /// <summary>
    /// The ids of claims and sources with a hyphen, and the hyphenated terms of the data's statuses and
    /// flags (<c>not-callable</c>, <c>verified-abstract</c>): never what a page should show. (Outcome and
    /// condition ids such as <c>well-being</c>, and terms such as <c>meta-analysis</c>, are ordinary words;
    /// a one-word id can be its own name.)
    /// </summary>
    internal static HashSet<string> InternalIds(KnowledgeBase kb) =>
        new(kb.Compounds.SelectMany(c => c.Claims.Select(claim => claim.Id))
            .Concat(kb.Citations.Select(c => c.Id))
            .Concat(typeof(KnowledgeBase).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic && (t.Name.EndsWith("Status", StringComparison.Ordinal) || t.Name.EndsWith("Flag", StringComparison.Ordinal)))
                .SelectMany(t => Enum.GetValues(t).Cast<Enum>().Select(TermText.Of)))
            .Where(id => id.Contains('-', StringComparison.Ordinal)),
            StringComparer.Ordinal);

    /// <summary>A signed-in person with the sample DNA file and labs, and a profile that also holds entries Decodex does not recognise.</summary>
    private async Task<WebSession> SignedInWithSampleDataAsync()
    {
        var email = $"text-{Guid.NewGuid():N}@example.org";
        await WebSession.RegisterAsync(factory, email);
        var session = new WebSession(factory);
        await session.SignInWithCookieAsync(email);
        var profile = JsonDocument.Parse("""{"sex":"male","birthDate":"1958-04-12","conditions":["epilepsy","zzunknown condition"],"medications":["lithium","Lexapro 10 mg","zzunknownmed"],"allergies":["penicillin"],"goals":["memory","cognition"]}""").RootElement;
        Assert.True((await session.SendAsync(HttpMethod.Put, "/api/profile", JsonContent.Create(profile), (Csrf, "1"))).IsSuccessStatusCode);
        var samples = Path.Combine(RepositoryPaths.Root, "samples");
        foreach (var (kind, file) in new[] { ("genome", "genome_23andme_synthetic.txt"), ("labs", "labs.csv") })
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(samples, file), TestContext.Current.CancellationToken)), "file", file);
            var upload = await session.SendAsync(HttpMethod.Post, $"/api/uploads/{kind}", form, (Csrf, "1"));
            Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        return session;
    }
}
