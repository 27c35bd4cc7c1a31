using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Decodex.Web.Tests;

/// <summary>
/// A browser session kept by hand: its own cookies, no automatic redirects, so a test can copy a
/// session (a stolen cookie) and see exactly what the app answers.
/// </summary>
internal sealed class WebSession
{
    private readonly HttpClient _client;

    public WebSession(WebApplicationFactory<Program> factory) =>
        _client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    public Dictionary<string, string> Cookies { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The same cookies in a second session, as if copied from this one.</summary>
    public WebSession Copy(WebApplicationFactory<Program> factory) => new(factory) { Cookies = new(Cookies, StringComparer.Ordinal) };

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    Cookies.Remove(name);
                }
                else
                {
                    Cookies[name] = value;
                }
            }
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public async Task<string> GetStringAsync(string url) => await (await GetAsync(url)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    /// <summary>Posts a page form with the antiforgery token of <paramref name="page"/>.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, string page, params (string Name, string Value)[] fields) =>
        SendAsync(HttpMethod.Post, url, WebFlowTests.Form(page, fields));

    /// <summary>Signs in through the API with a cookie (<c>useCookies=true</c>).</summary>
    public async Task SignInWithCookieAsync(string email, string password = "correct-horse-battery-9")
    {
        var response = await SendAsync(HttpMethod.Post, "/api/auth/login?useCookies=true", JsonContent.Create(new { email, password }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Registers through the API (registration must be open or this the first account).</summary>
    public static async Task RegisterAsync(WebApplicationFactory<Program> factory, string email, string password = "correct-horse-battery-9")
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password }, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A bearer token from the API sign-in.</summary>
    public static async Task<string> TokenAsync(WebApplicationFactory<Program> factory, string email, string password = "correct-horse-battery-9")
    {
        using var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }
}
