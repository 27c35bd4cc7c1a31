using System.Globalization;
using System.Security.Claims;
using Decodex.Core.Knowledge;
using Decodex.Core.Reports;
using Decodex.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Decodex.Web.Html;

namespace Decodex.Web;

/// <summary>The pages not yet components: sign-in, my data, my lab results, account. Forms post with antiforgery tokens.</summary>
internal static class PageEndpoints
{
    /// <summary>Lab results per page of <c>/my/labs</c>: a year of monthly panels, rendered in well under a megabyte.</summary>
    public const int LabsPageSize = 200;

    /// <summary>Links to the newer and older pages of results, with where this page is.</summary>
    private static string Pager(int current, int pages, int count)
    {
        if (pages <= 1)
        {
            return string.Empty;
        }

        var newer = current > 1 ? string.Create(CultureInfo.InvariantCulture, $"<a rel=\"prev\" href=\"/my/labs?page={current - 1}\">Newer results</a> ") : string.Empty;
        var older = current < pages ? string.Create(CultureInfo.InvariantCulture, $" <a rel=\"next\" href=\"/my/labs?page={current + 1}\">Older results</a>") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"<nav class=\"pager\">{newer}<span>Page {current} of {pages} ({count:N0} results)</span>{older}</nav>");
    }

    public static void Map(WebApplication web)
    {
        // Pages are not part of the API description.
        var app = web.MapGroup(string.Empty).ExcludeFromDescription();
        // The sample report (/demo) and /my/report are Razor components (Components/Pages).
        // The home page and the knowledge base (/, /kb, /kb/{id}) are Razor components (Components/Pages).

        const string RegisterFields = "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required><label for=\"password\">Password (12 characters or more; a passphrase is fine)</label><input id=\"password\" name=\"password\" type=\"password\" required minlength=\"12\">";
        const string ClosedText = "<p class=\"error\">Registration is closed. Ask the owner of this Decodex for an invite link.</p>";
        static string InviteField(string? invite) => string.IsNullOrWhiteSpace(invite) ? string.Empty : $"<input type=\"hidden\" name=\"invite\" value=\"{E(invite)}\">";
        app.MapGet("/account/register", async (HttpContext context, IAntiforgery anti, Registration registration, string? invite) =>
        {
            var first = !await registration.AnyAccountAsync();
            return !first && !registration.Open && !await registration.InviteValidAsync(invite)
                ? Page(context, "Create account", ClosedText)
                : Page(context, first ? "Create the owner account" : "Create account", Form(context, anti, "/account/register", InviteField(invite) + RegisterFields, "Create account"));
        });
        app.MapPost("/account/register", async (HttpContext context, [FromForm] string email, [FromForm] string password, [FromForm] string? invite, UserManager<DecodexUser> users, SignInManager<DecodexUser> signIn, Registration registration, IAntiforgery anti) =>
        {
            IResult Refused(IdentityResult result) =>
                Page(context, "Create account", $"<p class=\"error\">{E(string.Join(" ", result.Errors.Select(e => e.Description)))}</p>" + Form(context, anti, "/account/register", InviteField(invite) + RegisterFields, "Create account"));
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
                    return Results.Redirect("/my");
                }
            }

            if (!registration.Open && !await registration.InviteValidAsync(invite))
            {
                return Page(context, "Create account", ClosedText, statusCode: StatusCodes.Status403Forbidden);
            }

            var valid = await registration.ValidatePasswordAsync(password);
            if (!valid.Succeeded)
            {
                return Refused(valid);
            }

            if (!registration.Open && !await registration.ConsumeInviteAsync(invite))
            {
                return Page(context, "Create account", ClosedText, statusCode: StatusCodes.Status403Forbidden);
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

            return Page(context, "Create account", $"<p>If {E(email)} had no account here, it has one now. <a href=\"/account/sign-in\">Sign in</a> with it.</p>");
        }).RequireRateLimiting(WebServices.SignInPolicy);

        const string SignInFields = "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" required><label for=\"code\">Authenticator code or recovery code (only if you turned on two-factor sign-in)</label><input id=\"code\" name=\"code\" autocomplete=\"one-time-code\">";
        app.MapGet("/account/sign-in", (HttpContext context, IAntiforgery anti, string? locked) =>
            Page(context, "Sign in", (locked is null ? string.Empty : "<p class=\"error\" role=\"status\">Your data is encrypted with a key that only your password opens, and it is locked now (the app restarted, or you were away a long time). Sign in to unlock it.</p>")
                + Form(context, anti, "/account/sign-in", SignInFields, "Sign in") + "<p><a href=\"/account/recover\">Forgot your password? Use your recovery key</a></p>"));
        const string RecoverFields = "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required><label for=\"recoveryKey\">Recovery key</label><input id=\"recoveryKey\" name=\"recoveryKey\" required autocomplete=\"off\"><label for=\"password\">New password (12 characters or more)</label><input id=\"password\" name=\"password\" type=\"password\" required minlength=\"12\">";
        app.MapGet("/account/recover", (HttpContext context, IAntiforgery anti) =>
            Page(context, "Recover your account", "<p>Your data is encrypted with a key that your password opens, and that your recovery key also opens. Without either, nobody can read it, this app included.</p>" + Form(context, anti, "/account/recover", RecoverFields, "Set the new password")));
        app.MapPost("/account/recover", async (HttpContext context, [FromForm] string email, [FromForm] string recoveryKey, [FromForm] string password, UserManager<DecodexUser> users, UserKeys keys, IAntiforgery anti) =>
        {
            // The same answer whether or not the account exists or the key fits.
            const string Refused = "<p class=\"error\">That email and recovery key do not open an account, or the new password is shorter than 12 characters.</p>";
            var user = await users.FindByEmailAsync(email);
            if (user is null || password.Length < 12 || !await keys.RecoverAsync(user.Id, recoveryKey, password))
            {
                return Page(context, "Recover your account", Refused + Form(context, anti, "/account/recover", RecoverFields, "Set the new password"));
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, password);
            keys.Lock(user.Id);
            return reset.Succeeded
                ? Page(context, "Recover your account", "<p>Your password is changed. <a href=\"/account/sign-in\">Sign in</a> with it.</p>")
                : Page(context, "Recover your account", Refused + Form(context, anti, "/account/recover", RecoverFields, "Set the new password"));
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
                ? Results.Redirect("/my")
                : Page(context, "Sign in", $"<p class=\"error\">{(result.RequiresTwoFactor ? "This account uses two-factor sign-in: enter the code from your authenticator app, or one of your recovery codes." : "Email, password or code is wrong, or the account is paused for a few minutes after repeated failures.")}</p>" + Form(context, anti, "/account/sign-in", SignInFields, "Sign in"));
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
        {
            var account = await users.GetUserAsync(user);
            var invite = account is not null && await registration.IsOwnerAsync(account)
                ? "<h2>Invite someone</h2><p>Registration is " + (registration.Open ? "open to anyone (Decodex:Registration = open)." : "closed except by invite.") + " An invite link works once and for 7 days.</p>" + Form(context, anti, "/account/invite", string.Empty, "Create an invite link")
                : string.Empty;
            var twoFactor = account is not null && await users.GetTwoFactorEnabledAsync(account);
            var totp = twoFactor
                ? "<p>Two-factor sign-in is on.</p>" + Form(context, anti, "/account/two-factor/off", string.Empty, "Turn two-factor sign-in off")
                : "<p>Two-factor sign-in is off. Turning it on shows a key for your authenticator app (TOTP); sign-in then asks for its code.</p>" + Form(context, anti, "/account/two-factor", string.Empty, "Set up two-factor sign-in");
            return Page(context, "Account",
                "<p><a href=\"/api/account/export\">Export all my data (zip)</a></p>"
                + "<h2>Two-factor sign-in</h2>" + totp
                + "<h2>Recovery key</h2><p>Your data is encrypted with a key that only your password and your recovery key open. If you lost your recovery key, make a new one: the old one stops working.</p>" + Form(context, anti, "/account/recovery-key", string.Empty, "Make a new recovery key")
                + invite
                + "<h2>Delete my data</h2><p>Deletes your profile, uploads and reports. Your account stays.</p>" + Form(context, anti, "/account/delete-data", Confirm("confirm-data", "Yes, delete my profile, uploads and reports"), "Delete my data")
                + "<h2>Delete my account</h2><p>Deletes the account and everything in it.</p>" + Form(context, anti, "/account/delete", Confirm("confirm-account", "Yes, delete my account and everything in it"), "Delete my account")
                + Form(context, anti, "/account/sign-out", string.Empty, "Sign out"));
        });
        my.MapPost("/account/invite", async (HttpContext context, ClaimsPrincipal user, UserManager<DecodexUser> users, Registration registration, [FromForm] string? _) =>
        {
            if (await users.GetUserAsync(user) is not { } account || !await registration.IsOwnerAsync(account))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the owner can invite.");
            }

            var code = await registration.CreateInviteAsync(account);
            var link = $"{context.Request.Scheme}://{context.Request.Host}/account/register?invite={code}";
            return Page(context, "Invite link", $"<p>Send this link to the person you invite. It works once, for 7 days, and is shown only now.</p><p><code>{E(link)}</code></p><p><a href=\"/account\">Back</a></p>");
        });
        my.MapPost("/account/recovery-key", async (HttpContext context, ClaimsPrincipal user, UserKeys keys, [FromForm] string? _) =>
            await keys.NewRecoveryKeyAsync(ApiEndpoints.Owner(user)) is { } key
                ? Page(context, "Recovery key", RecoveryKeyBox(key) + "<p><a href=\"/account\">Back to the account</a></p>")
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
                return Page(context, "Two-factor sign-in is on",
                    "<p>Keep these recovery codes somewhere safe. Each signs you in once in place of an authenticator code, if you lose the app. They are shown only now.</p><ul class=\"codes\">"
                    + string.Concat(codes.Select(c => $"<li><code>{E(c)}</code></li>")) + "</ul><p><a href=\"/account\">Back to the account</a></p>");
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
            return Page(context, "Two-factor sign-in",
                $"{(string.IsNullOrWhiteSpace(code) ? string.Empty : "<p class=\"error\">That code did not match; try the current one.</p>")}<p>Add this key to your authenticator app, then enter the 6-digit code it shows.</p><p><code>{E(key)}</code></p><p class=\"muted\">{E(uri)}</p>"
                + Form(context, anti, "/account/two-factor", "<label for=\"code\">Code</label><input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required>", "Turn on"));
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
                return NotConfirmed(context, "/account");
            }

            await store.DeleteAllDataAsync(ApiEndpoints.Owner(user), cancel);
            return Results.Redirect("/my");
        });
        my.MapPost("/account/delete", async (HttpContext context, ClaimsPrincipal user, UserManager<DecodexUser> users, SignInManager<DecodexUser> signIn, [FromForm] string? confirm) =>
        {
            if (confirm != "yes")
            {
                return NotConfirmed(context, "/account");
            }

            if (await users.GetUserAsync(user) is { } account)
            {
                await users.DeleteAsync(account);
            }

            await signIn.SignOutAsync();
            return Results.Redirect("/");
        });
    }

    /// <summary>The recovery key, shown once, with what it is for.</summary>
    private static string RecoveryKeyBox(string key) =>
        $"<div class=\"recovery\" role=\"status\"><h2>Your recovery key</h2><p><code>{E(key)}</code></p><p>Write it down and keep it somewhere safe. It is shown only now. Your data is encrypted with a key that only your password and this recovery key open: if you forget your password, this key is the only way to read your data again.</p></div>";

    /// <summary>A required checkbox: a delete button does nothing until it is ticked (no script needed).</summary>
    private static string Confirm(string id, string label) =>
        $"<label for=\"{id}\" class=\"confirm\"><input id=\"{id}\" name=\"confirm\" type=\"checkbox\" value=\"yes\" required> {E(label)}</label>";

    private static IResult NotConfirmed(HttpContext context, string back) =>
        Page(context, "Not deleted", $"<p class=\"error\">Nothing was deleted: tick the box to confirm.</p><p><a href=\"{E(back)}\">Back</a></p>", statusCode: StatusCodes.Status400BadRequest);
}
