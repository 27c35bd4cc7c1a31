using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Decodex.Storage;
using Decodex.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>The API flows through the real app (SQLite): accounts, uploads, the report, export and deletion, and isolation between users.</summary>
public sealed class WebFlowTests : IClassFixture<DecodexWebFactory>
{
    private readonly DecodexWebFactory _factory;

    public WebFlowTests(DecodexWebFactory factory) => _factory = factory;

    private static string Samples => Path.Combine(RepositoryPaths.Root, "samples");

    private async Task<HttpClient> SignedInAsync(string email, bool register = true)
    {
        var client = _factory.CreateClient();
        const string password = "correct-horse-battery-9";
        if (register)
        {
            var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password }, TestContext.Current.CancellationToken);
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<Guid> UploadAsync(HttpClient client, string kind, string path)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)), "file", Path.GetFileName(path));
        var response = await client.PostAsync($"/api/uploads/{kind}", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task SampleData_UploadedThroughTheApi_GiveTheKnownAnswerReport()
    {
        var client = await SignedInAsync("sample@example.org");
        var put = await client.PutAsJsonAsync("/api/profile", new { sex = "male", birthDate = "1958-04-12", conditions = new[] { "epilepsy" }, medications = new[] { "lithium", "Lexapro 10 mg" }, goals = new[] { "memory" } }, TestContext.Current.CancellationToken);
        put.EnsureSuccessStatusCode();
        await UploadAsync(client, "genome", Path.Combine(Samples, "genome_23andme_synthetic.txt"));
        await UploadAsync(client, "labs", Path.Combine(Samples, "labs.csv"));

        var report = await client.GetAsync("/api/report/cerebrolysin", TestContext.Current.CancellationToken);
        var pdf = await client.GetAsync("/api/report/cerebrolysin?format=pdf", TestContext.Current.CancellationToken);

        report.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await report.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("avoid", json.RootElement.GetProperty("compounds")[0].GetProperty("verdict").GetString());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ApiProfile_PregnancyAndAllergies_ReachTheVerdict()
    {
        var client = await SignedInAsync("allergies@example.org");
        var put = await client.PutAsJsonAsync("/api/profile", new { sex = "female", birthDate = "1994-02-01", pregnant = "yes", allergies = new[] { "Risperdal" }, conditions = Array.Empty<string>(), medications = Array.Empty<string>(), goals = Array.Empty<string>() }, TestContext.Current.CancellationToken);
        put.EnsureSuccessStatusCode();
        var bad = await client.PutAsJsonAsync("/api/profile", new { pregnant = "maybe", conditions = Array.Empty<string>(), medications = Array.Empty<string>(), goals = Array.Empty<string>() }, TestContext.Current.CancellationToken);

        var profile = await client.GetStringAsync("/api/profile", TestContext.Current.CancellationToken);
        var report = await client.GetAsync("/api/report/risperidone", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"pregnant\":\"yes\"", profile, StringComparison.Ordinal);
        report.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await report.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var compound = json.RootElement.GetProperty("compounds")[0];
        Assert.Equal("avoid", compound.GetProperty("verdict").GetString());
        var titles = compound.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("title").GetString()).ToList();
        Assert.Contains(titles, t => t!.Contains("hypersensitivity", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(titles, t => t!.Contains("Pregnancy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiProfile_Ancestry_IsACpicGroup_AndNarrowsAProbablePhenotypeInTheReport()
    {
        var client = await SignedInAsync("ancestry-api@example.org");
        var cancel = TestContext.Current.CancellationToken;
        var none = Array.Empty<string>();
        var bad = await client.PutAsJsonAsync("/api/profile", new { ancestry = "Martian", conditions = none, medications = none, goals = none }, cancel);
        (await client.PutAsJsonAsync("/api/profile", new { sex = "female", ancestry = "european", conditions = none, medications = new[] { "citalopram" }, goals = none }, cancel)).EnsureSuccessStatusCode();
        await UploadTextAsync(client, "cyp2c19-17-17.txt", Cyp2c19Star17Homozygous());

        var profile = await client.GetStringAsync("/api/profile", cancel);
        var report = await client.GetStringAsync("/api/report/ssris", cancel);
        (await client.PutAsJsonAsync("/api/profile", new { sex = "female", conditions = none, medications = new[] { "citalopram" }, goals = none }, cancel)).EnsureSuccessStatusCode();
        var withoutAncestry = await client.GetStringAsync("/api/report/ssris", cancel);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"ancestry\":\"European\"", profile, StringComparison.Ordinal);

        // CYP2C19 *17/*17 on the three array SNPs: ultrarapid 97.8 % for European (PgxProbableReportTests).
        Assert.Contains("probable: 97.8 % for the stated ancestry European", report, StringComparison.Ordinal);
        Assert.DoesNotContain("stated ancestry", withoutAncestry, StringComparison.Ordinal);
        Assert.Contains("across CPIC", withoutAncestry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfilePage_AncestrySelect_IsSavedSealed_AndReachesTheExport()
    {
        var client = await PageSignedInAsync(_factory, "ancestry-page@example.org");
        var cancel = TestContext.Current.CancellationToken;
        var my = await client.GetStringAsync("/my/profile", cancel);
        (await client.PostAsync("/my/profile", Form(my, ("sex", "male"), ("ancestry", "East Asian")), cancel)).EnsureSuccessStatusCode();
        var after = await client.GetStringAsync("/my/profile", cancel);
        (await client.PostAsync("/my/profile", Form(after, ("sex", "male"), ("ancestry", "Atlantean")), cancel)).EnsureSuccessStatusCode();
        var unknown = await client.GetStringAsync("/my/profile", cancel);

        // An empty value is written as a bare attribute by the component renderer.
        Assert.Contains("<option value>not stated</option>", my, StringComparison.Ordinal);
        Assert.Contains("<option>Sub-Saharan African</option>", my, StringComparison.Ordinal);
        Assert.Contains("<option selected>East Asian</option>", after, StringComparison.Ordinal);

        // A value that is not a CPIC group is not stored (the select offers only the groups).
        var select = unknown[unknown.IndexOf("<select id=\"ancestry\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("selected", select[..select.IndexOf("</select>", StringComparison.Ordinal)], StringComparison.Ordinal);
        (await client.PostAsync("/my/profile", Form(unknown, ("sex", "male"), ("ancestry", "Central/South Asian")), cancel)).EnsureSuccessStatusCode();
        var export = await client.GetByteArrayAsync("/api/account/export", cancel);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(export));
        using var yaml = new StreamReader(zip.GetEntry("profile.yaml")!.Open());
        Assert.Contains("ancestry: 'Central/South Asian'", await yaml.ReadToEndAsync(cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiProfile_FollowingAndApoeChoice_RoundTrip_AreCheckedAndReachTheExport()
    {
        var client = await PageSignedInAsync(_factory, "api-following@example.org");
        client.DefaultRequestHeaders.Add(ApiSecurity.CsrfHeader, "1"); // a script of the app's own, as the API asks of cookie calls
        var cancel = TestContext.Current.CancellationToken;
        var body = new { conditions = Array.Empty<string>(), medications = new[] { "lithium" }, goals = Array.Empty<string>(), following = new[] { "Cerebrolysin", "lithium", "lithium" }, showApoe = true };

        var saved = await client.PutAsJsonAsync("/api/profile", body, cancel);
        var got = await client.GetFromJsonAsync<JsonElement>("/api/profile", cancel);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        // Ids as the knowledge base spells them, each once; the dashboard then shows their verdicts.
        Assert.Equal(["cerebrolysin", "lithium"], got.GetProperty("following").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.True(got.GetProperty("showApoe").GetBoolean());
        Assert.Equal(JsonValueKind.Null, got.GetProperty("activeGenome").ValueKind);
        Assert.Contains("href=\"/my/report?compound=cerebrolysin\"", await client.GetStringAsync("/my", cancel), StringComparison.Ordinal);

        // Omitted: left as they were. Unknown: refused, and nothing is changed.
        (await client.PutAsJsonAsync("/api/profile", new { conditions = Array.Empty<string>(), medications = Array.Empty<string>(), goals = Array.Empty<string>() }, cancel)).EnsureSuccessStatusCode();
        var refused = await client.PutAsJsonAsync("/api/profile", new { conditions = Array.Empty<string>(), medications = Array.Empty<string>(), goals = Array.Empty<string>(), following = new[] { "unicorn-dust" } }, cancel);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/profile", cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(2, after.GetProperty("following").GetArrayLength());
        Assert.True(after.GetProperty("showApoe").GetBoolean());

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await client.GetByteArrayAsync("/api/account/export", cancel)));
        using var settings = JsonDocument.Parse(zip.GetEntry("settings.json")!.Open());
        Assert.Equal(["cerebrolysin", "lithium"], settings.RootElement.GetProperty("following").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.True(settings.RootElement.GetProperty("showApoe").GetBoolean());
    }

    [Fact]
    public void ProfileYaml_EveryCpicGroup_ReadsBackAsThatGroup()
    {
        // Group names hold '/' and spaces; the YAML the report reads must give each back unchanged.
        var kb = _factory.Services.GetRequiredService<Decodex.Core.Knowledge.KnowledgeBase>();
        foreach (var group in Decodex.Core.Pgx.Calling.PgxFrequencies.Groups)
        {
            var yaml = DecodexStore.ProfileYaml(new ProfileEntity { OwnerId = "o", Ancestry = group });
            var (profile, issues) = Decodex.Core.Reports.ProfileLoader.Parse(yaml, "profile", kb);

            Assert.Equal(group, profile?.Ancestry);
            Assert.Empty(issues);
        }
    }

    private static string Cyp2c19Star17Homozygous()
    {
        var gene = Decodex.Core.Pgx.PgxDataLoader.LoadEmbedded().FindGene("CYP2C19")!;
        var rows = PgxTestGenomes.Rows(gene, "*17", "*17", Decodex.Core.Genomics.GenomeBuild.Grch37, "rs4244285", "rs4986893", "rs12248560").Concat(PgxTestGenomes.Markers(Decodex.Core.Genomics.GenomeBuild.Grch37));
        return PgxTestGenomes.TwentyThreeAndMe(rows);
    }

    private static async Task UploadTextAsync(HttpClient client, string name, string text)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text)), "file", name);
        var response = await client.PostAsync("/api/uploads/genome", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task DataFolder_RevealsNoHealthData_AndTheKeyLivesOnlyInMemory()
    {
        var client = await SignedInAsync("sealed@example.org");
        var recovery = await client.GetFromJsonAsync<JsonElement>("/api/account/recovery-key", TestContext.Current.CancellationToken);
        var again = await client.GetAsync("/api/account/recovery-key", TestContext.Current.CancellationToken);
        var put = await client.PutAsJsonAsync("/api/profile", new { sex = "female", birthDate = "1971-09-23", conditions = new[] { "qqepilepsy" }, medications = new[] { "qqlithium" }, goals = new[] { "memory" }, allergies = new[] { "qqallergy" } }, TestContext.Current.CancellationToken);
        put.EnsureSuccessStatusCode();
        var labs = Path.Combine(Path.GetTempPath(), $"qqlabs-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(labs, "date,test,value,unit\n2026-03-01,Creatinine,1.1,mg/dL\n", TestContext.Current.CancellationToken);
        await UploadAsync(client, "labs", labs);
        File.Delete(labs);
        (await client.GetAsync("/api/report/cerebrolysin", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var everything = string.Concat(Directory.EnumerateFiles(_factory.DataDirectory, "*", SearchOption.AllDirectories).Select(f => Encoding.Latin1.GetString(ReadShared(f))));

        Assert.Equal(39, recovery.GetProperty("recoveryKey").GetString()!.Length);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // Whole markers only: a two-letter fragment can occur by chance in encrypted bytes.
        foreach (var marker in new[] { "qqepilepsy", "qqlithium", "qqallergy", "qqlabs" })
        {
            Assert.DoesNotContain(marker, everything, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("1971-09-23", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Creatinine", everything, StringComparison.Ordinal);
        Assert.Contains("sealed@example.org", everything, StringComparison.OrdinalIgnoreCase);

        // After a restart the key is gone from memory: the data is locked until the password opens it again.
        var owner = (await client.GetFromJsonAsync<JsonElement>("/api/auth/manage/info", TestContext.Current.CancellationToken)).GetProperty("email").GetString();
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DecodexUser>>();
            _factory.Services.GetRequiredService<UserKeyRing>().Remove((await users.FindByEmailAsync(owner!))!.Id);
        }

        var locked = await client.GetAsync("/api/profile", TestContext.Current.CancellationToken);
        var relogin = await SignedInAsync("sealed@example.org", register: false);
        var profile = await relogin.GetFromJsonAsync<JsonElement>("/api/profile", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("qqlithium", profile.GetProperty("medications")[0].GetString());
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task RefusedUpload_StoresNothing()
    {
        var client = await SignedInAsync("refused@example.org");
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent("date,test,value,unit\n2024-01-01,Glucose,ninety,mg/dL\n"u8.ToArray()), "file", "labs.csv");

        var response = await client.PostAsync("/api/uploads/labs", content, TestContext.Current.CancellationToken);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/uploads", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ninety", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task UserB_CannotReadListChangeOrDeleteUserAsUpload()
    {
        var a = await SignedInAsync("a@example.org");
        var b = await SignedInAsync("b@example.org");
        var id = await UploadAsync(a, "labs", Path.Combine(Samples, "labs.csv"));

        var get = await b.GetAsync($"/api/uploads/{id}", TestContext.Current.CancellationToken);
        var list = await b.GetFromJsonAsync<JsonElement>("/api/uploads", TestContext.Current.CancellationToken);
        var delete = await b.DeleteAsync($"/api/uploads/{id}", TestContext.Current.CancellationToken);
        var stillThere = await a.GetAsync($"/api/uploads/{id}", TestContext.Current.CancellationToken);
        var export = await b.GetAsync("/api/account/export", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, list.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.DoesNotContain("labs.csv", System.Text.Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAccount_RemovesEverything()
    {
        var client = await SignedInAsync("leaving@example.org");
        var id = await UploadAsync(client, "labs", Path.Combine(Samples, "labs.csv"));

        var export = await client.GetAsync("/api/account/export", TestContext.Current.CancellationToken);
        var deleted = await client.DeleteAsync("/api/account", TestContext.Current.CancellationToken);
        var after = await client.GetAsync($"/api/uploads/{id}", TestContext.Current.CancellationToken);

        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Pages_KnowledgeBaseIsPublic_MyDataNeedsSignIn_HeadersAreSet()
    {
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var kb = await client.GetAsync("/kb?q=cerebro", TestContext.Current.CancellationToken);
        var monograph = await client.GetAsync("/kb/cerebrolysin", TestContext.Current.CancellationToken);
        var my = await client.GetAsync("/my", TestContext.Current.CancellationToken);
        var api = await client.GetAsync("/api/profile", TestContext.Current.CancellationToken);
        var openApi = await client.GetAsync("/api/openapi.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, kb.StatusCode);
        Assert.Contains("Cerebrolysin", await kb.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, monograph.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, my.StatusCode);
        Assert.StartsWith("/account/sign-in", my.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var csp = string.Join(";", kb.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline'; img", csp.Split("script-src")[1].Split(';')[0], StringComparison.Ordinal);
        Assert.Equal("DENY", kb.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task PageForms_WithoutAntiforgeryToken_AreRejected()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "x@example.org", ["password"] = "whatever-123" }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Demo_ReportsTheSamplePersonWithoutAnAccount()
    {
        var client = _factory.CreateClient();

        var demo = await client.GetStringAsync("/demo", TestContext.Current.CancellationToken);

        Assert.Contains("Avoid", demo, StringComparison.Ordinal);
        Assert.Contains("Contraindicated: Epilepsy", demo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabsPage_TypedResultThroughTheForm_IsStoredAndShown()
    {
        var client = await PageSignedInAsync(_factory, "typist@example.org");

        var labs = await client.GetStringAsync("/my/labs", TestContext.Current.CancellationToken);
        var posted = await client.PostAsync("/my/labs", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(labs), ["date"] = "2026-03-01", ["test"] = "Creatinine", ["value"] = "1.1", ["unit"] = "mg/dL" }), TestContext.Current.CancellationToken);
        var after = await posted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Creatinine, serum or plasma", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfilePage_And_Report_ListWhatWasNotRecognised()
    {
        var client = await PageSignedInAsync(_factory, "unrecognised@example.org");
        var my = await client.GetStringAsync("/my/profile", TestContext.Current.CancellationToken);
        var saved = await client.PostAsync("/my/profile", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(my), ["sex"] = "male", ["conditions"] = "epilepsie", ["medications"] = "lithium\nZorblax", ["goals"] = "memory" }), TestContext.Current.CancellationToken);
        saved.EnsureSuccessStatusCode();

        var after = await client.GetStringAsync("/my", TestContext.Current.CancellationToken);
        var report = await client.GetStringAsync("/my/report", TestContext.Current.CancellationToken);

        Assert.Contains("Not recognised, so not checked", after, StringComparison.Ordinal);
        Assert.Contains("Zorblax", after, StringComparison.Ordinal);
        Assert.Contains("Did you mean: Epilepsy?", after, StringComparison.Ordinal);
        Assert.Contains("Zorblax", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_UserBCannotSeeOrDeleteUserAsUpload()
    {
        var a = await SignedInAsync("page-a@example.org");
        var id = await UploadAsync(a, "labs", Path.Combine(Samples, "labs.csv"));
        var b = await PageSignedInAsync(_factory, "page-b@example.org");

        var my = await b.GetStringAsync("/my", TestContext.Current.CancellationToken);
        await b.PostAsync($"/my/uploads/{id}/delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(my), ["confirm"] = "yes" }), TestContext.Current.CancellationToken);
        var labsOfB = await b.GetStringAsync("/my/labs", TestContext.Current.CancellationToken);

        Assert.DoesNotContain(id.ToString(), my, StringComparison.Ordinal);
        Assert.DoesNotContain("labs.csv", my, StringComparison.Ordinal);
        Assert.DoesNotContain("Creatinine, serum or plasma", labsOfB, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/api/uploads/{id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_TurnedOnInTheAccountPage_IsAskedAtSignIn()
    {
        var client = await PageSignedInAsync(_factory, "totp@example.org");
        var account = await client.GetStringAsync("/account", TestContext.Current.CancellationToken);
        var setup = await (await client.PostAsync("/account/two-factor", Form(account), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var key = setup.Split("<code>")[1].Split("</code>")[0];
        await client.PostAsync("/account/two-factor", Form(setup, ("code", Totp(key))), TestContext.Current.CancellationToken);
        var signOut = await client.GetStringAsync("/account", TestContext.Current.CancellationToken);
        Assert.Contains("Two-factor sign-in is on.", signOut, StringComparison.Ordinal);
        await client.PostAsync("/account/sign-out", Form(signOut), TestContext.Current.CancellationToken);

        var page = await client.GetStringAsync("/account/sign-in", TestContext.Current.CancellationToken);
        var withoutCode = await (await client.PostAsync("/account/sign-in", Form(page, ("email", "totp@example.org"), ("password", "correct-horse-battery-9")), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var withCode = await client.PostAsync("/account/sign-in", Form(withoutCode, ("email", "totp@example.org"), ("password", "correct-horse-battery-9"), ("code", Totp(key))), TestContext.Current.CancellationToken);

        Assert.Contains("enter the code from your authenticator app", withoutCode, StringComparison.Ordinal);
        Assert.Contains("Sign out", await withCode.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>Creates an account through the register page and signs in through the sign-in page (registration answers the same for new and known emails, so it does not sign in).</summary>
    internal static async Task<HttpClient> PageSignedInAsync(DecodexWebFactory factory, string email, string password = "correct-horse-battery-9")
    {
        var client = factory.CreateClient();
        var register = await client.GetStringAsync("/account/register", TestContext.Current.CancellationToken);
        (await client.PostAsync("/account/register", Form(register, ("email", email), ("password", password)), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var signIn = await client.GetStringAsync("/account/sign-in", TestContext.Current.CancellationToken);
        var signedIn = await client.PostAsync("/account/sign-in", Form(signIn, ("email", email), ("password", password)), TestContext.Current.CancellationToken);
        Assert.Contains("Sign out", await signedIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        return client;
    }

    internal static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", Token(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    /// <summary>The current TOTP code (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) for a base32 key.</summary>
    internal static string Totp(string base32)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32.TrimEnd('=').ToUpperInvariant().Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var secret = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 TOTP is defined on HMAC-SHA1; authenticator apps use it.
        var hash = System.Security.Cryptography.HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static string Token(string html)
    {
        var marker = "name=\"__RequestVerificationToken\" value=\"";
        var start = html.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return System.Net.WebUtility.HtmlDecode(html[start..html.IndexOf('"', start)]);
    }
}
