using Decodex.Core.Genomics;
using Decodex.Testing;

namespace Decodex.Core.Tests.Genomics;

/// <summary>The real-world genome files in the shared data (see PROVENANCE.tsv there); tests skip when it is absent.</summary>
internal static class RealWorldFiles
{
    public static string Folder => Path.Combine(RepositoryPaths.Shared, "data", "genome", "real-world");

    /// <summary>The full path of a real-world file; skips the test when the shared data is not beside the repository.</summary>
    public static string PathOf(string name)
    {
        Assert.SkipUnless(Directory.Exists(Folder), "The shared real-world genome files are not beside the repository.");
        var path = Path.Combine(Folder, name);
        Assert.True(File.Exists(path), $"{name} is missing from the shared real-world files.");
        return path;
    }

    public static GenomeReadResult Read(string name, GenomeReadOptions? options = null) => GenomeReader.ReadFile(PathOf(name), options);
}
