using System.Runtime.CompilerServices;

namespace Decodex.Core.Genomics;

/// <summary>
/// Parses the data rows of a delimited genotype file (23andMe, AncestryDNA, FTDNA, MyHeritage,
/// LivingDNA, deCODEme, Illumina Final Report, generic) into <see cref="GenomeRows"/>. Span-based,
/// no allocation per row. Bad rows become issues with their line number and are skipped; the
/// messages never quote the row.
/// </summary>
internal static class DelimitedGenomeParser
{
    private const int MaxColumns = 64;

    public sealed class Result
    {
        public long Skipped { get; set; }
        public long DataRows { get; set; }
        public long MinusStrand { get; set; }
        public bool Refused { get; set; }
    }

    public static Result Parse(LineReader reader, TextLayout layout, GenomeRows rows, IssueLog issues)
    {
        var result = new Result();
        var header = layout.HeaderText is null ? null : System.Text.Encoding.ASCII.GetBytes(layout.HeaderText);
        Span<int> starts = stackalloc int[MaxColumns];
        Span<int> ends = stackalloc int[MaxColumns];
        var required = layout.MinimumColumns;
        long bad = 0;
        while (reader.TryReadLine(out var line))
        {
            if (reader.LineNumber <= layout.DataStartsAfterLine || line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            if (header is not null && line.Length >= header.Length - 2 && IsHeader(line, header))
            {
                continue;
            }

            result.DataRows++;
            var count = Split(line, layout.Delimiter, starts, ends);
            if (count < required)
            {
                if (!Reject(line))
                {
                    issues.Add(GenomeIssueCodes.MalformedRow, IssueSeverity.Warning, $"The row has {count} columns; {required} are needed. It was skipped.", reader.LineNumber);
                }

                Skip(ref bad);
                continue;
            }

            Chromosome chromosome;
            int position;
            if (layout.ChromosomeColumn < 0 || layout.PositionColumn < 0)
            {
                // Reports without Chr/Position columns: only ids written as chr:pos can be placed.
                if (!TryParsePositionId(Field(line, starts, ends, layout.IdColumn), out chromosome, out position))
                {
                    issues.Add(GenomeIssueCodes.UnknownChromosome, IssueSeverity.Warning, "The file gives no chromosome and position for this row and its id does not carry them; the row was skipped.", reader.LineNumber);
                    Skip(ref bad);
                    continue;
                }
            }
            else
            {
                chromosome = Chromosome.Parse(Field(line, starts, ends, layout.ChromosomeColumn));
                if (!chromosome.IsKnown && !Reject(line))
                {
                    issues.Add(GenomeIssueCodes.UnknownChromosome, IssueSeverity.Warning, "The chromosome is missing or not one Decodex places; the row was skipped.", reader.LineNumber);
                }

                if (!chromosome.IsKnown)
                {
                    Skip(ref bad);
                    continue;
                }

                if (!TryParsePosition(Field(line, starts, ends, layout.PositionColumn), out position))
                {
                    if (!Reject(line))
                    {
                        issues.Add(GenomeIssueCodes.BadPosition, IssueSeverity.Warning, "The position is missing or not a positive whole number; the row was skipped.", reader.LineNumber);
                    }

                    Skip(ref bad);
                    continue;
                }
            }

            Genotype genotype;
            var ok = layout.GenotypeColumn >= 0
                ? TryParseGenotypeField(Field(line, starts, ends, layout.GenotypeColumn), out genotype)
                : TryParseAlleles(Field(line, starts, ends, layout.Allele1Column), Field(line, starts, ends, layout.Allele2Column), out genotype);
            if (!ok && Reject(line))
            {
                Skip(ref bad);
                continue;
            }

            if (!ok)
            {
                issues.Add(GenomeIssueCodes.BadGenotype, IssueSeverity.Warning, "The genotype is not made of A, C, G, T, D, I or a no-call; the row is kept as a no-call.", reader.LineNumber);
                genotype = Genotype.NoCall;
            }

            if (layout.StrandColumn >= 0)
            {
                var strand = Field(line, starts, ends, layout.StrandColumn);
                if (strand.Length == 1 && strand[0] == '-')
                {
                    genotype = genotype.Complement();
                    result.MinusStrand++;
                }
            }

            var idField = Field(line, starts, ends, layout.IdColumn);
            if (idField.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 && Reject(line))
            {
                Skip(ref bad);
                continue;
            }

            rows.Add(ParseId(idField, rows), chromosome, position, genotype);
            continue;

            // Bytes that are not plain text decide the code of a row that failed: GEN017, reported here.
            bool Reject(ReadOnlySpan<byte> row)
            {
                if (row.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0 && row.IndexOf((byte)0) < 0)
                {
                    return false;
                }

                issues.Add(GenomeIssueCodes.NonAscii, IssueSeverity.Warning, "The row holds bytes that are not plain text; it was skipped.", reader.LineNumber);
                return true;
            }

            void Skip(ref long badRows)
            {
                result.Skipped++;
                badRows++;
            }
        }

        // A file where most rows are unreadable is not a genotype file we can trust.
        if (result.DataRows >= 20 && bad * 2 > result.DataRows)
        {
            result.Refused = true;
        }

        return result;
    }

    private static bool IsHeader(ReadOnlySpan<byte> line, byte[] header)
    {
        Span<byte> a = stackalloc byte[Math.Min(line.Length, 256)];
        var n = 0;
        foreach (var b in line)
        {
            if (b is not ((byte)'"' or (byte)' ') && n < a.Length)
            {
                a[n++] = (byte)(b | 0x20);
            }
        }

        Span<byte> h = stackalloc byte[Math.Min(header.Length, 256)];
        var m = 0;
        foreach (var b in header)
        {
            if (b is not ((byte)'"' or (byte)' ') && m < h.Length)
            {
                h[m++] = (byte)(b | 0x20);
            }
        }

        return a[..n].SequenceEqual(h[..m]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Split(ReadOnlySpan<byte> line, Delimiter delimiter, Span<int> starts, Span<int> ends)
    {
        var count = 0;
        var i = 0;
        if (delimiter == Delimiter.Whitespace)
        {
            while (i < line.Length && count < MaxColumns)
            {
                while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
                {
                    i++;
                }

                if (i >= line.Length)
                {
                    break;
                }

                starts[count] = i;
                while (i < line.Length && line[i] is not ((byte)' ' or (byte)'\t'))
                {
                    i++;
                }

                ends[count++] = i;
            }

            return count;
        }

        // Consumer rows are short (20–40 bytes): one scalar pass beats a vectorised search per field.
        var separator = delimiter == Delimiter.Tab ? (byte)'\t' : (byte)',';
        starts[0] = 0;
        for (; i < line.Length; i++)
        {
            if (line[i] == separator)
            {
                ends[count++] = i;
                if (count == MaxColumns)
                {
                    return count;
                }

                starts[count] = i + 1;
            }
        }

        ends[count++] = line.Length;
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, Span<int> starts, Span<int> ends, int column)
    {
        var field = line[starts[column]..ends[column]];
        while (!field.IsEmpty && field[0] is (byte)'"' or (byte)' ')
        {
            field = field[1..];
        }

        while (!field.IsEmpty && field[^1] is (byte)'"' or (byte)' ')
        {
            field = field[..^1];
        }

        return field;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParsePosition(ReadOnlySpan<byte> text, out int position)
    {
        position = 0;
        if (text.IsEmpty || text.Length > 10)
        {
            return false;
        }

        long value = 0;
        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        if (value is <= 0 or > int.MaxValue)
        {
            return false;
        }

        position = (int)value;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseGenotypeField(ReadOnlySpan<byte> text, out Genotype genotype)
    {
        // "A/A" (CircleDNA) and "A|G" are written with a separator.
        if (text.Length == 3 && text[1] is (byte)'/' or (byte)'|')
        {
            Span<byte> pair = [text[0], text[2]];
            return Genotype.TryParse(pair, out genotype);
        }

        return Genotype.TryParse(text, out genotype);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseAlleles(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, out Genotype genotype)
    {
        if (first.Length > 1 || second.Length > 1)
        {
            genotype = Genotype.NoCall;
            return false;
        }

        Span<byte> pair = [first.IsEmpty ? (byte)'-' : first[0], second.IsEmpty ? (byte)'-' : second[0]];
        return Genotype.TryParse(pair, out genotype);
    }

    /// <summary>rs and i ids as numbers; <c>GSA-rs123</c> as rs123; <c>1:101</c>-style ids as position-only; other names in the name table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static VariantId ParseId(ReadOnlySpan<byte> text, GenomeRows rows)
    {
        if (VariantId.TryParseNumbered(text, out var id))
        {
            return id;
        }

        if (text.Length > 6 && text.StartsWith("GSA-rs"u8) && VariantId.TryParseNumbered(text[4..], out id))
        {
            return id;
        }

        if (text.IsEmpty || text.SequenceEqual("."u8) || LooksLikePosition(text))
        {
            return VariantId.PositionOnly;
        }

        return rows.NameId(text.Length > 64 ? text[..64] : text);
    }

    /// <summary>Reads <c>1:101</c> or <c>chr1:101:A</c> style ids.</summary>
    private static bool TryParsePositionId(ReadOnlySpan<byte> text, out Chromosome chromosome, out int position)
    {
        chromosome = Chromosome.None;
        position = 0;
        var colon = text.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        chromosome = Chromosome.Parse(text[..colon]);
        var rest = text[(colon + 1)..];
        var end = rest.IndexOf((byte)':');
        return chromosome.IsKnown && TryParsePosition(end < 0 ? rest : rest[..end], out position);
    }

    private static bool LooksLikePosition(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith("chr"u8))
        {
            text = text[3..];
        }

        var colon = text.IndexOf((byte)':');
        return colon > 0 && Chromosome.Parse(text[..colon]).IsKnown;
    }
}
