using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Decodex.Storage;
using Decodex.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>Issue 12, finding 6: cookie API calls that change data need the CSRF header; GET changes nothing.</summary>
public sealed class ApiCsrfTests : IClassFixture<DecodexWebFactory>
{
    private const string Csrf = "X-Decodex-Csrf";
    private readonly DecodexWebFactory _factory;

    public ApiCsrfTests(DecodexWebFactory factory) => _factory = factory;

    private static StringContent Profile() => new("""{"sex":"female","conditions":[],"medications":[],"goals":[]}""", System.Text.Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Labs()
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "samples", "labs.csv"))), "file", "labs.csv");
        return content;
    }

    [Fact]
    public async Task CookieApiPostPutDelete_WithoutTheCsrfHeader_AreRefused_WithItTheyWork()
    {
        await WebSession.RegisterAsync(_factory, "csrf@example.org");
        var session = new WebSession(_factory);
        await session.SignInWithCookieAsync("csrf@example.org");

        var put = await session.SendAsync(HttpMethod.Put, "/api/profile", Profile());
        var post = await session.SendAsync(HttpMethod.Post, "/api/uploads/labs", Labs());
        var uploads = await session.GetStringAsync("/api/uploads");
        var putWithHeader = await session.SendAsync(HttpMethod.Put, "/api/profile", Profile(), (Csrf, "1"));
        var postWithHeader = await session.SendAsync(HttpMethod.Post, "/api/uploads/labs", Labs(), (Csrf, "1"));
        var id = (await postWithHeader.Content.ReadFromJsonAsync<UploadId>(TestContext.Current.CancellationToken))!.Id;
        var delete = await session.SendAsync(HttpMethod.Delete, $"/api/uploads/{id}");
        var deleteAccount = await session.SendAsync(HttpMethod.Delete, "/api/account");
        var deleteAccountBasic = await session.SendAsync(HttpMethod.Delete, "/api/account", null, ("Authorization", "Basic eDp5"));
        var deleteWithHeader = await session.SendAsync(HttpMethod.Delete, $"/api/uploads/{id}", null, (Csrf, "1"));

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("[]", uploads);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleteAccount.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleteAccountBasic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, putWithHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Created, postWithHeader.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleteWithHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/profile")).StatusCode);
    }

    [Fact]
    public async Task BearerApiCalls_NeedNoCsrfHeader()
    {
        await WebSession.RegisterAsync(_factory, "csrf-bearer@example.org");
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await WebSession.TokenAsync(_factory, "csrf-bearer@example.org"));

        var put = await client.PutAsync("/api/profile", Profile(), TestContext.Current.CancellationToken);
        var post = await client.PostAsync("/api/uploads/labs", Labs(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
    }

    [Fact]
    public async Task ReportGet_WritesNoRow_PostSavesOne()
    {
        await WebSession.RegisterAsync(_factory, "csrf-report@example.org");
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await WebSession.TokenAsync(_factory, "csrf-report@example.org"));

        var get = await client.GetAsync("/api/report/cerebrolysin", TestContext.Current.CancellationToken);
        var pdf = await client.GetAsync("/api/report/cerebrolysin?format=pdf", TestContext.Current.CancellationToken);
        var afterGet = await ReportRowsAsync("csrf-report@example.org");
        var post = await client.PostAsync("/api/report/cerebrolysin", null, TestContext.Current.CancellationToken);
        var afterPost = await ReportRowsAsync("csrf-report@example.org");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(0, afterGet);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(1, afterPost);
    }

    private async Task<int> ReportRowsAsync(string email)
    {
        using var scope = _factory.Services.CreateScope();
        var owner = (await scope.ServiceProvider.GetRequiredService<UserManager<DecodexUser>>().FindByEmailAsync(email))!.Id;
        return await scope.ServiceProvider.GetRequiredService<DecodexDbContext>().Reports.CountAsync(r => r.OwnerId == owner, TestContext.Current.CancellationToken);
    }

    private sealed record UploadId(Guid Id);
}
