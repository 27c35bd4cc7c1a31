using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Decodex.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Decodex.Web;

/// <summary>
/// Who may create an account. The first account is the owner's. After it, <c>Decodex:Registration</c>
/// decides: <c>owner-only</c> (the default) needs an invite the owner created on the account page
/// (single-use, expiring), <c>open</c> lets anyone register. Invites are kept as Identity user tokens
/// of the owner (only a hash of the code), so they need no table of their own.
/// </summary>
internal sealed class Registration(UserManager<DecodexUser> users, DecodexDbContext db, IConfiguration config, IPasswordHasher<DecodexUser> hasher)
{
    public const string OwnerClaim = "decodex:owner";
    private const string InviteProvider = "Decodex.Invite";
    private static readonly SemaphoreSlim FirstAccount = new(1, 1);

    /// <summary>A password hash computed once, to spend the same work on unknown emails as on known ones.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<DecodexUser>().HashPassword(new DecodexUser(), "not-a-password-" + Guid.NewGuid()));

    public static TimeSpan InviteLifetime { get; } = TimeSpan.FromDays(7);

    public bool Open => string.Equals(config["Decodex:Registration"], "open", StringComparison.OrdinalIgnoreCase);

    public Task<bool> AnyAccountAsync() => users.Users.AnyAsync();

    /// <summary>As much work as checking a password, for an email without an account.</summary>
    public Task SpendPasswordWorkAsync(string? password) =>
        BackgroundCpu.Shared.RunAsync(() => hasher.VerifyHashedPassword(new DecodexUser(), DummyHash.Value, password ?? string.Empty));

    /// <summary>The owner: the account marked at creation, or any account of a database from before owners were marked.</summary>
    public async Task<bool> IsOwnerAsync(DecodexUser user)
    {
        if ((await users.GetClaimsAsync(user).ConfigureAwait(false)).Any(c => c.Type == OwnerClaim))
        {
            return true;
        }

        return !await db.UserClaims.AnyAsync(c => c.ClaimType == OwnerClaim).ConfigureAwait(false);
    }

    /// <summary>Creates an invite code (shown once) valid for <see cref="InviteLifetime"/>.</summary>
    public async Task<string> CreateInviteAsync(DecodexUser owner)
    {
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var expires = DateTimeOffset.UtcNow.Add(InviteLifetime).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await users.SetAuthenticationTokenAsync(owner, InviteProvider, Hash(code), expires).ConfigureAwait(false);
        return code;
    }

    /// <summary>True when the invite exists and has not expired (it is not used up).</summary>
    public async Task<bool> InviteValidAsync(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 100)
        {
            return false;
        }

        var hash = Hash(code.Trim());
        var token = await db.UserTokens.AsNoTracking().FirstOrDefaultAsync(t => t.LoginProvider == InviteProvider && t.Name == hash).ConfigureAwait(false);
        return token?.Value is { } value && long.TryParse(value, out var expires) && DateTimeOffset.UtcNow.ToUnixTimeSeconds() < expires;
    }

    /// <summary>Uses the invite up: true only for the one caller that removed it while it was valid.</summary>
    public async Task<bool> ConsumeInviteAsync(string? code)
    {
        if (!await InviteValidAsync(code).ConfigureAwait(false))
        {
            return false;
        }

        var hash = Hash(code!.Trim());
        return await db.UserTokens.Where(t => t.LoginProvider == InviteProvider && t.Name == hash).ExecuteDeleteAsync().ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Creates the first account, marked as the owner's; null when an account already exists (then the
    /// ordinary rules apply). Serialised in this process so two first visits cannot both become owners.
    /// </summary>
    public async Task<IdentityResult?> CreateOwnerAsync(DecodexUser user, string password)
    {
        await FirstAccount.WaitAsync().ConfigureAwait(false);
        try
        {
            if (await AnyAccountAsync().ConfigureAwait(false))
            {
                return null;
            }

            var result = await users.CreateAsync(user, password).ConfigureAwait(false);
            if (result.Succeeded)
            {
                await users.AddClaimAsync(user, new Claim(OwnerClaim, "true")).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            FirstAccount.Release();
        }
    }

    /// <summary>The password rules' verdict, the same whether or not the email has an account.</summary>
    public async Task<IdentityResult> ValidatePasswordAsync(string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new DecodexUser(), password).ConfigureAwait(false);
            errors.AddRange(result.Errors);
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
