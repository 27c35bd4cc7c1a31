using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Decodex.Core.Genomics;

/// <summary>
/// Reads a DNA raw-data file of any supported format (see <see cref="GenomeFormatRules"/>), plain,
/// gzip, bgzip or zip, recognised by content and magic bytes, never by name. Bad rows become issues
/// and reading goes on; a file that is not a genotype file is refused as a whole with one issue and
/// nothing from it is kept. Messages never contain genotypes or the raw lines.
/// </summary>
public static class GenomeReader
{
    private const int SniffBytes = 64 * 1024;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static GenomeReadResult ReadFile(string path, GenomeReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new GenomeReadOptions();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Issue? indexIgnored = null;
        try
        {
            if (options.UseIndex)
            {
                var (indexed, fallback) = VcfGenomeReader.TryReadIndexed(path, file, options);
                if (indexed is not null)
                {
                    return indexed;
                }

                indexIgnored = fallback;
            }
        }
        catch (ReadLimitExceededException e)
        {
            return Refuse(e.Kind, options.Limits);
        }

        file.Position = 0;
        var result = Read(file, options);
        if (indexIgnored is null)
        {
            return result;
        }

        // The index was not used and the whole file was read: say so, after the refusal when there is one.
        return result with { Issues = result.Refused ? [.. result.Issues, indexIgnored] : [indexIgnored, .. result.Issues] };
    }

    /// <summary>
    /// Reads from <paramref name="stream"/>; zip input needs a seekable stream or is buffered in memory
    /// (up to <see cref="ReadLimits.MaxBufferedZipBytes"/>). Input beyond <see cref="GenomeReadOptions.Limits"/>
    /// is refused with GEN026–GEN029 as soon as it goes beyond, without reading the rest.
    /// </summary>
    public static GenomeReadResult Read(Stream stream, GenomeReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new GenomeReadOptions();
        try
        {
            return Read(stream, options, new ExpansionBudget(options.Limits), depth: 0);
        }
        catch (ReadLimitExceededException e)
        {
            return Refuse(e.Kind, options.Limits);
        }
    }

    /// <summary>The refusal for a file that went beyond a limit; the message names the limit, never content.</summary>
    internal static GenomeReadResult Refuse(ReadLimitKind kind, ReadLimits limits) => kind switch
    {
        ReadLimitKind.CompressionRatio => GenomeReadResult.Refuse(GenomeIssueCodes.CompressionRatioTooHigh, string.Create(CultureInfo.InvariantCulture, $"The file expands more than {limits.MaxCompressionRatio}:1 when decompressed, which genotype data never does (a decompression bomb); reading stopped and nothing from it was kept.")),
        ReadLimitKind.NestingDepth => GenomeReadResult.Refuse(GenomeIssueCodes.NestedTooDeep, string.Create(CultureInfo.InvariantCulture, $"The file holds compressed containers nested more than {limits.MaxNestingDepth} deep (such as a zip inside a zip inside a zip); unpack it and read the genotype file itself. Nothing from it was kept.")),
        ReadLimitKind.Rows => GenomeReadResult.Refuse(GenomeIssueCodes.TooManyRows, string.Create(CultureInfo.InvariantCulture, $"The file has more than {limits.MaxGenomeRows:N0} genotype rows, the limit for one file; reading stopped and nothing from it was kept.")),
        _ => GenomeReadResult.Refuse(GenomeIssueCodes.ExpandedTooLarge, string.Create(CultureInfo.InvariantCulture, $"Decompressed, the file is larger than {limits.MaxExpandedBytes / (1024 * 1024):N0} MiB, the limit for one DNA file; reading stopped and nothing from it was kept.")),
    };

    private static GenomeReadResult Read(Stream stream, GenomeReadOptions options, ExpansionBudget budget, int depth)
    {
        var head = new byte[SniffBytes];
        var headLength = ReadAtLeast(stream, head);
        if (headLength == 0)
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.Empty, "The file is empty.");
        }

        var magic = head.AsSpan(0, headLength);
        try
        {
            if (magic.StartsWith("PK\u0003\u0004"u8))
            {
                return ReadZip(stream, head, headLength, options, budget, Deeper(depth, options.Limits));
            }

            if (magic.Length >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
            {
                Deeper(depth, options.Limits);
                using var inner = new CountingStream(new PrefixedStream(head, headLength, stream, leaveOpen: true));
                var bgzf = Bgzf.Bgzf.IsBgzf(magic);
                using var decompressed = bgzf ? (Stream)new Bgzf.ParallelBgzfStream(inner, DecompressionWorkers(options)) : new GZipStream(inner, CompressionMode.Decompress);
                using var limited = new ExpansionLimitStream(decompressed, () => inner.BytesRead, budget, leaveOpen: true);
                return ReadText(limited, options, bgzf ? "bgzip" : "gzip", null, Fraction(stream), null);
            }

            using var plain = new PrefixedStream(head, headLength, stream, leaveOpen: true);
            return ReadText(plain, options, null, null, Fraction(stream), stream.CanSeek ? stream.Length : null);
        }
        catch (InvalidDataException)
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.BadContainer, "The compressed file is damaged or truncated and cannot be read; nothing from it was kept.");
        }
    }

    /// <summary>The depth inside one more container; beyond the limit the read stops.</summary>
    private static int Deeper(int depth, ReadLimits limits)
    {
        if (depth + 1 > limits.MaxNestingDepth)
        {
            ExpansionBudget.Throw(ReadLimitKind.NestingDepth);
        }

        return depth + 1;
    }

    private static GenomeReadResult ReadZip(Stream stream, byte[] head, int headLength, GenomeReadOptions options, ExpansionBudget budget, int depth)
    {
        Stream seekable;
        if (stream.CanSeek)
        {
            stream.Position = 0;
            seekable = stream;
        }
        else
        {
            // A zip inside another container must be held to be opened (its directory is at its end);
            // the copy is bounded, and its bytes are already counted by the container it comes from.
            var copy = new MemoryStream();
            var chunk = head;
            var n = headLength;
            do
            {
                if (copy.Length + n > options.Limits.MaxBufferedZipBytes)
                {
                    ExpansionBudget.Throw(ReadLimitKind.ExpandedSize);
                }

                copy.Write(chunk, 0, n);
                chunk = chunk == head ? new byte[1 << 16] : chunk;
            }
            while ((n = stream.Read(chunk)) > 0);

            copy.Position = 0;
            seekable = copy;
        }

        // What each member really consumes is counted, so its ratio is checked as it expands: the sizes the
        // archive declares may lie, and a member's whole compressed size only bounds the ratio at its end.
        var compressed = new CountingStream(seekable);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(compressed, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.BadContainer, "The zip archive is damaged and cannot be opened; nothing from it was kept.", compression: "zip");
        }

        using (archive)
        {
            var candidates = archive.Entries
                .Where(e => e.Length > 0 && !e.FullName.EndsWith('/') && !e.FullName.StartsWith("__MACOSX", StringComparison.Ordinal) && !Path.GetFileName(e.FullName).StartsWith('.'))
                .OrderByDescending(e => e.Length)
                .ToList();
            foreach (var entry in candidates)
            {
                // The declared sizes may lie: what the member expands to is counted as it is read.
                var start = compressed.BytesRead;
                using var entryStream = new ExpansionLimitStream(entry.Open(), () => compressed.BytesRead - start, budget);
                var result = Read(entryStream, options, budget, depth);
                if (result.Refused && result.Issues.All(i => i.Code is GenomeIssueCodes.NotAGenotypeFile or GenomeIssueCodes.Empty))
                {
                    continue;
                }

                var issues = result.Issues.ToList();
                if (candidates.Count > 1)
                {
                    issues.Insert(0, new Issue(GenomeIssueCodes.ZipMember, IssueSeverity.Info, $"The zip holds {candidates.Count} files; the genotype file among them was read (its name is in the result)."));
                }

                return result with { ZipMember = entry.FullName, Compression = result.Compression is null ? "zip" : "zip+" + result.Compression, Issues = issues };
            }

            return GenomeReadResult.Refuse(GenomeIssueCodes.NotAGenotypeFile, "The zip archive holds no genotype file Decodex can read.", compression: "zip");
        }
    }

    private static GenomeReadResult ReadText(Stream text, GenomeReadOptions options, string? compression, string? member, Func<double>? fraction, long? plainLength)
    {
        var head = new byte[SniffBytes];
        var length = ReadAtLeast(text, head);
        if (length == 0)
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.Empty, "The file is empty.", compression: compression);
        }

        var start = head.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
        if (length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.NotAGenotypeFile, "The file is UTF-16 text; save it as plain text (UTF-8 or ASCII) and try again.", compression: compression);
        }

        if (head.AsSpan(0, length).StartsWith("BCF\u0002"u8))
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.BcfNotSupported, "This is a BCF file (binary VCF), which is not supported; convert it with bcftools view (bcftools view FILE.bcf -Oz -o FILE.vcf.gz) and read the VCF. Nothing from it was kept.", compression: compression);
        }

        if (What(head.AsSpan(start, length - start)) is { } notGenotype)
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.NotAGenotypeFile, $"This is not a genotype file ({notGenotype}); nothing from it was kept.", compression: compression);
        }

        var lines = SampleLines(head.AsSpan(start, length - start), complete: length < head.Length);
        var recognised = GenomeFormatRules.Recognise(lines);
        if (recognised is not { } found)
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.NotAGenotypeFile, "This does not look like a DNA raw-data file from a supported source (23andMe, AncestryDNA, FTDNA, MyHeritage, LivingDNA, deCODEme, an Illumina report, a VCF, or an rsid/chromosome/position/genotype table); nothing from it was kept.", compression: compression);
        }

        var body = new PrefixedStream(head[start..length], length - start, text, leaveOpen: true);
        var source = options.Progress is null || fraction is null ? (Stream)body : new ProgressStream(body, fraction, options.Progress);
        var result = found.Format.Vendor == GenomeVendor.Vcf
            ? VcfGenomeReader.ReadStreamed(source, found.Format, options)
            : ReadDelimited(source, found.Format, found.Layout!, lines, plainLength, options);
        return result with { Compression = compression, ZipMember = member };
    }

    private static GenomeReadResult ReadDelimited(Stream body, GenomeFormat format, TextLayout layout, IReadOnlyList<string> sample, long? plainLength, GenomeReadOptions options)
    {
        var limits = options.Limits;
        var issues = new IssueLog();

        // Size the columns from the file length (consumer rows are 20–30 bytes) so they are allocated once.
        // Sized for at most the row limit, which the rows enforce as they grow.
        var rows = new GenomeRows(plainLength is { } bytes ? (int)Math.Clamp((bytes / 22) + 1024, 1024, Math.Max(1024, limits.MaxGenomeRows)) : 1 << 16) { MaxRows = limits.MaxGenomeRows };
        using var reader = new LineReader(body);
        var parsed = DelimitedGenomeParser.Parse(reader, layout, rows, issues);
        foreach (var line in reader.LongLineNumbers.Take(10))
        {
            issues.Add(GenomeIssueCodes.LineTooLong, IssueSeverity.Warning, $"The line is longer than {LineReader.MaxLineLength / 1024} KB; it was skipped without being read into memory.", line);
        }

        if (parsed.Refused)
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.TooManyBadRows, "Most rows could not be read, so this is not a genotype file Decodex can trust; nothing from it was kept.", format);
        }

        if (rows.Count == 0)
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.NotAGenotypeFile, "The file has a genotype header but no readable genotype rows; nothing from it was kept.", format);
        }

        if (layout.StrandNotPlus)
        {
            issues.Add(GenomeIssueCodes.StrandNotPlus, IssueSeverity.Warning, "The report gives alleles on Illumina's Forward or Top strand, not the plus strand; Decodex keeps them as given and will not call genes whose letters cannot be checked.");
        }

        if (parsed.MinusStrand > 0)
        {
            issues.Add(GenomeIssueCodes.MinusStrandComplemented, IssueSeverity.Info, $"{parsed.MinusStrand} rows were reported on the minus strand and were complemented to the plus strand, as the file's strand column says.");
        }

        var header = sample.Take(Math.Max(layout.DataStartsAfterLine, 1)).ToList();
        var (genome, build, sex) = GenomeAssembler.Assemble(rows, GenomeFormatRules.HeaderBuild(header), issues, (_, _) => new GenomeCounts { Skipped = parsed.Skipped }, isComplete: true, options.StatedSex, options.Threads);
        return new GenomeReadResult { Genome = genome, Format = format, Build = build, Sex = sex, Issues = issues.ToList() };
    }

    /// <summary>Names what a non-genotype file is, from its first bytes; null when it may be text.</summary>
    private static string? What(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF"u8))
        {
            return "a PDF document";
        }

        if ((head.Length >= 4 && head[0] == 0x89 && head[1] == (byte)'P' && head[2] == (byte)'N' && head[3] == (byte)'G') || (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) || head.StartsWith("GIF8"u8))
        {
            return "an image";
        }

        var probe = head[..Math.Min(head.Length, 8192)];
        var control = 0;
        foreach (var b in probe)
        {
            if (b == 0 || (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t')))
            {
                control++;
            }
        }

        return control > probe.Length / 100 || probe.IndexOf((byte)0) >= 0 ? "binary data" : null;
    }

    /// <summary>
    /// Threads that inflate bgzip blocks while this thread parses: one core is left to the parser,
    /// since on two cores a second inflating thread only competes with it (measured: 0.91 s against 1.07 s
    /// for a 5M-record VCF).
    /// </summary>
    private static int DecompressionWorkers(GenomeReadOptions options) =>
        options.Workers > 0 ? options.Workers : Math.Max(1, Environment.ProcessorCount - 1);

    private static List<string> SampleLines(ReadOnlySpan<byte> head, bool complete)
    {
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (!complete && lines.Count > 1)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines.Take(400).ToList();
    }

    private static int ReadAtLeast(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>How far through a seekable input stream reading is, or null when that cannot be told.</summary>
    private static Func<double>? Fraction(Stream stream)
    {
        if (!stream.CanSeek || stream.Length == 0)
        {
            return null;
        }

        var length = (double)stream.Length;
        return () => stream.Position / length;
    }
}
