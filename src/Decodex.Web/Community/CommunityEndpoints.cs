using System.Globalization;
using System.Security.Claims;
using Decodex.Core.Community;
using Decodex.Core.Knowledge;
using Decodex.Web.Components.Pages.Community;
using Decodex.Web.Components.Pages.My;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Decodex.Web.Community;

/// <summary>
/// The community's pages and forms: joining, writing reports, rating, comments, questions and answers,
/// flags, the moderators' queue and audit log, roles, the rating check, and signed bundles out and in.
/// Reading is open to everyone; every form needs a signed-in account that chose a public name.
/// </summary>
internal static partial class CommunityEndpoints
{
    /// <summary>The outcomes a person can feel and report: the knowledge base's outcomes of these categories.</summary>
    public static readonly IReadOnlyList<string> FeltCategories = ["cognition", "mood", "other", "pain", "development"];

    /// <summary>How many effect rows the report form offers.</summary>
    public const int EffectRows = 4;

    public static void Map(WebApplication web)
    {
        // Every POST binds a form field, even one it does not read (`_`), so that its antiforgery token is checked.
        // Reading: everyone.
        web.MapGet("/kb/{id}/community/{kind:regex(^(reports|questions|comments)$)}", async (string id, string kind, int? page, ClaimsPrincipal user, KnowledgeBase kb, CommunityService community, CancellationToken cancel) =>
        {
            if (kb.Compound(id) is not { IsImported: false } compound)
            {
                return NotFound();
            }

            var k = kind switch { "reports" => PostKind.Report, "questions" => PostKind.Question, _ => PostKind.Comment };
            var p = Math.Clamp(page ?? 1, 1, 100_000);
            var view = await community.ViewAsync(compound, await community.ViewerAsync(user, level: false, cancel), CommunityService.PerPage, k, (p - 1) * CommunityService.PerPage, cancel);
            return Screens.Show<CommunityListPage>($"{compound.Name}: community {kind}", new { View = view, Kind = k, Page = p });
        });

        var my = web.MapGroup("/community").ExcludeFromDescription()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
        var kbForms = web.MapGroup("/kb/{id}").ExcludeFromDescription()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());

        my.MapGet("/join", async (ClaimsPrincipal user, string? next, CommunityService community, CancellationToken cancel) =>
            Screens.Show<JoinPage>("Your public name", new { Viewer = await community.ViewerAsync(user, cancel: cancel), Next = LocalNext(next) }));

        my.MapPost("/join", async (ClaimsPrincipal user, [FromForm] string? pseudonym, [FromForm] string? next, CommunityService community, Registration registration, UserManager<Storage.DecodexUser> users, CancellationToken cancel) =>
        {
            var owner = await users.GetUserAsync(user) is { } account && await registration.IsOwnerAsync(account);
            if (await community.JoinAsync(ApiEndpoints.Owner(user), pseudonym ?? string.Empty, owner, cancel) is { } problem)
            {
                return Screens.Show<JoinPage>("Your public name", new { Viewer = await community.ViewerAsync(user, cancel: cancel), Next = LocalNext(next), Problem = problem }, statusCode: StatusCodes.Status400BadRequest);
            }

            return Results.Redirect(LocalNext(next) ?? "/community/join?saved=1");
        });

        kbForms.MapGet("/report", async (string id, ClaimsPrincipal user, KnowledgeBase kb, CommunityService community, TrialService trials, CancellationToken cancel) =>
        {
            if (kb.Compound(id) is not { IsImported: false } compound)
            {
                return NotFound();
            }

            var viewer = await community.ViewerAsync(user, cancel: cancel);
            return viewer.Joined
                ? Screens.Show<ReportFormPage>($"Report your experience of {compound.Name}", new { Compound = compound, Outcomes = Felt(kb), Viewer = viewer, Trials = await TrialsOfAsync(trials, viewer, compound.Id, cancel) })
                : Results.Redirect($"/community/join?next=/kb/{Uri.EscapeDataString(compound.Id)}/report");
        });

        kbForms.MapPost("/report", async (string id, IFormCollection form, ClaimsPrincipal user, KnowledgeBase kb, CommunityService community, TrialService trials, CancellationToken cancel) =>
        {
            if (kb.Compound(id) is not { IsImported: false } compound)
            {
                return NotFound();
            }

            var viewer = await community.ViewerAsync(user, cancel: cancel);
            var mine = await TrialsOfAsync(trials, viewer, compound.Id, cancel);
            var (report, problem) = ReportFrom(form, compound.Id);
            if (report?.TrialId is { } trial && !mine.Any(t => t.Id == trial))
            {
                (report, problem) = (null, "Link one of your own self-experiments of this compound.");
            }

            var (postId, problems) = report is null ? (null, [problem!]) : await community.WriteReportAsync(viewer, report, cancel);
            if (postId is null)
            {
                return Screens.Show<ReportFormPage>($"Report your experience of {compound.Name}", new { Compound = compound, Outcomes = Felt(kb), Viewer = viewer, Trials = mine, Problems = problems, Form = form }, statusCode: StatusCodes.Status400BadRequest);
            }

            return Results.Redirect($"/kb/{Uri.EscapeDataString(compound.Id)}/community/reports?written=1#post-{postId:N}");
        });

        kbForms.MapPost("/rate", async (string id, [FromForm] string? rating, ClaimsPrincipal user, CommunityService community, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            var problem = int.TryParse(rating, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? await community.RateAsync(viewer, id, value, cancel)
                : "Rate from 0 to 10.";
            return problem is null ? Results.Redirect($"/kb/{Uri.EscapeDataString(id)}?rated=1#community") : Refused("community.rating-refused", problem, $"/kb/{Uri.EscapeDataString(id)}#community");
        });

        kbForms.MapPost("/{kind:regex(^(comment|question)$)}", async (string id, string kind, [FromForm] string? text, [FromForm] string? parent, ClaimsPrincipal user, CommunityService community, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            Guid? parentId = Guid.TryParse(parent, out var g) ? g : null;
            var (postId, problem) = await community.WriteAsync(viewer, kind == "question" ? PostKind.Question : PostKind.Comment, id, kind == "comment" ? parentId : null, text ?? string.Empty, cancel);
            var list = kind == "question" ? "questions" : "comments";
            return postId is null ? Refused("community.post-refused", problem!, $"/kb/{Uri.EscapeDataString(id)}/community/{list}") : Results.Redirect($"/kb/{Uri.EscapeDataString(id)}/community/{list}#post-{postId:N}");
        });

        my.MapPost("/posts/{post:guid}/answer", async (Guid post, [FromForm] string? text, ClaimsPrincipal user, CommunityService community, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            if (await community.Store.PostAsync(post, cancel) is not { } question)
            {
                return NotFound();
            }

            var (postId, problem) = await community.WriteAsync(viewer, PostKind.Answer, question.Row.CompoundId, post, text ?? string.Empty, cancel);
            var back = $"/kb/{Uri.EscapeDataString(question.Row.CompoundId)}/community/questions";
            return postId is null ? Refused("community.post-refused", problem!, back) : Results.Redirect($"{back}#post-{postId:N}");
        });

        my.MapPost("/posts/{post:guid}/accept", async (Guid post, [FromForm] string? _, ClaimsPrincipal user, CommunityService community, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            var problem = await community.AcceptAsync(viewer, post, cancel);
            var compound = (await community.Store.PostAsync(post, cancel))?.Row.CompoundId ?? string.Empty;
            var back = $"/kb/{Uri.EscapeDataString(compound)}/community/questions";
            return problem is null ? Results.Redirect($"{back}#post-{post:N}") : Refused("community.accept-refused", problem, back);
        });

        my.MapPost("/posts/{post:guid}/flag", async (Guid post, [FromForm] string? reason, ClaimsPrincipal user, CommunityService community, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            var problem = await community.FlagAsync(viewer, post, reason ?? string.Empty, cancel);
            var compound = (await community.Store.PostAsync(post, cancel))?.Row.CompoundId ?? string.Empty;
            var back = $"/kb/{Uri.EscapeDataString(compound)}#community";
            return problem is null
                ? Screens.Show<MessagePage>("Flag received", new { Heading = "Thank you: the post is flagged", Text = "A moderator will look at it. Three flags, or one from a trusted member, hide it until then.", Back = back, BackText = "Back to the compound" })
                : Refused("community.flag-refused", problem, back);
        });

        web.MapPost("/my/trials/{trial:guid}/share", async (Guid trial, [FromForm] string? share, ClaimsPrincipal user, TrialService trials, CommunityService community, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            if (await trials.GetAsync(owner, trial, cancel) is not { } record)
            {
                return NotFound();
            }

            var back = $"/my/trials/{trial:N}";
            if (share == "no")
            {
                var withdrawn = await community.WithdrawTrialAsync(owner, trial, cancel);
                return Screens.Show<MessagePage>("Withdrawn", new { Heading = "Withdrawn from pooling", Text = $"{withdrawn} shared effects of this trial were withdrawn.", Back = back });
            }

            var shared = await community.ShareTrialAsync(owner, trial, record, cancel);
            return shared > 0
                ? Screens.Show<MessagePage>("Shared", new { Heading = "Shared for pooling", Text = $"{shared} effects of this trial join the pooled self-experiments of its compound.", Back = back })
                : Refused("community.share-refused", "Nothing to share: the trial must be unblinded, on a compound of the knowledge base, with an analysed outcome not shared before.", back);
        }).ExcludeFromDescription().RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());

        // Moderators and the owner.
        my.MapGet("/moderation", async (ClaimsPrincipal user, CommunityService community, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            if (!viewer.Moderates)
            {
                return Refused("community.not-moderator", "Only moderators and the owner see the review queue.", "/kb", StatusCodes.Status403Forbidden);
            }

            var queue = await community.Store.QueueAsync(100, cancel);
            var statuses = new List<PostStatus>();
            foreach (var post in queue)
            {
                statuses.Add((await community.Store.StatusAsync(post.Row.Id, cancel))!);
            }

            var audit = await community.Store.AuditLogAsync(100, cancel);
            var members = await community.Store.AllMembersAsync(cancel);
            return Screens.Show<ModerationPage>("Moderation", new { Viewer = viewer, Queue = queue, Statuses = statuses, Audit = audit, Members = members });
        });

        my.MapPost("/posts/{post:guid}/decide", async (Guid post, [FromForm] string? decision, [FromForm] string? note, ClaimsPrincipal user, CommunityService community, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            var problem = Enum.TryParse<ModerationDecision>(decision, ignoreCase: true, out var d) && Enum.IsDefined(d)
                ? await community.DecideAsync(viewer, post, d, note, cancel)
                : "Choose approve, hide or remove.";
            return problem is null ? Results.Redirect("/community/moderation?decided=1") : Refused("community.decision-refused", problem, "/community/moderation", StatusCodes.Status403Forbidden);
        });

        my.MapPost("/members/{account}/role", async (string account, [FromForm] string? moderator, [FromForm] string? clinician, ClaimsPrincipal user, CommunityService community, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            var problem = await community.SetRoleAsync(viewer, account, YesNo(moderator), YesNo(clinician), cancel);
            return problem is null ? Results.Redirect("/community/moderation#members") : Refused("community.role-refused", problem, "/community/moderation", StatusCodes.Status403Forbidden);
        });

        my.MapPost("/check", async ([FromForm] string? _, ClaimsPrincipal user, CommunityService community, CommunityCache cache, KnowledgeBase kb, TrialClock clock, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            if (!viewer.Moderates)
            {
                return Refused("community.not-moderator", "Only moderators and the owner run the rating check.", "/kb", StatusCodes.Status403Forbidden);
            }

            var result = await CommunityCheck.RunAsync(community.Store, kb, clock.Now, cancel);
            cache.Changed();
            return Screens.Show<MessagePage>("Rating check", new
            {
                Heading = "Rating check done",
                Text = $"{result.Bursts.Count} bursts and {result.Rings.Count} rings found; {result.Excluded} ratings are left out of the aggregates and stay visible with their label.",
                Back = "/community/moderation",
                BackText = "Back to moderation",
            });
        });

        my.MapGet("/export", async (ClaimsPrincipal user, CommunityService community, TrialClock clock, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            return await community.ExportAsync(viewer, cancel) is { } bundle
                ? Results.File(bundle, "application/json", $"decodex-community-{clock.Today:yyyy-MM-dd}.json")
                : Results.Redirect("/community/join?next=/community/join");
        });

        my.MapPost("/import", async (IFormFile? file, ClaimsPrincipal user, CommunityService community, CancellationToken cancel) =>
        {
            var viewer = await community.ViewerAsync(user, cancel: cancel);
            if (file is null || file.Length == 0)
            {
                return Refused("community.import-refused", "Choose a bundle file.", "/community/moderation#import");
            }

            if (file.Length > CommunityBundle.MaxBytes)
            {
                return Refused("community.import-refused", $"A bundle has at most {CommunityBundle.MaxBytes / (1024 * 1024)} MB.", "/community/moderation#import");
            }

            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, cancel);
            }

            var result = await community.ImportAsync(viewer, bytes, cancel);
            return result.Problem is { } problem
                ? Refused("community.import-refused", problem, "/community/moderation#import", viewer.Moderates ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden)
                : Screens.Show<MessagePage>("Bundle imported", new
                {
                    Heading = "Bundle imported",
                    Text = $"{result.Reports} reports wait in the review queue, {result.Trials} trial summaries joined the pooling, {result.Duplicates} items were already here and were refused, {result.Skipped} did not fit this knowledge base.",
                    Back = "/community/moderation",
                    BackText = "Back to moderation",
                });
        });
    }

    /// <summary>The viewer's own self-experiments of <paramref name="compound"/>, by id and title.</summary>
    private static async Task<IReadOnlyList<(Guid Id, string Title)>> TrialsOfAsync(TrialService trials, CommunityViewer viewer, string compound, CancellationToken cancel) =>
        viewer.Account is null ? [] : [.. (await trials.ListAsync(viewer.Account, cancel)).Where(t => t.Record.Plan.Intervention.CompoundId == compound).Select(t => (t.Id, t.Record.Plan.Title))];

    /// <summary>The outcomes offered as goals and effects.</summary>
    public static IReadOnlyList<Outcome> Felt(KnowledgeBase kb) => [.. kb.Outcomes.Where(o => o.Category is { } c && FeltCategories.Contains(c)).OrderBy(o => o.Name, StringComparer.Ordinal)];

    /// <summary>The report written in the form; null with the reason when a field cannot be read (the rules are checked after).</summary>
    internal static (ExperienceReport? Report, string? Problem) ReportFrom(IFormCollection form, string compound)
    {
        string? Text(string name) => form[name].ToString() is { Length: > 0 } t ? t.Trim() : null;
        if (!int.TryParse(Text("rating"), NumberStyles.None, CultureInfo.InvariantCulture, out var rating))
        {
            return (null, "Choose a rating from 0 to 10.");
        }

        int? days = null;
        if (Text("duration") is { } d)
        {
            if (!int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return (null, "Give the duration as a whole number of days.");
            }

            days = n;
        }

        Core.Knowledge.Route? route = null;
        if (Text("route") is { } r)
        {
            if (!Enum.TryParse<Core.Knowledge.Route>(r, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return (null, "Choose a route from the list.");
            }

            route = parsed;
        }

        var effects = new List<ReportedEffect>();
        for (var i = 1; i <= EffectRows; i++)
        {
            if (Text($"effect-{i}") is not { } outcome)
            {
                continue;
            }

            if (!Enum.TryParse<FeltChange>(Text($"change-{i}")?.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var change) || !Enum.IsDefined(change))
            {
                return (null, "Say for each effect whether it got better, worse or did not change.");
            }

            effects.Add(new ReportedEffect(outcome, change));
        }

        if (!Enum.TryParse<ReportDesign>(Text("design")?.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var design) || !Enum.IsDefined(design)
            || !Enum.TryParse<ConflictOfInterest>(Text("conflict")?.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var conflict) || !Enum.IsDefined(conflict))
        {
            return (null, "Choose how you took it and declare any conflict of interest.");
        }

        Guid? trial = null;
        if (Text("trial") is { } t)
        {
            if (!Guid.TryParse(t, out var g))
            {
                return (null, "Link the trial by its id.");
            }

            trial = g;
        }

        var text = form["text"].ToString();
        if (text.Length > CommunityMarkdown.MaxLength)
        {
            return (null, $"The text has at most {CommunityMarkdown.MaxLength:N0} characters.");
        }

        return (new ExperienceReport
        {
            CompoundId = compound,
            Product = Text("product"),
            Dose = Text("dose") ?? string.Empty,
            Route = route,
            Frequency = Text("frequency"),
            DurationDays = days,
            OtherMedicines = [.. (Text("other") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            GoalOutcomeId = Text("goal"),
            Effects = effects,
            SideEffects = [.. form["side-effect"].OfType<string>().Distinct(StringComparer.Ordinal)],
            Rating = rating,
            Design = design,
            TrialId = trial,
            Conflict = conflict,
            ConflictNote = Text("conflict-note"),
            Text = text,
        }, null);
    }

    private static bool? YesNo(string? value) => value switch { "yes" => true, "no" => false, _ => null };

    /// <summary>A return address only when it is a path of this site.</summary>
    internal static string? LocalNext(string? next) =>
        next is { Length: < 300 } && SafeNext().IsMatch(next) && !next.Contains("//", StringComparison.Ordinal) ? next : null;

    [System.Text.RegularExpressions.GeneratedRegex("^/(kb|community)/[A-Za-z0-9._~/%?=&#-]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 1000)]
    private static partial System.Text.RegularExpressions.Regex SafeNext();

    /// <summary>A refusal: the action's code (<c>community.…</c>, as in the README), then what to do; never a value from the request.</summary>
    private static IResult Refused(string code, string problem, string back, int status = StatusCodes.Status400BadRequest) =>
        Screens.Show<MessagePage>("Not saved", new { Heading = "Not saved", Text = $"{code}: {problem}", IsError = true, Back = back }, statusCode: status);

    private static IResult NotFound() =>
        Screens.Show<Components.Pages.NotFoundPage>("Not found", statusCode: StatusCodes.Status404NotFound);
}
