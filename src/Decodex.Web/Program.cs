using Decodex.Storage;
using Microsoft.AspNetCore.Authentication;
using Decodex.Web;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
WebServices.Add(builder);
var app = builder.Build();

// The database is created or migrated on start; SQLite needs nothing else.
using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DecodexDbContext>().Database.MigrateAsync().ConfigureAwait(false);
}

// Behind a TLS proxy (a known one: loopback unless Decodex:KnownProxies says otherwise) the request is
// seen as HTTPS, so cookies are marked Secure; the client address is the one the proxy saw.
app.UseForwardedHeaders();
Console.WriteLine("Decodex data directory: " + app.Services.GetRequiredService<DataDirectoryPath>().Path);
app.UseExceptionHandler();

// Data sealed with a user's key that is not unlocked (the server restarted, or the key was idle too
// long): the API answers 401, pages sign out and ask for the password, which unlocks it again.
app.Use(async (context, next) =>
{
    try
    {
        await next(context).ConfigureAwait(false);
    }
    catch (DataLockedException) when (!context.Response.HasStarted)
    {
        context.Response.Clear();
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { title = "Your data is locked: sign in again with your password to unlock it." }).ConfigureAwait(false);
        }
        else
        {
            await context.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme).ConfigureAwait(false);
            context.Response.Redirect("/account/sign-in?locked=1");
        }
    }
});
// A bare 404 on a page is the not-found page in the layout; the API's status codes stay ProblemDetails.
app.UseStatusCodePages(StatusPages.HandleAsync);
app.Use(async (context, next) =>
{
    var headers = context.Response.Headers;
    // No inline script anywhere (/api/docs starts the API reference from a file) but the one that starts the
    // API reference at /api/reference, which carries a fresh nonce the policy names.
    headers.ContentSecurityPolicy = ContentSecurity.Policy(null);
    context.Response.OnStarting(() =>
    {
        if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurity.Policy(nonce);
        }

        return Task.CompletedTask;
    });
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers["Referrer-Policy"] = "no-referrer";
    await next(context).ConfigureAwait(false);
});
app.Use(async (context, next) =>
{
    // Cookie-authenticated API calls that change data need a header no foreign page can send.
    if (ApiSecurity.IsForgeable(context.Request))
    {
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: $"API calls with the sign-in cookie that change data need the {ApiSecurity.CsrfHeader} header (any value), or use a bearer token.").ExecuteAsync(context).ConfigureAwait(false);
        return;
    }

    await next(context).ConfigureAwait(false);
});
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapOpenApi("/api/openapi.json");
// The reference works offline: its script is the package's (served under /api/reference), no fonts from a CDN,
// no telemetry, no cloud client, developer-tools, AI agent or MCP buttons, no request proxy.
app.MapScalarApiReference("/api/reference", o =>
{
    o.WithOpenApiRoutePattern("/api/openapi.json").WithTitle("Decodex API");
    o.DefaultFonts = false;
    o.Telemetry = false;
    o.HideClientButton = true;
    o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
    o.Agent = new ScalarAgentOptions { Disabled = true };
    o.Mcp = new ScalarMcpOptions { Disabled = true };
    o.DynamicNonce = true;
});
app.MapGet("/api/docs", () => Results.Content(
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Decodex API</title></head><body><div id=\"app\"></div><script src=\"/api/reference/scalar.js\"></script><script src=\"/api-docs.js\"></script></body></html>",
    "text/html; charset=utf-8")).ExcludeFromDescription();
app.MapGroup("/api/auth").MapIdentityApi<DecodexUser>().AddEndpointFilter(ApiSecurity.AuthFilterAsync).RequireRateLimiting(WebServices.SignInPolicy);
ApiEndpoints.Map(app);
PageEndpoints.Map(app);
GenomeEndpoints.Map(app);
MyEndpoints.Map(app);
TrialEndpoints.Map(app);
Decodex.Web.Community.CommunityEndpoints.Map(app);
app.MapRazorComponents<Decodex.Web.Components.App>();

await app.RunAsync().ConfigureAwait(false);

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
