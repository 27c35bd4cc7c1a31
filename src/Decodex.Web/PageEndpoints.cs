using System.Security.Claims;
using Decodex.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Decodex.Web;

/// <summary>The account endpoints: registration, sign-in, recovery, sign-out and the account page with its actions; pages are components (Screens). Forms post with antiforgery tokens.</summary>
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
        // The dashboard, profile, setup, labs and uploads are screen components (MyEndpoints); the report is a page component.
        my.MapGet("/account", async (ClaimsPrincipal user, UserManager<DecodexUser> users, Registration registration) =>
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
        my.MapPost("/account/delete", async (HttpContext context, ClaimsPrincipal user, UserManager<DecodexUser> users, SignInManager<DecodexUser> signIn, CommunityStore community, [FromForm] string? confirm, [FromForm] string? contributions) =>
        {
            if (confirm != "yes")
            {
                return NotConfirmed("/account");
            }

            if (await users.GetUserAsync(user) is { } account)
            {
                // Community posts: deleted, or kept without their author (the database's rule when nothing is chosen).
                await community.ReleaseAsync(account.Id, delete: contributions == "delete");
                await users.DeleteAsync(account);
            }

            await signIn.SignOutAsync();
            return Results.Redirect("/");
        });
    }

    private static IResult NotConfirmed(string back) =>
        Screens.Show<Components.Pages.My.MessagePage>("Not deleted", new { Heading = "Not deleted", Text = "Nothing was deleted: tick the box to confirm.", IsError = true, Back = back }, statusCode: StatusCodes.Status400BadRequest);
}
