using BenchmarkDotNet.Attributes;
using Decodex.Core.Knowledge;
using Decodex.Core.Medicines;
using Decodex.Core.Reports;

namespace Decodex.Benchmarks.Reports;

/// <summary>
/// Loading the compiled medicine vocabulary from its embedded resource, and resolving a realistic
/// 20-item medication list (generics, brands, salts, dose text, a combination, a herb, a misspelling)
/// through the knowledge base and the vocabulary together, as a profile is read.
/// </summary>
[MemoryDiagnoser]
public class MedicationBenchmarks
{
    private static readonly string[] TwentyMedicines =
    [
        "lithium carbonate 300 mg", "Lexapro 10 mg", "ibuprofen", "Advil 200mg", "lisinopril 10 mg", "Zestoretic",
        "Lasix 40 mg", "tramadol hydrochloride", "Tylenol with codeine", "St John's wort", "metformin 500 mg",
        "atorvastatin", "Risperdal", "omeprazole 20 mg", "warfarin", "sertraline", "levothyroxine",
        "amlodipine 5 mg", "Nardil", "ibuprophen",
    ];

    private KnowledgeBase _kb = null!;
    private MedicationResolver _resolver = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Decodex.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        }

        _kb = KnowledgeBaseLoader.LoadDirectory(Path.Combine(root, "knowledge")).KnowledgeBase!;
        _resolver = new MedicationResolver(_kb, MedicineVocabulary.Embedded);
    }

    [Benchmark]
    public MedicineVocabulary LoadVocabulary()
    {
        using var stream = typeof(MedicineVocabulary).Assembly.GetManifestResourceStream(MedicineVocabulary.ResourceName)!;
        return MedicineVocabulary.Load(stream);
    }

    [Benchmark]
    public int ResolveTwentyMedicines()
    {
        var found = 0;
        foreach (var name in TwentyMedicines)
        {
            found += _resolver.Resolve(name).Count;
            if (found == 0)
            {
                found += _resolver.Suggest(name).Count;
            }
        }

        return found;
    }
}
