using System.IO.Compression;
using Decodex.Core.Genomics;
using Decodex.Testing;

namespace Decodex.Core.Tests.Genomics;

/// <summary>Reading helpers for genome tests: a file as plain bytes, gzipped and zipped, all in memory.</summary>
internal static class GenomeTestFiles
{
    public static string Fixtures => Path.Combine(RepositoryPaths.Shared, "data", "genome", "snps-fixtures", "tests", "input");

    public static string Excerpts => Path.Combine(RepositoryPaths.Shared, "data", "genome", "excerpts");

    public static string Expected => Path.Combine(AppContext.BaseDirectory, "Genomics", "Expected");

    public static void SkipWithoutShared() =>
        Assert.SkipUnless(Directory.Exists(Fixtures), "The shared genome fixtures are not beside the repository.");

    public static GenomeReadResult Read(byte[] bytes, GenomeReadOptions? options = null)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return GenomeReader.Read(stream, options);
    }

    public static GenomeReadResult Read(string text, GenomeReadOptions? options = null) => Read(System.Text.Encoding.UTF8.GetBytes(text), options);

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    public static byte[] Zip(byte[] bytes, string name = "genome.txt", params (string Name, byte[] Bytes)[] others)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create))
        {
            foreach (var (entryName, data) in others.Append((name, bytes)))
            {
                using var entry = zip.CreateEntry(entryName).Open();
                entry.Write(data);
            }
        }

        return output.ToArray();
    }

    /// <summary>Rows as "id,chrom,pos,genotype" with the genotype letters sorted (order carries no meaning).</summary>
    public static IEnumerable<(string Id, string Chromosome, int Position, string Genotype)> Rows(Genome genome)
    {
        for (var i = 0; i < genome.Count; i++)
        {
            yield return (genome.IdText(i), genome.Chromosome(i).ToString(), genome.Position(i), Sorted(genome.Genotype(i).ToString()));
        }
    }

    public static string Sorted(string genotype) => genotype == "--" ? genotype : new string(genotype.Order().ToArray());
}
