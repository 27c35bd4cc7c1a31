namespace Decodex.Storage;

/// <summary>
/// A user's data key, stored only wrapped: once with a key derived from their password and once with a
/// key derived from their recovery key. Neither the data key nor anything that opens it without the
/// password or recovery key is stored.
/// </summary>
public sealed class UserKeyEntity
{
    public required string OwnerId { get; set; }

    public required byte[] PasswordSalt { get; set; }

    public int PasswordIterations { get; set; }

    public required byte[] WrappedByPassword { get; set; }

    public required byte[] RecoverySalt { get; set; }

    public int RecoveryIterations { get; set; }

    public required byte[] WrappedByRecovery { get; set; }

    public DateTimeOffset Created { get; set; } = DateTimeOffset.UtcNow;
}
