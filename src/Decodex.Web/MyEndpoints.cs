using System.Globalization;
using System.Security.Claims;
using Decodex.Core.Knowledge;
using Decodex.Storage;
using Decodex.Web.Components.Pages.My;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Decodex.Web;

/// <summary>
/// The signed-in person's pages: the dashboard (/my), profile, setup, labs, uploads and follows. GETs show
/// screen components (Components/Pages/My); POSTs are plain form posts with antiforgery tokens that
/// redirect, so the fields stay those of the API and the tests.
/// </summary>
internal static class MyEndpoints
{
    /// <summary>The first page after sign-in: setup for someone with nothing on file, else the dashboard.</summary>
    public static async Task<string> StartPageAsync(DecodexStore store, string owner, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(store);
        var profile = await store.GetProfileAsync(owner, cancel);
        var empty = profile is null || (profile.Sex is null && profile.BirthDate is null && profile.Medications.Length == 0 && profile.Conditions.Length == 0 && profile.Goals.Length == 0 && profile.Following.Length == 0);
        return empty && (await store.ListUploadsAsync(owner, cancel)).Count == 0 ? "/my/setup/1" : "/my";
    }

    public static void Map(WebApplication web)
    {
        var my = web.MapGroup(string.Empty).ExcludeFromDescription()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());

        my.MapGet("/my", async (ClaimsPrincipal user, DecodexStore store, PendingRecoveryKeys recoveryKeys, Guid? uploaded, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            var just = uploaded is { } id ? (await store.ListUploadsAsync(owner, cancel)).FirstOrDefault(u => u.Id == id) : null;
            return Screens.Show<Dashboard>("Your dashboard", new { Owner = owner, RecoveryKey = recoveryKeys.Take(owner), Uploaded = just }, "/upload.js");
        });

        // The report page as a PDF: every compound, or the one chosen on the page, with the same cards,
        // CPIC table, goals and numbered references (reads; stores nothing).
        my.MapGet("/my/report.pdf", async (ClaimsPrincipal user, string? compound, KnowledgeBase k, ReportService reports, CancellationToken cancel) =>
        {
            var known = compound is { Length: > 0 } && k.Compound(compound) is not null;
            var (report, issues) = await reports.BuildAsync(ApiEndpoints.Owner(user), known ? [compound!] : [], cancel);
            return report is null
                ? Screens.Show<MessagePage>("The profile cannot be used", new { Heading = "The profile cannot be used", Text = string.Join(" ", issues.Select(i => i.Message)), IsError = true, Back = "/my/profile", BackText = "Check your profile" }, statusCode: StatusCodes.Status422UnprocessableEntity)
                : Results.File(Core.Reports.ReportPdf.Render(report), "application/pdf", known ? $"decodex-report-{compound}.pdf" : "decodex-report.pdf");
        });

        my.MapGet("/my/profile", async (ClaimsPrincipal user, DecodexStore store, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            return Screens.Show<ProfilePage>("Your profile", new { Profile = await store.GetProfileAsync(owner, cancel) ?? new ProfileEntity { OwnerId = owner } });
        });
        my.MapPost("/my/profile", async (ClaimsPrincipal user, [FromForm] string? sex, [FromForm] string? birthDate, [FromForm] string? conditions, [FromForm] string? medications, [FromForm] string? goals, [FromForm] string? pregnant, [FromForm] string? breastfeeding, [FromForm] string? allergies, [FromForm] string? ancestry, [FromForm] string? addMedication, [FromForm] string? addCondition, DecodexStore store, ReportService reports, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            await store.SaveProfileAsync(owner, p =>
            {
                AboutYou(p, sex, birthDate, pregnant, breastfeeding, ancestry);
                Health(p, conditions, medications, goals, allergies, addMedication, addCondition);
            }, cancel);
            await reports.PrepareAsync(owner, cancel);
            return Results.Redirect("/my");
        });

        my.MapGet("/my/setup", () => Results.Redirect("/my/setup/1"));
        my.MapGet("/my/setup/{step:int}", async (ClaimsPrincipal user, int step, Guid? uploaded, DecodexStore store, CancellationToken cancel) =>
        {
            if (step < 1 || step > SetupPage.Titles.Length)
            {
                return Results.NotFound();
            }

            var owner = ApiEndpoints.Owner(user);
            var profile = await store.GetProfileAsync(owner, cancel) ?? new ProfileEntity { OwnerId = owner };
            var just = uploaded is { } id ? (await store.ListUploadsAsync(owner, cancel)).FirstOrDefault(u => u.Id == id) : null;
            return Screens.Show<SetupPage>(string.Create(CultureInfo.InvariantCulture, $"Setup, step {step} of {SetupPage.Titles.Length}: {SetupPage.Titles[step - 1]}"), new { Step = step, Profile = profile, Uploaded = just }, step is 3 or 4 ? "/upload.js" : null);
        });
        my.MapPost("/my/setup/1", async (ClaimsPrincipal user, [FromForm] string? sex, [FromForm] string? birthDate, [FromForm] string? pregnant, [FromForm] string? breastfeeding, [FromForm] string? ancestry, DecodexStore store, ReportService reports, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            await store.SaveProfileAsync(owner, p => AboutYou(p, sex, birthDate, pregnant, breastfeeding, ancestry), cancel);
            await reports.PrepareAsync(owner, cancel);
            return Results.Redirect("/my/setup/2");
        });
        my.MapPost("/my/setup/2", async (ClaimsPrincipal user, [FromForm] string? conditions, [FromForm] string? medications, [FromForm] string? goals, [FromForm] string? allergies, [FromForm] string? addMedication, [FromForm] string? addCondition, DecodexStore store, ReportService reports, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            await store.SaveProfileAsync(owner, p => Health(p, conditions, medications, goals, allergies, addMedication, addCondition), cancel);
            await reports.PrepareAsync(owner, cancel);
            return Results.Redirect("/my/setup/3");
        });

        my.MapPost("/my/follow", async (ClaimsPrincipal user, [FromForm] string compound, [FromForm] string? unfollow, DecodexStore store, KnowledgeBase kb, CancellationToken cancel) =>
        {
            if (kb.Compound(compound) is null)
            {
                return Results.NotFound();
            }

            await store.SaveProfileAsync(ApiEndpoints.Owner(user), p =>
            {
                var ids = ProfileDto.Lines(p.Following).Where(id => id != compound).ToList();
                if (unfollow != "yes")
                {
                    ids.Add(compound);
                }

                p.Following = string.Join('\n', ids);
            }, cancel);
            return Results.Redirect("/kb/" + Uri.EscapeDataString(compound));
        });

        my.MapGet("/my/labs", (ClaimsPrincipal user, int? page) =>
            Screens.Show<LabsPage>("Your lab results", new { Owner = ApiEndpoints.Owner(user), Page = page }, "/upload.js"));
        my.MapPost("/my/labs", async (ClaimsPrincipal user, [FromForm] string date, [FromForm] string test, [FromForm] string value, [FromForm] string unit, DecodexStore store, KnowledgeBase kb, CancellationToken cancel) =>
        {
            // A typed result is stored as a one-row lab file of the Decodex layout, with the same checks.
            static string Csv(string text) => "\"" + text.Replace("\"", "'", StringComparison.Ordinal) + "\"";
            var csv = $"date,test,value,unit\n{Csv(date)},{Csv(test)},{Csv(value)},{Csv(unit)}\n";
            // Issues and sources name the file as it is listed among the uploads.
            var name = $"typed-{date}.csv";
            var import = Core.Labs.LabImport.Read(csv, name);
            if (import.Refused)
            {
                return Screens.Show<MessagePage>("Result refused", new { Heading = "Result refused", Text = string.Join(" ", import.Issues.Select(i => i.Code + ": " + i.Message)), IsError = true, Back = "/my/labs" }, statusCode: StatusCodes.Status400BadRequest);
            }

            await store.AddUploadAsync(ApiEndpoints.Owner(user), UploadKind.Labs, name, System.Text.Encoding.UTF8.GetBytes(csv), $"{import.Format}, typed", ApiEndpoints.Stored(import.Results, kb), cancel);
            return Results.Redirect("/my/labs");
        });

        my.MapPost("/my/uploads", async (ClaimsPrincipal user, [FromForm] string? kind, [FromForm] string? next, IFormFile file, DecodexStore store, KnowledgeBase kb, Core.ReadLimits limits, ReportService reports, ReportTargets targets, CancellationToken cancel) =>
        {
            var (upload, problem) = await ApiEndpoints.UploadAsync(ApiEndpoints.Owner(user), kind, file, store, kb, limits, reports, targets, cancel);
            if (upload is null)
            {
                return Screens.Show<MessagePage>("Upload refused", new { Heading = "Upload refused", Text = problem, IsError = true, Back = LocalPath(next) ?? "/my" }, statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            // What was read is shown on the dashboard (or the setup step or page the form came from).
            return Results.Redirect(LocalPath(next) is { } path
                ? path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "uploaded=" + upload.Id.ToString("D", CultureInfo.InvariantCulture)
                : "/my?uploaded=" + upload.Id.ToString("D", CultureInfo.InvariantCulture));
        }).RequireRateLimiting(WebServices.UploadPolicy);
        my.MapPost("/my/uploads/{id:guid}/delete", async (ClaimsPrincipal user, Guid id, DecodexStore store, [FromForm] string? confirm, CancellationToken cancel) =>
        {
            if (confirm != "yes")
            {
                return Screens.Show<MessagePage>("Not deleted", new { Heading = "Not deleted", Text = "Nothing was deleted: tick the box to confirm.", IsError = true, Back = "/my" }, statusCode: StatusCodes.Status400BadRequest);
            }

            await store.DeleteUploadAsync(ApiEndpoints.Owner(user), id, cancel);
            return Results.Redirect("/my");
        });
    }

    /// <summary>A path on this site under /my (never another site), or null.</summary>
    private static string? LocalPath(string? path) =>
        path is { Length: > 3 } && path.StartsWith("/my", StringComparison.Ordinal) && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal) ? path : null;

    private static void AboutYou(ProfileEntity p, string? sex, string? birthDate, string? pregnant, string? breastfeeding, string? ancestry)
    {
        p.Sex = sex is "female" or "male" ? sex : null;
        p.Pregnant = pregnant is "yes" or "no" ? pregnant : null;
        p.Breastfeeding = breastfeeding is "yes" or "no" ? breastfeeding : null;
        p.Ancestry = Core.Pgx.Calling.PgxFrequencies.ResolveGroup(ancestry);
        p.BirthDate = DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    private static void Health(ProfileEntity p, string? conditions, string? medications, string? goals, string? allergies, string? addMedication, string? addCondition)
    {
        p.Allergies = Lines(allergies);
        p.Conditions = WithAdded(Lines(conditions), addCondition);
        p.Medications = WithAdded(Lines(medications), addMedication);
        p.Goals = Lines(goals);
    }

    private static string Lines(string? text) => text?.Replace("\r", string.Empty, StringComparison.Ordinal) ?? string.Empty;

    /// <summary>The list with the name typed in its "add" input as one more line (once).</summary>
    private static string WithAdded(string lines, string? added)
    {
        var name = added?.Trim();
        if (string.IsNullOrEmpty(name) || ProfileDto.Lines(lines).Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return lines;
        }

        return lines.Length == 0 || lines.EndsWith('\n') ? lines + name : lines + "\n" + name;
    }
}
