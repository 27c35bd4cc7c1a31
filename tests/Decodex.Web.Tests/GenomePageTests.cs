using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Decodex.Testing;

namespace Decodex.Web.Tests;

/// <summary>/my/genome: what the DNA file gave, and the choice of which DNA file the reports read, for the person's own files only.</summary>
public sealed partial class GenomePageTests(DecodexWebFactory factory) : IClassFixture<DecodexWebFactory>
{
    [GeneratedRegex("name=\"upload\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex UploadChoice();

    /// <summary>The page's text with character references decoded (the layout writes ε as a reference).</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private static byte[] Sample => File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "samples", "genome_23andme_synthetic.txt"));

    /// <summary>The sample file with APOE ε3/ε3 (rs429358 TT, rs7412 CC) instead of ε4/ε4.</summary>
    private static byte[] SampleE3 => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Sample).Replace("rs429358\t19\t45411941\tCC", "rs429358\t19\t45411941\tTT", StringComparison.Ordinal));

    [Theory]
    [InlineData("/my/genome")]
    [InlineData("/my/report")]
    public async Task Pages_SignedOut_RedirectToSignIn(string path)
    {
        var response = await new WebSession(factory).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenomePage_NoDnaFile_SaysSoAndLinksToTheUploadPage()
    {
        var client = await WebFlowTests.PageSignedInAsync(factory, "genome-none@example.org");

        var html = await client.GetStringAsync("/my/genome", TestContext.Current.CancellationToken);

        Assert.Contains("You have no DNA file on file", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/my\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenomePage_SampleFile_ShowsWhatWasReadAndThePharmacogenes()
    {
        var client = await ReportPageTests.SamplePersonAsync(factory, "genome-read@example.org", labs: false);

        var html = await client.GetStringAsync("/my/genome", TestContext.Current.CancellationToken);

        Assert.Contains("Your reports read <strong>genome_23andme_synthetic.txt</strong>", html, StringComparison.Ordinal);
        Assert.Contains("23andMe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<td>CYP2C19</td>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"table-scroll\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChooseActive_TheOlderOfTwoFiles_ReportsReadIt()
    {
        var client = await ReportPageTests.SamplePersonAsync(factory, "genome-two@example.org", labs: false);
        await ReportPageTests.UploadAsync(client, "genome", "second-e3.txt", SampleE3);
        var genome = await client.GetStringAsync("/my/genome", TestContext.Current.CancellationToken);
        Assert.Contains("Your reports read <strong>second-e3.txt</strong>", genome, StringComparison.Ordinal);
        genome = await (await client.PostAsync("/my/genome/apoe", WebFlowTests.Form(genome, ("show", "yes")), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("ε3/ε3", Text(await client.GetStringAsync("/my/report?compound=cerebrolysin", TestContext.Current.CancellationToken)), StringComparison.Ordinal);

        // The radio list offers both files; the older one is the sample.
        var choices = UploadChoice().Matches(genome).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, choices.Count);
        var older = choices.Single(id => !genome.Contains($"value=\"{id}\" checked", StringComparison.Ordinal));
        var chosen = await client.PostAsync("/my/genome/active", WebFlowTests.Form(genome, ("upload", older)), TestContext.Current.CancellationToken);
        var after = await chosen.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var report = await client.GetStringAsync("/my/report?compound=cerebrolysin", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Contains("Your reports read <strong>genome_23andme_synthetic.txt</strong>", after, StringComparison.Ordinal);
        Assert.Contains("ε4/ε4", Text(report), StringComparison.Ordinal);
        Assert.DoesNotContain("ε3/ε3", Text(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChooseActive_AnotherUsersUpload_IsRefused()
    {
        var a = await ReportPageTests.SamplePersonAsync(factory, "genome-owner@example.org", labs: false);
        var aGenome = await a.GetStringAsync("/my/genome", TestContext.Current.CancellationToken);
        await ReportPageTests.UploadAsync(a, "genome", "second-e3.txt", SampleE3);
        aGenome = await a.GetStringAsync("/my/genome", TestContext.Current.CancellationToken);
        var aUpload = UploadChoice().Match(aGenome).Groups[1].Value;
        var b = await ReportPageTests.SamplePersonAsync(factory, "genome-other@example.org", labs: false);
        var bGenome = await b.GetStringAsync("/my/genome", TestContext.Current.CancellationToken);

        var refused = await b.PostAsync("/my/genome/active", WebFlowTests.Form(bGenome, ("upload", aUpload)), TestContext.Current.CancellationToken);
        var garbage = await b.PostAsync("/my/genome/active", WebFlowTests.Form(bGenome, ("upload", "not-a-guid")), TestContext.Current.CancellationToken);
        var bAfter = await b.GetStringAsync("/my/genome", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.DoesNotContain("second-e3.txt", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Your reports read <strong>genome_23andme_synthetic.txt</strong>", bAfter, StringComparison.Ordinal);
    }
}
