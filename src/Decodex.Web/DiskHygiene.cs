using System.Runtime.InteropServices;

namespace Decodex.Web;

/// <summary>
/// What the app does so that health data never sits on disk in clear or readable by others: files it
/// creates are private to its user (umask 077: files 0600, folders 0700), the data folder is made 0700,
/// uploads are buffered in memory rather than in temporary files, and at start any temporary file an
/// earlier run left behind (a killed process's multipart buffer, an old report folder) is removed.
/// </summary>
internal static partial class DiskHygiene
{
    /// <summary>Sets the process umask to 077 (Unix); nothing on Windows, where the data folder's ACL applies.</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Umask(0x3F);
        }
    }

    /// <summary>Makes the data folder and everything in it private to this user.</summary>
    public static void Protect(string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var path in Directory.EnumerateFileSystemEntries(dataDirectory, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(path, Directory.Exists(path)
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// Removes temporary files of earlier runs: ASP.NET Core's multipart buffers (<c>ASPNETCORE_*.tmp</c>,
    /// a day old or more; this app no longer writes them) and report folders of versions that wrote them
    /// (<c>decodex-report-*</c>). Returns how many went.
    /// </summary>
    public static int RemoveOrphanedTemporaryFiles()
    {
        var removed = 0;
        var temp = Environment.GetEnvironmentVariable("ASPNETCORE_TEMP") is { Length: > 0 } t ? t : Path.GetTempPath();
        // Only day-old buffers: a younger one may belong to another app's upload in progress.
        var cutoff = DateTime.UtcNow.AddDays(-1);
        foreach (var file in SafeEnumerate(() => Directory.EnumerateFiles(temp, "ASPNETCORE_*.tmp")).Where(f => File.GetLastWriteTimeUtc(f) < cutoff))
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException)
            {
                // Held by a running process: not an orphan.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's: not ours to remove.
            }
        }

        foreach (var folder in SafeEnumerate(() => Directory.EnumerateDirectories(Path.GetTempPath(), "decodex-report-*")))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }

    private static IEnumerable<string> SafeEnumerate(Func<IEnumerable<string>> enumerate)
    {
        try
        {
            return [.. enumerate()];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
