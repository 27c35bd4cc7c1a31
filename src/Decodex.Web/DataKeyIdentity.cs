using Decodex.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Decodex.Web;

/// <summary>
/// Sign-in that also unlocks the user's data key: every password check that succeeds opens the key
/// (creating it, with a recovery key to show once, for an account that has none) and keeps it in this
/// process's memory for the session. Signing out locks it again.
/// </summary>
internal sealed class DataKeySignInManager(
    UserManager<DecodexUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<DecodexUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<DecodexUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<DecodexUser> confirmation)
    : SignInManager<DecodexUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> CheckPasswordSignInAsync(DecodexUser user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await DataKeys.UnlockAsync(Context.RequestServices, user.Id, password).ConfigureAwait(false);
        }

        return result;
    }

    public override async Task SignOutAsync()
    {
        if (UserManager.GetUserId(Context.User) is { } id)
        {
            Context.RequestServices.GetRequiredService<UserKeys>().Lock(id);
        }

        await base.SignOutAsync().ConfigureAwait(false);
    }
}

/// <summary>A user manager that re-wraps the data key when the password changes.</summary>
internal sealed class DataKeyUserManager(
    IUserStore<DecodexUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<DecodexUser> passwordHasher,
    IEnumerable<IUserValidator<DecodexUser>> userValidators,
    IEnumerable<IPasswordValidator<DecodexUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<DecodexUser>> logger)
    : UserManager<DecodexUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private readonly IServiceProvider _services = services;

    /// <summary>A deleted account's data key (and what the report cache decrypted with it) leaves memory at once.</summary>
    public override async Task<IdentityResult> DeleteAsync(DecodexUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.DeleteAsync(user).ConfigureAwait(false);
        if (result.Succeeded)
        {
            _services.GetRequiredService<UserKeys>().Lock(user.Id);
        }

        return result;
    }

    /// <summary>The password hash check (PBKDF2) runs below the priority of page requests.</summary>
    protected override async Task<PasswordVerificationResult> VerifyPasswordAsync(IUserPasswordStore<DecodexUser> store, DecodexUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(store);
        var hash = await store.GetPasswordHashAsync(user, CancellationToken).ConfigureAwait(false);
        if (hash is null)
        {
            return PasswordVerificationResult.Failed;
        }

        return await BackgroundCpu.Shared.RunAsync(() => PasswordHasher.VerifyHashedPassword(user, hash, password), CancellationToken).ConfigureAwait(false);
    }

    public override async Task<IdentityResult> ChangePasswordAsync(DecodexUser user, string currentPassword, string newPassword)
    {
        ArgumentNullException.ThrowIfNull(user);
        var keys = _services.GetRequiredService<UserKeys>();
        var ring = _services.GetRequiredService<UserKeyRing>();
        if (!ring.IsUnlocked(user.Id))
        {
            // An account from before per-user keys gets its key here; its recovery key is shown once, as at sign-in.
            var (unlocked, recovery) = await keys.UnlockAsync(user.Id, currentPassword).ConfigureAwait(false);
            if (!unlocked)
            {
                return IdentityResult.Failed(new IdentityError { Code = "PasswordMismatch", Description = "Incorrect password." });
            }

            if (recovery is not null)
            {
                _services.GetRequiredService<PendingRecoveryKeys>().Set(user.Id, recovery);
            }
        }

        var result = await base.ChangePasswordAsync(user, currentPassword, newPassword).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await keys.RewrapPasswordAsync(user.Id, newPassword).ConfigureAwait(false);
        }

        return result;
    }
}

/// <summary>Unlocking a user's data key, and the recovery key to show once when the key was just created.</summary>
internal static class DataKeys
{
    public static async Task UnlockAsync(IServiceProvider services, string userId, string password)
    {
        var (_, recovery) = await services.GetRequiredService<UserKeys>().UnlockAsync(userId, password).ConfigureAwait(false);
        if (recovery is not null)
        {
            services.GetRequiredService<PendingRecoveryKeys>().Set(userId, recovery);
        }
    }
}

/// <summary>
/// Recovery keys made for a new data key, held in memory until the user has been shown them once
/// (the "my data" page or <c>GET /api/account/recovery-key</c>); never stored.
/// </summary>
internal sealed class PendingRecoveryKeys
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);

    public void Set(string userId, string recoveryKey) => _keys[userId] = recoveryKey;

    /// <summary>The recovery key to show, removed as it is taken; null when there is none.</summary>
    public string? Take(string userId) => _keys.TryRemove(userId, out var key) ? key : null;
}

/// <summary>
/// The security stamp is checked on every request (see <c>WebServices</c>), but a request whose stamp
/// still matches keeps the principal its cookie carries: Identity's default would rebuild it from the
/// database and re-issue the cookie on every request: more queries (the account's claims) and a fresh
/// encryption each time.
/// The claims in the cookie (the account id, the email, the stamp) change only with a new sign-in.
/// </summary>
internal sealed class StampCheckValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<DecodexUser> signInManager, ILoggerFactory logger)
    : SecurityStampValidator<DecodexUser>(options, signInManager, logger)
{
    protected override Task SecurityStampVerified(DecodexUser user, Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context) => Task.CompletedTask;
}
