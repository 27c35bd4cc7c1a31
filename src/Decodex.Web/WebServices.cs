using System.Threading.RateLimiting;
using Decodex.Core.Knowledge;
using Decodex.Core.Pgx;
using Decodex.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Decodex.Web;

/// <summary>Service registration: storage (SQLite or PostgreSQL), Identity, Data Protection, limits.</summary>
internal static class WebServices
{
    public const string SignInPolicy = "sign-in";
    public const string UploadPolicy = "upload";

    public static void Add(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var dataDirectory = Path.GetFullPath(config["Decodex:DataDirectory"] ?? "decodex-data", builder.Environment.ContentRootPath);
        DiskHygiene.RestrictNewFiles();
        Directory.CreateDirectory(dataDirectory);
        DiskHygiene.Protect(dataDirectory);
        DiskHygiene.RemoveOrphanedTemporaryFiles();
        var maxUpload = (long)(config.GetValue<int?>("Decodex:MaxUploadMegabytes") ?? 300) * 1024 * 1024;

        if (string.Equals(config["Decodex:Database"], "postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connection = config.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Decodex:Database is postgres but ConnectionStrings:Postgres is empty.");
            }

            builder.Services.AddDbContext<PostgresDecodexDbContext>(o => o.UseNpgsql(connection));
            builder.Services.AddScoped<DecodexDbContext>(s => s.GetRequiredService<PostgresDecodexDbContext>());
        }
        else
        {
            var connection = config.GetConnectionString("Sqlite") is { Length: > 0 } c ? c : $"Data Source={Path.Combine(dataDirectory, "decodex.db")}";
            builder.Services.AddDbContext<SqliteDecodexDbContext>(o => o.UseSqlite(connection));
            builder.Services.AddScoped<DecodexDbContext>(s => s.GetRequiredService<SqliteDecodexDbContext>());
        }

        builder.Services.AddDataProtection()
            .SetApplicationName("Decodex")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        builder.Services.AddAuthorization();
        builder.Services.AddIdentityApiEndpoints<DecodexUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): a long passphrase, no forced symbols.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<DecodexDbContext>()
            .AddSignInManager<DataKeySignInManager>()
            .AddUserManager<DataKeyUserManager>();
        builder.Services.AddSingleton<UserKeyRing>();
        builder.Services.AddSingleton<PendingRecoveryKeys>();
        builder.Services.AddScoped<UserKeys>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Events.OnRedirectToLogin = context =>
            {
                // The API answers 401; pages redirect to the sign-in page.
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }

                return Task.CompletedTask;
            };
        });

        builder.Services.AddScoped<DecodexStore>();

        // What one upload may expand to, hold and store: tighter than the command line's defaults, each settable.
        var web = Core.ReadLimits.Web;
        builder.Services.AddSingleton(web with
        {
            MaxExpandedBytes = (config.GetValue<long?>("Decodex:Limits:MaxExpandedMegabytes") ?? web.MaxExpandedBytes / (1024 * 1024)) * 1024 * 1024,
            MaxCompressionRatio = config.GetValue<int?>("Decodex:Limits:MaxCompressionRatio") ?? web.MaxCompressionRatio,
            MaxNestingDepth = config.GetValue<int?>("Decodex:Limits:MaxNestingDepth") ?? web.MaxNestingDepth,
            MaxGenomeRows = config.GetValue<int?>("Decodex:Limits:MaxGenomeRows") ?? web.MaxGenomeRows,
            MaxLabFileBytes = (config.GetValue<long?>("Decodex:Limits:MaxLabFileMegabytes") ?? web.MaxLabFileBytes / (1024 * 1024)) * 1024 * 1024,
            MaxLabResults = config.GetValue<int?>("Decodex:Limits:MaxLabResults") ?? web.MaxLabResults,
        });
        builder.Services.AddSingleton(_ => KnowledgeBaseLoader.LoadDirectory(KnowledgeDirectory(builder.Environment)).KnowledgeBase
            ?? throw new InvalidOperationException("The knowledge base beside the app is invalid; run 'decodex kb validate'."));
        builder.Services.AddSingleton(_ => PgxDataLoader.LoadEmbedded());
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ReportService>();
        builder.Services.AddProblemDetails();
        builder.Services.AddAntiforgery();
        builder.Services.AddOpenApi();
        builder.Services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = maxUpload;

            // Uploads are held in memory, never buffered to a temporary file in clear.
            o.MemoryBufferThreshold = (int)Math.Min(maxUpload, int.MaxValue);
        });
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = maxUpload);
        var signInPerMinute = config.GetValue<int?>("Decodex:SignInPerMinute") ?? 10;
        var uploadsPerMinute = config.GetValue<int?>("Decodex:UploadsPerMinute") ?? 20;
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(UploadPolicy, context => RateLimitPartition.GetFixedWindowLimiter(context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions { PermitLimit = uploadsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
    }

    private static string KnowledgeDirectory(IWebHostEnvironment environment)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "knowledge");
        return Directory.Exists(shipped) ? shipped : Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", "knowledge"));
    }
}
