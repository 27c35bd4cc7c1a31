using System.Globalization;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using Decodex.Core.Genomics;
using Decodex.Core.Genomics.Health;
using Decodex.Core.Knowledge;

namespace Decodex.Benchmarks.Genomics;

/// <summary>
/// <c>genome health</c> after the file is read, on a 23andMe-layout genome of 640k rows that carries the
/// nine allow-listed variants, the 9,121 ancestry markers (drawn from the European frequencies) and the
/// shipped scores' variants: the whole report, and its parts (the allow-list, the ancestry estimate).
/// </summary>
[MemoryDiagnoser]
public class HealthBenchmarks
{
    private KnowledgeBase _kb = null!;
    private Genome _genome = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Decodex.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        }

        _kb = KnowledgeBaseLoader.LoadHealth(Path.Combine(root, "knowledge")).KnowledgeBase!;
        var text = new StringBuilder("rs3094315\t1\t752566\tAG\n");
        var random = new Random(42);
        string[] genotypes = ["AA", "AG", "GG", "CC", "CT", "TT"];
        var filler = 640_000 - 9_500;
        for (var i = 0; i < filler; i++)
        {
            var chromosome = 1 + (i * 22 / filler);
            text.Append(CultureInfo.InvariantCulture, $"rs{900_000_000 + i}\t{chromosome}\t{10_000 + (i * 37)}\t{genotypes[random.Next(genotypes.Length)]}\n");
        }

        using (var gzip = new GZipStream(File.OpenRead(Path.Combine(root, "src", "Decodex.Core", "Genomics", "Health", "Data", "ancestry-panel.tsv.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            reader.ReadLine();
            while (reader.ReadLine() is { } line)
            {
                var c = line.Split('\t');
                var f = double.Parse(c[5], CultureInfo.InvariantCulture);
                char Allele() => random.NextDouble() < f ? c[4][0] : c[3][0];
                text.Append(CultureInfo.InvariantCulture, $"{c[0]}\t{c[1]}\t{c[2]}\t{Allele()}{Allele()}\n");
            }
        }

        foreach (var v in _kb.HealthVariants)
        {
            text.Append(CultureInfo.InvariantCulture, $"rs{v.RsId}\t{v.Chromosome}\t{v.Grch37!.Position}\t{v.OtherAllele}{v.RiskAllele}\n");
        }

        _genome = GenomeReader.Read(new MemoryStream(Encoding.ASCII.GetBytes(text.ToString()))).Genome!;
        _ = PolygenicScorer.LoadShipped("PGS000001", GenomeBuild.Grch37);
        _ = AncestryEstimator.Estimate(_genome);
    }

    [Benchmark]
    public HealthReport Report() => HealthReport.Build(_genome, _kb, new HealthOptions());

    [Benchmark]
    public IReadOnlyList<HealthVariantResult> AllowList() => HealthVariantCaller.Call(_genome, _kb);

    [Benchmark]
    public AncestryEstimate Ancestry() => AncestryEstimator.Estimate(_genome);
}
