using Decodex.Core.Medicines.Compilation;
using Decodex.MedicineCompiler;

// Compiles ../shared/data/drugs (+ the CPIC drug list in ../shared/data/pgx) and curation/classes.yaml into
// src/Decodex.Core/Medicines/Data/medicine-vocabulary.json (see that folder's README).
// Usage: dotnet run --project tools/Decodex.MedicineCompiler -- [SHARED_DATA_DIR] [--curation FILE] [--out FILE] [--check]
// Exit codes: 0 written (or, with --check, up to date); 1 --check found the file out of date; 2 unusable input.
var root = RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();
string? shared = null;
string? output = null;
string? curation = null;
var check = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--curation" when i + 1 < args.Length:
            curation = args[++i];
            break;
        case "--check":
            check = true;
            break;
        case "-h" or "--help":
            Console.WriteLine("Usage: Decodex.MedicineCompiler [SHARED_DATA_DIR (default ../shared/data from the repository root)] [--curation FILE] [--out FILE] [--check]");
            return 0;
        default:
            if (shared is not null || args[i].StartsWith('-'))
            {
                Console.Error.WriteLine($"Unknown argument '{args[i]}'. Try --help.");
                return 2;
            }

            shared = args[i];
            break;
    }
}

shared = Path.GetFullPath(shared ?? Path.Combine(root, "..", "shared", "data"));
curation = Path.GetFullPath(curation ?? Path.Combine(root, "tools", "Decodex.MedicineCompiler", "curation", "classes.yaml"));
output = Path.GetFullPath(output ?? Path.Combine(root, "src", "Decodex.Core", "Medicines", "Data", "medicine-vocabulary.json"));

try
{
    var result = MedicineVocabularyCompiler.Compile(Path.Combine(shared, "drugs"), Path.Combine(shared, "pgx"), curation);
    foreach (var note in result.Notes)
    {
        Console.WriteLine("note: " + note);
    }

    if (check)
    {
        var current = File.Exists(output) ? File.ReadAllBytes(output) : [];
        var same = current.AsSpan().SequenceEqual(result.Json);
        Console.WriteLine(same ? $"Up to date: {output} ({result.Summary})" : $"Out of date: {output} differs from a fresh compile of {shared}.");
        return same ? 0 : 1;
    }

    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    File.WriteAllBytes(output, result.Json);
    Console.WriteLine($"Wrote {output}: {result.Summary}; {result.Version}");
    return 0;
}
catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot compile {shared}: {ex.Message}");
    return 2;
}
