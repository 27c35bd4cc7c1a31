using Decodex.Core.Pgx;
using Decodex.Testing;

namespace Decodex.Core.Tests.Pgx;

/// <summary>Paths and bytes the PGx tests share.</summary>
internal static class SharedPgx
{
    /// <summary>The shared PGx source folder beside the repository (may be absent).</summary>
    public static string Folder => Path.Combine(RepositoryPaths.Shared, "data", "pgx");

    /// <summary>The data file exactly as embedded in Decodex.Core.</summary>
    public static byte[] EmbeddedBytes()
    {
        using var stream = typeof(PgxDataLoader).Assembly.GetManifestResourceStream(PgxDataLoader.ResourceName)
            ?? throw new InvalidOperationException("The PGx data resource is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
