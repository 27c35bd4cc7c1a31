using Decodex.Storage;
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

app.UseExceptionHandler();
app.UseStatusCodePages();
app.Use(async (context, next) =>
{
    var headers = context.Response.Headers;
    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference", StringComparison.Ordinal)
        ? "default-src 'self' https://cdn.jsdelivr.net; script-src 'self' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data:; frame-ancestors 'none'"
        : "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers["Referrer-Policy"] = "no-referrer";
    await next(context).ConfigureAwait(false);
});
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapOpenApi("/api/openapi.json");
app.MapScalarApiReference("/api/reference", o => o.WithOpenApiRoutePattern("/api/openapi.json").WithTitle("Decodex API"));
app.MapGroup("/api/auth").MapIdentityApi<DecodexUser>().RequireRateLimiting(WebServices.SignInPolicy);
ApiEndpoints.Map(app);
PageEndpoints.Map(app);

await app.RunAsync().ConfigureAwait(false);

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
