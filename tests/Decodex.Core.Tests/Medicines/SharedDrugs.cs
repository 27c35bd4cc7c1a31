using Decodex.Core.Medicines;
using Decodex.Testing;

namespace Decodex.Core.Tests.Medicines;

/// <summary>Paths and bytes the medicine vocabulary tests share.</summary>
internal static class SharedDrugs
{
    public const string Absent = "The shared drug data (../shared/data/drugs and ../shared/data/pgx) is not present.";

    /// <summary>The shared drug source folder beside the repository (may be absent).</summary>
    public static string Folder => Path.Combine(RepositoryPaths.Shared, "data", "drugs");

    /// <summary>The shared PGx folder, for the CPIC drug list.</summary>
    public static string PgxFolder => Path.Combine(RepositoryPaths.Shared, "data", "pgx");

    /// <summary>The curated class definitions in the repository.</summary>
    public static string Curation => Path.Combine(RepositoryPaths.Root, "tools", "Decodex.MedicineCompiler", "curation", "classes.yaml");

    public static bool Present => Directory.Exists(Folder) && Directory.Exists(PgxFolder);

    /// <summary>The data file exactly as embedded in Decodex.Core.</summary>
    public static byte[] EmbeddedBytes()
    {
        using var stream = typeof(MedicineVocabulary).Assembly.GetManifestResourceStream(MedicineVocabulary.ResourceName)
            ?? throw new InvalidOperationException("The medicine vocabulary resource is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
