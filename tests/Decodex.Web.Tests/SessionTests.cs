using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Decodex.Web.Tests;

/// <summary>Issue 12, finding 7: sign-out, two-factor sign-in, a new password and account deletion end the other sessions and tokens.</summary>
public sealed class SessionTests : IClassFixture<DecodexWebFactory>
{
    private const string Password = "correct-horse-battery-9";
    private readonly DecodexWebFactory _factory;

    public SessionTests(DecodexWebFactory factory) => _factory = factory;

    private HttpClient Bearer(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static void AssertSignInRedirect(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location?.OriginalString.Replace("http://localhost", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_EndsACopiedCookieAndTheTokens()
    {
        await WebSession.RegisterAsync(_factory, "session-out@example.org");
        var session = new WebSession(_factory);
        await session.SignInWithCookieAsync("session-out@example.org");
        var stolen = session.Copy(_factory);
        using var bearer = Bearer(await WebSession.TokenAsync(_factory, "session-out@example.org"));
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/my")).StatusCode);

        var account = await session.GetStringAsync("/account");
        var signOut = await session.PostFormAsync("/account/sign-out", account);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        AssertSignInRedirect(await stolen.GetAsync("/my"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/profile", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task TwoFactorTurnedOn_EndsOtherSessionsAndTokens_KeepsThisOne()
    {
        await WebSession.RegisterAsync(_factory, "session-2fa@example.org");
        var session = new WebSession(_factory);
        await session.SignInWithCookieAsync("session-2fa@example.org");
        var other = new WebSession(_factory);
        await other.SignInWithCookieAsync("session-2fa@example.org");
        using var bearer = Bearer(await WebSession.TokenAsync(_factory, "session-2fa@example.org"));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/profile", TestContext.Current.CancellationToken)).StatusCode);

        var codes = await FrontDoorTests.TurnOnTwoFactorAsync(session);

        Assert.NotEmpty(codes.Codes);
        Assert.Contains("Two-factor sign-in is on.", await session.GetStringAsync("/account"), StringComparison.Ordinal);
        AssertSignInRedirect(await other.GetAsync("/my"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/profile", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task PasswordChanged_RevokesEveryToken()
    {
        await WebSession.RegisterAsync(_factory, "session-pw@example.org");
        using var first = Bearer(await WebSession.TokenAsync(_factory, "session-pw@example.org"));
        using var second = Bearer(await WebSession.TokenAsync(_factory, "session-pw@example.org"));

        var changed = await first.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = Password, newPassword = "another-horse-battery-10" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/profile", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/profile", TestContext.Current.CancellationToken)).StatusCode);
        Assert.NotEmpty(await WebSession.TokenAsync(_factory, "session-pw@example.org", "another-horse-battery-10"));
    }

    [Fact]
    public async Task AccountDeleted_OtherSessionsEndCleanly()
    {
        await WebSession.RegisterAsync(_factory, "session-gone@example.org");
        var session = new WebSession(_factory);
        await session.SignInWithCookieAsync("session-gone@example.org");
        var other = new WebSession(_factory);
        await other.SignInWithCookieAsync("session-gone@example.org");
        using var bearer = Bearer(await WebSession.TokenAsync(_factory, "session-gone@example.org"));

        var account = await session.GetStringAsync("/account");
        var deleted = await session.PostFormAsync("/account/delete", account, ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        AssertSignInRedirect(await other.GetAsync("/my"));
        AssertSignInRedirect(await other.GetAsync("/account"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/uploads", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.PutAsJsonAsync("/api/profile", new { conditions = Array.Empty<string>(), medications = Array.Empty<string>(), goals = Array.Empty<string>() }, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task APageRequest_ChecksTheStampWithoutReissuingTheCookie()
    {
        await WebSession.RegisterAsync(_factory, "session-quiet@example.org");
        var session = new WebSession(_factory);
        await session.SignInWithCookieAsync("session-quiet@example.org");
        var copy = session.Copy(_factory);

        // The stamp still matches: the page is served and no new sign-in cookie is made for it (making one
        // rebuilt the principal from the database and encrypted a cookie on every request).
        var page = await copy.GetAsync("/my");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var setCookies = page.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.DoesNotContain(setCookies, c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        // It is still checked on every request: once the stamp changes, the same cookie is refused at once.
        var account = await session.GetStringAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync("/account/sign-out", account)).StatusCode);
        AssertSignInRedirect(await copy.GetAsync("/my"));
    }
}
