using System.Security.Claims;
using System.Text.Json;
using Decodex.Core;
using Decodex.Core.Genomics;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Core.Monographs;
using Decodex.Core.Reports;
using Decodex.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Decodex.Web;

/// <summary>The REST API under <c>/api</c>: the knowledge base (public), and the signed-in user's own data (cookie or bearer).</summary>
internal static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        var kb = app.MapGroup("/api/kb").WithTags("Knowledge base");
        kb.MapGet("/compounds", (KnowledgeBase k, string? q) => k.Compounds
            .Where(c => q is null || c.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || c.Synonyms.Any(s => s.Contains(q, StringComparison.OrdinalIgnoreCase)))
            .Select(c => new CompoundSummary(c.Id, c.Name, TermText.Of(c.Kind), c.ClassIds, c.IsImported ? "label" : "curated")));
        kb.MapGet("/compounds/{id}", (KnowledgeBase k, string id) => k.Compound(id) is { } c
            ? Results.Text(MonographJson.Render(MonographDocument.Create(k, c)), "application/json")
            : Results.Problem(statusCode: 404, title: "No such compound."));

        var me = app.MapGroup("/api").RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme).RequireAuthenticatedUser()).DisableAntiforgery().WithTags("My data");

        // A token outlives a deleted account; the account must still exist for every request.
        me.AddEndpointFilter(async (context, next) =>
        {
            var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<DecodexUser>>();
            return await users.GetUserAsync(context.HttpContext.User).ConfigureAwait(false) is null
                ? Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The account no longer exists.")
                : await next(context).ConfigureAwait(false);
        });
        me.MapGet("/profile", async (ClaimsPrincipal user, DecodexStore store, CancellationToken cancel) =>
            await store.GetProfileAsync(Owner(user), cancel) is { } p ? Results.Ok(ProfileDto.From(p)) : Results.Ok(new ProfileDto(null, null, [], [], [])));
        me.MapGet("/account/recovery-key", (ClaimsPrincipal user, PendingRecoveryKeys pending) =>
            pending.Take(Owner(user)) is { } key ? Results.Ok(new { recoveryKey = key }) : Results.Problem(statusCode: 404, title: "No recovery key is waiting to be shown; POST here to make a new one."));
        me.MapPost("/account/recovery-key", async (ClaimsPrincipal user, UserKeys keys, CancellationToken cancel) =>
            await keys.NewRecoveryKeyAsync(Owner(user), cancel) is { } key ? Results.Ok(new { recoveryKey = key }) : throw new DataLockedException());
        me.MapPut("/profile", async (ClaimsPrincipal user, ProfileDto body, DecodexStore store, KnowledgeBase k, ReportService reports, CancellationToken cancel) =>
        {
            if (body.Sex is not (null or "female" or "male"))
            {
                return Results.Problem(statusCode: 400, title: "sex must be female, male or null.");
            }

            if (body.Pregnant is not (null or "yes" or "no") || body.Breastfeeding is not (null or "yes" or "no"))
            {
                return Results.Problem(statusCode: 400, title: "pregnant and breastfeeding must be yes, no or null.");
            }

            if (body.Ancestry is not null && Core.Pgx.Calling.PgxFrequencies.ResolveGroup(body.Ancestry) is null)
            {
                return Results.Problem(statusCode: 400, title: $"ancestry must be null or one of CPIC's biogeographic groups: {string.Join(", ", Core.Pgx.Calling.PgxFrequencies.Groups)}.");
            }

            // Ids in any letter case, kept as the knowledge base spells them (which is how the pages compare them).
            Core.Knowledge.Compound? Followed(string? id) => id is null ? null : k.Compound(id) ?? k.Compounds.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
            if (body.Following is { } following && following.Any(id => Followed(id) is null))
            {
                return Results.Problem(statusCode: 400, title: "following lists knowledge-base compound ids (GET /api/kb/compounds); one of them is not one.");
            }

            var normalised = body with { Following = body.Following?.Select(id => Followed(id)!.Id).ToList() };
            var saved = await store.SaveProfileAsync(Owner(user), p => normalised.Apply(p), cancel);
            await reports.PrepareAsync(Owner(user), cancel);
            return Results.Ok(ProfileDto.From(saved));
        });
        me.MapGet("/uploads", async (ClaimsPrincipal user, DecodexStore store, CancellationToken cancel) =>
            (await store.ListUploadsAsync(Owner(user), cancel)).Select(UploadDto.From));
        me.MapGet("/uploads/{id:guid}", async (ClaimsPrincipal user, Guid id, DecodexStore store, CancellationToken cancel) =>
            (await store.ListUploadsAsync(Owner(user), cancel)).FirstOrDefault(u => u.Id == id) is { } u ? Results.Ok(UploadDto.From(u)) : Results.Problem(statusCode: 404, title: "No such upload."));
        me.MapDelete("/uploads/{id:guid}", async (ClaimsPrincipal user, Guid id, DecodexStore store, CancellationToken cancel) =>
            await store.DeleteUploadAsync(Owner(user), id, cancel) ? Results.NoContent() : Results.Problem(statusCode: 404, title: "No such upload."));
        me.MapPost("/uploads/{kind}", async (ClaimsPrincipal user, string kind, IFormFile file, DecodexStore store, KnowledgeBase k, ReadLimits limits, ReportService reports, ReportTargets targets, CancellationToken cancel) =>
        {
            var (upload, problem) = await UploadAsync(Owner(user), kind, file, store, k, limits, reports, targets, cancel);
            return upload is null ? Results.Problem(statusCode: 422, title: problem) : Results.Created($"/api/uploads/{upload.Id}", UploadDto.From(upload));
        }).RequireRateLimiting(WebServices.UploadPolicy);
        // Reading a report changes nothing; saving one (kept with the data, in the export) is an explicit POST.
        me.MapGet("/report/{compound}", (ClaimsPrincipal user, string compound, [FromQuery] string? format, KnowledgeBase k, ReportService reports, DecodexStore store, CancellationToken cancel) =>
            ReportAsync(Owner(user), compound, format, save: false, k, reports, store, cancel));
        me.MapPost("/report/{compound}", (ClaimsPrincipal user, string compound, [FromQuery] string? format, KnowledgeBase k, ReportService reports, DecodexStore store, CancellationToken cancel) =>
            ReportAsync(Owner(user), compound, format, save: true, k, reports, store, cancel));
        me.MapGet("/account/export", async (ClaimsPrincipal user, DecodexStore store, CancellationToken cancel) =>
            Results.File(await store.ExportAsync(Owner(user), cancel), "application/zip", "decodex-export.zip"));
        me.MapDelete("/account/data", async (ClaimsPrincipal user, DecodexStore store, CancellationToken cancel) =>
        {
            await store.DeleteAllDataAsync(Owner(user), cancel);
            return Results.NoContent();
        });
        me.MapDelete("/account", async (ClaimsPrincipal user, UserManager<DecodexUser> users, CancellationToken cancel) =>
        {
            var account = await users.GetUserAsync(user);
            if (account is null)
            {
                return Results.Problem(statusCode: 404, title: "No such account.");
            }

            // Profile, uploads and reports cascade with the account.
            var result = await users.DeleteAsync(account);
            return result.Succeeded ? Results.NoContent() : Results.Problem(statusCode: 500, title: "The account could not be deleted.");
        });
    }

    private static async Task<IResult> ReportAsync(string owner, string compound, string? format, bool save, KnowledgeBase k, ReportService reports, DecodexStore store, CancellationToken cancel)
    {
        if (k.Compound(compound) is null)
        {
            return Results.Problem(statusCode: 404, title: "No such compound.");
        }

        var (report, issues) = await reports.BuildAsync(owner, [compound], cancel);
        if (report is null)
        {
            return Results.Problem(statusCode: 422, title: "The profile cannot be used.", detail: string.Join(" ", issues.Select(i => i.Code + ": " + i.Message)));
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(report, WebJson.Options);
        if (save)
        {
            await store.AddReportAsync(owner, compound, report.Compounds[0].Verdict, json, cancel);
        }

        return format switch
        {
            "pdf" => Results.File(ReportPdf.Render(report), "application/pdf", $"decodex-{compound}.pdf"),
            "html" => Results.Content(ReportHtml.Render(report), "text/html; charset=utf-8"),
            _ => Results.Bytes(json, "application/json"),
        };
    }

    /// <summary>The results of a lab file as stored rows, each with its catalogue marker id.</summary>
    public static IEnumerable<StoredLabResult> Stored(IEnumerable<LabResult> results, KnowledgeBase knowledgeBase)
    {
        var catalogue = new LabCatalogue(knowledgeBase);
        return results.Select(r => new StoredLabResult(r.Date, r.DateOnly, r.TestName, r.Loinc, r.Value.Number, TermText.Of(r.Value.Comparator), r.Unit, r.RangeLow, r.RangeHigh, r.Flag, catalogue.Find(r.Loinc, r.TestName)?.Id, r.Source));
    }

    /// <summary>A stored row back as a lab result for interpretation.</summary>
    public static LabResult Restore(StoredLabResult r) => new()
    {
        Date = r.Date,
        DateOnly = r.DateOnly,
        TestName = r.TestName,
        Loinc = r.Loinc,
        Value = new LabValue(r.Value, Enum.TryParse<LabComparator>(r.Comparator.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var c) ? c : LabComparator.Equal),
        Unit = r.Unit,
        RangeLow = r.RangeLow,
        RangeHigh = r.RangeHigh,
        Flag = r.Flag,
        Source = r.Source,
    };

    public static string Owner(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authenticated user without an id.");

    /// <summary>
    /// An upload's name as a label only: the last segment of whatever the client sent, without control
    /// characters, at most 200 characters. It is shown and used in issues, never used as a path.
    /// </summary>
    public static string DisplayName(string? fileName)
    {
        var last = (fileName ?? string.Empty).Split('/', '\\')[^1];
        var clean = new string([.. last.Where(c => !char.IsControl(c))]).Trim();
        clean = clean.Length > 200 ? clean[..200] : clean;
        return clean.Length == 0 || clean is "." or ".." ? "upload" : clean;
    }

    /// <summary>
    /// Reads the file with the Decodex readers first, within the server's <paramref name="limits"/>; only an
    /// accepted file is stored (one insert). The upload is held once, as the bytes that are stored: the
    /// readers stream from them (genome) or parse them in place (FHIR JSON), so peak memory is about the
    /// file, its encrypted copy and what the reader keeps (bounded by the row limits).
    /// </summary>
    /// <remarks>
    /// <paramref name="kind"/> is <c>genome</c>, <c>labs</c>, or null, empty or <c>auto</c> to tell it from
    /// the file's first bytes (<see cref="UploadKindDetector"/>); a file that says neither is refused with
    /// <see cref="UploadKindDetector.Undecided"/>.
    /// </remarks>
    public static async Task<(UploadEntity? Upload, string Problem)> UploadAsync(string owner, string? kind, IFormFile? file, DecodexStore store, KnowledgeBase knowledgeBase, ReadLimits limits, ReportService reports, ReportTargets targets, CancellationToken cancel)
    {
        // At most ConcurrentUploads files are read at once; others wait their turn. Memory for uploads is
        // then bounded by that count times one upload's peak, whatever the number of users.
        (UploadEntity? Upload, string Problem) result;
        await UploadGate.WaitAsync(cancel);
        try
        {
            result = await ReadAndStoreAsync(owner, kind, file, store, knowledgeBase, limits, reports, targets, cancel);
        }
        finally
        {
            UploadGate.Release();
        }

        if (result.Upload is not null)
        {
            await reports.PrepareAsync(owner, cancel);
        }

        return result;
    }

    /// <summary>How many uploads are read at the same time (the rest queue).</summary>
    public const int ConcurrentUploads = 2;

    private static readonly SemaphoreSlim UploadGate = new(ConcurrentUploads);

    private static async Task<(UploadEntity? Upload, string Problem)> ReadAndStoreAsync(string owner, string? kind, IFormFile? file, DecodexStore store, KnowledgeBase knowledgeBase, ReadLimits limits, ReportService reports, ReportTargets targets, CancellationToken cancel)
    {
        if (file is null || file.Length == 0)
        {
            return (null, "No file was sent.");
        }

        if (kind is not (null or "" or "auto" or "genome" or "labs"))
        {
            return (null, "The kind must be genome, labs or auto.");
        }

        var head = new byte[(int)Math.Min(file.Length, UploadKindDetector.SampleBytes)];
        await using (var peek = file.OpenReadStream())
        {
            await peek.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancel);
        }

        var detected = UploadKindDetector.Detect(head) switch
        {
            UploadKind.Genome => "genome",
            UploadKind.Labs => "labs",
            _ => null,
        };
        if (kind is null or "" or "auto")
        {
            kind = detected;
            if (kind is null)
            {
                return (null, UploadKindDetector.Undecided);
            }
        }
        else if (detected is not null && detected != kind && UploadKindDetector.IsPlainText(head))
        {
            // A file chosen as one kind whose text plainly is the other: said so, rather than the reader's
            // own refusal of a file it was never meant to read.
            return (null, UploadKindDetector.Mismatch(detected));
        }

        if (kind == "labs" && file.Length > limits.MaxLabFileBytes)
        {
            // Refused before a byte is read; the message is the reader's own.
            var refused = LabImport.TooLarge(DisplayName(file.FileName), limits);
            return (null, "The lab file was refused: " + string.Join(" ", refused.Issues.Select(i => i.ToString())));
        }

        if (file.Length > Array.MaxLength)
        {
            return (null, "The file is larger than one upload may be.");
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)file.Length);
        await using (var upload = file.OpenReadStream())
        {
            await upload.ReadExactlyAsync(bytes, cancel);
        }

        if (kind == "genome")
        {
            // The profile's stated sex wins over the one inferred from the data (X calls, G6PD), as in reports.
            var statedSex = ReportService.StatedSex(await store.GetProfileAsync(owner, cancel));

            // Reading is CPU-heavy (a consumer array is about a second): it runs below the priority of page requests.
            var read = await BackgroundCpu.Shared.RunAsync(
                () =>
                {
                    using var stream = new MemoryStream(bytes, writable: false);
                    return GenomeReader.Read(stream, new GenomeReadOptions { Limits = limits, Targets = targets.Read, StatedSex = statedSex });
                },
                cancel);
            if (read.Genome is null)
            {
                return (null, "The genome reader refused the file: " + string.Join(" ", read.Issues.Where(i => i.Severity == Core.IssueSeverity.Error).Select(i => $"{i.Code}: {i.Message}")));
            }

            var summary = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{read.Format?.DisplayName}, {GenomeBuildText.Of(read.Build?.Build ?? GenomeBuild.Unknown)}, {read.Genome.Counts.Variants:N0} variants, {read.Genome.Counts.Called:N0} called");
            var stored = await store.AddUploadAsync(owner, UploadKind.Genome, DisplayName(file.FileName), bytes, summary, cancel: cancel);
            await reports.RememberAsync(stored, read, statedSex, cancel);
            return (stored, string.Empty);
        }

        var import = await BackgroundCpu.Shared.RunAsync(() => LabImport.Read(bytes, DisplayName(file.FileName), limits), cancel);
        if (import.Refused)
        {
            return (null, "The lab file was refused: " + string.Join(" ", import.Issues.Where(i => i.Severity == Core.IssueSeverity.Error).Take(5).Select(i => i.ToString())));
        }

        var labSummary = $"{import.Format}, {import.Results.Count} results";
        var storedLabs = await store.AddUploadAsync(owner, UploadKind.Labs, DisplayName(file.FileName), bytes, labSummary, Stored(import.Results, knowledgeBase), cancel);
        reports.Remember(storedLabs, import);
        return (storedLabs, string.Empty);
    }
}

internal sealed record CompoundSummary(string Id, string Name, string Kind, IReadOnlyList<string> Classes, string Layer);

internal sealed record UploadDto(Guid Id, string Kind, string FileName, long Size, DateTimeOffset Created, string Summary)
{
    public static UploadDto From(UploadEntity u) => new(u.Id, u.Kind == UploadKind.Genome ? "genome" : "labs", u.FileName, u.Size, u.Created, u.Summary);
}

internal sealed record ProfileDto(string? Sex, DateOnly? BirthDate, IReadOnlyList<string> Conditions, IReadOnlyList<string> Medications, IReadOnlyList<string> Goals)
{
    /// <summary><c>yes</c>, <c>no</c> or null (not stated).</summary>
    public string? Pregnant { get; init; }

    /// <summary><c>yes</c>, <c>no</c> or null (not stated).</summary>
    public string? Breastfeeding { get; init; }

    public IReadOnlyList<string>? Allergies { get; init; }

    /// <summary>One of CPIC's biogeographic groups (any letter case), or null (not stated).</summary>
    public string? Ancestry { get; init; }

    /// <summary>Knowledge-base ids of the compounds whose verdicts the dashboard shows; left as they are when omitted.</summary>
    public IReadOnlyList<string>? Following { get; init; }

    /// <summary>Whether the APOE result is shown (the genome page, every report); left as it is when omitted.</summary>
    public bool? ShowApoe { get; init; }

    /// <summary>
    /// The DNA upload the reports read when the person chose one (null: the newest). Read only here: it is
    /// chosen on the genome page (<c>POST /my/genome/active</c>).
    /// </summary>
    public Guid? ActiveGenome { get; init; }

    public static ProfileDto From(ProfileEntity p) => new(p.Sex, p.BirthDate, Lines(p.Conditions), Lines(p.Medications), Lines(p.Goals))
    {
        Pregnant = p.Pregnant,
        Breastfeeding = p.Breastfeeding,
        Allergies = Lines(p.Allergies),
        Ancestry = p.Ancestry,
        Following = Lines(p.Following),
        ShowApoe = p.ShowApoe,
        ActiveGenome = p.ActiveGenome,
    };

    public void Apply(ProfileEntity p)
    {
        p.Sex = Sex;
        p.BirthDate = BirthDate;
        p.Pregnant = Pregnant;
        p.Breastfeeding = Breastfeeding;
        p.Ancestry = Core.Pgx.Calling.PgxFrequencies.ResolveGroup(Ancestry);
        p.Conditions = string.Join('\n', Conditions ?? []);
        p.Allergies = string.Join('\n', Allergies ?? []);
        p.Medications = string.Join('\n', Medications ?? []);
        p.Goals = string.Join('\n', Goals ?? []);
        if (Following is not null)
        {
            p.Following = string.Join('\n', Following.Distinct(StringComparer.Ordinal));
        }

        if (ShowApoe is { } show)
        {
            p.ShowApoe = show;
        }
    }

    internal static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The report JSON, with the same conventions as the command line.</summary>
internal static class WebJson
{
    public static JsonSerializerOptions Options { get; } = MonographJson.CreateOptions(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
}
