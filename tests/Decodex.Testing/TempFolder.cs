using Decodex.Core.Knowledge;

namespace Decodex.Testing;

/// <summary>A temporary folder deleted on dispose; can hold a knowledge base written from sources.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "decodex-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="sources"/> under this folder, keeping their relative paths.</summary>
    public TempFolder WithKnowledge(IEnumerable<KnowledgeSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
        {
            var file = System.IO.Path.Combine(Path, source.Path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, source.Text);
        }

        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
