using System.Security.Claims;
using Decodex.Core.Knowledge;
using Decodex.Core.Reports;
using Decodex.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using static Decodex.Web.Html;

namespace Decodex.Web;

/// <summary>The pages not yet components: sign-in, my data, my lab results, account. Forms post with antiforgery tokens.</summary>
internal static class PageEndpoints
{
    public static void Map(WebApplication web)
    {
        // Pages are not part of the API description.
        var app = web.MapGroup(string.Empty).ExcludeFromDescription();
        // The sample report (/demo) and /my/report are Razor components (Components/Pages).
        // The home page and the knowledge base (/, /kb, /kb/{id}) are Razor components (Components/Pages).

        static IResult Register(string heading = "Create account", bool closed = false, string? invite = null, string? error = null, string? createdEmail = null, int statusCode = StatusCodes.Status200OK) =>
            Screens.Show<Components.Pages.RegisterPage>(heading, new { Heading = heading, Closed = closed, Invite = invite, Error = error, CreatedEmail = createdEmail }, statusCode: statusCode);
        app.MapGet("/account/register", async (Registration registration, string? invite) =>
        {
            var first = !await registration.AnyAccountAsync();
            return !first && !registration.Open && !await registration.InviteValidAsync(invite)
                ? Register(closed: true)
                : Register(first ? "Create the owner account" : "Create account", invite: invite);
        });
        app.MapPost("/account/register", async (HttpContext context, [FromForm] string email, [FromForm] string password, [FromForm] string? invite, UserManager<DecodexUser> users, SignInManager<DecodexUser> signIn, Registration registration, IAntiforgery anti) =>
        {
            IResult Refused(IdentityResult result) => Register(invite: invite, error: string.Join(" ", result.Errors.Select(e => e.Description)));
            email = email.Trim();

            // The first account is the owner's, signed in at once: there is no other account to tell apart.
            if (!await registration.AnyAccountAsync())
            {
                var owner = new DecodexUser { UserName = email, Email = email };
                if (await registration.CreateOwnerAsync(owner, password) is { } created)
                {
                    if (!created.Succeeded)
                    {
                        return Refused(created);
                    }

                    await DataKeys.UnlockAsync(context.RequestServices, owner.Id, password);
                    await signIn.SignInAsync(owner, isPersistent: false);
                    return Results.Redirect("/my/setup/1");
                }
            }

            if (!registration.Open && !await registration.InviteValidAsync(invite))
            {
                return Register(closed: true, statusCode: StatusCodes.Status403Forbidden);
            }

            var valid = await registration.ValidatePasswordAsync(password);
            if (!valid.Succeeded)
            {
                return Refused(valid);
            }

            if (!registration.Open && !await registration.ConsumeInviteAsync(invite))
            {
                return Register(closed: true, statusCode: StatusCodes.Status403Forbidden);
            }

            // The same answer whether or not the email already has an account, after as much work.
            if (await users.FindByEmailAsync(email) is null)
            {
                var created = await users.CreateAsync(new DecodexUser { UserName = email, Email = email }, password);
                if (!created.Succeeded && !created.Errors.All(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
                {
                    return Refused(created);
                }
            }
            else
            {
                await registration.SpendPasswordWorkAsync(password);
            }

            return Register(createdEmail: email);
        }).RequireRateLimiting(WebServices.SignInPolicy);

        app.MapGet("/account/sign-in", (string? locked) => Screens.Show<Components.Pages.SignInPage>("Sign in", new { Locked = locked is not null, Error = (string?)null }));
        app.MapGet("/account/recover", () => Screens.Show<Components.Pages.RecoverPage>("Recover your account", new { Refused = false, Done = false }));
        app.MapPost("/account/recover", async ([FromForm] string email, [FromForm] string recoveryKey, [FromForm] string password, UserManager<DecodexUser> users, UserKeys keys) =>
        {
            // The same answer whether or not the account exists or the key fits.
            var refused = Screens.Show<Components.Pages.RecoverPage>("Recover your account", new { Refused = true, Done = false });
            var user = await users.FindByEmailAsync(email);
            if (user is null || password.Length < 12 || !await keys.RecoverAsync(user.Id, recoveryKey, password))
            {
                return refused;
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, password);
            keys.Lock(user.Id);
            return reset.Succeeded
                ? Screens.Show<Components.Pages.RecoverPage>("Recover your account", new { Refused = false, Done = true })
                : refused;
        }).RequireRateLimiting(WebServices.SignInPolicy);
        app.MapPost("/account/sign-in", async (HttpContext context, [FromForm] string email, [FromForm] string password, [FromForm] string? code, UserManager<DecodexUser> users, SignInManager<DecodexUser> signIn, Registration registration, IAntiforgery anti) =>
        {
            // The same answer and as much work for an unknown email, a wrong password or a locked account.
            var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
            if (await users.FindByNameAsync(email) is null)
            {
                await registration.SpendPasswordWorkAsync(password);
            }
            else
            {
                result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
                var written = code?.Replace(" ", string.Empty, StringComparison.Ordinal);
                if (result.RequiresTwoFactor && !string.IsNullOrWhiteSpace(written))
                {
                    // Six digits are the authenticator's code; anything else is tried as a one-time recovery code.
                    result = written.Length == 6 && written.All(char.IsAsciiDigit)
                        ? await signIn.TwoFactorAuthenticatorSignInAsync(written, isPersistent: false, rememberClient: false)
                        : await signIn.TwoFactorRecoveryCodeSignInAsync(written);
                }
            }

            return result.Succeeded
                ? Results.Redirect(await MyEndpoints.StartPageAsync(context.RequestServices.GetRequiredService<DecodexStore>(), (await users.FindByNameAsync(email))!.Id, context.RequestAborted))
                : Screens.Show<Components.Pages.SignInPage>("Sign in", new { Locked = false, Error = (string?)(result.RequiresTwoFactor ? "This account uses two-factor sign-in: enter the code from your authenticator app, or one of your recovery codes." : "Email, password or code is wrong, or the account is paused for a few minutes after repeated failures.") });
        }).RequireRateLimiting(WebServices.SignInPolicy);
        app.MapPost("/account/sign-out", async (ClaimsPrincipal user, UserManager<DecodexUser> users, SignInManager<DecodexUser> signIn, [FromForm] string? _) =>
        {
            // A new security stamp ends this session everywhere: a copied cookie or an issued token stops working.
            if (user.Identity?.IsAuthenticated == true && await users.GetUserAsync(user) is { } account)
            {
                await users.UpdateSecurityStampAsync(account);
            }

            await signIn.SignOutAsync();
            return Results.Redirect("/");
        });

        var my = app.MapGroup(string.Empty).RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
<<<<<<< HEAD
        my.MapGet("/my", async (HttpContext context, ClaimsPrincipal user, DecodexStore store, KnowledgeBase kb, IAntiforgery anti, PendingRecoveryKeys recoveryKeys, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            var profile = await store.GetProfileAsync(owner, cancel) ?? new ProfileEntity { OwnerId = owner };
            var recovery = recoveryKeys.Take(owner) is { } newKey ? RecoveryKeyBox(newKey) : string.Empty;

            // Whatever the profile holds that Decodex does not recognise is listed here, with suggestions, as in the report.
            var (parsed, _) = ProfileLoader.Parse(DecodexStore.ProfileYaml(profile), "profile", kb);
            var notices = parsed is null || parsed.Notices.Count == 0
                ? string.Empty
                : "<div class=\"notices\" role=\"status\"><h3>Not recognised, so not checked</h3><ul>" + string.Concat(parsed.Notices.Select(n => $"<li><b>{E(n.Written)}</b> ({E(n.Field)}): {E(n.Message)}{(n.Suggestions.Count > 0 ? " Did you mean: " + E(string.Join(", ", n.Suggestions)) + "?" : string.Empty)}</li>")) + "</ul></div>";
            var uploads = await store.ListUploadsAsync(owner, cancel);
            var rows = string.Concat(uploads.Select(u => $"<tr><td>{E(u.Kind == UploadKind.Genome ? "DNA" : "Labs")}</td><td>{E(u.FileName)}</td><td>{E(u.Summary)}</td><td>{u.Created:yyyy-MM-dd HH:mm}</td><td>{Form(context, anti, $"/my/uploads/{u.Id}/delete", Confirm($"upload-{u.Id:N}", "Yes, delete this file"), "Delete")}</td></tr>"));
            string Sel(string value) => profile.Sex == value ? " selected" : string.Empty;
            static string YesNo(string name, string label, string? value) =>
                $"<label for=\"{name}\">{label}</label><select id=\"{name}\" name=\"{name}\"><option value=\"\">not stated</option><option value=\"yes\"{(value == "yes" ? " selected" : string.Empty)}>yes</option><option value=\"no\"{(value == "no" ? " selected" : string.Empty)}>no</option></select>";
            var profileForm = Form(context, anti, "/my/profile",
                $"<label for=\"sex\">Sex (for sex-specific ranges and eGFR)</label><select id=\"sex\" name=\"sex\"><option value=\"\">not given</option><option{Sel("female")}>female</option><option{Sel("male")}>male</option></select>"
                + $"<label for=\"birthDate\">Birth date</label><input id=\"birthDate\" name=\"birthDate\" type=\"date\" value=\"{profile.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\">"
                + YesNo("pregnant", "Pregnant", profile.Pregnant) + YesNo("breastfeeding", "Breastfeeding", profile.Breastfeeding)
                + "<label for=\"ancestry\">Ancestry, as one of CPIC's biogeographic groups</label>"
                + "<p class=\"muted\" id=\"ancestry-help\">Optional. When your DNA file does not read every position of a pharmacogene, the likely phenotype is weighed by how common each untested allele is in this group; not stated, the report shows the range across all groups.</p>"
                + $"<select id=\"ancestry\" name=\"ancestry\" aria-describedby=\"ancestry-help\"><option value=\"\">not stated</option>{string.Concat(Core.Pgx.Calling.PgxFrequencies.Groups.Select(g => $"<option{(profile.Ancestry == g ? " selected" : string.Empty)}>{E(g)}</option>"))}</select>"
                + $"<label for=\"conditions\">Conditions (one per line)</label><textarea id=\"conditions\" name=\"conditions\">{E(profile.Conditions)}</textarea>"
                + $"<label for=\"allergies\">Medicines you are allergic to (one per line)</label><textarea id=\"allergies\" name=\"allergies\">{E(profile.Allergies)}</textarea>"
                + $"<label for=\"medications\">Medications (one per line)</label><textarea id=\"medications\" name=\"medications\">{E(profile.Medications)}</textarea>"
                + $"<label for=\"goals\">Goals (one per line, e.g. memory)</label><textarea id=\"goals\" name=\"goals\">{E(profile.Goals)}</textarea>", "Save profile");
            var upload = Form(context, anti, "/my/uploads", "<label for=\"kind\">Kind</label><select id=\"kind\" name=\"kind\"><option value=\"genome\">DNA raw data (23andMe, AncestryDNA, VCF …)</option><option value=\"labs\">Lab results (CSV or FHIR JSON)</option></select><label for=\"file\">File</label><input id=\"file\" name=\"file\" type=\"file\" required><progress hidden></progress>", "Upload", multipart: true);
            return Page(context, "My data", $"{recovery}<h2>Profile</h2>{notices}{profileForm}<h2>Uploads</h2><table><tr><th>Kind</th><th>File</th><th>What was read</th><th>Uploaded</th><th></th></tr>{rows}</table><h3>Add a file</h3>{upload}", "/upload.js");
        });
        my.MapGet("/my/labs", async (HttpContext context, ClaimsPrincipal user, DecodexStore store, KnowledgeBase kb, IAntiforgery anti, int? page, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            var profile = await store.GetProfileAsync(owner, cancel);
            // The stored rows, decrypted on demand; the files themselves are not read again.
            var results = (await store.LabResultsAsync(owner, cancel: cancel)).Select(ApiEndpoints.Restore).ToList();
            var person = new Core.Labs.LabDemographics(profile?.Sex switch { "female" => MarkerSex.Female, "male" => MarkerSex.Male, _ => null }, profile?.BirthDate);
            var report = Core.Labs.LabAnalyzer.Analyze(new Core.Labs.LabCatalogue(kb), results, person);
            // One page of results, newest first: the page is bounded whatever the user has stored.
            var shown = report.Results.Concat(report.Derived).Where(r => r.Marker is not null).OrderByDescending(r => r.Result.Date).ToList();
            var pages = Math.Max(1, (shown.Count + LabsPageSize - 1) / LabsPageSize);
            var current = Math.Clamp(page ?? 1, 1, pages);
            var rows = string.Concat(shown.Skip((current - 1) * LabsPageSize).Take(LabsPageSize).Select(r =>
                $"<tr><td>{r.Result.Date:yyyy-MM-dd}</td><td>{E(r.Marker!.Name)}</td><td>{E(r.Value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + " " + r.Unit : r.Result.Value + " " + r.Result.Unit)}</td><td>{E(TermText.Of(r.Flag))}</td><td>{E(r.Range is { } g ? $"{g.Low?.ToString(CultureInfo.InvariantCulture) ?? "…"}–{g.High?.ToString(CultureInfo.InvariantCulture) ?? "…"} {g.Unit} ({g.Source})" : "no range")}</td><td>{E(string.Join("; ", r.Categories.Select(c => c.Category)))}</td></tr>"));
            var plots = string.Concat(report.Trends.Select(t => $"<figure>{Core.Labs.LabTrendPlot.Svg(t)}<figcaption class=\"muted\">{E(string.Join(" ", t.Notes))}</figcaption></figure>"));
            var conditions = string.Concat(report.Conditions.Select(c => $"<li><b>{E(c.Status)}</b>: {E(c.Explanation)}</li>"));
            var typed = Form(context, anti, "/my/labs", "<label for=\"date\">Date</label><input id=\"date\" name=\"date\" type=\"date\" required><label for=\"test\">Test</label><input id=\"test\" name=\"test\" required placeholder=\"Creatinine\"><label for=\"value\">Value</label><input id=\"value\" name=\"value\" required><label for=\"unit\">Unit</label><input id=\"unit\" name=\"unit\" required placeholder=\"mg/dL\">", "Add result");
            return Page(context, "My lab results", $"<h2>Type a result</h2>{typed}{(conditions.Length > 0 ? $"<h2>What the lab criteria point to</h2><ul>{conditions}</ul>" : string.Empty)}<h2>Trends</h2>{plots}<h2>Results</h2><table><tr><th>Date</th><th>Marker</th><th>Value</th><th>Flag</th><th>Range used</th><th>Categories</th></tr>{rows}</table>{Pager(current, pages, shown.Count)}");
        });
        my.MapPost("/my/labs", async (HttpContext context, ClaimsPrincipal user, [FromForm] string date, [FromForm] string test, [FromForm] string value, [FromForm] string unit, DecodexStore store, KnowledgeBase kb, CancellationToken cancel) =>
        {
            // A typed result is stored as a one-row lab file of the Decodex layout, with the same checks.
            static string Csv(string text) => "\"" + text.Replace("\"", "'", StringComparison.Ordinal) + "\"";
            var csv = $"date,test,value,unit\n{Csv(date)},{Csv(test)},{Csv(value)},{Csv(unit)}\n";
            // Issues and sources name the file as it is listed among the uploads.
            var name = $"typed-{date}.csv";
            var import = Core.Labs.LabImport.Read(csv, name);
            if (import.Refused)
            {
                return Page(context, "Result refused", $"<p class=\"error\">{E(string.Join(" ", import.Issues.Select(i => i.Code + ": " + i.Message)))}</p><p><a href=\"/my/labs\">Back</a></p>");
            }

            await store.AddUploadAsync(ApiEndpoints.Owner(user), UploadKind.Labs, name, System.Text.Encoding.UTF8.GetBytes(csv), $"{import.Format}, typed", ApiEndpoints.Stored(import.Results, kb), cancel);
            return Results.Redirect("/my/labs");
        });
        my.MapPost("/my/profile", async (ClaimsPrincipal user, [FromForm] string? sex, [FromForm] string? birthDate, [FromForm] string? conditions, [FromForm] string? medications, [FromForm] string? goals, [FromForm] string? pregnant, [FromForm] string? breastfeeding, [FromForm] string? allergies, [FromForm] string? ancestry, DecodexStore store, ReportService reports, CancellationToken cancel) =>
        {
            await store.SaveProfileAsync(ApiEndpoints.Owner(user), p =>
            {
                p.Sex = sex is "female" or "male" ? sex : null;
                p.Pregnant = pregnant is "yes" or "no" ? pregnant : null;
                p.Breastfeeding = breastfeeding is "yes" or "no" ? breastfeeding : null;
                p.Ancestry = Core.Pgx.Calling.PgxFrequencies.ResolveGroup(ancestry);
                p.Allergies = allergies?.Replace("\r", string.Empty, StringComparison.Ordinal) ?? string.Empty;
                p.BirthDate = DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
                p.Conditions = conditions?.Replace("\r", string.Empty, StringComparison.Ordinal) ?? string.Empty;
                p.Medications = medications?.Replace("\r", string.Empty, StringComparison.Ordinal) ?? string.Empty;
                p.Goals = goals?.Replace("\r", string.Empty, StringComparison.Ordinal) ?? string.Empty;
            }, cancel);
            await reports.PrepareAsync(ApiEndpoints.Owner(user), cancel);
            return Results.Redirect("/my");
        });
        my.MapPost("/my/uploads", async (HttpContext context, ClaimsPrincipal user, [FromForm] string kind, IFormFile file, DecodexStore store, KnowledgeBase kb, Core.ReadLimits limits, ReportService reports, ReportTargets targets, CancellationToken cancel) =>
        {
            var (upload, problem) = await ApiEndpoints.UploadAsync(ApiEndpoints.Owner(user), kind, file, store, kb, limits, reports, targets, cancel);
            return upload is null ? Page(context, "Upload refused", $"<p class=\"error\">{E(problem)}</p><p><a href=\"/my\">Back</a></p>") : Results.Redirect("/my");
        }).RequireRateLimiting(WebServices.UploadPolicy);
        my.MapPost("/my/uploads/{id:guid}/delete", async (HttpContext context, ClaimsPrincipal user, Guid id, DecodexStore store, [FromForm] string? confirm, CancellationToken cancel) =>
        {
            if (confirm != "yes")
            {
                return NotConfirmed(context, "/my");
            }

            await store.DeleteUploadAsync(ApiEndpoints.Owner(user), id, cancel);
            return Results.Redirect("/my");
        });
        my.MapGet("/account", async (HttpContext context, ClaimsPrincipal user, UserManager<DecodexUser> users, Registration registration, IAntiforgery anti) =>
=======
        // The dashboard, profile, setup, labs and uploads are screen components (MyEndpoints).
        my.MapGet("/my/report", async (HttpContext context, ClaimsPrincipal user, KnowledgeBase kb, ReportService reports, string? compound, CancellationToken cancel) =>
        {
            var options = string.Concat(kb.Compounds.Select(c => $"<option value=\"{E(c.Id)}\"{(c.Id == compound ? " selected" : string.Empty)}>{E(c.Name)}</option>"));
            var picker = $"<form method=\"get\" action=\"/my/report\"><label for=\"compound\">Compound</label><select id=\"compound\" name=\"compound\"><option value=\"\">all compounds</option>{options}</select><button type=\"submit\">Show</button></form>";
            var ids = compound is { Length: > 0 } && kb.Compound(compound) is not null ? new[] { compound } : [];
            var (report, issues) = await reports.BuildAsync(ApiEndpoints.Owner(user), ids, cancel);
            if (report is null)
            {
                return Page(context, "My report", picker + $"<p class=\"error\">The profile cannot be used: {E(string.Join(" ", issues.Select(i => i.Message)))}</p>");
            }

            var summary = string.Concat(report.Compounds.Select(c => $"<tr><td><a href=\"/my/report?compound={E(c.CompoundId)}\">{E(c.Name)}</a></td><td><span class=\"verdict {E(c.Verdict)}\">{E(ReportHtml.VerdictText(c.Verdict))}</span></td><td>{E(string.Join(" · ", c.Reasons))}</td></tr>"));
            var pdf = ids.Length == 1 ? $"<p><a href=\"/api/report/{E(ids[0])}?format=pdf\">Download the PDF</a> · <a href=\"/api/report/{E(ids[0])}?format=html\">Full report</a></p>" : string.Empty;
            var details = ids.Length == 1 ? string.Concat(report.Compounds[0].Findings.Select(f => $"<h3>{E(f.Title)}</h3><p>{E(f.Explanation)}</p><p class=\"muted\">Certainty: {E(f.Certainty)}. Inputs: {E(string.Join("; ", f.Inputs))}. Rule: {E(f.Rule)}.{(f.WouldSettle is { } w ? " Would settle it: " + E(w) + "." : string.Empty)}</p>")) : string.Empty;
            var notices = report.Notices.Count == 0 ? string.Empty : "<div class=\"notices\" role=\"status\"><h2>Not recognised, so not checked</h2><ul>" + string.Concat(report.Notices.Select(n => $"<li><b>{E(n.Written)}</b> ({E(n.Field)}): {E(n.Message)}{(n.Suggestions.Count > 0 ? " Did you mean: " + E(string.Join(", ", n.Suggestions)) + "?" : string.Empty)}</li>")) + "</ul></div>";
            return Page(context, "My report", $"{picker}{notices}<p class=\"muted\">{E(ReportEngine.Disclaimer)}</p>{pdf}<table><tr><th>Compound</th><th>Verdict</th><th>Why</th></tr>{summary}</table>{details}");
        });
        my.MapGet("/account", async (ClaimsPrincipal user, UserManager<DecodexUser> users, Registration registration) =>
>>>>>>> web-my
        {
            var account = await users.GetUserAsync(user);
            return Screens.Show<Components.Pages.AccountPage>("Account", new
            {
                TwoFactor = account is not null && await users.GetTwoFactorEnabledAsync(account),
                IsOwner = account is not null && await registration.IsOwnerAsync(account),
                RegistrationOpen = registration.Open,
            });
        });
        my.MapPost("/account/invite", async (HttpContext context, ClaimsPrincipal user, UserManager<DecodexUser> users, Registration registration, [FromForm] string? _) =>
        {
            if (await users.GetUserAsync(user) is not { } account || !await registration.IsOwnerAsync(account))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the owner can invite.");
            }

            var code = await registration.CreateInviteAsync(account);
            var link = $"{context.Request.Scheme}://{context.Request.Host}/account/register?invite={code}";
            return Screens.Show<Components.Pages.AccountSecretPage>("Invite link", new { Heading = "Invite link", InviteLink = link });
        });
        my.MapPost("/account/recovery-key", async (HttpContext context, ClaimsPrincipal user, UserKeys keys, [FromForm] string? _) =>
            await keys.NewRecoveryKeyAsync(ApiEndpoints.Owner(user)) is { } key
                ? Screens.Show<Components.Pages.AccountSecretPage>("Recovery key", new { Heading = "Recovery key", RecoveryKey = key })
                : throw new DataLockedException());
        my.MapPost("/account/two-factor", async (HttpContext context, ClaimsPrincipal user, UserManager<DecodexUser> users, SignInManager<DecodexUser> signIn, IAntiforgery anti, [FromForm] string? code) =>
        {
            var account = await users.GetUserAsync(user);
            if (account is null)
            {
                return Results.Redirect("/");
            }

            if (!string.IsNullOrWhiteSpace(code) && await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", string.Empty, StringComparison.Ordinal)))
            {
                // Turning it on changes the security stamp: every other session and token ends; this one goes on.
                await users.SetTwoFactorEnabledAsync(account, true);
                await signIn.RefreshSignInAsync(account);
                var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10) ?? [];
                return Screens.Show<Components.Pages.AccountSecretPage>("Two-factor sign-in is on", new { Heading = "Two-factor sign-in is on", Codes = (IReadOnlyList<string>)[.. codes] });
            }

            var key = await users.GetAuthenticatorKeyAsync(account);
            if (string.IsNullOrEmpty(key))
            {
                // A new key changes the security stamp: other sessions end, this one goes on.
                await users.ResetAuthenticatorKeyAsync(account);
                await signIn.RefreshSignInAsync(account);
                key = await users.GetAuthenticatorKeyAsync(account);
            }

            var uri = $"otpauth://totp/Decodex:{Uri.EscapeDataString(account.Email ?? account.Id)}?secret={key}&issuer=Decodex&digits=6";
            return Screens.Show<Components.Pages.TwoFactorSetupPage>("Two-factor sign-in", new { Key = key ?? string.Empty, Uri = uri, Mismatch = !string.IsNullOrWhiteSpace(code) });
        });
        my.MapPost("/account/two-factor/off", async (ClaimsPrincipal user, UserManager<DecodexUser> users, SignInManager<DecodexUser> signIn, [FromForm] string? _) =>
        {
            if (await users.GetUserAsync(user) is { } account)
            {
                await users.SetTwoFactorEnabledAsync(account, false);
                await users.ResetAuthenticatorKeyAsync(account);
                await signIn.RefreshSignInAsync(account);
            }

            return Results.Redirect("/account");
        });
        my.MapPost("/account/delete-data", async (HttpContext context, ClaimsPrincipal user, DecodexStore store, [FromForm] string? confirm, CancellationToken cancel) =>
        {
            if (confirm != "yes")
            {
                return NotConfirmed("/account");
            }

            await store.DeleteAllDataAsync(ApiEndpoints.Owner(user), cancel);
            return Results.Redirect("/my");
        });
        my.MapPost("/account/delete", async (HttpContext context, ClaimsPrincipal user, UserManager<DecodexUser> users, SignInManager<DecodexUser> signIn, [FromForm] string? confirm) =>
        {
            if (confirm != "yes")
            {
                return NotConfirmed("/account");
            }

            if (await users.GetUserAsync(user) is { } account)
            {
                await users.DeleteAsync(account);
            }

            await signIn.SignOutAsync();
            return Results.Redirect("/");
        });
    }

    private static IResult NotConfirmed(string back) =>
        Screens.Show<Components.Pages.My.MessagePage>("Not deleted", new { Heading = "Not deleted", Text = "Nothing was deleted: tick the box to confirm.", IsError = true, Back = back }, statusCode: StatusCodes.Status400BadRequest);
}
