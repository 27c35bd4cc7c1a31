using System.Buffers.Binary;
using System.Text;
using Decodex.Core.Genomics;
using Decodex.Core.Genomics.Bgzf;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Core.Reports;

namespace Decodex.Fuzz;

/// <summary>
/// One fuzz target per reader. Each feeds the input to the reader's public entry point; any exception
/// that escapes is a crash, except <see cref="InvalidDataException"/> from the BGZF and index classes,
/// whose documented contract is to throw it (their only caller, the indexed VCF read, turns it into a
/// coded issue, and the <c>indexed</c> target checks that path end to end).
/// </summary>
internal static class Targets
{
    internal delegate void Target(ReadOnlySpan<byte> data);

    // One decompression thread: results and coverage do not depend on scheduling.
    private static readonly GenomeReadOptions Options = new() { Workers = 1 };

    private static readonly Lazy<KnowledgeBase> Knowledge = new(LoadKnowledge);

    private static readonly Dictionary<string, Target> All = new(StringComparer.Ordinal)
    {
        // GenomeReader.Read detects the format by content, so these three share an entry point and
        // differ in their seed corpus and dictionary: text genomes and tables, VCF, zip/gzip.
        ["genome"] = Genome,
        ["vcf"] = Genome,
        ["container"] = Genome,
        ["bgzf"] = Bgzf,
        ["index"] = Index,
        ["indexed"] = Indexed,
        ["lab-csv"] = LabCsv,
        ["lab-fhir"] = LabFhir,
        ["profile"] = Profile,
        ["knowledge"] = KnowledgeYaml,
    };

    public static IEnumerable<string> Names => All.Keys;

    public static Target? Find(string name)
    {
        if (!All.TryGetValue(name, out var target))
        {
            return null;
        }

        if (name == "profile")
        {
            _ = Knowledge.Value; // load before fuzzing starts, not inside the first run's time limit
        }

        return target;
    }

    private static void Genome(ReadOnlySpan<byte> data)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        GenomeReader.Read(stream, Options);
    }

    private static void Bgzf(ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            GenomeReader.Read(stream, Options);
        }

        using var compressed = new MemoryStream(bytes, writable: false);
        using var reader = new BgzfRandomReader(compressed);
        try
        {
            reader.ReadHeaderBytes();
        }
        catch (InvalidDataException)
        {
        }

        try
        {
            reader.ReadChunk(new GenomicIndexChunk(default, VirtualOffset.FromParts(bytes.Length, 0)));
        }
        catch (InvalidDataException)
        {
        }
    }

    /// <summary>
    /// Index files are BGZF-compressed, so mutated bytes mostly fail the CRC: the input is read as it is
    /// and also wrapped in BGZF blocks, so mutations reach the index parser itself.
    /// </summary>
    private static void Index(ReadOnlySpan<byte> data)
    {
        ReadIndex(data.ToArray());
        ReadIndex(ToBgzf(data));
    }

    private static void ReadIndex(byte[] bytes)
    {
        foreach (var read in new Func<Stream, IGenomicIndex>[] { TabixIndex.Read, CsiIndex.Read })
        {
            IGenomicIndex index;
            try
            {
                using var stream = new MemoryStream(bytes, writable: false);
                index = read(stream);
            }
            catch (InvalidDataException)
            {
                continue;
            }

            foreach (var name in index.SequenceNames.Take(8))
            {
                // A sequence's bins are parsed on its first query, so Query too may find them malformed.
                try
                {
                    index.Query(name, 0, 1);
                    index.Query(name, 5_000_000, 5_000_001);
                    index.Query(name, 0, int.MaxValue);
                }
                catch (InvalidDataException)
                {
                }
            }

            index.Query("not-a-sequence", 0, 1);
        }
    }

    /// <summary>BGZF blocks of at most 60 KiB each, then the empty end-of-file block.</summary>
    private static byte[] ToBgzf(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        for (var offset = 0; offset < data.Length || offset == 0; offset += 60 * 1024)
        {
            WriteBlock(output, data.Slice(offset, Math.Min(60 * 1024, data.Length - offset)));
            if (data.Length == 0)
            {
                break;
            }
        }

        WriteBlock(output, []);
        return output.ToArray();
    }

    private static void WriteBlock(MemoryStream output, ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            // GZipStream writes nothing for no input; this is BGZF's empty end-of-file block.
            output.Write([0x1F, 0x8B, 8, 4, 0, 0, 0, 0, 0, 0xFF, 6, 0, (byte)'B', (byte)'C', 2, 0, 0x1B, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            return;
        }

        // GZipStream writes a 10-byte header, the deflate data and the CRC-32/ISIZE trailer; BGZF needs
        // the header's extra field with the block size, so the deflate data and trailer are re-framed.
        using var gzip = new MemoryStream();
        using (var compressor = new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(content);
        }

        var member = gzip.GetBuffer().AsSpan(0, (int)gzip.Length);
        var body = member[10..];
        Span<byte> header = [0x1F, 0x8B, 8, 4, 0, 0, 0, 0, 0, 0xFF, 6, 0, (byte)'B', (byte)'C', 2, 0, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(header[16..], (ushort)(header.Length + body.Length - 1));
        output.Write(header);
        output.Write(body);
    }

    /// <summary>
    /// The indexed VCF read, end to end through <see cref="GenomeReader.ReadFile"/>: the input is split
    /// into an index and a bgzip VCF (first byte: 't' for .tbi, else .csi; next 4 bytes, little-endian:
    /// the index length), written to a private temporary folder, since the index is found by file name.
    /// </summary>
    private static void Indexed(ReadOnlySpan<byte> data)
    {
        if (data.Length < 5)
        {
            return;
        }

        var kind = data[0] == (byte)'t' ? ".tbi" : ".csi";
        var length = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data[1..5]), (uint)(data.Length - 5));
        var index = data.Slice(5, length);
        var vcf = data[(5 + length)..];
        var folder = IndexedFolder.Value;
        var path = Path.Combine(folder, "input.vcf.gz");
        File.Delete(path + ".tbi");
        File.Delete(path + ".csi");
        File.WriteAllBytes(path, vcf);
        File.WriteAllBytes(path + kind, index);
        GenomeReader.ReadFile(path, Options);
    }

    private static readonly Lazy<string> IndexedFolder = new(() =>
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = Path.Combine(root, $"decodex-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return folder;
    });

    private static void LabCsv(ReadOnlySpan<byte> data)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(data));
        LabCsvReader.Read(reader, "fuzz.csv");
    }

    private static void LabFhir(ReadOnlySpan<byte> data) => LabFhirReader.Read(Encoding.UTF8.GetString(data), "fuzz.json");

    private static void Profile(ReadOnlySpan<byte> data) => ProfileLoader.Parse(Encoding.UTF8.GetString(data), "profile.yaml", Knowledge.Value);

    /// <summary>The text as a vocabulary file and as a compound file (the path decides how it is read).</summary>
    private static void KnowledgeYaml(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        KnowledgeBaseLoader.Load([new KnowledgeSource("vocabularies/fuzz.yaml", text), new KnowledgeSource("compounds/fuzz.yaml", text)]);
    }

    /// <summary>The shipped knowledge base: DECODEX_KNOWLEDGE, else the first knowledge/ above the program.</summary>
    private static KnowledgeBase LoadKnowledge()
    {
        var folder = Environment.GetEnvironmentVariable("DECODEX_KNOWLEDGE");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); folder is null && dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "knowledge");
            if (Directory.Exists(Path.Combine(candidate, "compounds")))
            {
                folder = candidate;
            }
        }

        var result = KnowledgeBaseLoader.LoadDirectory(folder ?? throw new InvalidOperationException("knowledge/ not found; set DECODEX_KNOWLEDGE"));
        return result.KnowledgeBase ?? throw new InvalidOperationException("The shipped knowledge base does not load: " + string.Join("; ", result.Issues.Take(3)));
    }
}
