using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Compilation;
using Decodex.Testing;

namespace Decodex.Core.Tests.Pgx;

public sealed class PgxDataCompilerTests
{
    private const string SharedAbsent = "The shared PGx data (../shared/data/pgx) is not present.";

    [Fact]
    public void Compile_SharedTwice_GivesIdenticalBytes()
    {
        Assert.SkipUnless(Directory.Exists(SharedPgx.Folder), SharedAbsent);

        var first = PgxDataWriter.ToUtf8Bytes(PgxDataCompiler.Compile(SharedPgx.Folder).Data);
        var second = PgxDataWriter.ToUtf8Bytes(PgxDataCompiler.Compile(SharedPgx.Folder).Data);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Compile_Shared_EqualsTheEmbeddedFile()
    {
        Assert.SkipUnless(Directory.Exists(SharedPgx.Folder), SharedAbsent);

        var fresh = PgxDataWriter.ToUtf8Bytes(PgxDataCompiler.Compile(SharedPgx.Folder).Data);

        // If this fails, re-run: dotnet run --project tools/Decodex.PgxCompiler (see Pgx/Data/README.md).
        Assert.True(fresh.AsSpan().SequenceEqual(SharedPgx.EmbeddedBytes()), "src/Decodex.Core/Pgx/Data/pgx-data.json is not a fresh compile of ../shared/data/pgx.");
    }

    [Fact]
    public void Compile_Shared_ReportsGapsAsNotes()
    {
        Assert.SkipUnless(Directory.Exists(SharedPgx.Folder), SharedAbsent);

        var result = PgxDataCompiler.Compile(SharedPgx.Folder);

        Assert.Contains(result.Notes, n => n.StartsWith("RYR1: no phenotype map", StringComparison.Ordinal));
        Assert.Null(result.Data.FindGene("RYR1")!.PhenotypeMethod);
    }

    [Fact]
    public void Compile_MissingFolder_ThrowsDirectoryNotFound()
    {
        using var temp = new TempFolder();

        Assert.Throws<DirectoryNotFoundException>(() => PgxDataCompiler.Compile(Path.Combine(temp.Path, "absent")));
    }

    [Fact]
    public void Compile_FolderWithoutSources_ThrowsIOError()
    {
        using var temp = new TempFolder();

        Assert.ThrowsAny<IOException>(() => PgxDataCompiler.Compile(temp.Path));
    }
}
