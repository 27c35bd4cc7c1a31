namespace Decodex.MedicineCompiler;

/// <summary>Finds the repository root (the folder holding Decodex.slnx) from the working folder or the program's folder.</summary>
internal static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Decodex.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
