using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Decodex.Core.Genomics.Bgzf;
using Decodex.Testing;

namespace Decodex.Core.Tests.Genomics.Bgzf;

/// <summary>
/// The BGZF fixtures in Genomics/Data (made by make-bgzf-fixtures.sh with bgzip and tabix, which the
/// tests do not need), the expectations recorded with them, and a writer for BGZF with tiny blocks.
/// </summary>
internal static class BgzfFixtures
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "Decodex.Core.Tests", "Genomics", "Data");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>The SHA-256 of the plain VCF that <paramref name="name"/> (e.g. small.vcf) was compressed from.</summary>
    public static string PlainSha256(string name) => File.ReadLines(PathOf("plain-vcf.sha256"))
        .Select(l => l.Split("  "))
        .Single(p => p[1] == name)[0];

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Decompresses a whole file one worker at a time, the reference the other tests compare against.</summary>
    public static byte[] Decompress(string name, int workers = 1)
    {
        using var stream = new ParallelBgzfStream(File.OpenRead(PathOf(name)), workers);
        using var result = new MemoryStream();
        stream.CopyTo(result);
        return result.ToArray();
    }

    /// <summary>Regions and what tabix returned for them, from bgzf-regions.tsv: fixture, region, record count, SHA-256 of the records.</summary>
    public static TheoryData<string, string, int, string> ExpectedRegions()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var row in File.ReadLines(PathOf("bgzf-regions.tsv")).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')))
        {
            data.Add(row[0], row[1], int.Parse(row[2], CultureInfo.InvariantCulture), row[3]);
        }

        return data;
    }

    /// <summary>
    /// Whether a VCF record overlaps the 0-based half-open region, with tabix's extent of a record:
    /// from POS − 1 to POS − 1 + length(REF), or to INFO END when that lies further.
    /// </summary>
    public static bool Overlaps(string line, string sequence, long begin0, long end0)
    {
        var fields = line.Split('\t');
        if (fields[0] != sequence)
        {
            return false;
        }

        var start = long.Parse(fields[1], CultureInfo.InvariantCulture) - 1;
        var end = start + fields[3].Length;
        foreach (var item in fields[7].Split(';'))
        {
            if (item.StartsWith("END=", StringComparison.Ordinal))
            {
                end = Math.Max(end, long.Parse(item.AsSpan(4), CultureInfo.InvariantCulture));
            }
        }

        return start < end0 && end > begin0;
    }

    /// <summary>The records of a region read through an index, filtered by position, each with its line ending.</summary>
    public static List<string> QueryRecords(IGenomicIndex index, BgzfRandomReader reader, string sequence, int begin0, int end0)
    {
        var records = new List<string>();
        foreach (var chunk in index.Query(sequence, begin0, end0))
        {
            var text = Encoding.UTF8.GetString(reader.ReadChunk(chunk));
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            records.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => Overlaps(l, sequence, begin0, end0)));
        }

        return records;
    }

    public static string LinesSha256(IEnumerable<string> lines) =>
        Sha256Hex(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));

    /// <summary>Parses a 1-based inclusive tabix region such as chr19:44908684-44908822 into 0-based half-open form.</summary>
    public static (string Sequence, int Begin0, int End0) ParseRegion(string region)
    {
        var colon = region.LastIndexOf(':');
        var dash = region.IndexOf('-', colon);
        return (region[..colon],
            int.Parse(region.AsSpan(colon + 1, dash - colon - 1), CultureInfo.InvariantCulture) - 1,
            int.Parse(region.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }

    /// <summary>The empty block that ends every BGZF file, from the SAM specification.</summary>
    public static ReadOnlySpan<byte> EndOfFileMarker =>
        [0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0, 0x42, 0x43, 0x02, 0, 0x1b, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>
    /// Writes <paramref name="data"/> as BGZF with blocks of the given sizes (cycled; 0 makes an empty
    /// block mid-stream), then the end-of-file marker unless told not to. Each block is a gzip member
    /// from <see cref="GZipStream"/> with the BC extra field spliced into its header.
    /// </summary>
    public static byte[] WriteBgzf(ReadOnlySpan<byte> data, int[] blockSizes, bool endOfFileMarker = true)
    {
        using var output = new MemoryStream();
        var offset = 0;
        for (var i = 0; offset < data.Length; i++)
        {
            var size = Math.Min(blockSizes[i % blockSizes.Length], data.Length - offset);
            WriteBlock(output, data.Slice(offset, size));
            offset += size;
        }

        if (endOfFileMarker)
        {
            WriteBlock(output, []);
        }

        return output.ToArray();
    }

    public static void WriteBlock(Stream output, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            // GZipStream writes nothing at all for no data; an empty block is the 28-byte end-of-file marker.
            output.Write(EndOfFileMarker);
            return;
        }

        using var member = new MemoryStream();
        using (var gzip = new GZipStream(member, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        var gz = member.ToArray();
        var deflateAndTrailer = gz.AsSpan(10);
        var blockSize = 18 + deflateAndTrailer.Length;
        Span<byte> header = [31, 139, 8, 4, 0, 0, 0, 0, 0, 255, 6, 0, (byte)'B', (byte)'C', 2, 0, (byte)((blockSize - 1) & 0xFF), (byte)((blockSize - 1) >> 8)];
        output.Write(header);
        output.Write(deflateAndTrailer);
    }

    /// <summary>Deterministic VCF-like text, so tests of many tiny blocks have something realistic to carry.</summary>
    public static byte[] SyntheticText(int lines, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"chr{random.Next(1, 23)}\t{random.Next(1, 250_000_000)}\trs{random.Next()}\tA\tG\t.\tPASS\t.\tGT\t0/1\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
