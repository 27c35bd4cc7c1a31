using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Decodex.Storage;
using Decodex.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>Issue 12, finding 1: the report reads the owner's uploads in memory; an upload's name is only a label.</summary>
public sealed class ReportInputTests : IClassFixture<DecodexWebFactory>
{
    private readonly DecodexWebFactory _factory;

    public ReportInputTests(DecodexWebFactory factory) => _factory = factory;

    private static string Samples => Path.Combine(RepositoryPaths.Root, "samples");

    /// <summary>A file name that, pasted into a YAML profile, adds a lab file at <paramref name="path"/> (YAML escapes, no '/' or '.').</summary>
    private static string Injecting(string path) => "g.x\nlabs: [\"" + path.Replace("/", "\\x2F", StringComparison.Ordinal).Replace(".", "\\x2E", StringComparison.Ordinal) + "\"]";

    [Fact]
    public async Task Report_CraftedUploadNames_NeverReadOrRevealServerFiles()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"decodex-marker-{Guid.NewGuid():N}.csv");
        var missing = Path.Combine(Path.GetTempPath(), $"decodex-missing-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(marker, "date,test,value,unit\n2024-01-01,MARKERTEST,1,mg/dL\nMARKER-CONTENT-7f3a\n", TestContext.Current.CancellationToken);
        try
        {
            var genome = await File.ReadAllBytesAsync(Path.Combine(Samples, "genome_23andme_synthetic.txt"), TestContext.Current.CancellationToken);
            var labs = await File.ReadAllBytesAsync(Path.Combine(Samples, "labs.csv"), TestContext.Current.CancellationToken);
            var existing = await ReportAsync("names-exist@example.org", (UploadKind.Genome, Injecting(marker), genome), (UploadKind.Labs, marker, labs));
            var absent = await ReportAsync("names-absent@example.org", (UploadKind.Genome, Injecting(missing), genome), (UploadKind.Labs, missing, labs));
            var others = await ReportAsync("names-other@example.org", (UploadKind.Genome, "x\ngenome: /etc/passwd", genome), (UploadKind.Labs, "../../etc/hosts", labs), (UploadKind.Labs, "x'\n\"labs: [/etc/hosts]", labs));

            foreach (var report in new[] { existing, absent, others })
            {
                Assert.DoesNotContain("MARKER", report, StringComparison.Ordinal);
                Assert.DoesNotContain("root:", report, StringComparison.Ordinal);
                Assert.DoesNotContain("localhost", report, StringComparison.Ordinal);
                using var json = JsonDocument.Parse(report);
                Assert.Equal(0, json.RootElement.GetProperty("issues").GetArrayLength());
                Assert.Equal(0, json.RootElement.GetProperty("notices").GetArrayLength());
            }

            // The DNA and labs came from the uploaded bytes.
            Assert.Contains("DNA: 23andMe", others, StringComparison.Ordinal);
            Assert.Contains("Labs: ", others, StringComparison.Ordinal);
            Assert.DoesNotContain("Labs: none on file", others, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task Report_RefusedUpload_IsNamedByItsDisplayNameOnly()
    {
        var report = await ReportAsync("names-refused@example.org", (UploadKind.Labs, "my labs\n'.csv", "not a lab file"u8.ToArray()));

        using var json = JsonDocument.Parse(report);
        var issue = Assert.Single(json.RootElement.GetProperty("issues").EnumerateArray());
        Assert.Equal("my labs\n'.csv", issue.GetProperty("file").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("male")]
    [InlineData("female")]
    public async Task Report_PreparedAtUpload_IsTheSameAsOneReadFromTheStoredFiles(string? sex)
    {
        var genome = await File.ReadAllBytesAsync(Path.Combine(Samples, "genome_23andme_synthetic.txt"), TestContext.Current.CancellationToken);
        var labs = await File.ReadAllBytesAsync(Path.Combine(Samples, "labs.csv"), TestContext.Current.CancellationToken);

        // Uploaded through the API: the upload request reads the files and keeps what the report needs.
        var client = await SignedInAsync($"prepared-{sex}@example.org", sex);
        foreach (var (kind, name, content) in new[] { ("genome", "genome_23andme_synthetic.txt", genome), ("labs", "labs.csv", labs) })
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
            (await client.PostAsync($"/api/uploads/{kind}", form, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        var prepared = await client.GetStringAsync("/api/report/cerebrolysin", TestContext.Current.CancellationToken);

        // Stored without the upload endpoint: the report reads the stored bytes itself.
        var read = await ReportAsync($"read-later-{sex}@example.org", sex, (UploadKind.Genome, "genome_23andme_synthetic.txt", genome), (UploadKind.Labs, "labs.csv", labs));

        using var a = JsonDocument.Parse(prepared);
        using var b = JsonDocument.Parse(read);
        Assert.Contains("DNA: 23andMe", prepared, StringComparison.Ordinal);
        Assert.Equal(b.RootElement.GetProperty("compounds").GetRawText(), a.RootElement.GetProperty("compounds").GetRawText());
        Assert.Equal(b.RootElement.GetProperty("issues").GetRawText(), a.RootElement.GetProperty("issues").GetRawText());
    }

    private async Task<HttpClient> SignedInAsync(string email, string? sex = null)
    {
        var client = _factory.CreateClient();
        const string password = "correct-horse-battery-9";
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, TestContext.Current.CancellationToken);
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        if (sex is not null)
        {
            // The stated sex is the genome reader's too (X calls), at upload and when a report reads the file.
            (await client.PutAsJsonAsync("/api/profile", new { sex, conditions = Array.Empty<string>(), medications = Array.Empty<string>(), goals = Array.Empty<string>() }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        return client;
    }

    /// <summary>Registers an account, stores the uploads under the given names as they are (no upload form cleans them), and returns the report JSON.</summary>
    private Task<string> ReportAsync(string email, params (UploadKind Kind, string Name, byte[] Content)[] uploads) => ReportAsync(email, null, uploads);

    private async Task<string> ReportAsync(string email, string? sex, params (UploadKind Kind, string Name, byte[] Content)[] uploads)
    {
        var client = await SignedInAsync(email, sex);
        using (var scope = _factory.Services.CreateScope())
        {
            var owner = (await scope.ServiceProvider.GetRequiredService<UserManager<DecodexUser>>().FindByEmailAsync(email))!.Id;
            var store = scope.ServiceProvider.GetRequiredService<DecodexStore>();
            foreach (var (kind, name, content) in uploads)
            {
                await store.AddUploadAsync(owner, kind, name, content, "test", cancel: TestContext.Current.CancellationToken);
            }
        }

        var response = await client.GetAsync("/api/report/cerebrolysin", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
