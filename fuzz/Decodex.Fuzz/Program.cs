using Decodex.Fuzz;
using SharpFuzz;

// Decodex.Fuzz TARGET             -> run TARGET under libFuzzer (started by fuzz/run.sh through the driver)
// Decodex.Fuzz TARGET FILE|DIR... -> run TARGET once on each file (reproduce a crash, replay a corpus)
// Decodex.Fuzz --list             -> print the target names
// Instrumented code writes its edge counts to SharpFuzz's trace map, which is only set up once the
// fuzzer attaches: until then (and when replaying) they go to a private map.
unsafe
{
    SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
}

if (args.Length == 0 || args[0] is "--list" or "-h" or "--help")
{
    Console.WriteLine("usage: Decodex.Fuzz TARGET [FILE|DIR...]");
    Console.WriteLine("targets: " + string.Join(' ', Targets.Names));
    return args.Length == 0 ? 2 : 0;
}

var target = Targets.Find(args[0]);
if (target is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; targets: {string.Join(' ', Targets.Names)}");
    return 2;
}

if (args.Length == 1)
{
    Fuzzer.LibFuzzer.Run(span => target(span));
    return 0;
}

var files = args.Skip(1).SelectMany<string, string>(a => Directory.Exists(a) ? Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [a]).ToList();
var failed = 0;
foreach (var file in files)
{
    try
    {
        target(File.ReadAllBytes(file));
    }
#pragma warning disable CA1031 // replay reports every escaping exception as a crash
    catch (Exception e)
#pragma warning restore CA1031
    {
        failed++;
        Console.Error.WriteLine($"CRASH {file}: {e}");
    }
}

Console.WriteLine($"{args[0]}: {files.Count} inputs replayed, {failed} crashed");
return failed == 0 ? 0 : 1;
