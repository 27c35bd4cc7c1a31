using System.Text.Json;

namespace Decodex.Core.Knowledge;

/// <summary>
/// Where knowledge-base snapshots are kept: <c>$DECODEX_CACHE</c> when set (<c>off</c> turns the cache
/// off), else <c>$XDG_CACHE_HOME/decodex</c> or <c>~/.cache/decodex</c> (<c>decodex-cache</c> in local
/// application data on Windows). A snapshot is named by
/// the hash of the sources it was made from and written whole (temporary file, then rename), so a
/// reader never sees half a file. Any problem reading or writing it means a full load, never an error.
/// The cache holds only the public knowledge base: no personal data is ever written there.
/// </summary>
internal static class KnowledgeSnapshotCache
{
    /// <summary>Larger than any snapshot the shipped knowledge base makes (about 15 MB); a bigger file is not read.</summary>
    private const long MaxBytes = 128L * 1024 * 1024;

    /// <summary>How many snapshots the folder keeps.</summary>
    private const int KeepNewest = 4;

    private static string? Folder()
    {
        var configured = Environment.GetEnvironmentVariable("DECODEX_CACHE");
        if (string.Equals(configured, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        // The user's cache folder, never the app's data folder (which holds the encrypted health data and is
        // locked down file by file): $XDG_CACHE_HOME or ~/.cache on Linux and macOS, local app data on Windows.
        if (OperatingSystem.IsWindows())
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return string.IsNullOrEmpty(local) ? null : Path.Combine(local, "decodex-cache");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "decodex");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "decodex");
    }

    private static string? PathFor(string sha, string? folder) => folder is null ? null : Path.Combine(folder, $"knowledge-{sha[..32]}.kbs");

    /// <summary>The knowledge base the cached snapshot of <paramref name="sha"/> holds; null when there is none or it cannot be used.</summary>
    public static KnowledgeLoadResult? TryRead(string sha) => TryRead(sha, Folder());

    /// <summary>
    /// As <see cref="TryRead(string)"/> from <paramref name="folder"/>. A truncated, oversized, foreign or
    /// damaged snapshot (a missing list, an unknown shape) is ignored, so the sources are parsed instead.
    /// </summary>
    internal static KnowledgeLoadResult? TryRead(string sha, string? folder)
    {
        try
        {
            if (PathFor(sha, folder) is not { } path || !File.Exists(path) || new FileInfo(path).Length > MaxBytes)
            {
                return null;
            }

            return KnowledgeSnapshot.Read(File.ReadAllBytes(path), sha);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException
                                      or NullReferenceException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Writes the snapshot of <paramref name="result"/>, a successful load of sources whose hash is <paramref name="sha"/>.</summary>
    public static void TryWrite(KnowledgeLoadResult result, string sha) => TryWrite(result, sha, Folder());

    /// <summary>As <see cref="TryWrite(KnowledgeLoadResult, string)"/> into <paramref name="cacheFolder"/>.</summary>
    internal static void TryWrite(KnowledgeLoadResult result, string sha, string? cacheFolder)
    {
        try
        {
            if (PathFor(sha, cacheFolder) is not { } path)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = File.Create(temporary))
            {
                KnowledgeSnapshot.Write(stream, result, sha);
            }

            File.Move(temporary, path, overwrite: true);

            // Keep the few newest snapshots (a knowledge base being edited makes one per version); remove
            // the first format's JSON snapshots and what a write cut short an hour or more ago left behind.
            var folder = new DirectoryInfo(Path.GetDirectoryName(path)!);
            var stale = folder.EnumerateFiles("knowledge-*.kbs").OrderByDescending(f => f.LastWriteTimeUtc).Skip(KeepNewest)
                .Concat(folder.EnumerateFiles("knowledge-*.json"))
                .Concat(folder.EnumerateFiles("knowledge-*.tmp").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)));
            foreach (var old in stale.ToList())
            {
                old.Delete();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A read-only home or a full disk: the next load parses the sources again.
        }
    }
}
