namespace Decodex.Testing;

/// <summary>Locates the repository and the shared reference data beside it, from any test's working folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Decodex.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Decodex.slnx) was not found above the test folder.");
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The shipped knowledge base.</summary>
    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>The shared reference data folder beside the repository (may be absent outside CI).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
}
