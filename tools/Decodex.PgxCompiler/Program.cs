using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Compilation;
using Decodex.PgxCompiler;

// Compiles ../shared/data/pgx into src/Decodex.Core/Pgx/Data/pgx-data.json (see that folder's README).
// Usage: dotnet run --project tools/Decodex.PgxCompiler -- [SOURCE_DIR] [--out FILE] [--check]
// Exit codes: 0 written (or, with --check, up to date); 1 --check found the file out of date; 2 unusable input.
var root = RepositoryRoot.Find();
string? source = null;
string? output = null;
var check = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--check":
            check = true;
            break;
        case "-h" or "--help":
            Console.WriteLine("Usage: Decodex.PgxCompiler [SOURCE_DIR (default ../shared/data/pgx from the repository root)] [--out FILE] [--check]");
            return 0;
        default:
            if (source is not null || args[i].StartsWith('-'))
            {
                Console.Error.WriteLine($"Unknown argument '{args[i]}'. Try --help.");
                return 2;
            }

            source = args[i];
            break;
    }
}

source ??= Path.Combine(root ?? Directory.GetCurrentDirectory(), "..", "shared", "data", "pgx");
output ??= Path.Combine(root ?? Directory.GetCurrentDirectory(), "src", "Decodex.Core", "Pgx", "Data", "pgx-data.json");
source = Path.GetFullPath(source);
output = Path.GetFullPath(output);

try
{
    var result = PgxDataCompiler.Compile(source);
    var bytes = PgxDataWriter.ToUtf8Bytes(result.Data);
    foreach (var note in result.Notes)
    {
        Console.WriteLine("note: " + note);
    }

    var summary = $"{result.Data.Genes.Length} genes, {result.Data.Genes.Sum(g => g.Variants.Length)} variants, {result.Data.Genes.Sum(g => g.Alleles.Length)} alleles, {result.Data.Drugs.Length} drugs, {result.Data.Drugs.Sum(d => d.Recommendations.Length)} recommendations, {result.Data.Pairs.Length} pairs; {bytes.Length:N0} bytes; {result.Data.CpicDataVersion.Label}";
    if (check)
    {
        var current = File.Exists(output) ? File.ReadAllBytes(output) : [];
        var same = current.AsSpan().SequenceEqual(bytes);
        Console.WriteLine(same ? $"Up to date: {output} ({summary})" : $"Out of date: {output} differs from a fresh compile of {source}.");
        return same ? 0 : 1;
    }

    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    File.WriteAllBytes(output, bytes);
    Console.WriteLine($"Wrote {output}: {summary}");
    return 0;
}
catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot compile {source}: {ex.Message}");
    return 2;
}
