using BenchmarkDotNet.Attributes;
using Decodex.Core.Knowledge;
using Decodex.Core.Monographs;

namespace Decodex.Benchmarks.Knowledge;

/// <summary>Loading, validating and grading the shipped knowledge base, and rendering the flagship monograph.</summary>
[MemoryDiagnoser]
public class KnowledgeBaseBenchmarks
{
    private List<KnowledgeSource> _sources = [];
    private string _root = string.Empty;
    private KnowledgeBase _knowledgeBase = null!;
    private MonographDocument _cerebrolysin = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindKnowledge();
        _root = root;
        _sources = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "imported"), "*.json", SearchOption.AllDirectories))
            .Append(Path.Combine(root, "imported", "reviewed.tsv"))
            .Select(f => new KnowledgeSource(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        _knowledgeBase = KnowledgeBaseLoader.Load(_sources).KnowledgeBase ?? throw new InvalidOperationException("The shipped knowledge base is invalid.");
        _cerebrolysin = MonographDocument.Create(_knowledgeBase, _knowledgeBase.Compound("cerebrolysin")!);
    }

    /// <summary>The curated YAML and the imported label layer, from memory: parse, validate, grade, index.</summary>
    [Benchmark]
    public KnowledgeLoadResult LoadValidateAndGrade() => KnowledgeBaseLoader.Load(_sources);

    /// <summary>The same from the folder, file reads included (what <c>decodex kb list</c> and the web app do).</summary>
    [Benchmark]
    public KnowledgeLoadResult LoadDirectory() => KnowledgeBaseLoader.LoadDirectory(_root);

    /// <summary>
    /// As <see cref="LoadDirectory"/>, then the items of one label entry (tramadol's, 40-odd), which a
    /// snapshot decodes only when they are first read: what a report on one medicine costs at start.
    /// </summary>
    [Benchmark]
    public int LoadDirectoryAndReadOneLabel() => KnowledgeBaseLoader.LoadDirectory(_root).KnowledgeBase!.Compound("tramadol-us-label")!.Safety.Sum(s => s.Statement.Length);

    [Benchmark]
    public string RenderCerebrolysinHtml() => MonographHtmlRenderer.Render(MonographDocument.Create(_knowledgeBase, _knowledgeBase.Compound("cerebrolysin")!));

    [Benchmark]
    public string RenderCerebrolysinJson() => MonographJson.Render(_cerebrolysin);

    private static string FindKnowledge()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "knowledge");
            if (Directory.Exists(Path.Combine(candidate, "compounds")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("knowledge/ not found above the benchmark folder.");
    }
}
