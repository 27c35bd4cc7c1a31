using System.Buffers;
using System.Globalization;
using System.Text;
using Decodex.Core.Genomics.Bgzf;

namespace Decodex.Core.Genomics;

/// <summary>
/// Reads a single-sample VCF (the first sample of a multi-sample file, with a warning). A VCF is
/// streamed with constant memory: every record is counted, and only the records Decodex needs
/// (<see cref="GenomeTargets"/>) are kept. With a tabix or CSI index beside a bgzip file, only the
/// target regions are read. SNVs are read; indels, symbolic and multi-base alleles are skipped and
/// counted, as in the snps library.
/// </summary>
internal static class VcfGenomeReader
{
    private static readonly Dictionary<long, GenomeBuild> Chr1Lengths = new()
    {
        // UCSC chromosome sizes, as tabulated in the snps library's build_constants.py.
        [247249719] = GenomeBuild.Grch36,
        [249250621] = GenomeBuild.Grch37,
        [248956422] = GenomeBuild.Grch38,
    };

    private static readonly SearchValues<byte> SequenceBases = SearchValues.Create("ACGTNacgtn"u8);

    private sealed class Streamed
    {
        public long Variants;
        public long Called;
        public long Skipped;
        public long Unsupported;
        public long Polyploid;
        public long NoGenotype;
        public long YRows;
        public long YCalled;
        public long MtHeterozygous;
        public long YHeterozygous;
        public readonly long[] XCalled = new long[3];
        public readonly long[] XHeterozygous = new long[3];

        public GenomeCounts For(GenomeBuild build, Sex? sex)
        {
            var i = Array.IndexOf(BuildMarkers.Builds, build);
            var xCalled = i >= 0 ? XCalled[i] : XCalled[0];
            var xHet = i >= 0 ? XHeterozygous[i] : XHeterozygous[0];
            // As in GenomeAssembler.MakeHaploid: X is made haploid only when the build (and so its PARs) is known.
            var discrepant = MtHeterozygous + (sex == Sex.Male ? (i >= 0 ? xHet : 0) + YHeterozygous : 0);
            return new GenomeCounts
            {
                Variants = Variants,
                Called = Called - discrepant,
                NoCalls = Variants - Called + discrepant,
                Skipped = Skipped + Unsupported + Polyploid,
                XCalled = xCalled,
                XHeterozygous = xHet,
                YRows = YRows,
                YCalled = YCalled,
                Discrepant = discrepant,
            };
        }
    }

    public static GenomeReadResult ReadStreamed(Stream source, GenomeFormat format, GenomeReadOptions options)
    {
        var issues = new IssueLog();
        var rows = new GenomeRows(256) { MaxRows = options.Limits.MaxGenomeRows };
        var streamed = new Streamed();
        using var reader = new LineReader(source, 1 << 20);
        var header = new List<string>();
        var sampleColumns = -1;
        while (reader.TryReadLine(out var line))
        {
            if (line.StartsWith("##"u8))
            {
                header.Add(Encoding.ASCII.GetString(line[..Math.Min(line.Length, 4096)]));
                continue;
            }

            if (line.StartsWith("#CHROM"u8))
            {
                sampleColumns = CountTabs(line) - 8;
                break;
            }

            break;
        }

        if (sampleColumns <= 0)
        {
            return GenomeReadResult.Refuse(GenomeIssueCodes.NotAGenotypeFile, "The VCF has no sample column, so it holds no one's genotypes; nothing from it was kept.", format);
        }

        if (sampleColumns > 1)
        {
            issues.Add(GenomeIssueCodes.MultiSampleVcf, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"The VCF holds {sampleColumns} samples; only the first was read."));
        }

        ParseRecords(reader, rows, streamed, issues, options.ResolveTargets(), options.KeepAllVcfRecords);
        foreach (var line in reader.LongLineNumbers.Take(10))
        {
            issues.Add(GenomeIssueCodes.LineTooLong, IssueSeverity.Warning, $"The line is longer than {LineReader.MaxLineLength / 1024} KB; it was skipped without being read into memory.", line);
        }

        if (streamed.Variants == 0)
        {
            var why = streamed.NoGenotype + streamed.Unsupported + streamed.Polyploid == 0
                ? "The VCF has no readable records; nothing from it was kept."
                : string.Create(CultureInfo.InvariantCulture, $"The VCF has no record Decodex can read as a single-base call ({streamed.Unsupported} not SNVs, {streamed.Polyploid} with more than two alleles, {streamed.NoGenotype} without a genotype field); nothing from it was kept.");
            return GenomeReadResult.Refuse(GenomeIssueCodes.NotAGenotypeFile, why, format);
        }

        return Finish(rows, streamed, header, issues, format, isIndexed: false, options.KeepAllVcfRecords, options.StatedSex);
    }

    /// <summary>
    /// Reads only the target regions through a .tbi or .csi index beside a bgzip VCF. The result is null
    /// when there is no index or the file is not a bgzip VCF (the caller then streams); it is null with an
    /// issue (GEN003, a warning) when the index cannot be read or does not fit the file (other sequence
    /// names, offsets that end elsewhere than the data, records cut in the middle) or the file lacks its
    /// end-of-file block: the caller then streams the whole file and reports the issue, so a wrong index
    /// never gives a wrong answer.
    /// </summary>
    public static (GenomeReadResult? Result, Issue? Fallback) TryReadIndexed(string path, FileStream file, GenomeReadOptions options)
    {
        Span<byte> magic = stackalloc byte[18];
        if (file.Read(magic) < 18 || !Bgzf.Bgzf.IsBgzf(magic))
        {
            return (null, null);
        }

        IGenomicIndex? index;
        try
        {
            index = GenomicIndex.Open(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return (null, IndexIgnored("it is empty, cut short or not an index"));
        }

        if (index is null)
        {
            return (null, null);
        }

        file.Position = 0;
        var format = new GenomeFormat(GenomeVendor.Vcf, "vcf", null);
        try
        {
            using var random = new BgzfRandomReader(file, leaveOpen: true);
            byte[] headerBytes;
            try
            {
                headerBytes = random.ReadHeaderBytes();
            }
            catch (InvalidDataException)
            {
                // Not a VCF (BCF, other text) or damaged at its start: the streamed read tells which.
                return (null, null);
            }

            var headerText = Encoding.ASCII.GetString(headerBytes);
            var headerLines = headerText.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (!headerLines.Any(l => l.StartsWith("##fileformat=VCF", StringComparison.Ordinal)))
            {
                return (null, null);
            }

            var columns = headerLines.FirstOrDefault(l => l.StartsWith("#CHROM", StringComparison.Ordinal))?.Split('\t').Length ?? 0;
            if (columns < 10)
            {
                return (GenomeReadResult.Refuse(GenomeIssueCodes.NotAGenotypeFile, "The VCF has no sample column, so it holds no one's genotypes; nothing from it was kept.", format, "bgzip"), null);
            }

            if (!Bgzf.Bgzf.EndsWithEndOfFileBlock(file))
            {
                return (null, IndexIgnored("the compressed file lacks its end-of-file block, so it was probably cut short"));
            }

            if (Misfit(index, headerLines, random, file.Length - Bgzf.Bgzf.EndOfFileBlock.Length) is { } reason)
            {
                return (null, IndexIgnored(reason));
            }

            var issues = new IssueLog();
            if (columns > 10)
            {
                issues.Add(GenomeIssueCodes.MultiSampleVcf, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"The VCF holds {columns - 9} samples; only the first was read."));
            }

            // Every build's target positions are read, whatever the header claims: the build is decided
            // from the data, as for a streamed file, so a header that names the wrong build is caught.
            var targets = options.ResolveTargets();
            var wanted = targets.Positions.Select(p => (p.Chromosome, p.Position)).Distinct().ToList();
            var chunks = new List<GenomicIndexChunk>();
            foreach (var (chromosome, position) in wanted)
            {
                var name = SequenceName(index.SequenceNames, chromosome);
                if (name is not null)
                {
                    chunks.AddRange(index.Query(name, position - 1, position));
                }
            }

            var rows = new GenomeRows(64) { MaxRows = options.Limits.MaxGenomeRows };
            var streamed = new Streamed();
            var budget = new ExpansionBudget(options.Limits);
            foreach (var chunk in Merge(chunks))
            {
                // A chunk is bounded by what the index says; a crafted index is stopped at the expanded limit.
                var bytes = random.ReadChunk(chunk);
                budget.Add(bytes.Length);
                if (bytes.Length > 0 && bytes[^1] != '\n')
                {
                    return (null, IndexIgnored("a region it names ends inside a record"));
                }

                using var data = new MemoryStream(bytes, writable: false);
                using var reader = new LineReader(data);
                ParseRecords(reader, rows, streamed, issues, targets);
            }

            if (issues.Any(GenomeIssueCodes.MalformedRow) || issues.Any(GenomeIssueCodes.BadPosition))
            {
                return (null, IndexIgnored("a region it names starts inside a record"));
            }

            issues.Add(GenomeIssueCodes.IndexedRead, IssueSeverity.Info, string.Create(CultureInfo.InvariantCulture, $"An index beside the file was used: only the regions of {wanted.Count} target positions (in every build) were read, so counts describe those regions, not the whole file, and sex is not inferred."));
            return (Finish(rows, streamed, headerLines, issues, format, isIndexed: true, complete: false, options.StatedSex) with { Compression = "bgzip" }, null);
        }
        catch (InvalidDataException)
        {
            // A damaged block, or chunks that point outside the file: the streamed read tells which.
            return (null, IndexIgnored("a region it names could not be read from the file"));
        }
    }

    /// <summary>The warning for an index that was not used; the whole file is read instead.</summary>
    private static Issue IndexIgnored(string reason) =>
        new(GenomeIssueCodes.BadContainer, IssueSeverity.Warning, $"The index beside the file was not used ({reason}); the whole file was read instead.");

    /// <summary>Why an index does not belong to its file, or null when it fits.</summary>
    private static string? Misfit(IGenomicIndex index, List<string> header, BgzfRandomReader random, long endOfData)
    {
        if (index.SequenceNames.Count == 0)
        {
            return "it names no sequences";
        }

        var contigs = header.Where(l => l.StartsWith("##contig=<", StringComparison.Ordinal)).Select(l => Value(l, "ID")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (contigs.Count > 0 && index.SequenceNames.Any(n => !contigs.Contains(n)))
        {
            return "it names sequences the file's header does not list";
        }

        VirtualOffset last;
        try
        {
            last = GenomicIndex.LastChunkEnd(index);
        }
        catch (InvalidDataException)
        {
            return "it is damaged";
        }

        bool fits;
        try
        {
            fits = random.IsEndOfData(last, endOfData);
        }
        catch (InvalidDataException)
        {
            fits = false;
        }

        return fits ? null : "its last record does not end where the file's data ends, so it was made for another file or another compression of this one";
    }

    private static GenomeReadResult Finish(GenomeRows rows, Streamed streamed, List<string> header, IssueLog issues, GenomeFormat format, bool isIndexed, bool complete, Sex? statedSex)
    {
        if (streamed.Unsupported > 0)
        {
            issues.Add(GenomeIssueCodes.VcfRecordSkipped, IssueSeverity.Info, string.Create(CultureInfo.InvariantCulture, $"{streamed.Unsupported} records were not SNVs (indels, symbolic or multi-base alleles) and were skipped."));
        }

        if (streamed.Polyploid > 0)
        {
            issues.Add(GenomeIssueCodes.VcfRecordSkipped, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"{streamed.Polyploid} records have calls of more than two alleles (triploid or more), which Decodex cannot hold; they were skipped, so those positions count as unknown."));
        }

        if (streamed.NoGenotype > 0)
        {
            issues.Add(GenomeIssueCodes.VcfRecordSkipped, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"{streamed.NoGenotype} records have no genotype field; they were skipped, so those positions count as unknown."));
        }

        var claim = HeaderClaim(header, issues);
        var (genome, build, sex) = GenomeAssembler.Assemble(rows, claim, issues, streamed.For, isComplete: complete && !isIndexed, statedSex);
        if (isIndexed && statedSex is not (Sex.Female or Sex.Male))
        {
            sex = new SexDecision(Sex.Undetermined, "not inferred: only indexed regions were read");
        }

        return new GenomeReadResult { Genome = genome, Format = format with { Version = Version(header) }, Build = build, Sex = sex, Issues = issues.ToList() };
    }

    private static void ParseRecords(LineReader reader, GenomeRows rows, Streamed s, IssueLog issues, GenomeTargets targets, bool keepAll = false)
    {
        Span<int> tabs = stackalloc int[10];
        while (reader.TryReadLine(out var line))
        {
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            // Find the first ten tabs; the sample column ends at the tenth tab or the line end.
            var n = SeparatorScanner.Find(line, (byte)'\t', tabs);

            if (n < 9)
            {
                issues.Add(GenomeIssueCodes.MalformedRow, IssueSeverity.Warning, "The VCF record has fewer than 10 columns; it was skipped.", reader.LineNumber);
                s.Skipped++;
                continue;
            }

            var chromosome = Chromosome.Parse(line[..tabs[0]]);
            if (!chromosome.IsKnown)
            {
                s.Skipped++;
                continue;
            }

            if (!DelimitedGenomeParser.TryParsePosition(line[(tabs[0] + 1)..tabs[1]], out var position))
            {
                issues.Add(GenomeIssueCodes.BadPosition, IssueSeverity.Warning, "The VCF position is not a positive whole number; the record was skipped.", reader.LineNumber);
                s.Skipped++;
                continue;
            }

            var reference = line[(tabs[2] + 1)..tabs[3]];
            var alternate = line[(tabs[3] + 1)..tabs[4]];
            var formatField = line[(tabs[7] + 1)..tabs[8]];
            var sample = n >= 10 ? line[(tabs[8] + 1)..tabs[9]] : line[(tabs[8] + 1)..];
            Genotype genotype;
            if (formatField.Length >= 2 && formatField[0] == 'G' && formatField[1] == 'T' && (formatField.Length == 2 || formatField[2] == ':')
                && reference.Length == 1 && alternate.Length == 1 && sample.Length >= 3 && (sample.Length == 3 || sample[3] == ':')
                && sample[0] is (byte)'0' or (byte)'1' && sample[2] is (byte)'0' or (byte)'1' && sample[1] is (byte)'/' or (byte)'|')
            {
                // The common case: a biallelic SNV with a diploid 0/1-style call.
                var r = Genotype.AlleleCode(reference[0]);
                var a = alternate[0] == '.' ? (byte)0 : Genotype.AlleleCode(alternate[0]);
                if (r is 0 or > 4 || (alternate[0] != '.' && a is 0 or > 4))
                {
                    // A '.' or a non-base REF/ALT: the general path below decides.
                    if (ReadGenotype(sample[..3], reference, alternate, out genotype) != GtReading.Call)
                    {
                        s.Unsupported++;
                        KeepSequenceCall(rows, targets, chromosome, position, reference, alternate, sample[..3], formatField, sample);
                        continue;
                    }
                }
                else
                {
                    var x = sample[0] == '0' ? r : a;
                    var y = sample[2] == '0' ? r : a;
                    genotype = x == 0 || y == 0 ? Genotype.NoCall : Genotype.FromAlleles(x, y);
                }

                if (sample[1] == '|' && sample[0] != sample[2])
                {
                    // The unordered genotype loses the phase of a heterozygous call; keep it for target positions.
                    KeepSequenceCall(rows, targets, chromosome, position, reference, alternate, sample[..3], formatField, sample);
                }
            }
            else
            {
                var gtIndex = GtIndex(formatField);
                if (gtIndex < 0)
                {
                    // No GT: the record says nothing about this person's alleles.
                    s.Skipped++;
                    s.NoGenotype++;
                    continue;
                }

                var gt = SubField(sample, gtIndex);
                if (!IsSnvRecord(reference, alternate))
                {
                    // An indel or symbolic record is skipped whatever its call, a missing one ('./.') included.
                    s.Unsupported++;
                    KeepSequenceCall(rows, targets, chromosome, position, reference, alternate, gt, formatField, sample);
                    continue;
                }

                var reading = ReadGenotype(gt, reference, alternate, out genotype);
                if (reading == GtReading.Polyploid)
                {
                    s.Polyploid++;
                    continue;
                }

                if (reading == GtReading.NotSnv)
                {
                    s.Unsupported++;
                    KeepSequenceCall(rows, targets, chromosome, position, reference, alternate, gt, formatField, sample);
                    continue;
                }

                if ((genotype.IsHeterozygous && gt.Contains((byte)'|')) || (genotype.IsNoCall && gt.Length >= 3 && (gt[0] == '.') != (gt[^1] == '.')))
                {
                    // A phased heterozygous or a half call (".|T"): the genotype cannot hold it; keep it for target positions.
                    KeepSequenceCall(rows, targets, chromosome, position, reference, alternate, gt, formatField, sample);
                }
            }

            s.Variants++;
            if (!genotype.IsNoCall)
            {
                s.Called++;
            }

            if (chromosome.Code >= 23)
            {
                Tally(s, chromosome, position, genotype);
            }

            var idField = line[(tabs[1] + 1)..tabs[2]];
            var id = VariantId.PositionOnly;
            if (idField.Length > 2 && idField[0] == 'r')
            {
                var semicolon = idField.IndexOf((byte)';');
                if (semicolon > 0)
                {
                    idField = idField[..semicolon];
                }

                if (VariantId.TryParseNumbered(idField, out var numbered) && numbered.Kind == VariantIdKind.RsId)
                {
                    id = numbered;
                }
            }

            if (keepAll || (id.Kind == VariantIdKind.RsId && targets.Wants(id.Number)) || targets.Wants(chromosome, position))
            {
                rows.Add(id, chromosome, position, genotype);
            }
        }
    }

    /// <summary>
    /// Keeps a call at a target position with its exact sequences, allele order and phase (an indel
    /// or multi-base call, or a phased or half call). Symbolic alleles (<c>&lt;DEL&gt;</c>), breakends
    /// and GT indices beyond ALT are not kept.
    /// </summary>
    private static void KeepSequenceCall(GenomeRows rows, GenomeTargets targets, Chromosome chromosome, int position, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> alternate, ReadOnlySpan<byte> gt, ReadOnlySpan<byte> format, ReadOnlySpan<byte> sample)
    {
        gt = WithoutPhasePrefix(gt);
        if (!targets.Wants(chromosome, position) || alternate.IndexOfAny((byte)'<', (byte)'[', (byte)']') >= 0 || reference.IndexOfAnyExcept(SequenceBases) >= 0 || IsPolyploid(gt))
        {
            // A polyploid call cannot be held as two alleles: the position stays unknown.
            return;
        }

        var alternates = Encoding.ASCII.GetString(alternate).Split(',');
        var referenceText = Encoding.ASCII.GetString(reference).ToUpperInvariant();
        string? Allele(ReadOnlySpan<byte> index)
        {
            if (index.IsEmpty || index[0] == '.' || !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k > alternates.Length)
            {
                return null;
            }

            var allele = k == 0 ? referenceText : alternates[k - 1].ToUpperInvariant();
            return allele is "." or "*" ? null : allele;
        }

        var separator = gt.IndexOfAny((byte)'/', (byte)'|');
        var first = Allele(separator < 0 ? gt : gt[..separator]);
        var haploid = separator < 0;
        var second = haploid ? null : Allele(gt[(separator + 1)..]);
        rows.SequenceCalls.Add(new SequenceCall
        {
            Chromosome = chromosome,
            Position = position,
            Reference = referenceText,
            Alternates = [.. alternates.Select(a => a.ToUpperInvariant())],
            First = first,
            Second = second,
            IsHaploid = haploid,
            IsPhased = !haploid && gt[separator] == '|',
            PhaseSet = !haploid && gt[separator] == '|' ? PhaseSet(format, sample) : null,
        });
    }

    /// <summary>The <c>PS</c> sub-field of a sample, or null when FORMAT has none or it is <c>.</c>.</summary>
    private static string? PhaseSet(ReadOnlySpan<byte> format, ReadOnlySpan<byte> sample)
    {
        var index = 0;
        foreach (var part in format.Split((byte)':'))
        {
            if (format[part].SequenceEqual("PS"u8))
            {
                var value = SubField(sample, index);
                return value.IsEmpty || value is [(byte)'.'] ? null : Encoding.ASCII.GetString(value);
            }

            index++;
        }

        return null;
    }

    private static void Tally(Streamed s, Chromosome chromosome, int position, Genotype genotype)
    {
        switch (chromosome.Code)
        {
            case 23:
                if (genotype.IsNoCall)
                {
                    return;
                }

                for (var b = 0; b < 3; b++)
                {
                    if (!PseudoautosomalRegions.ContainsX(BuildMarkers.Builds[b], position))
                    {
                        s.XCalled[b]++;
                        if (genotype.IsHeterozygous)
                        {
                            s.XHeterozygous[b]++;
                        }
                    }
                }

                break;
            case 24:
                s.YRows++;
                if (!genotype.IsNoCall)
                {
                    s.YCalled++;
                }

                if (genotype.IsHeterozygous)
                {
                    s.YHeterozygous++;
                }

                break;
            case 26:
                if (genotype.IsHeterozygous)
                {
                    s.MtHeterozygous++;
                }

                break;
        }
    }

    private static int GtIndex(ReadOnlySpan<byte> format)
    {
        if (format.StartsWith("GT"u8) && (format.Length == 2 || format[2] == ':'))
        {
            return 0;
        }

        var index = 0;
        foreach (var part in format.Split((byte)':'))
        {
            if (format[part].SequenceEqual("GT"u8))
            {
                return index;
            }

            index++;
        }

        return -1;
    }

    private static ReadOnlySpan<byte> SubField(ReadOnlySpan<byte> sample, int index)
    {
        for (var i = 0; i < index; i++)
        {
            var colon = sample.IndexOf((byte)':');
            if (colon < 0)
            {
                return default;
            }

            sample = sample[(colon + 1)..];
        }

        var end = sample.IndexOf((byte)':');
        return end < 0 ? sample : sample[..end];
    }

    /// <summary>
    /// Turns a GT field and the REF/ALT alleles into a genotype. Only SNVs are read: a GT that points
    /// at a precise indel or a symbolic allele makes the record unsupported, as in the snps library; a
    /// GT that points at a missing allele ('.') is a no-call. A leading phase mark (VCF 4.4's <c>|0/1</c>)
    /// is read past; a call of more than two alleles is <see cref="GtReading.Polyploid"/>.
    /// </summary>
    internal static GtReading ReadGenotype(ReadOnlySpan<byte> gt, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> alternate, out Genotype genotype)
    {
        genotype = Genotype.NoCall;
        gt = WithoutPhasePrefix(gt);
        if (IsPolyploid(gt))
        {
            return GtReading.Polyploid;
        }

        if (gt.IsEmpty || gt[0] == '.')
        {
            return GtReading.Call;
        }

        var separator = gt.IndexOfAny((byte)'/', (byte)'|');
        var first = separator < 0 ? gt : gt[..separator];
        var second = separator < 0 ? default : gt[(separator + 1)..];
        if (separator >= 0 && (second.IsEmpty || second[0] == '.'))
        {
            return GtReading.Call;
        }

        if (!TryAllele(first, reference, alternate, out var a))
        {
            return GtReading.NotSnv;
        }

        byte b = 0;
        if (!second.IsEmpty && !TryAllele(second, reference, alternate, out b))
        {
            return GtReading.NotSnv;
        }

        genotype = a == 0 || (!second.IsEmpty && b == 0) ? Genotype.NoCall : Genotype.FromAlleles(a, b);
        return GtReading.Call;
    }

    /// <summary>What a GT field gave: a call (possibly a no-call), a record that is not an SNV, or more than two alleles.</summary>
    internal enum GtReading
    {
        Call,
        NotSnv,
        Polyploid,
    }

    /// <summary>VCF 4.4 allows the phase of the first allele to be written before it (<c>|0|1</c>, <c>/0/1</c>).</summary>
    private static ReadOnlySpan<byte> WithoutPhasePrefix(ReadOnlySpan<byte> gt) =>
        !gt.IsEmpty && gt[0] is (byte)'/' or (byte)'|' ? gt[1..] : gt;

    /// <summary>Whether a GT (without its phase prefix) names more than two alleles.</summary>
    private static bool IsPolyploid(ReadOnlySpan<byte> gt)
    {
        var separator = gt.IndexOfAny((byte)'/', (byte)'|');
        return separator >= 0 && gt[(separator + 1)..].IndexOfAny((byte)'/', (byte)'|') >= 0;
    }

    /// <summary>
    /// Whether REF and every ALT are single bases or missing ('.', '*'): a record Decodex reads as an SNV.
    /// Indels, multi-base and symbolic alleles make the whole record one to skip, whatever its call.
    /// </summary>
    private static bool IsSnvRecord(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> alternate) =>
        reference.Length == 1 && alternate.IndexOfAny((byte)'<', (byte)'[', (byte)']') < 0 && !HasLongAllele(alternate);

    /// <summary>The allele code for a GT index: 1–4 for a base, 0 for a missing allele ('.'); false for indels and symbolic alleles.</summary>
    private static bool TryAllele(ReadOnlySpan<byte> index, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> alternate, out byte code)
    {
        code = 0;
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
        {
            return false;
        }

        var allele = reference;
        if (k > 0)
        {
            var n = 0;
            allele = default;
            foreach (var range in alternate.Split((byte)','))
            {
                if (++n == k)
                {
                    allele = alternate[range];
                    break;
                }
            }

            if (n != k)
            {
                return false;
            }
        }

        if (allele.Length == 1 && allele[0] == '.')
        {
            return true;
        }

        if (allele.Length != 1 || reference.Length > 1 || alternate.IndexOfAny((byte)'<', (byte)'[', (byte)']') >= 0 || HasLongAllele(alternate))
        {
            return false;
        }

        code = Genotype.AlleleCode(allele[0]);
        return code is >= 1 and <= 4;
    }

    private static bool HasLongAllele(ReadOnlySpan<byte> alternate)
    {
        foreach (var range in alternate.Split((byte)','))
        {
            if (range.End.Value - range.Start.Value > 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The build the header claims: chromosome 1's contig length, or a build named on a reference,
    /// contig or assembly line. Lines that name different builds are reported (GEN010) and none is
    /// believed, so the build rests on the data alone.
    /// </summary>
    private static (GenomeBuild Build, string Evidence)? HeaderClaim(IEnumerable<string> header, IssueLog issues)
    {
        var lines = header.ToList();
        var claims = new List<(GenomeBuild Build, string Evidence)>();
        foreach (var line in lines.Where(l => l.StartsWith("##contig=<", StringComparison.Ordinal)))
        {
            var id = Value(line, "ID");
            var length = Value(line, "length");
            if (id is not null && Chromosome.Parse(id).Code == 1 && long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && Chr1Lengths.TryGetValue(l, out var build))
            {
                claims.Add((build, $"the header's chromosome 1 length ({l.ToString(CultureInfo.InvariantCulture)}) is that of {GenomeAssembler.Name(build)}"));
                break;
            }
        }

        foreach (var line in lines.Where(l => l.StartsWith("##reference", StringComparison.OrdinalIgnoreCase) || l.StartsWith("##contig", StringComparison.Ordinal) || l.StartsWith("##assembly", StringComparison.OrdinalIgnoreCase)))
        {
            if (GenomeFormatRules.HeaderBuild([line]) is { } claim)
            {
                claims.Add(claim);
            }
        }

        var builds = claims.Select(c => c.Build).Distinct().ToList();
        if (builds.Count > 1)
        {
            issues.Add(GenomeIssueCodes.BuildConflict, IssueSeverity.Warning, $"The header names more than one build ({string.Join(" and ", builds.Select(GenomeAssembler.Name))}); it was not believed, and the build rests on the data alone.");
            return null;
        }

        return claims.Count > 0 ? claims[0] : null;
    }

    private static string? Value(string line, string key)
    {
        var at = line.IndexOf(key + "=", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + key.Length + 1;
        var end = line.IndexOfAny([',', '>'], start);
        return end < 0 ? line[start..] : line[start..end];
    }

    private static string? Version(List<string> header) =>
        header.FirstOrDefault(l => l.StartsWith("##fileformat=", StringComparison.Ordinal))?["##fileformat=".Length..];

    private static string? SequenceName(IReadOnlyList<string> names, Chromosome chromosome)
    {
        foreach (var name in names)
        {
            if (Chromosome.Parse(name) == chromosome)
            {
                return name;
            }
        }

        return null;
    }

    private static IEnumerable<GenomicIndexChunk> Merge(List<GenomicIndexChunk> chunks)
    {
        chunks.Sort((a, b) => a.Begin.Value.CompareTo(b.Begin.Value));
        GenomicIndexChunk? current = null;
        foreach (var chunk in chunks)
        {
            if (current is { } c && chunk.Begin.Value <= c.End.Value)
            {
                current = new GenomicIndexChunk(c.Begin, chunk.End.Value > c.End.Value ? chunk.End : c.End);
                continue;
            }

            if (current is { } done)
            {
                yield return done;
            }

            current = chunk;
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    private static int CountTabs(ReadOnlySpan<byte> line) => line.Count((byte)'\t');
}
