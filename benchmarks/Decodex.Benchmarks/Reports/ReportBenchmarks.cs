using BenchmarkDotNet.Attributes;
using Decodex.Core.Knowledge;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;

namespace Decodex.Benchmarks.Reports;

/// <summary>
/// The personal report on the sample profile, after the inputs are loaded: one compound (Cerebrolysin)
/// and every compound (the default report), then the HTML and PDF renderings.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private KnowledgeBase _kb = null!;
    private PgxData _pgx = null!;
    private ReportInputs _inputs = null!;
    private PersonalReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Decodex.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        }

        _kb = KnowledgeBaseLoader.LoadDirectory(Path.Combine(root, "knowledge")).KnowledgeBase!;
        _pgx = PgxDataLoader.LoadEmbedded();
        var profile = ProfileLoader.Load(Path.Combine(root, "samples", "profile.yaml"), _kb).Profile!;
        _inputs = ReportInputs.Load(profile, _kb, _pgx);
        _report = BuildOneCompound();
    }

    [Benchmark]
    public PersonalReport BuildOneCompound() => ReportEngine.Build(_kb, _pgx, _inputs, ["cerebrolysin"]);

    [Benchmark]
    public PersonalReport BuildAllCompounds() => ReportEngine.Build(_kb, _pgx, _inputs);

    [Benchmark]
    public string Html() => ReportHtml.Render(_report);

    [Benchmark]
    public byte[] Pdf() => ReportPdf.Render(_report);
}
