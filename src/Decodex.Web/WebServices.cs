using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Decodex.Core.Knowledge;
using Decodex.Core.Pgx;
using Decodex.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Decodex.Web;

/// <summary>Service registration: storage (SQLite or PostgreSQL), Identity, Data Protection, limits.</summary>
internal static class WebServices
{
    public const string SignInPolicy = "sign-in";
    public const string UploadPolicy = "upload";

    /// <summary>The address used when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c>, the HTTP(S) ports nor Kestrel endpoints are configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// The data directory: <c>Decodex:DataDirectory</c> (relative to the content root) or, by default, the
    /// user's data folder (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on
    /// Windows, <c>~/Library/Application Support</c> on macOS) + <c>decodex</c>; never inside the source tree.
    /// </summary>
    public static string DataDirectory(IConfiguration config, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config["Decodex:DataDirectory"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return userData.Length > 0
            ? Path.Combine(userData, "decodex")
            : throw new InvalidOperationException("This account has no data folder (HOME and XDG_DATA_HOME are unset); set Decodex:DataDirectory.");
    }

    /// <summary>True when nothing says where to listen, so the app binds <see cref="DefaultUrl"/> (this machine only).</summary>
    public static bool NeedsDefaultUrl(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["http_ports"]) && string.IsNullOrEmpty(config["https_ports"])
            && !config.GetSection("Kestrel:Endpoints").GetChildren().Any();
    }

    public static void Add(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var dataDirectory = DataDirectory(config, builder.Environment.ContentRootPath);
        DiskHygiene.RestrictNewFiles();
        Directory.CreateDirectory(dataDirectory);
        DiskHygiene.Protect(dataDirectory);
        DiskHygiene.RemoveOrphanedTemporaryFiles();
        builder.Services.AddSingleton(new DataDirectoryPath(dataDirectory));
        if (NeedsDefaultUrl(config))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
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
                // Lockout is short and always ends (see README): it slows guessing without letting anyone
                // shut the owner out for long; the per-address and per-account limits do the rest.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue<int?>("Decodex:LockoutMinutes") ?? 5);
                o.Lockout.AllowedForNewUsers = true;
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
            // Secure whenever the request is HTTPS, including behind a TLS proxy (X-Forwarded-Proto from a known proxy).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
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

        // Every request checks the account's security stamp: signing out, turning two-factor sign-in on or
        // off, changing the password and deleting the account end every other session at once.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        builder.Services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, StampCheckValidator>());
        builder.Services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.Events.OnMessageReceived = ValidateBearerStampAsync);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback proxies are trusted by default; Decodex:KnownProxies (comma-separated addresses) replaces them.
            if (config["Decodex:KnownProxies"] is { Length: > 0 } proxies)
            {
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
                foreach (var proxy in proxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
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
        builder.Services.AddScoped<Registration>();
        builder.Services.AddSingleton(_ => KnowledgeBaseLoader.LoadDirectory(KnowledgeDirectory(builder.Environment)).KnowledgeBase
            ?? throw new InvalidOperationException("The knowledge base beside the app is invalid; run 'decodex kb validate'."));
        builder.Services.AddSingleton(_ => PgxDataLoader.LoadEmbedded());
        builder.Services.AddMemoryCache(o => o.SizeLimit = ReportService.CacheKibibytes);
        builder.Services.AddSingleton<ReportTargets>();
        builder.Services.AddSingleton<ReportCacheOwners>();
        builder.Services.AddHostedService<Warmup>();
        builder.Services.AddScoped<ReportService>();
        // Knowledge-base search by any name: the medicine vocabulary reads brands and generics.
        builder.Services.AddSingleton(_ => Core.Medicines.MedicineVocabulary.Embedded);
        builder.Services.AddSingleton(s => new Core.Reports.MedicationResolver(s.GetRequiredService<KnowledgeBase>(), s.GetRequiredService<Core.Medicines.MedicineVocabulary>()));
        builder.Services.AddSingleton<KnowledgeSearch>();
        builder.Services.AddSingleton<TrialClock>();
        builder.Services.AddScoped<TrialService>();
        builder.Services.AddScoped<CommunityStore>();
        builder.Services.AddSingleton<Community.CommunityCache>();
        builder.Services.AddScoped<Community.CommunityService>();
        builder.Services.AddHostedService<Community.CommunityNightly>();
        builder.Services.AddSingleton(CognitiveTestLengths.From(config));
        builder.Services.AddSingleton<ProfileVocabulary>();

        // Pages are Razor components rendered on the server (no interactivity, no script).
        builder.Services.AddRazorComponents();
        builder.Services.AddProblemDetails();
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
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
        var perAddress = config.GetValue<int?>("Decodex:RequestsPerMinutePerAddress") ?? 600;
        var perAccount = config.GetValue<int?>("Decodex:RequestsPerMinutePerAccount") ?? 300;
        static FixedWindowRateLimiterOptions PerMinute(int limit) => new() { PermitLimit = limit, Window = TimeSpan.FromMinutes(1) };
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Every request counts against its address and, when signed in, against its account too.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => RateLimitPartition.GetFixedWindowLimiter(Address(c), _ => PerMinute(perAddress))),
                PartitionedRateLimiter.Create<HttpContext, string>(c => AccountId(c) is { } id
                    ? RateLimitPartition.GetFixedWindowLimiter(id, _ => PerMinute(perAccount))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
            o.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(Address(context), _ => PerMinute(signInPerMinute)));
            o.AddPolicy(UploadPolicy, context => RateLimitPartition.GetFixedWindowLimiter(AccountId(context) ?? Address(context), _ => PerMinute(uploadsPerMinute)));
        });
    }

    private static string Address(HttpContext context) => "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");

    private static string? AccountId(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "account:" + id : null;

    /// <summary>
    /// Bearer tokens carry the account's security stamp; a token whose account is gone or whose stamp has
    /// changed (sign-out, two-factor sign-in turned on or off, a new password) is refused on every request.
    /// </summary>
    private static async Task ValidateBearerStampAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket?.Principal is null)
        {
            return; // the handler refuses it
        }

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<DecodexUser>>();
        if (await signIn.ValidateSecurityStampAsync(ticket.Principal).ConfigureAwait(false) is null)
        {
            context.Fail("The token is no longer valid.");
        }
    }

    private static string KnowledgeDirectory(IWebHostEnvironment environment)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "knowledge");
        return Directory.Exists(shipped) ? shipped : Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", "knowledge"));
    }
}

/// <summary>Where the database and keys live, as resolved at start.</summary>
internal sealed record DataDirectoryPath(string Path);
