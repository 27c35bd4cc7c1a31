using System.Net;
using System.Text.RegularExpressions;
using Decodex.Core.Reports;
using Decodex.Testing;

namespace Decodex.Web.Tests;

/// <summary>
/// The report page (/my/report) and the sample report (/demo) as one page each: verdicts first, a card per
/// compound, references that resolve, CPIC advice and goals; APOE hidden until the person chooses to see it.
/// </summary>
public sealed partial class ReportPageTests(DecodexWebFactory factory) : IClassFixture<DecodexWebFactory>
{
    private const string SampleApoe = "ε4/ε4";

    [GeneratedRegex("href=\"#ref-(\\d+)\"")]
    private static partial Regex ReferenceLink();

    /// <summary>The page's text with character references decoded (the layout writes ε as a reference).</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private static string Samples => Path.Combine(RepositoryPaths.Root, "samples");

    /// <summary>A person signed in through the pages, with the sample profile, DNA file and labs uploaded through the pages.</summary>
    internal static async Task<HttpClient> SamplePersonAsync(DecodexWebFactory factory, string email, bool labs = true)
    {
        var client = await WebFlowTests.PageSignedInAsync(factory, email);
        var my = await client.GetStringAsync("/my", TestContext.Current.CancellationToken);
        (await client.PostAsync("/my/profile", WebFlowTests.Form(my, ("sex", "male"), ("birthDate", "1958-04-12"), ("conditions", "epilepsy"), ("medications", "lithium\nLexapro 10 mg"), ("goals", "memory")), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await UploadAsync(client, "genome", "genome_23andme_synthetic.txt", await File.ReadAllBytesAsync(Path.Combine(Samples, "genome_23andme_synthetic.txt"), TestContext.Current.CancellationToken));
        if (labs)
        {
            await UploadAsync(client, "labs", "labs.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "labs.csv"), TestContext.Current.CancellationToken));
        }

        return client;
    }

    /// <summary>Uploads a file through the upload form of /my.</summary>
    internal static async Task UploadAsync(HttpClient client, string kind, string name, byte[] content)
    {
        var my = await client.GetStringAsync("/my", TestContext.Current.CancellationToken);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebFlowTests.Token(my)), "__RequestVerificationToken" },
            { new StringContent(kind), "kind" },
            { new ByteArrayContent(content), "file", name },
        };
        var response = await client.PostAsync("/my/uploads", form, TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode && !page.Contains("Upload refused", StringComparison.Ordinal), page);
    }

    [Fact]
    public async Task MyReport_SampleData_ShowsVerdictsBeforeTheCardsWithAdviceGoalsAndResolvingReferences()
    {
        var client = await SamplePersonAsync(factory, "report-page@example.org");

        var html = await client.GetStringAsync("/my/report", TestContext.Current.CancellationToken);

        var verdicts = html.IndexOf("id=\"verdicts\"", StringComparison.Ordinal);
        var firstCard = html.IndexOf("class=\"compound-card\"", StringComparison.Ordinal);
        Assert.True(verdicts > 0 && firstCard > verdicts, "The verdict summary comes before the compound cards.");
        Assert.Contains("<li><a href=\"#c-cerebrolysin\">Cerebrolysin</a> <span class=\"badge verdict avoid\">Avoid</span>", html, StringComparison.Ordinal);
        Assert.Contains("Contraindicated: Epilepsy", html, StringComparison.Ordinal);

        // CPIC advice for Lexapro (escitalopram, CYP2C19) in the medicines table.
        var cpic = html[html.IndexOf("<table class=\"cpic\">", StringComparison.Ordinal)..];
        cpic = cpic[..cpic.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("escitalopram", cpic, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CYP2C19", cpic, StringComparison.Ordinal);

        Assert.Contains("For your goals", html, StringComparison.Ordinal);
        Assert.Contains("class=\"badge grade-badge", html, StringComparison.Ordinal);
        Assert.Contains("<details>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/report/cerebrolysin?format=pdf\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Full report", html, StringComparison.Ordinal);
        Assert.Contains(ReportEngine.Disclaimer, html, StringComparison.Ordinal);

        // Every numbered source points at an entry of the References list.
        var cited = ReferenceLink().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, n => Assert.Contains($"<li id=\"ref-{n}\" value=\"{n}\">", html, StringComparison.Ordinal));
        Assert.True(html.IndexOf("id=\"references\"", StringComparison.Ordinal) > firstCard, "The references come after the cards.");
    }

    [Theory]
    [InlineData("no-such-compound")]
    [InlineData("<script>")]
    public async Task MyReport_UnknownCompound_ShowsEveryCompoundWithAMessage(string compound)
    {
        var client = await SamplePersonAsync(factory, $"report-unknown-{compound.Length}@example.org", labs: false);

        var response = await client.GetAsync("/my/report?compound=" + Uri.EscapeDataString(compound), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("The knowledge base has no compound", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.True(Regex.Count(html, "class=\"compound-card\"") > 1, "Every compound is shown.");
    }

    [Fact]
    public async Task MyReportPdf_CarriesTheWholePage_OrTheChosenCompound()
    {
        var client = await SamplePersonAsync(factory, "report-pdf@example.org", labs: false);
        var cancel = TestContext.Current.CancellationToken;

        var page = await client.GetStringAsync("/my/report", cancel);
        var whole = await client.GetAsync("/my/report.pdf", cancel);
        var one = await client.GetAsync("/my/report.pdf?compound=cerebrolysin", cancel);

        Assert.Contains("href=\"/my/report.pdf\"", page, StringComparison.Ordinal);
        Assert.Equal("application/pdf", whole.Content.Headers.ContentType?.MediaType);
        using var wholePdf = UglyToad.PdfPig.PdfDocument.Open(await whole.Content.ReadAsByteArrayAsync(cancel));
        using var onePdf = UglyToad.PdfPig.PdfDocument.Open(await one.Content.ReadAsByteArrayAsync(cancel));
        static string Flat(UglyToad.PdfPig.PdfDocument pdf) => string.Join("\n", pdf.GetPages().Select(p => p.Text)).Replace(" ", string.Empty, StringComparison.Ordinal);
        var wholeText = Flat(wholePdf);
        var oneText = Flat(onePdf);

        // Every compound of the page, the CPIC advice for Lexapro and the numbered references; one compound alone when chosen.
        Assert.Contains("Cerebrolysin", wholeText, StringComparison.Ordinal);
        Assert.Contains("Risperidone", wholeText, StringComparison.Ordinal);
        Assert.Contains("CYP2C19", wholeText, StringComparison.Ordinal);
        Assert.Contains("References", wholeText, StringComparison.Ordinal);
        Assert.True(wholePdf.NumberOfPages > onePdf.NumberOfPages);
        Assert.Contains("Cerebrolysin", oneText, StringComparison.Ordinal);
        Assert.DoesNotContain("Risperidone", oneText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyReport_OneCompound_ShowsOnlyThatCard()
    {
        var client = await SamplePersonAsync(factory, "report-one@example.org", labs: false);

        var html = await client.GetStringAsync("/my/report?compound=cerebrolysin", TestContext.Current.CancellationToken);

        Assert.Equal(1, Regex.Count(html, "class=\"compound-card\""));
        Assert.Contains("<option value=\"cerebrolysin\" selected", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apoe_HiddenUntilChosen_ShownAfterOptIn_HiddenAgainAfterOptOut()
    {
        var client = await SamplePersonAsync(factory, "apoe@example.org", labs: false);

        var report = await client.GetStringAsync("/my/report?compound=cerebrolysin", TestContext.Current.CancellationToken);
        var genome = await client.GetStringAsync("/my/genome", TestContext.Current.CancellationToken);
        var standalone = await client.GetStringAsync("/api/report/cerebrolysin?format=html", TestContext.Current.CancellationToken);
        foreach (var page in new[] { report, genome, standalone })
        {
            Assert.DoesNotContain(SampleApoe, Text(page), StringComparison.Ordinal);
            Assert.DoesNotContain("rs429358", Text(page), StringComparison.Ordinal);
            Assert.DoesNotContain("e4/e4", Text(page), StringComparison.Ordinal);
        }

        // The finding that rests on APOE still stands, named as hidden, with the way to see it.
        Assert.Contains(ReportEngine.HiddenApoeTitle, report, StringComparison.Ordinal);
        Assert.Contains("are hidden because you have not chosen to see your APOE results", report, StringComparison.Ordinal);
        Assert.Contains("href=\"/my/genome\"", report, StringComparison.Ordinal);
        Assert.Contains("APOE hidden", report, StringComparison.Ordinal);
        Assert.Contains("findageneticcounselor.nsgc.org", genome, StringComparison.Ordinal);
        Assert.Contains("not a diagnosis", genome, StringComparison.Ordinal);

        var shown = await client.PostAsync("/my/genome/apoe", WebFlowTests.Form(genome, ("show", "yes")), TestContext.Current.CancellationToken);
        var genomeShown = await shown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var reportShown = await client.GetStringAsync("/my/report?compound=cerebrolysin", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains(SampleApoe, Text(genomeShown), StringComparison.Ordinal);
        Assert.Contains("rs429358", Text(genomeShown), StringComparison.Ordinal);
        Assert.Contains(SampleApoe, Text(reportShown), StringComparison.Ordinal);
        Assert.DoesNotContain(ReportEngine.HiddenApoeTitle, reportShown, StringComparison.Ordinal);

        var hidden = await client.PostAsync("/my/genome/apoe", WebFlowTests.Form(genomeShown, ("show", "no")), TestContext.Current.CancellationToken);
        var genomeHidden = await hidden.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var reportHidden = await client.GetStringAsync("/my/report?compound=cerebrolysin", TestContext.Current.CancellationToken);

        Assert.DoesNotContain(SampleApoe, Text(genomeHidden), StringComparison.Ordinal);
        Assert.DoesNotContain(SampleApoe, Text(reportHidden), StringComparison.Ordinal);
        Assert.Contains(ReportEngine.HiddenApoeTitle, reportHidden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apoe_OptInWithoutAntiforgeryToken_IsRefused()
    {
        var client = await SamplePersonAsync(factory, "apoe-csrf@example.org", labs: false);

        var posted = await client.PostAsync("/my/genome/apoe", new FormUrlEncodedContent([new("show", "yes")]), TestContext.Current.CancellationToken);
        var genome = await client.GetStringAsync("/my/genome", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.DoesNotContain(SampleApoe, Text(genome), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_RendersTheSamplePersonInTheSiteLayout_WithApoeShown()
    {
        var response = await factory.CreateClient().GetAsync("/demo", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/vendor/pico/", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/kb\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Sample report</h1>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"compound-card\" id=\"c-cerebrolysin\"", html, StringComparison.Ordinal);
        Assert.Contains(SampleApoe, Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/api/report/", html, StringComparison.Ordinal);
    }
}
