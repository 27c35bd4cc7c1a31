using System.Text.Json;
using Decodex.Core.Medicines.Compilation;
using Decodex.Testing;

namespace Decodex.Core.Tests.Medicines;

public sealed class MedicineVocabularyCompilerTests
{
    [Fact]
    public void Compile_SharedTwice_GivesIdenticalBytes()
    {
        Assert.SkipUnless(SharedDrugs.Present, SharedDrugs.Absent);

        var first = MedicineVocabularyCompiler.Compile(SharedDrugs.Folder, SharedDrugs.PgxFolder, SharedDrugs.Curation);
        var second = MedicineVocabularyCompiler.Compile(SharedDrugs.Folder, SharedDrugs.PgxFolder, SharedDrugs.Curation);

        Assert.Equal(first.Json, second.Json);
        Assert.Equal(first.Version, second.Version);
    }

    [Fact]
    public void Compile_Shared_EqualsTheEmbeddedFile()
    {
        Assert.SkipUnless(SharedDrugs.Present, SharedDrugs.Absent);

        var fresh = MedicineVocabularyCompiler.Compile(SharedDrugs.Folder, SharedDrugs.PgxFolder, SharedDrugs.Curation).Json;

        // If this fails, re-run: dotnet run --project tools/Decodex.MedicineCompiler (see Medicines/Data/README.md).
        Assert.True(fresh.AsSpan().SequenceEqual(SharedDrugs.EmbeddedBytes()), "src/Decodex.Core/Medicines/Data/medicine-vocabulary.json is not a fresh compile of ../shared/data/drugs.");
    }

    [Fact]
    public void EmbeddedFile_IsCompactUtf8Json()
    {
        var bytes = SharedDrugs.EmbeddedBytes();

        Assert.True(bytes.Length < 3_500_000, $"The vocabulary is {bytes.Length:N0} bytes; keep it well under 4 MB.");
        using var document = JsonDocument.Parse(bytes);
        Assert.Equal("decodex-medicines/1", document.RootElement.GetProperty("format").GetString());
    }

    [Fact]
    public void Compile_Shared_VersionNamesCurationDateAndInputHash()
    {
        Assert.SkipUnless(SharedDrugs.Present, SharedDrugs.Absent);

        var result = MedicineVocabularyCompiler.Compile(SharedDrugs.Folder, SharedDrugs.PgxFolder, SharedDrugs.Curation);

        Assert.Matches("^decodex-medicines/1 2026-12-03 [0-9a-f]{12}$", result.Version);
    }

    [Fact]
    public void Compile_CitationNotInItsSource_Throws()
    {
        Assert.SkipUnless(SharedDrugs.Present, SharedDrugs.Absent);
        using var temp = new TempFolder();
        var curation = Path.Combine(temp.Path, "classes.yaml");
        File.WriteAllText(curation, File.ReadAllText(SharedDrugs.Curation).Replace("such as linezolid or intravenous methylene blue", "such as aspirin", StringComparison.Ordinal));

        Assert.Throws<InvalidDataException>(() => MedicineVocabularyCompiler.Compile(SharedDrugs.Folder, SharedDrugs.PgxFolder, curation));
    }

    [Fact]
    public void Compile_TermOnNoSourceRow_IsNoted()
    {
        Assert.SkipUnless(SharedDrugs.Present, SharedDrugs.Absent);
        using var temp = new TempFolder();
        var curation = Path.Combine(temp.Path, "classes.yaml");
        File.WriteAllText(curation, File.ReadAllText(SharedDrugs.Curation).Replace("term: Loop Diuretic }", "term: Loop Diuretik }", StringComparison.Ordinal));

        var result = MedicineVocabularyCompiler.Compile(SharedDrugs.Folder, SharedDrugs.PgxFolder, curation);

        Assert.Contains("loop-diuretics: the term FDA-EPC \"Loop Diuretik\" is on no source row.", result.Notes);
    }

    [Fact]
    public void Compile_MissingFolder_ThrowsDirectoryNotFound()
    {
        using var temp = new TempFolder();

        Assert.Throws<DirectoryNotFoundException>(() => MedicineVocabularyCompiler.Compile(Path.Combine(temp.Path, "absent"), temp.Path, SharedDrugs.Curation));
    }
}
