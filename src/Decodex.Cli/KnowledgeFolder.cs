namespace Decodex.Cli;

/// <summary>Finds the knowledge-base folder: the one given, else the one shipped beside the program, else ./knowledge upwards.</summary>
internal static class KnowledgeFolder
{
    public static string Resolve(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Path.GetFullPath(given);
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, "knowledge");
        if (Directory.Exists(Path.Combine(shipped, "compounds")))
        {
            return shipped;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "knowledge");
            if (Directory.Exists(Path.Combine(candidate, "compounds")))
            {
                return candidate;
            }
        }

        return shipped;
    }
}
