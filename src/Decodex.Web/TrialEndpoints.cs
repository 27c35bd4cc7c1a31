using System.Globalization;
using System.Security.Claims;
using Decodex.Core.Knowledge;
using Decodex.Core.Trials;
using Decodex.Core.Trials.Cognitive;
using Decodex.Web.Components.Pages.My;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Decodex.Web;

/// <summary>
/// Self-experiments (/my/trials): design a trial and see its power, register it, check in day by day,
/// log deviations, download the reminder calendar and the helper's sheet, unblind, and read the report
/// (HTML, PDF) and the data (CSV). Everything is stored sealed with the person's key.
/// </summary>
internal static class TrialEndpoints
{
    /// <summary>The ratings offered in the designer: name, label, lower is better.</summary>
    public static readonly IReadOnlyList<(string Name, string Label, bool LowerIsBetter)> Ratings =
    [
        ("focus", "Focus", false), ("mood", "Mood", false), ("energy", "Energy", false), ("sleep", "Sleep quality", false), ("side-effects", "Side effects", true),
    ];

    /// <summary>The browser tests offered in the designer: the outcome's name and the test.</summary>
    public static readonly IReadOnlyList<(string Name, OutcomeKind Kind)> Tests =
    [
        ("pvt-b", OutcomeKind.PvtBrief), ("pvt", OutcomeKind.Pvt), ("digit-span", OutcomeKind.DigitSpan), ("two-back", OutcomeKind.TwoBack), ("stroop", OutcomeKind.Stroop),
    ];

    public static void Map(WebApplication web)
    {
        var my = web.MapGroup("/my/trials").ExcludeFromDescription()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());

        my.MapGet(string.Empty, async (ClaimsPrincipal user, TrialService trials, TrialClock clock, CancellationToken cancel) =>
            Screens.Show<TrialsPage>("Your self-experiments", new { Trials = await trials.ListAsync(ApiEndpoints.Owner(user), cancel), Today = clock.Today }));

        my.MapGet("/new", (TrialClock clock) => Screens.Show<TrialDesignPage>("Design a self-experiment", new { Today = clock.Today }));

        // IFormCollection (not HttpRequest.Form) so that the antiforgery token is checked, as for [FromForm].
        my.MapPost("/review", (IFormCollection form, KnowledgeBase kb, TrialClock clock) =>
        {
            var (plan, problem) = PlanFrom(form, kb);
            if (plan is null)
            {
                return Screens.Show<TrialDesignPage>("Design a self-experiment", new { Today = clock.Today, Problems = (IReadOnlyList<string>)[problem!] }, statusCode: StatusCodes.Status400BadRequest);
            }

            var problems = plan.Problems();
            if (problems.Count > 0)
            {
                return Screens.Show<TrialDesignPage>("Design a self-experiment", new { Today = clock.Today, Problems = problems }, statusCode: StatusCodes.Status400BadRequest);
            }

            var effect = Number(form["effect"], 0.5, 0.05, 3);
            var rho = Number(form["rho"], 0.3, -0.9, 0.9);
            return Screens.Show<TrialReviewPage>("Check the plan", new { Plan = plan, Power = TrialPower.Estimate(plan, effect, rho, runs: 400) });
        });

        my.MapPost("/start", async (ClaimsPrincipal user, [FromForm] string plan, TrialService trials, KnowledgeBase kb, TrialClock clock, CancellationToken cancel) =>
        {
            // The plan comes back from the review page: read and checked again, its links to the knowledge base too.
            var (parsed, problem) = TrialPlan.FromJson(plan);
            var problems = parsed?.Problems() ?? [problem!];
            if (parsed is not null && (parsed.Intervention.CompoundId is { } compound && kb.Compound(compound) is not { IsImported: false }
                                       || parsed.Outcomes.Any(o => o.KnowledgeOutcomeId is { } outcome && kb.Outcome(outcome) is null)))
            {
                problems = [.. problems, "The plan names a compound or outcome the knowledge base does not have."];
            }

            if (parsed is null || problems.Count > 0)
            {
                return Screens.Show<MessagePage>("The plan cannot start", new { Heading = "The plan cannot start", Text = string.Join(" ", problems), IsError = true, Back = "/my/trials/new", BackText = "Design it again" }, statusCode: StatusCodes.Status400BadRequest);
            }

            var record = SelfExperiment.Start(parsed, clock.Now);
            await trials.SaveAsync(ApiEndpoints.Owner(user), record, cancel);
            return Results.Redirect($"/my/trials/{record.Id:N}");
        });

        my.MapGet("/{id:guid}", async (ClaimsPrincipal user, Guid id, TrialService trials, TrialClock clock, CancellationToken cancel) =>
            await trials.GetAsync(ApiEndpoints.Owner(user), id, cancel) is { } record
                ? Screens.Show<TrialPage>(record.Plan.Title, new { Record = record, Today = clock.Today })
                : NotFound());

        my.MapPost("/{id:guid}/check-in", async (ClaimsPrincipal user, Guid id, IFormCollection form, TrialService trials, TrialClock clock, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            if (await trials.GetAsync(owner, id, cancel) is not { } record)
            {
                return NotFound();
            }

            var today = clock.Today;
            var last = record.Plan.StartDate.AddDays(record.Plan.TotalDays - 1);
            if (today < record.Plan.StartDate || today > last || record.Unblinded)
            {
                return Screens.Show<MessagePage>("No check-in today", new { Heading = "No check-in today", Text = record.Unblinded ? "The trial is unblinded: it takes no more values." : "Today is not a day of this trial.", IsError = true, Back = $"/my/trials/{id:N}" }, statusCode: StatusCodes.Status400BadRequest);
            }

            foreach (var outcome in record.Plan.Outcomes.Where(o => o.Kind is OutcomeKind.Rating or OutcomeKind.Number))
            {
                var text = form["value-" + outcome.Name].ToString();
                if (text.Length == 0)
                {
                    continue;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || Math.Abs(value) > 1e9
                    || (outcome.Kind == OutcomeKind.Rating && value is < 0 or > 10))
                {
                    return Screens.Show<MessagePage>("Value refused", new { Heading = "Value refused", Text = $"The value for {outcome.Name} must be a number{(outcome.Kind == OutcomeKind.Rating ? " from 0 to 10" : string.Empty)}.", IsError = true, Back = $"/my/trials/{id:N}" }, statusCode: StatusCodes.Status400BadRequest);
                }

                record = record.Record(today, outcome.Name, value, clock.Now);
            }

            if (form["guess"].ToString() is { Length: > 0 } guess && int.TryParse(guess, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
            {
                record = record.Guess(today, percent / 100.0, clock.Now);
            }

            await trials.SaveAsync(owner, record, cancel);
            return Results.Redirect($"/my/trials/{id:N}?saved=1");
        });

        my.MapPost("/{id:guid}/deviation", async (ClaimsPrincipal user, Guid id, [FromForm] string kind, [FromForm] string? note, TrialService trials, TrialClock clock, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            if (await trials.GetAsync(owner, id, cancel) is not { } record)
            {
                return NotFound();
            }

            if (!TrialDeviation.Kinds.Contains(kind) || (note?.Length ?? 0) > 1000)
            {
                return Screens.Show<MessagePage>("Deviation refused", new { Heading = "Deviation refused", Text = "Choose a kind from the list; a note has at most 1,000 characters.", IsError = true, Back = $"/my/trials/{id:N}" }, statusCode: StatusCodes.Status400BadRequest);
            }

            await trials.SaveAsync(owner, record.Deviate(clock.Today, kind, note ?? string.Empty, clock.Now), cancel);
            return Results.Redirect($"/my/trials/{id:N}");
        });

        my.MapPost("/{id:guid}/unblind", async (ClaimsPrincipal user, Guid id, TrialService trials, TrialClock clock, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            if (await trials.GetAsync(owner, id, cancel) is not { } record)
            {
                return NotFound();
            }

            SelfExperiment unblinded;
            try
            {
                unblinded = record.Unblind(clock.Now);
            }
            catch (InvalidOperationException)
            {
                return Screens.Show<MessagePage>("Cannot unblind", new { Heading = "Cannot unblind", Text = "The stored plan or allocation no longer matches what was registered at the start.", IsError = true, Back = $"/my/trials/{id:N}" }, statusCode: StatusCodes.Status409Conflict);
            }

            await trials.SaveAsync(owner, unblinded, cancel);
            return Results.Redirect($"/my/trials/{id:N}/report");
        });

        my.MapGet("/{id:guid}/report", async (ClaimsPrincipal user, Guid id, TrialService trials, KnowledgeBase kb, TrialClock clock, CancellationToken cancel) =>
            await Unblinded(user, id, trials, cancel) is { } record
                ? Screens.Show<TrialReportPage>("Self-experiment report", new { Record = record, Report = TrialReport.Of(record, record.PopulationEffects(kb), clock.Today) })
                : NotFound());

        my.MapGet("/{id:guid}/report.pdf", async (ClaimsPrincipal user, Guid id, TrialService trials, KnowledgeBase kb, TrialClock clock, CancellationToken cancel) =>
            await Unblinded(user, id, trials, cancel) is { } record
                ? Results.File(TrialReport.Of(record, record.PopulationEffects(kb), clock.Today).Pdf(), "application/pdf", "decodex-trial-report.pdf")
                : NotFound());

        my.MapGet("/{id:guid}/data.csv", async (ClaimsPrincipal user, Guid id, TrialService trials, CancellationToken cancel) =>
            await Unblinded(user, id, trials, cancel) is { } record
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(record.AnalysedCsv()), "text/csv", "decodex-trial-analysed.csv")
                : NotFound());

        my.MapGet("/{id:guid}/all-data.csv", async (ClaimsPrincipal user, Guid id, TrialService trials, CancellationToken cancel) =>
            await Unblinded(user, id, trials, cancel) is { } record
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(record.AllDataCsv()), "text/csv", "decodex-trial-all-data.csv")
                : NotFound());

        my.MapGet("/{id:guid}/reminders.ics", async (ClaimsPrincipal user, Guid id, TrialService trials, CancellationToken cancel, string? time) =>
        {
            if (await trials.GetAsync(ApiEndpoints.Owner(user), id, cancel) is not { } record)
            {
                return NotFound();
            }

            var at = TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : new TimeOnly(8, 0);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(TrialCalendar.Ics(record.Schedule(), at, "trial-" + record.Id.ToString("N")[..16], DateTimeOffset.UtcNow)), "text/calendar", "decodex-reminders.ics");
        });

        // A browser test. The page is cross-origin isolated so that the browser's clock runs at its finest (5 µs, not 100 µs).
        my.MapGet("/{id:guid}/test/{outcome}", async (HttpContext context, ClaimsPrincipal user, Guid id, string outcome, bool? practice, TrialService trials, TrialClock clock, CognitiveTestLengths lengths, CancellationToken cancel) =>
        {
            if (await trials.GetAsync(ApiEndpoints.Owner(user), id, cancel) is not { } record)
            {
                return NotFound();
            }

            if (TestRefusal(record, outcome, clock.Today) is { } refused)
            {
                return refused;
            }

            context.Response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
            context.Response.Headers["Cross-Origin-Embedder-Policy"] = "require-corp";
            var planned = record.Plan.Outcomes.First(o => o.Name == outcome);
            var runIn = clock.Today < record.Plan.StartDate.AddDays(record.Plan.RunInDays);
            return Screens.Show<TrialTestPage>(CognitiveTests.Title(planned.Kind), new { Record = record, Outcome = planned, Practice = practice == true || runIn, RunIn = runIn, Length = lengths.For(planned.Kind), Today = clock.Today },
                scripts: ["/vendor/jspsych/jspsych.min.js", "/vendor/jspsych/plugin-html-button-response.min.js", "/cognitive.js"]);
        });

        my.MapPost("/{id:guid}/test/{outcome}", async (ClaimsPrincipal user, Guid id, string outcome, IFormCollection form, TrialService trials, TrialClock clock, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            if (await trials.GetAsync(owner, id, cancel) is not { } record)
            {
                return NotFound();
            }

            if (TestRefusal(record, outcome, clock.Today) is { } refused)
            {
                return refused;
            }

            var back = $"/my/trials/{id:N}";
            var json = form["session"].ToString();
            var (raw, timing, problem) = json.Length is > 0 and <= MaxSessionChars ? CognitiveTests.Parse(json) : (null, null, "The session is missing or larger than a session can be.");
            if (problem is null && CognitiveTests.Problems(record.Plan.Outcomes.First(o => o.Name == outcome).Kind, raw, timing) is { Count: > 0 } problems)
            {
                problem = string.Join(" ", problems);
            }

            if (problem is null && record.Sessions.Count(s => s.Date == clock.Today && s.Outcome == outcome) >= SelfExperiment.MaxSessionsPerTestPerDay)
            {
                problem = $"This test was already taken {SelfExperiment.MaxSessionsPerTestPerDay} times today.";
            }

            if (problem is not null)
            {
                return Screens.Show<MessagePage>("Session refused", new { Heading = "Session refused", Text = "Nothing was stored. " + problem, IsError = true, Back = back }, statusCode: StatusCodes.Status400BadRequest);
            }

            var updated = record.AddSession(clock.Today, outcome, form["practice"] == "true", raw!, timing!, clock.Now);
            await trials.SaveAsync(owner, updated, cancel);
            return Results.Redirect($"/my/trials/{id:N}/sessions/{updated.Sessions[^1].Id:N}");
        });

        my.MapGet("/{id:guid}/sessions/{session:guid}", async (ClaimsPrincipal user, Guid id, Guid session, TrialService trials, CancellationToken cancel) =>
            await trials.GetAsync(ApiEndpoints.Owner(user), id, cancel) is { } record && record.Sessions.FirstOrDefault(s => s.Id == session) is { } found
                ? Screens.Show<TrialSessionPage>("Test session", new { Record = record, Session = found })
                : NotFound());

        // The raw trials and the sessions' scores name no condition: they can be read before unblinding.
        my.MapGet("/{id:guid}/test-trials.csv", async (ClaimsPrincipal user, Guid id, TrialService trials, CancellationToken cancel) =>
            await trials.GetAsync(ApiEndpoints.Owner(user), id, cancel) is { } record
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(CognitiveTests.TrialsCsv(record.Sessions)), "text/csv", "decodex-test-trials.csv")
                : NotFound());

        my.MapGet("/{id:guid}/test-sessions.csv", async (ClaimsPrincipal user, Guid id, TrialService trials, CancellationToken cancel) =>
            await trials.GetAsync(ApiEndpoints.Owner(user), id, cancel) is { } record
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(CognitiveTests.SessionsCsv(record.Sessions)), "text/csv", "decodex-test-sessions.csv")
                : NotFound());

        // The helper's sheet names which envelopes hold A: it is for the helper, before the first day.
        my.MapGet("/{id:guid}/helper", async (ClaimsPrincipal user, Guid id, TrialService trials, CancellationToken cancel) =>
            await trials.GetAsync(ApiEndpoints.Owner(user), id, cancel) is { } record
                ? Screens.Show<TrialHelperPage>("For your helper", new { Record = record })
                : NotFound());
    }

    /// <summary>The largest session a browser may post (a 10-minute PVT's is about 100 KB).</summary>
    private const int MaxSessionChars = 512 * 1024;

    /// <summary>Why the test cannot be taken today, as a page; null when it can.</summary>
    private static IResult? TestRefusal(SelfExperiment record, string outcome, DateOnly today)
    {
        var back = $"/my/trials/{record.Id:N}";
        if (record.Plan.Outcomes.FirstOrDefault(o => o.Name == outcome) is not { } planned || !CognitiveTests.IsTest(planned.Kind))
        {
            return Screens.Show<MessagePage>("Not found", new { Heading = "Not found", Text = "This self-experiment has no such browser test.", IsError = true, Back = back }, statusCode: StatusCodes.Status404NotFound);
        }

        var last = record.Plan.StartDate.AddDays(record.Plan.TotalDays - 1);
        return record.Unblinded || today < record.Plan.StartDate || today > last
            ? Screens.Show<MessagePage>("No test today", new { Heading = "No test today", Text = record.Unblinded ? "The trial is unblinded: it takes no more values." : "Today is not a day of this trial.", IsError = true, Back = back }, statusCode: StatusCodes.Status400BadRequest)
            : null;
    }

    private static async Task<SelfExperiment?> Unblinded(ClaimsPrincipal user, Guid id, TrialService trials, CancellationToken cancel) =>
        await trials.GetAsync(ApiEndpoints.Owner(user), id, cancel) is { Unblinded: true } record ? record : null;

    private static IResult NotFound() =>
        Screens.Show<MessagePage>("Not found", new { Heading = "Not found", Text = "There is no such self-experiment of yours, or it is not unblinded yet.", IsError = true, Back = "/my/trials", BackText = "Your self-experiments" }, statusCode: StatusCodes.Status404NotFound);

    private static double Number(string? text, double fallback, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? Math.Clamp(v, min, max) : fallback;

    private static int Whole(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    /// <summary>The plan the designer's form describes; null with the reason when a field cannot be read.</summary>
    internal static (TrialPlan? Plan, string? Problem) PlanFrom(IFormCollection form, KnowledgeBase kb)
    {
        if (!DateOnly.TryParseExact(form["startDate"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return (null, "Give the first day as a date.");
        }

        if (!Enum.TryParse<TrialDesign>(form["design"].ToString(), ignoreCase: true, out var design) || !Enum.IsDefined(design))
        {
            return (null, "Choose a design.");
        }

        var compound = form["compound"].ToString() is { Length: > 0 } c && kb.Compound(c) is { IsImported: false } known ? known : null;
        var primary = form["primary"].ToString();
        var mid = double.TryParse(form["mid"], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 && double.IsFinite(m) ? m : (double?)null;
        var kbOutcome = form["kbOutcome"].ToString() is { Length: > 0 } o && kb.Outcome(o) is not null ? o : null;
        var outcomes = new List<PlannedOutcome>();
        foreach (var (name, _, lower) in Ratings)
        {
            if (form["outcome"].Contains(name))
            {
                outcomes.Add(new PlannedOutcome(name, OutcomeKind.Rating, lower, name == primary ? mid : null, 1, name == primary ? kbOutcome : null));
            }
        }

        foreach (var (name, kind) in Tests)
        {
            if (form["test"].Contains(name))
            {
                var every = Whole(form["every-" + name], 1);
                outcomes.Add(new PlannedOutcome(name, kind, false, name == primary ? mid : null, every, name == primary ? kbOutcome : null));
            }
        }

        if (form["custom"].ToString().Trim() is { Length: > 0 } custom)
        {
            var name = custom.ToLowerInvariant().Replace(' ', '-');
            primary = primary == "custom" ? name : primary;
            outcomes.Add(new PlannedOutcome(name, OutcomeKind.Number, form["customLower"] == "on", name == primary ? mid : null, 1, name == primary ? kbOutcome : null));
        }

        var plan = new TrialPlan
        {
            Title = form["title"].ToString().Trim(),
            Intervention = new TrialCondition(form["intervention"].ToString().Trim(), compound?.Id),
            Comparator = new TrialCondition(form["comparator"].ToString().Trim()),
            Design = design,
            PhaseDays = design == TrialDesign.AlternatingDays ? 1 : Whole(form["phaseDays"], 0),
            Cycles = Whole(form["cycles"], 0),
            WashoutDays = Whole(form["washoutDays"], 0),
            RunInDays = Whole(form["runInDays"], 0),
            StartDate = start,
            Outcomes = outcomes,
            PrimaryOutcome = primary.Length > 0 ? primary : outcomes.FirstOrDefault()?.Name ?? string.Empty,
            Blinded = form["blinded"] == "on",
            HalfLifeHours = form["halfLife"].ToString() is { Length: > 0 } h
                ? double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && double.IsFinite(hours) ? hours : -1
                : null,
        };
        return (plan, null);
    }
}
