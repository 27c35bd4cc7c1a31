using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Decodex.Storage;

/// <summary>
/// The unwrapped data keys of the users signed in now, in this process's memory only: put there when a
/// password (or recovery key) opens them, dropped at sign-out, after <see cref="IdleLimit"/> unused,
/// and all at once when the process ends. A key is never written anywhere.
/// </summary>
public sealed class UserKeyRing(TimeProvider time)
{
    /// <summary>How long an unused key stays in memory.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, Entry> _keys = new(StringComparer.Ordinal);
    private readonly List<Action<string>> _onRemove = [];

    public UserKeyRing()
        : this(TimeProvider.System)
    {
    }

    public void Put(string owner, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(key);
        _keys.AddOrUpdate(owner, _ => new Entry([.. key], time.GetUtcNow()), (_, old) =>
        {
            CryptographicOperations.ZeroMemory(old.Key);
            return new Entry([.. key], time.GetUtcNow());
        });
    }

    /// <summary>A copy of the owner's key, or null when it is not unlocked (or has been idle too long).</summary>
    public byte[]? Get(string owner)
    {
        if (!_keys.TryGetValue(owner, out var entry))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now - entry.LastUse > IdleLimit)
        {
            Remove(owner);
            return null;
        }

        entry.LastUse = now;
        return [.. entry.Key];
    }

    public bool IsUnlocked(string owner) => Get(owner) is not null;

    /// <summary>
    /// Drops the owner's key; then calls every <see cref="OnRemove"/> callback, so that what was decrypted
    /// with the key and kept in memory (the report cache) goes with it.
    /// </summary>
    public void Remove(string owner)
    {
        if (_keys.TryRemove(owner, out var entry))
        {
            CryptographicOperations.ZeroMemory(entry.Key);
        }

        Action<string>[] callbacks;
        lock (_onRemove)
        {
            callbacks = [.. _onRemove];
        }

        foreach (var callback in callbacks)
        {
            callback(owner);
        }
    }

    /// <summary>Registers <paramref name="callback"/> to run with the owner's id whenever a key is removed (sign-out, idle, deletion).</summary>
    public void OnRemove(Action<string> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_onRemove)
        {
            _onRemove.Add(callback);
        }
    }

    private sealed class Entry(byte[] key, DateTimeOffset lastUse)
    {
        public byte[] Key { get; } = key;

        public DateTimeOffset LastUse { get; set; } = lastUse;
    }
}

/// <summary>The user's data is encrypted with a key that is not unlocked: they must sign in with their password again.</summary>
public sealed class DataLockedException : Exception
{
    public DataLockedException()
        : base("This account's data is locked: sign in again with your password to unlock it.")
    {
    }

    public DataLockedException(string message)
        : base(message)
    {
    }

    public DataLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
