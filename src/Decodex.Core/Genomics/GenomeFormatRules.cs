using System.Text.RegularExpressions;

namespace Decodex.Core.Genomics;

/// <summary>
/// The one ordered table that decides a file's format from its content (never its name). The first
/// rule whose test matches wins. <see cref="Rules"/> lists them for the README and tests.
/// </summary>
public static partial class GenomeFormatRules
{
    /// <summary>Rule ids and what each tests, in order.</summary>
    public static IReadOnlyList<(string Rule, GenomeVendor Vendor, string Test)> Rules { get; } =
    [
        ("vcf", GenomeVendor.Vcf, "first line starts with ##fileformat=VCF"),
        ("illumina-final-report", GenomeVendor.IlluminaFinalReport, "first line is [Header]; rows after [Data]; Plus alleles preferred over Forward/Top"),
        ("23andme", GenomeVendor.TwentyThreeAndMe, "the leading comments mention 23andMe"),
        ("ancestrydna", GenomeVendor.AncestryDna, "the leading comments mention AncestryDNA"),
        ("myheritage", GenomeVendor.MyHeritage, "the leading comments mention MyHeritage, or ##fileformat=MyHeritage"),
        ("livingdna", GenomeVendor.LivingDna, "the leading comments mention Living DNA"),
        ("ftdna-famfinder", GenomeVendor.FamilyTreeDna, "the leading comments mention famfinder (legacy Family Finder)"),
        ("ftdna", GenomeVendor.FamilyTreeDna, "the header is RSID,CHROMOSOME,POSITION,RESULT"),
        ("decodeme", GenomeVendor.DecodeMe, "the header is Name,Variation,Chromosome,Position,Strand,YourCode"),
        ("generic-header", GenomeVendor.Generic, "a header naming an id, chromosome and position column (optionally after #)"),
        ("generic-no-header", GenomeVendor.Generic, "no header; the first row starts with an rs id followed by a chromosome"),
    ];

    /// <summary>
    /// Whether the first lines of a decompressed text file (BOM removed) are those of a genotype file
    /// Decodex reads; never throws.
    /// </summary>
    public static bool IsGenomeText(IReadOnlyList<string> lines) => lines is not null && Recognise(lines) is not null;

    /// <summary>
    /// Recognises the format of the sample (the first lines of the decompressed file, BOM removed).
    /// Returns null when no rule matches: the file is not a genotype file Decodex reads.
    /// </summary>
    internal static (GenomeFormat Format, TextLayout? Layout)? Recognise(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        var first = lines[0].Trim();
        if (first.StartsWith("##fileformat=VCF", StringComparison.Ordinal))
        {
            return (new GenomeFormat(GenomeVendor.Vcf, "vcf", first["##fileformat=".Length..]), null);
        }

        if (first == "[Header]")
        {
            return IlluminaReport(lines);
        }

        var comments = lines.TakeWhile(l => l.StartsWith('#') || l.Trim().Length == 0).ToList();
        var commentText = string.Join('\n', comments);
        var firstData = lines.Skip(comments.Count).FirstOrDefault() ?? string.Empty;

        (GenomeVendor Vendor, string Rule)? vendor = null;
        if (commentText.Contains("23andMe", StringComparison.OrdinalIgnoreCase))
        {
            vendor = (GenomeVendor.TwentyThreeAndMe, "23andme");
        }
        else if (commentText.Contains("AncestryDNA", StringComparison.OrdinalIgnoreCase))
        {
            vendor = (GenomeVendor.AncestryDna, "ancestrydna");
        }
        else if (commentText.Contains("MyHeritage", StringComparison.OrdinalIgnoreCase))
        {
            vendor = (GenomeVendor.MyHeritage, "myheritage");
        }
        else if (commentText.Contains("Living DNA", StringComparison.OrdinalIgnoreCase) || commentText.Contains("LivingDNA", StringComparison.OrdinalIgnoreCase))
        {
            vendor = (GenomeVendor.LivingDna, "livingdna");
        }
        else if (commentText.Contains("famfinder", StringComparison.OrdinalIgnoreCase))
        {
            vendor = (GenomeVendor.FamilyTreeDna, "ftdna-famfinder");
        }

        var headerFromData = Columns(firstData);
        var lastComment = comments.LastOrDefault(c => c.Trim().Length > 0);
        var headerFromComment = lastComment is null ? null : Columns(lastComment.TrimStart('#', ' '));
        var compact = firstData.Replace("\"", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (vendor is null && compact == "RSID,CHROMOSOME,POSITION,RESULT")
        {
            vendor = (GenomeVendor.FamilyTreeDna, "ftdna");
        }
        else if (vendor is null && compact == "NAME,VARIATION,CHROMOSOME,POSITION,STRAND,YOURCODE")
        {
            vendor = (GenomeVendor.DecodeMe, "decodeme");
        }

        TextLayout? layout;
        if (headerFromData is not null)
        {
            layout = headerFromData with { HeaderText = firstData.Trim(), DataStartsAfterLine = comments.Count + 1 };
        }
        else if (headerFromComment is not null)
        {
            layout = headerFromComment with { DataStartsAfterLine = comments.Count };
        }
        else if (LooksLikeDataRow(firstData))
        {
            layout = Headerless(firstData, comments.Count);
            vendor ??= (GenomeVendor.Generic, "generic-no-header");
        }
        else
        {
            return null;
        }

        if (layout is null)
        {
            return null;
        }

        vendor ??= (GenomeVendor.Generic, "generic-header");
        if (vendor.Value.Vendor == GenomeVendor.AncestryDna)
        {
            layout = layout with { Delimiter = Delimiter.Whitespace };
        }

        return (new GenomeFormat(vendor.Value.Vendor, vendor.Value.Rule, Version(vendor.Value.Vendor, commentText)), layout);
    }

    /// <summary>The build a header claims, if it names one, with the words it used.</summary>
    internal static (GenomeBuild Build, string Evidence)? HeaderBuild(IEnumerable<string> headerLines)
    {
        foreach (var line in headerLines)
        {
            if (BuildWords(line) is { } claim)
            {
                return claim;
            }
        }

        return null;
    }

    private static readonly string[] BuildKeywords = ["build", "grch", "ncbi", "reference=build", "assembly=grch", "hg"];

    /// <summary>
    /// The leftmost "build 37", "GRCh38", "hg19", "NCBI36", "reference=build37" … in a header line: a keyword
    /// (ASCII letters in any case), optional white space, then 36, 37, 38, 18 or 19 not followed by another
    /// digit. Written out rather than as a regex: a case-insensitive multi-word regex search compiles about
    /// a hundred vectorised helpers at every start, which cost more than the whole scan of a header.
    /// </summary>
    private static (GenomeBuild Build, string Evidence)? BuildWords(string line)
    {
        for (var start = 0; start < line.Length; start++)
        {
            foreach (var keyword in BuildKeywords)
            {
                if (!StartsWithAsciiIgnoreCase(line, start, keyword))
                {
                    continue;
                }

                var at = start + keyword.Length;
                while (at < line.Length && char.IsWhiteSpace(line[at]))
                {
                    at++;
                }

                if (at + 2 > line.Length || (at + 2 < line.Length && char.IsAsciiDigit(line[at + 2])))
                {
                    continue;
                }

                GenomeBuild? build = line.AsSpan(at, 2) switch
                {
                    "36" or "18" => GenomeBuild.Grch36,
                    "37" or "19" => GenomeBuild.Grch37,
                    "38" => GenomeBuild.Grch38,
                    _ => null,
                };
                if (build is { } found)
                {
                    return (found, $"header says \"{line[start..(at + 2)]}\"");
                }
            }
        }

        return null;
    }

    private static bool StartsWithAsciiIgnoreCase(string text, int start, string lowerKeyword)
    {
        if (text.Length - start < lowerKeyword.Length)
        {
            return false;
        }

        for (var i = 0; i < lowerKeyword.Length; i++)
        {
            var c = text[start + i];
            if ((c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) != lowerKeyword[i])
            {
                return false;
            }
        }

        return true;
    }

    private static (GenomeFormat, TextLayout?)? IlluminaReport(IReadOnlyList<string> lines)
    {
        var data = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Trim() == "[Data]")
            {
                data = i;
                break;
            }
        }

        if (data < 0 || data + 1 >= lines.Count)
        {
            return null;
        }

        var delimiter = lines[data + 1].Contains('\t', StringComparison.Ordinal) ? Delimiter.Tab : Delimiter.Comma;
        var header = lines[data + 1].Split(delimiter == Delimiter.Tab ? '\t' : ',').Select(h => h.Trim()).ToArray();
        int Find(params string[] names) => Array.FindIndex(header, h => names.Any(n => h.Equals(n, StringComparison.OrdinalIgnoreCase)));
        var id = Find("SNP Name", "SNP", "Name");
        var chromosome = Find("Chr", "Chromosome");
        var position = Find("Position", "MapInfo");
        var plus1 = Find("Allele1 - Plus");
        var plus2 = Find("Allele2 - Plus");
        var forward1 = Find("Allele1 - Forward", "Allele1 - Top");
        var forward2 = Find("Allele2 - Forward", "Allele2 - Top");
        var usePlus = plus1 >= 0 && plus2 >= 0;
        if (id < 0 || !(usePlus || (forward1 >= 0 && forward2 >= 0)))
        {
            return null;
        }

        var content = lines.Take(data).FirstOrDefault(l => l.StartsWith("Content", StringComparison.OrdinalIgnoreCase))?.Split(['\t', ','], StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        var layout = new TextLayout
        {
            Delimiter = delimiter,
            IdColumn = id,
            ChromosomeColumn = chromosome,
            PositionColumn = position,
            Allele1Column = usePlus ? plus1 : forward1,
            Allele2Column = usePlus ? plus2 : forward2,
            StrandNotPlus = !usePlus,
            HeaderText = lines[data + 1].Trim(),
            DataStartsAfterLine = data + 2,
        };
        return (new GenomeFormat(GenomeVendor.IlluminaFinalReport, "illumina-final-report", content?.Trim()), layout);
    }

    /// <summary>A layout from a header line, or null when the line does not name the needed columns.</summary>
    private static TextLayout? Columns(string line)
    {
        if (line.Length == 0)
        {
            return null;
        }

        var delimiter = line.Split('\t').Length >= 4 ? Delimiter.Tab : line.Contains(',', StringComparison.Ordinal) ? Delimiter.Comma : Delimiter.Whitespace;
        var names = delimiter switch
        {
            Delimiter.Tab => line.Split('\t'),
            Delimiter.Comma => line.Split(','),
            _ => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries),
        };

        // Compare names without case, spaces or punctuation: "SNP.Name", "Allele1...Plus", "allele_1".
        names = names.Select(n => new string(n.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant()).ToArray();
        int Find(params string[] wanted)
        {
            foreach (var w in wanted)
            {
                var i = Array.IndexOf(names, w);
                if (i >= 0)
                {
                    return i;
                }
            }

            return -1;
        }

        var id = Find("RSID", "SNPNAME", "NAME", "SNP", "MARKERNAME", "SNPID", "ID");
        var chromosome = Find("CHROMOSOME", "CHR", "CHROM");
        var position = Find("POSITION", "POS", "BP", "COORDINATE", "MAPINFO");
        var genotype = Find("GENOTYPE", "RESULT", "YOURCODE", "GT", "CALL");
        var allele1 = Find("ALLELE1PLUS", "ALLELE1");
        var allele2 = Find("ALLELE2PLUS", "ALLELE2");
        var strand = Find("STRAND");
        if (genotype < 0 && (allele1 < 0 || allele2 < 0))
        {
            // A non-standard genotype column name such as "genotype_other".
            genotype = Array.FindIndex(names, n => n.StartsWith("GENOTYPE", StringComparison.Ordinal));
        }

        if (id < 0 || chromosome < 0 || position < 0 || (genotype < 0 && (allele1 < 0 || allele2 < 0)))
        {
            return null;
        }

        return new TextLayout
        {
            Delimiter = delimiter,
            IdColumn = id,
            ChromosomeColumn = chromosome,
            PositionColumn = position,
            GenotypeColumn = genotype >= 0 ? genotype : -1,
            Allele1Column = genotype >= 0 ? -1 : allele1,
            Allele2Column = genotype >= 0 ? -1 : allele2,
            StrandColumn = strand,
        };
    }

    /// <summary>A row of id, chromosome, position and genotype (or two alleles), without a header.</summary>
    private static bool LooksLikeDataRow(string line)
    {
        if (NoHeaderRow().IsMatch(line))
        {
            return true;
        }

        var fields = line.Split('\t').Length >= 4 ? line.Split('\t') : line.Contains(',', StringComparison.Ordinal) ? line.Split(',') : line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        fields = fields.Select(f => f.Trim().Trim('"')).ToArray();
        return fields.Length >= 4
            && Chromosome.Parse(fields[1]).IsKnown
            && fields[2].Length is > 0 and <= 10 && fields[2].All(char.IsAsciiDigit)
            && fields[3].Length is >= 1 and <= 3 && fields[3].All(c => "ACGTIDacgtid-0/".Contains(c, StringComparison.Ordinal));
    }

    private static TextLayout Headerless(string firstData, int comments)
    {
        var delimiter = firstData.Split('\t').Length >= 4 ? Delimiter.Tab : firstData.Contains(',', StringComparison.Ordinal) ? Delimiter.Comma : Delimiter.Whitespace;
        var columns = delimiter switch
        {
            Delimiter.Tab => firstData.Split('\t').Length,
            Delimiter.Comma => firstData.Split(',').Length,
            _ => firstData.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length,
        };
        return columns >= 5
            ? new TextLayout { Delimiter = delimiter, IdColumn = 0, ChromosomeColumn = 1, PositionColumn = 2, Allele1Column = 3, Allele2Column = 4, DataStartsAfterLine = comments }
            : new TextLayout { Delimiter = delimiter, IdColumn = 0, ChromosomeColumn = 1, PositionColumn = 2, GenotypeColumn = 3, DataStartsAfterLine = comments };
    }

    private static string? Version(GenomeVendor vendor, string comments)
    {
        var m = vendor switch
        {
            GenomeVendor.AncestryDna => AncestryVersion().Match(comments),
            GenomeVendor.LivingDna => LivingDnaVersion().Match(comments),
            GenomeVendor.MyHeritage => MyHeritageVersion().Match(comments),
            _ => Match.Empty,
        };
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("""^"?rs[0-9]+"?[\t, ]+"?(chr)?([0-9]{1,2}|X|Y|XY|MT|M)"?[\t, ]""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoHeaderRow();

    [GeneratedRegex(@"array version:\s*(\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AncestryVersion();

    [GeneratedRegex(@"file version:\s*(\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LivingDnaVersion();

    [GeneratedRegex(@"##format=(\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MyHeritageVersion();
}
