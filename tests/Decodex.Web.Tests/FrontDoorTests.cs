using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Decodex.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>Issue 12, finding 8: cookies behind a proxy, limits per account, uniform answers, recovery codes, invites, confirmations, the offline API reference, the data folder.</summary>
public sealed partial class FrontDoorTests
{
    private const string Password = "correct-horse-battery-9";

    /// <summary>Turns on two-factor sign-in through the account page; returns the key and the recovery codes shown.</summary>
    internal static async Task<(string Key, IReadOnlyList<string> Codes)> TurnOnTwoFactorAsync(WebSession session)
    {
        var account = await session.GetStringAsync("/account");
        var setup = await (await session.PostFormAsync("/account/two-factor", account)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var key = setup.Split("<code>")[1].Split("</code>")[0];
        var response = await session.PostFormAsync("/account/two-factor", setup, ("code", WebFlowTests.Totp(key)));
        var on = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {response.Headers.Location} {on}");
        return (key, [.. CodeItem().Matches(on).Select(m => m.Groups[1].Value)]);
    }

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex CodeItem();

    /// <summary>Every request comes from <paramref name="address"/>, as from a proxy there.</summary>
    private sealed class FromAddress(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static WebApplicationFactory<Program> Behind(DecodexWebFactory factory, string address) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new FromAddress(address))));

    private static async Task<string> SetCookiesAsync(WebApplicationFactory<Program> factory, bool forwardedHttps)
    {
        var session = new WebSession(factory);
        var response = await session.SendAsync(HttpMethod.Post, "/api/auth/login?useCookies=true", JsonContent.Create(new { email = "proxy@example.org", password = Password }), forwardedHttps ? [("X-Forwarded-Proto", "https")] : []);
        Assert.True(response.IsSuccessStatusCode);
        return string.Join("\n", response.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Cookies_AreSecure_BehindAKnownTlsProxyOnly()
    {
        using var factory = new DecodexWebFactory();
        await WebSession.RegisterAsync(factory, "proxy@example.org");
        using var loopback = Behind(factory, "127.0.0.1");
        using var stranger = Behind(factory, "203.0.113.9");
        using var configured = new DecodexWebFactory { Settings = { ["Decodex:KnownProxies"] = "203.0.113.9" } };
        await WebSession.RegisterAsync(configured, "proxy@example.org");
        using var configuredProxy = Behind(configured, "203.0.113.9");

        var viaLoopbackProxy = await SetCookiesAsync(loopback, forwardedHttps: true);
        var plainHttp = await SetCookiesAsync(loopback, forwardedHttps: false);
        var viaUnknownProxy = await SetCookiesAsync(stranger, forwardedHttps: true);
        var viaConfiguredProxy = await SetCookiesAsync(configuredProxy, forwardedHttps: true);

        Assert.Contains("; secure", viaLoopbackProxy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", viaLoopbackProxy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", viaLoopbackProxy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", plainHttp, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", viaUnknownProxy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", viaConfiguredProxy, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RateLimits_CountPerAccountAndPerAddress()
    {
        using var factory = new DecodexWebFactory { Settings = { ["Decodex:RequestsPerMinutePerAccount"] = "3", ["Decodex:RequestsPerMinutePerAddress"] = "20" } };
        await WebSession.RegisterAsync(factory, "limit-a@example.org");
        await WebSession.RegisterAsync(factory, "limit-b@example.org");
        using var a = factory.CreateClient();
        a.DefaultRequestHeaders.Authorization = new("Bearer", await WebSession.TokenAsync(factory, "limit-a@example.org"));
        using var b = factory.CreateClient();
        b.DefaultRequestHeaders.Authorization = new("Bearer", await WebSession.TokenAsync(factory, "limit-b@example.org"));

        var ofA = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            ofA.Add((await a.GetAsync("/api/profile", TestContext.Current.CancellationToken)).StatusCode);
        }

        var ofB = (await b.GetAsync("/api/profile", TestContext.Current.CancellationToken)).StatusCode;
        var anonymous = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            anonymous.Add((await factory.CreateClient().GetAsync("/kb", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], ofA);
        Assert.Equal(HttpStatusCode.OK, ofB);
        Assert.Contains(HttpStatusCode.TooManyRequests, anonymous);
    }

    [Fact]
    public async Task RegistrationAndSignIn_AnswerTheSame_ForKnownAndUnknownEmails()
    {
        using var factory = new DecodexWebFactory();
        await WebSession.RegisterAsync(factory, "known@example.org");
        await WebSession.RegisterAsync(factory, "locked@example.org");
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email = "locked@example.org", password = "wrong-password-123" }, TestContext.Current.CancellationToken);
        }

        async Task<(HttpStatusCode, string)> Api(string path, string email, string password)
        {
            var response = await client.PostAsJsonAsync(path, new { email, password }, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return (response.StatusCode, Regex.Replace(body, "\"traceId\":\"[^\"]*\"", string.Empty));
        }

        var registerKnown = await Api("/api/auth/register", "known@example.org", "another-long-passphrase");
        var registerNew = await Api("/api/auth/register", "new@example.org", "another-long-passphrase");
        var loginUnknown = await Api("/api/auth/login", "nobody@example.org", "wrong-password-123");
        var loginWrong = await Api("/api/auth/login", "known@example.org", "wrong-password-123");
        var loginLocked = await Api("/api/auth/login", "locked@example.org", Password);
        var pageKnown = await PageRegisterAsync(factory, "known@example.org");
        var pageNew = await PageRegisterAsync(factory, "other-new@example.org");
        var signInUnknown = await PageSignInAsync(factory, "nobody@example.org", "wrong-password-123");
        var signInWrong = await PageSignInAsync(factory, "known@example.org", "wrong-password-123");
        var signInLocked = await PageSignInAsync(factory, "locked@example.org", Password);

        Assert.Equal(HttpStatusCode.OK, registerKnown.Item1);
        Assert.Equal(registerNew, registerKnown);
        Assert.Equal(HttpStatusCode.Unauthorized, loginUnknown.Item1);
        Assert.Equal(loginUnknown, loginWrong);
        Assert.Equal(loginUnknown, loginLocked);
        Assert.Equal(pageNew.Replace("other-new@", "known@", StringComparison.Ordinal), pageKnown);
        Assert.Equal(signInUnknown, signInWrong);
        Assert.Equal(signInUnknown, signInLocked);
        Assert.NotEmpty(await WebSession.TokenAsync(factory, "known@example.org"));
    }

    [Fact]
    public async Task Lockout_IsShortAndEnds()
    {
        using var factory = new DecodexWebFactory();
        await WebSession.RegisterAsync(factory, "lockout@example.org");
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email = "lockout@example.org", password = "wrong-password-123" }, TestContext.Current.CancellationToken);
        }

        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DecodexUser>>();
        var user = (await users.FindByEmailAsync("lockout@example.org"))!;

        Assert.True(await users.IsLockedOutAsync(user));
        Assert.InRange(user.LockoutEnd!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task RecoveryCodes_ShownWhenTwoFactorIsTurnedOn_SignInOnceEach()
    {
        using var factory = new DecodexWebFactory();
        await WebSession.RegisterAsync(factory, "recovery@example.org");
        var session = new WebSession(factory);
        await session.SignInWithCookieAsync("recovery@example.org");

        var (_, codes) = await TurnOnTwoFactorAsync(session);
        var withoutCode = await PageSignInAsync(factory, "recovery@example.org", Password);
        var first = await PageSignInAsync(factory, "recovery@example.org", Password, codes[0]);
        var again = await PageSignInAsync(factory, "recovery@example.org", Password, codes[0]);
        var second = await PageSignInAsync(factory, "recovery@example.org", Password, codes[1]);

        Assert.Equal(10, codes.Count);
        Assert.Contains("enter the code from your authenticator app", withoutCode, StringComparison.Ordinal);
        Assert.Equal("signed in", first);
        Assert.NotEqual("signed in", again);
        Assert.Equal("signed in", second);
        Assert.DoesNotContain(codes[2], await session.GetStringAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_ClosedAfterTheOwner_OpenedByASingleUseInvite()
    {
        using var factory = new DecodexWebFactory { Settings = { ["Decodex:Registration"] = "owner-only" } };
        var owner = new WebSession(factory);
        var registerPage = await owner.GetStringAsync("/account/register");
        var ownerCreated = await owner.PostFormAsync("/account/register", registerPage, ("email", "owner@example.org"), ("password", Password));
        using var api = factory.CreateClient();

        var closedPage = await factory.CreateClient().GetStringAsync("/account/register", TestContext.Current.CancellationToken);
        var closedApi = await api.PostAsJsonAsync("/api/auth/register", new { email = "guest@example.org", password = Password }, TestContext.Current.CancellationToken);
        var account = await owner.GetStringAsync("/account");
        var invitePage = await (await owner.PostFormAsync("/account/invite", account)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var code = Regex.Match(invitePage, "invite=([0-9a-f]+)").Groups[1].Value;
        var guest = new WebSession(factory);
        var guestForm = await guest.GetStringAsync($"/account/register?invite={code}");
        var guestCreated = await (await guest.PostFormAsync("/account/register", guestForm, ("invite", code), ("email", "guest@example.org"), ("password", Password))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var reused = await api.PostAsJsonAsync($"/api/auth/register?invite={code}", new { email = "third@example.org", password = Password }, TestContext.Current.CancellationToken);
        var guestAccount = await SignedInAccountPageAsync(factory, "guest@example.org");

        Assert.Equal(HttpStatusCode.Redirect, ownerCreated.StatusCode);
        Assert.Contains("Registration is closed", closedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, closedApi.StatusCode);
        Assert.Equal(32, code.Length);
        Assert.Contains("name=\"invite\"", guestForm, StringComparison.Ordinal);
        Assert.Contains("it has one now", guestCreated, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, reused.StatusCode);
        Assert.DoesNotContain("Create an invite link", guestAccount, StringComparison.Ordinal);
        Assert.Contains("Create an invite link", account, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_PastItsExpiry_OpensNothing()
    {
        using var factory = new DecodexWebFactory { Settings = { ["Decodex:Registration"] = "owner-only" } };
        var owner = new WebSession(factory);
        var registerPage = await owner.GetStringAsync("/account/register");
        await owner.PostFormAsync("/account/register", registerPage, ("email", "expiry-owner@example.org"), ("password", Password));
        var account = await owner.GetStringAsync("/account");
        var invitePage = await (await owner.PostFormAsync("/account/invite", account)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var code = Regex.Match(invitePage, "invite=([0-9a-f]+)").Groups[1].Value;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DecodexDbContext>();
            foreach (var token in db.UserTokens.Where(t => t.LoginProvider == "Decodex.Invite"))
            {
                token.Value = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var api = factory.CreateClient();
        var page = await factory.CreateClient().GetStringAsync($"/account/register?invite={code}", TestContext.Current.CancellationToken);
        var registered = await api.PostAsJsonAsync($"/api/auth/register?invite={code}", new { email = "late@example.org", password = Password }, TestContext.Current.CancellationToken);

        Assert.Equal(32, code.Length);
        Assert.Contains("Registration is closed", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, registered.StatusCode);
    }

    [Fact]
    public async Task Deletes_NeedTheConfirmationBox()
    {
        using var factory = new DecodexWebFactory();
        await WebSession.RegisterAsync(factory, "confirm@example.org");
        var session = new WebSession(factory);
        await session.SignInWithCookieAsync("confirm@example.org");
        var uploaded = await session.SendAsync(HttpMethod.Post, "/api/uploads/labs", Labs(), ("X-Decodex-Csrf", "1"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);

        var my = await session.GetStringAsync("/my");
        var deleteUpload = Regex.Match(my, "action=\"(/my/uploads/[^\"]+/delete)\"").Groups[1].Value;
        var uploadUnconfirmed = await session.PostFormAsync(deleteUpload, my);
        var account = await session.GetStringAsync("/account");
        var dataUnconfirmed = await session.PostFormAsync("/account/delete-data", account);
        var accountUnconfirmed = await session.PostFormAsync("/account/delete", account);
        var stillThere = await session.GetStringAsync("/api/uploads");
        var dataConfirmed = await session.PostFormAsync("/account/delete-data", account, ("confirm", "yes"));
        var gone = await session.GetStringAsync("/api/uploads");

        Assert.Contains("name=\"confirm\" type=\"checkbox\" value=\"yes\" required", my, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, uploadUnconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, dataUnconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, accountUnconfirmed.StatusCode);
        Assert.Contains("labs.csv", stillThere, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, dataConfirmed.StatusCode);
        Assert.Equal("[]", gone);
    }

    [Fact]
    public async Task ApiReference_LoadsNothingFromElsewhere()
    {
        using var factory = new DecodexWebFactory();
        using var client = factory.CreateClient();

        var docs = await client.GetAsync("/api/docs", TestContext.Current.CancellationToken);
        var html = await docs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var starter = await client.GetStringAsync("/api-docs.js", TestContext.Current.CancellationToken);
        var sources = Regex.Matches(html, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("/", s, StringComparison.Ordinal));
        Assert.All(sources, s => Assert.False(s.StartsWith("//", StringComparison.Ordinal), s));
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", starter, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("withDefaultFonts: false", starter, StringComparison.Ordinal);
        Assert.Contains("telemetry: false", starter, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reference/scalar.js", TestContext.Current.CancellationToken)).StatusCode);
        var csp = string.Join(";", docs.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("http", csp, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("font-src 'self' data:", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public void DataDirectory_DefaultsToTheUsersDataFolder_NotTheSourceTree()
    {
        var empty = new ConfigurationBuilder().Build();
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Decodex:DataDirectory"] = "elsewhere" }).Build();
        var root = Path.Combine(Path.GetTempPath(), "content-root");

        var byDefault = WebServices.DataDirectory(empty, root);

        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "decodex"), byDefault);
        Assert.False(byDefault.StartsWith(root, StringComparison.Ordinal));
        Assert.False(byDefault.StartsWith(Decodex.Testing.RepositoryPaths.Root, StringComparison.Ordinal));
        Assert.Equal(Path.Combine(root, "elsewhere"), WebServices.DataDirectory(configured, root));
    }

    [Fact]
    public void Urls_FromTheCommandLineOrEnvironment_AreNotOverridden()
    {
        static bool Default(params (string Key, string Value)[] settings) =>
            WebServices.NeedsDefaultUrl(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

        Assert.True(Default());
        Assert.False(Default(("urls", "http://0.0.0.0:8080")));
        Assert.False(Default(("http_ports", "8080")));
        Assert.False(Default(("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:9000")));
    }

    private static MultipartFormDataContent Labs()
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(File.ReadAllBytes(Path.Combine(Decodex.Testing.RepositoryPaths.Root, "samples", "labs.csv"))), "file", "labs.csv");
        return content;
    }

    private static async Task<string> PageRegisterAsync(WebApplicationFactory<Program> factory, string email)
    {
        var session = new WebSession(factory);
        var page = await session.GetStringAsync("/account/register");
        var response = await session.PostFormAsync("/account/register", page, ("email", email), ("password", "another-long-passphrase"));
        return MainPart(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>"signed in", or the main part of the page the sign-in answered with.</summary>
    private static async Task<string> PageSignInAsync(WebApplicationFactory<Program> factory, string email, string password, string? code = null)
    {
        var session = new WebSession(factory);
        var page = await session.GetStringAsync("/account/sign-in");
        var response = await session.PostFormAsync("/account/sign-in", page, [("email", email), ("password", password), .. code is null ? Array.Empty<(string, string)>() : [("code", code)]]);
        return response.StatusCode == HttpStatusCode.Redirect ? "signed in" : MainPart(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<string> SignedInAccountPageAsync(WebApplicationFactory<Program> factory, string email)
    {
        var session = new WebSession(factory);
        var page = await session.GetStringAsync("/account/sign-in");
        var response = await session.PostFormAsync("/account/sign-in", page, ("email", email), ("password", Password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await session.GetStringAsync("/account");
    }

    /// <summary>The page without its form's per-request antiforgery token.</summary>
    private static string MainPart(string html) => Regex.Replace(html, "name=\"__RequestVerificationToken\" value=\"[^\"]*\"", string.Empty);
}
