using Decodex.Testing;

namespace Decodex.Web.Tests;

/// <summary>The dashboard (/my): what is on file, followed compounds, lab values out of range, what needs attention.</summary>
public sealed class DashboardTests : IClassFixture<DecodexWebFactory>
{
    private readonly DecodexWebFactory _factory;

    public DashboardTests(DecodexWebFactory factory) => _factory = factory;

    private static string Samples => Path.Combine(RepositoryPaths.Root, "samples");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_WithSampleFiles_NamesActiveDnaFile_OutOfRangeLab_AndUnrecognisedMedicine()
    {
        var client = await WebFlowTests.PageSignedInAsync(_factory, "dashboard@example.org");
        var profile = await client.GetStringAsync("/my/profile", Cancel);
        (await client.PostAsync("/my/profile", WebFlowTests.Form(profile, ("sex", "male"), ("medications", "lithium\nZorblax")), Cancel)).EnsureSuccessStatusCode();
        var dna = await UploadAsync(client, null, File.ReadAllBytes(Path.Combine(Samples, "genome_23andme_synthetic.txt")), "genome_23andme_synthetic.txt");
        (await UploadAsync(client, null, File.ReadAllBytes(Path.Combine(Samples, "labs.csv")), "labs.csv")).EnsureSuccessStatusCode();

        var dashboard = await client.GetStringAsync("/my", Cancel);

        Assert.Contains("/my?uploaded=", dna.RequestMessage!.RequestUri!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("File read", await dna.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Contains("Your report reads <b>genome_23andme_synthetic.txt</b>", dashboard, StringComparison.Ordinal);
        Assert.Contains("href=\"/my/genome\"", dashboard, StringComparison.Ordinal);
        // samples/labs.csv: creatinine 6.2 mg/dL (above 0.74–1.35) and haemoglobin 10.6 g/dL (below) on 2026-10-01.
        var labs = Section(dashboard, "labs", "on-file");
        Assert.Contains("Creatinine", labs, StringComparison.Ordinal);
        Assert.Contains("6.2 mg/dL", labs, StringComparison.Ordinal);
        Assert.DoesNotContain("None of your lab results", labs, StringComparison.Ordinal);
        var attention = Section(dashboard, "attention", "following");
        Assert.Contains("Zorblax", attention, StringComparison.Ordinal);
        Assert.Contains("href=\"/my/profile\"", attention, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowAndUnfollow_FromMonograph_ChangeTheDashboard()
    {
        var client = await WebFlowTests.PageSignedInAsync(_factory, "follow@example.org");
        var before = await client.GetStringAsync("/my", Cancel);
        var monograph = await client.GetStringAsync("/kb/cerebrolysin", Cancel);

        var followed = await client.PostAsync("/my/follow", WebFlowTests.Form(monograph, ("compound", "cerebrolysin")), Cancel);
        var after = await client.GetStringAsync("/my", Cancel);
        var page = await followed.Content.ReadAsStringAsync(Cancel);
        var unfollowed = await client.PostAsync("/my/follow", WebFlowTests.Form(page, ("compound", "cerebrolysin"), ("unfollow", "yes")), Cancel);
        var last = await client.GetStringAsync("/my", Cancel);

        Assert.Contains("Follow Cerebrolysin", monograph, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("You follow no compounds yet", before, StringComparison.Ordinal);
        Assert.Equal("/kb/cerebrolysin", followed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Unfollow", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/my/report?compound=cerebrolysin\"", Section(after, "following", "labs"), StringComparison.Ordinal);
        Assert.DoesNotContain("You follow no compounds yet", after, StringComparison.Ordinal);
        unfollowed.EnsureSuccessStatusCode();
        Assert.DoesNotContain("href=\"/my/report?compound=cerebrolysin\"", last, StringComparison.Ordinal);
        Assert.Contains("You follow no compounds yet", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_NothingFollowed_ShowsCompoundsNamedInMedicines()
    {
        var client = await WebFlowTests.PageSignedInAsync(_factory, "suggested@example.org");
        var profile = await client.GetStringAsync("/my/profile", Cancel);
        (await client.PostAsync("/my/profile", WebFlowTests.Form(profile, ("medications", "Lexapro 10 mg")), Cancel)).EnsureSuccessStatusCode();

        var dashboard = await client.GetStringAsync("/my", Cancel);

        Assert.Contains("href=\"/my/report?compound=ssris\"", Section(dashboard, "following", "labs"), StringComparison.Ordinal);
    }

    /// <summary>Uploads through the page form (the kind left to detection when null), following the redirect.</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string? kind, byte[] bytes, string name)
    {
        var page = await client.GetStringAsync("/my", Cancel);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebFlowTests.Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", name },
        };
        if (kind is not null)
        {
            content.Add(new StringContent(kind), "kind");
        }

        return await client.PostAsync("/my/uploads", content, Cancel);
    }

    private static string Section(string html, string id, string nextId)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        var end = html.IndexOf($"id=\"{nextId}\"", start, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }
}
