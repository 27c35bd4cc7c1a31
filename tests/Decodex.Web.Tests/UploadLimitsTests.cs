using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Decodex.Testing;

namespace Decodex.Web.Tests;

/// <summary>
/// Uploads beyond the server's read limits, and crafted lab files, are refused with a coded 422 and
/// store nothing; the labs page shows one bounded page at a time (issue 12, findings 2, 3 and 5).
/// </summary>
public sealed class UploadLimitsTests : IClassFixture<DecodexWebFactory>
{
    private const string Secret = "SECRET-VALUE-7391";
    private readonly DecodexWebFactory _factory;

    public UploadLimitsTests(DecodexWebFactory factory) => _factory = factory;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "genome", "gzip-bomb", "GEN027" },
        { "genome", "nested-zips", "GEN028" },
        { "labs", "fhir-1e400", "LAB004" },
        { "labs", "fhir-text-value", "LAB004" },
        { "labs", "fhir-empty-name", "LAB001" },
        { "labs", "csv-too-many-rows", "LAB018" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Upload_BombOrCraftedFile_Refused422WithCodeAndNothingStored(string kind, string file, string code)
    {
        var client = await SignedInAsync(_factory.CreateClient(), $"{file}@example.org");

        var response = await UploadAsync(client, kind, Content(file), file);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/uploads", Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(code, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Upload_LabFileBeyondConfiguredSize_RefusedBeforeReading()
    {
        using var tight = _factory.WithWebHostBuilder(b => b.UseSetting("Decodex:Limits:MaxLabFileMegabytes", "1"));
        var client = await SignedInAsync(tight.CreateClient(), "tight@example.org");

        var response = await UploadAsync(client, "labs", Encoding.UTF8.GetBytes(Csv(40_000)), "big.csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("LAB017", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabsPage_ManyResults_ShownTwoHundredAPageWithLinks()
    {
        var client = _factory.CreateClient();
        var register = await client.GetStringAsync("/account/register", Cancel);
        (await client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(register), ["email"] = "pages@example.org", ["password"] = "correct-horse-battery-9" }), Cancel)).EnsureSuccessStatusCode();
        var signIn = await client.GetStringAsync("/account/sign-in", Cancel);
        (await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(signIn), ["email"] = "pages@example.org", ["password"] = "correct-horse-battery-9" }), Cancel)).EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add(ApiSecurity.CsrfHeader, "1");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, "labs", Encoding.UTF8.GetBytes(Csv(450)), "labs.csv")).StatusCode);

        var first = await client.GetStringAsync("/my/labs", Cancel);
        var last = await client.GetStringAsync("/my/labs?page=3", Cancel);
        var beyond = await client.GetStringAsync("/my/labs?page=99", Cancel);

        Assert.Equal(Decodex.Web.Components.Pages.My.LabsPage.PageSize, ResultRows(first));
        Assert.Contains("href=\"/my/labs?page=2\">Older results", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Newer results", first, StringComparison.Ordinal);
        Assert.Equal(50, ResultRows(last));
        Assert.Contains("href=\"/my/labs?page=2\">Newer results", last, StringComparison.Ordinal);
        Assert.DoesNotContain("Older results", last, StringComparison.Ordinal);
        Assert.Equal(50, ResultRows(beyond));
    }

    private static int ResultRows(string html) =>
        html[html.LastIndexOf("<h2>Results</h2>", StringComparison.Ordinal)..].Split("<tr><td>").Length - 1;

    private static byte[] Content(string file) => file switch
    {
        "gzip-bomb" => Bombs.GzipRows(1000),
        "nested-zips" => Bombs.Nested(50),
        "fhir-1e400" => Encoding.UTF8.GetBytes(Observation("1e400")),
        "fhir-text-value" => Encoding.UTF8.GetBytes(Observation("\"" + Secret + "\"")),
        "fhir-empty-name" => "{\"resourceType\":\"Observation\",\"\":1}"u8.ToArray(),
        "csv-too-many-rows" => Encoding.UTF8.GetBytes(Csv(20_001)),
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };

    private static string Csv(int rows) =>
        "date,test,value,unit\n" + string.Concat(Enumerable.Range(0, rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(i):yyyy-MM-dd},Creatinine,1.0,mg/dL\n")));

    private static string Observation(string value) =>
        "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2160-0\"}]},\"effectiveDateTime\":\"2024-01-01\",\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"mg/dL\"}}";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, byte[] bytes, string name)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(bytes), "file", name);
        return await client.PostAsync($"/api/uploads/{kind}", content, Cancel);
    }

    private static async Task<HttpClient> SignedInAsync(HttpClient client, string email)
    {
        const string password = "correct-horse-battery-9";
        var register = await client.PostAsJsonAsync("/api/auth/register", new { email, password }, Cancel);
        Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync(Cancel));
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, Cancel);
        login.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(Cancel));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    private static string Token(string html)
    {
        var marker = "name=\"__RequestVerificationToken\" value=\"";
        var start = html.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return System.Net.WebUtility.HtmlDecode(html[start..html.IndexOf('"', start)]);
    }
}
