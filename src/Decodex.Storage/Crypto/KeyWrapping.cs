using System.Security.Cryptography;
using System.Text;

namespace Decodex.Storage.Crypto;

/// <summary>
/// Wraps a user's data key with a key derived from their password (PBKDF2-HMAC-SHA256, 600,000
/// iterations, 16-byte salt: OWASP's 2023 figure for this hash) or from their recovery key (the same
/// derivation; a recovery key carries 160 random bits, so the cost is a margin, not its strength).
/// </summary>
public static class KeyWrapping
{
    /// <summary>PBKDF2 iterations for new wrappings; stored with each wrapping so it can be raised later.</summary>
    public const int Iterations = 600_000;
    public const int SaltSize = 16;
    private static readonly byte[] PasswordPurpose = "decodex/data-key/password/v1"u8.ToArray();
    private static readonly byte[] RecoveryPurpose = "decodex/data-key/recovery/v1"u8.ToArray();
    private const string RecoveryAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static byte[] NewDataKey() => RandomNumberGenerator.GetBytes(SealedBox.KeySize);

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    public static byte[] WrapWithPassword(byte[] dataKey, string password, byte[] salt, int iterations) =>
        SealedBox.Seal(Derive(password, salt, iterations), dataKey, PasswordPurpose);

    /// <summary>The data key, or null when the password is wrong.</summary>
    public static byte[]? UnwrapWithPassword(byte[] wrapped, string password, byte[] salt, int iterations) =>
        TryOpen(Derive(password, salt, iterations), wrapped, PasswordPurpose);

    public static byte[] WrapWithRecoveryKey(byte[] dataKey, string recoveryKey, byte[] salt, int iterations) =>
        SealedBox.Seal(Derive(NormaliseRecoveryKey(recoveryKey), salt, iterations), dataKey, RecoveryPurpose);

    /// <summary>The data key, or null when the recovery key is wrong.</summary>
    public static byte[]? UnwrapWithRecoveryKey(byte[] wrapped, string recoveryKey, byte[] salt, int iterations) =>
        TryOpen(Derive(NormaliseRecoveryKey(recoveryKey), salt, iterations), wrapped, RecoveryPurpose);

    /// <summary>A new recovery key: 32 characters from a 32-letter alphabet (160 bits), in groups of four.</summary>
    public static string NewRecoveryKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        var text = new StringBuilder(39);
        for (var i = 0; i < 32; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                text.Append('-');
            }

            text.Append(RecoveryAlphabet[bytes[i] & 31]);
        }

        return text.ToString();
    }

    /// <summary>Upper case, no spaces or dashes, so a recovery key typed with other grouping still works.</summary>
    public static string NormaliseRecoveryKey(string recoveryKey)
    {
        ArgumentNullException.ThrowIfNull(recoveryKey);
        return new string([.. recoveryKey.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
    }

    private static byte[] Derive(string secret, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, SealedBox.KeySize);

    private static byte[]? TryOpen(byte[] key, byte[] wrapped, byte[] purpose)
    {
        try
        {
            return SealedBox.Open(key, wrapped, purpose);
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
