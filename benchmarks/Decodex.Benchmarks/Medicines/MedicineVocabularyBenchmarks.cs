using BenchmarkDotNet.Attributes;
using Decodex.Core.Medicines;

namespace Decodex.Benchmarks.Medicines;

/// <summary>
/// The medicine vocabulary: loading the embedded file (parse and index, as on first use), and resolving a
/// realistic 20-item medication list typed by a user (brands, salts, dose text, a combination, a herb,
/// two misspellings that fall through to suggestions).
/// </summary>
[MemoryDiagnoser]
public class MedicineVocabularyBenchmarks
{
    private static readonly string[] MedicationList =
    [
        "Lasix 40 mg tab", "lithium carbonate 300 mg", "Advil 200mg", "lisinopril 10mg", "sertraline 50 mg daily",
        "Tylenol with codeine", "St. John's Wort", "metformin 500 mg", "atorvastatin", "amlodipine 5mg",
        "levothyroxine 75 mcg", "omeprazole 20 mg capsules", "warfarin", "Zestoretic", "tramadol hydrochloride",
        "metoprolol succinate ER", "Seroquel XR", "aspirin 81 mg", "ibuprophen", "lisinipril",
    ];

    private byte[] _data = [];
    private MedicineVocabulary _vocabulary = null!;

    [GlobalSetup]
    public void Setup()
    {
        using (var stream = typeof(MedicineVocabulary).Assembly.GetManifestResourceStream(MedicineVocabulary.ResourceName)!)
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            _data = copy.ToArray();
        }

        _vocabulary = MedicineVocabulary.Load(new MemoryStream(_data));
    }

    [Benchmark]
    public MedicineVocabulary Load() => MedicineVocabulary.Load(new MemoryStream(_data));

    [Benchmark]
    public int ResolveTwentyItemList()
    {
        var ingredients = 0;
        foreach (var item in MedicationList)
        {
            ingredients += _vocabulary.Resolve(item).Ingredients.Count;
        }

        return ingredients;
    }

    [Benchmark]
    public int ResolveEighteenRecognisedItems()
    {
        var ingredients = 0;
        for (var i = 0; i < MedicationList.Length - 2; i++)
        {
            ingredients += _vocabulary.Resolve(MedicationList[i]).Ingredients.Count;
        }

        return ingredients;
    }
}
