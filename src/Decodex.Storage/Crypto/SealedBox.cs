using System.Security.Cryptography;

namespace Decodex.Storage.Crypto;

/// <summary>
/// AES-256-GCM with a fresh random 96-bit nonce per message: <c>version(1) | nonce(12) | tag(16) | ciphertext</c>.
/// The associated data binds a sealed value to its owner and purpose, so a row copied to another
/// user or column does not open.
/// </summary>
public static class SealedBox
{
    public const int KeySize = 32;
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Header = 1 + NonceSize + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[Header + plaintext.Length];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(Header), sealedBytes.AsSpan(1 + NonceSize, TagSize), associatedData);
        return sealedBytes;
    }

    /// <summary>The plaintext; throws <see cref="CryptographicException"/> when the key, data or associated data do not match.</summary>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < Header || sealedBytes[0] != Version)
        {
            throw new CryptographicException("Not a sealed value of a known version.");
        }

        var plaintext = new byte[sealedBytes.Length - Header];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.Slice(1, NonceSize), sealedBytes[Header..], sealedBytes.Slice(1 + NonceSize, TagSize), plaintext, associatedData);
        return plaintext;
    }
}
