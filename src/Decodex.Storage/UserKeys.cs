using System.Security.Cryptography;
using Decodex.Storage.Crypto;
using Microsoft.EntityFrameworkCore;

namespace Decodex.Storage;

/// <summary>
/// Creates, unlocks and re-wraps users' data keys. A key is created at the first password check of an
/// account that has none (registration or first sign-in), together with a recovery key that is shown
/// to the user once and never stored; earlier content of that account (stored before per-user keys,
/// under the server's Data Protection key) is re-encrypted with the new key in the same transaction.
/// </summary>
public sealed class UserKeys(DecodexDbContext db, UserKeyRing ring, DecodexStore store)
{
    /// <summary>
    /// Opens the owner's data key with the password and keeps it in memory for the session. Returns the
    /// new recovery key when the key was created now (show it once), else null. False when the password
    /// does not open the stored key.
    /// </summary>
    public async Task<(bool Unlocked, string? NewRecoveryKey)> UnlockAsync(string owner, string password, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(password);
        var stored = await db.UserKeys.AsNoTracking().SingleOrDefaultAsync(k => k.OwnerId == owner, cancel).ConfigureAwait(false);
        if (stored is not null)
        {
            var key = await BackgroundCpu.Shared.RunAsync(() => KeyWrapping.UnwrapWithPassword(stored.WrappedByPassword, password, stored.PasswordSalt, stored.PasswordIterations), cancel).ConfigureAwait(false);
            if (key is null)
            {
                return (false, null);
            }

            ring.Put(owner, key);
            CryptographicOperations.ZeroMemory(key);
            return (true, null);
        }

        var dataKey = KeyWrapping.NewDataKey();
        var recovery = KeyWrapping.NewRecoveryKey();
        var entity = await BackgroundCpu.Shared.RunAsync(() => Wrap(owner, dataKey, password, recovery), cancel).ConfigureAwait(false);
        db.UserKeys.Add(entity);
        await store.ResealLegacyAsync(owner, dataKey, cancel).ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another request created the key first: use that one.
            db.ChangeTracker.Clear();
            return await UnlockAsync(owner, password, cancel).ConfigureAwait(false);
        }

        ring.Put(owner, dataKey);
        CryptographicOperations.ZeroMemory(dataKey);
        return (true, recovery);
    }

    /// <summary>Re-wraps the unlocked key with a new password (after a password change); false when the key is not unlocked.</summary>
    public async Task<bool> RewrapPasswordAsync(string owner, string newPassword, CancellationToken cancel = default)
    {
        var key = ring.Get(owner);
        var stored = await db.UserKeys.SingleOrDefaultAsync(k => k.OwnerId == owner, cancel).ConfigureAwait(false);
        if (key is null || stored is null)
        {
            return false;
        }

        stored.PasswordSalt = KeyWrapping.NewSalt();
        stored.PasswordIterations = KeyWrapping.Iterations;
        stored.WrappedByPassword = await BackgroundCpu.Shared.RunAsync(() => KeyWrapping.WrapWithPassword(key, newPassword, stored.PasswordSalt, stored.PasswordIterations), cancel).ConfigureAwait(false);
        CryptographicOperations.ZeroMemory(key);
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        return true;
    }

    /// <summary>A new recovery key for the unlocked account (the old one stops working); null when the key is not unlocked.</summary>
    public async Task<string?> NewRecoveryKeyAsync(string owner, CancellationToken cancel = default)
    {
        var key = ring.Get(owner);
        var stored = await db.UserKeys.SingleOrDefaultAsync(k => k.OwnerId == owner, cancel).ConfigureAwait(false);
        if (key is null || stored is null)
        {
            return null;
        }

        var recovery = KeyWrapping.NewRecoveryKey();
        stored.RecoverySalt = KeyWrapping.NewSalt();
        stored.RecoveryIterations = KeyWrapping.Iterations;
        stored.WrappedByRecovery = await BackgroundCpu.Shared.RunAsync(() => KeyWrapping.WrapWithRecoveryKey(key, recovery, stored.RecoverySalt, stored.RecoveryIterations), cancel).ConfigureAwait(false);
        CryptographicOperations.ZeroMemory(key);
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        return recovery;
    }

    /// <summary>
    /// Opens the data key with the recovery key and wraps it with a new password (after a forgotten
    /// password); false when the recovery key does not open it.
    /// </summary>
    public async Task<bool> RecoverAsync(string owner, string recoveryKey, string newPassword, CancellationToken cancel = default)
    {
        var stored = await db.UserKeys.SingleOrDefaultAsync(k => k.OwnerId == owner, cancel).ConfigureAwait(false);
        var key = stored is null ? null : await BackgroundCpu.Shared.RunAsync(() => KeyWrapping.UnwrapWithRecoveryKey(stored.WrappedByRecovery, recoveryKey, stored.RecoverySalt, stored.RecoveryIterations), cancel).ConfigureAwait(false);
        if (key is null)
        {
            return false;
        }

        stored!.PasswordSalt = KeyWrapping.NewSalt();
        stored.PasswordIterations = KeyWrapping.Iterations;
        stored.WrappedByPassword = await BackgroundCpu.Shared.RunAsync(() => KeyWrapping.WrapWithPassword(key, newPassword, stored.PasswordSalt, stored.PasswordIterations), cancel).ConfigureAwait(false);
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        ring.Put(owner, key);
        CryptographicOperations.ZeroMemory(key);
        return true;
    }

    /// <summary>Forgets the key in memory (sign-out): the data stays encrypted until the next sign-in.</summary>
    public void Lock(string owner) => ring.Remove(owner);

    private static UserKeyEntity Wrap(string owner, byte[] dataKey, string password, string recovery)
    {
        var passwordSalt = KeyWrapping.NewSalt();
        var recoverySalt = KeyWrapping.NewSalt();
        return new UserKeyEntity
        {
            OwnerId = owner,
            PasswordSalt = passwordSalt,
            PasswordIterations = KeyWrapping.Iterations,
            WrappedByPassword = KeyWrapping.WrapWithPassword(dataKey, password, passwordSalt, KeyWrapping.Iterations),
            RecoverySalt = recoverySalt,
            RecoveryIterations = KeyWrapping.Iterations,
            WrappedByRecovery = KeyWrapping.WrapWithRecoveryKey(dataKey, recovery, recoverySalt, KeyWrapping.Iterations),
        };
    }
}
