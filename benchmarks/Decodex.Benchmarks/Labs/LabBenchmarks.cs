using BenchmarkDotNet.Attributes;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;

namespace Decodex.Benchmarks.Labs;

/// <summary>
/// Lab import and interpretation on the largest Synthea R4 bundle of the shared data (2.2 MB, 43 LOINC
/// codes over 13 dates): FHIR parsing with the Firely SDK, and reading every result against the catalogue.
/// </summary>
[MemoryDiagnoser]
public class LabBenchmarks
{
    private string _bundle = string.Empty;
    private LabCatalogue _catalogue = null!;
    private LabImportResult _import = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Decodex.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        }

        _bundle = File.ReadAllText(Path.Combine(root, "..", "shared", "data", "labs", "fhir", "synthea-r4-Neva_Hyatt_e6a7ccbf-70a6-45c8-905a-5f55a98c3a4f.json"));
        _catalogue = new LabCatalogue(KnowledgeBaseLoader.LoadDirectory(Path.Combine(root, "knowledge")).KnowledgeBase!);
        _import = ImportBundle();
    }

    [Benchmark]
    public LabImportResult ImportBundle() => LabImport.Read(_bundle, "bundle.json");

    [Benchmark]
    public LabReport Analyze() => LabAnalyzer.Analyze(_catalogue, _import.Results, _import.Demographics);
}
