using System.Globalization;
using System.Text;

namespace Decodex.Core.Genomics.Health;

/// <summary>A gene of the ACMG secondary-findings list (v3.3), as shipped with its provenance.</summary>
public sealed record AcmgGene(string Gene, string Phenotype, string Inheritance, string ListVersion, string ToReport);

/// <summary>One ClinVar pathogenic or likely pathogenic single-base record in an ACMG gene.</summary>
public sealed record ClinVarSite(
    Chromosome Chromosome,
    int Position,
    char Reference,
    char Alternate,
    char Asserted,
    string Gene,
    string Significance,
    string ReviewStatus,
    string Conditions);

/// <summary>The ClinVar records read from a file, in one build.</summary>
public sealed record ClinVarSites(GenomeBuild Build, IReadOnlyList<ClinVarSite> Sites, int Skipped, string? FileDate);

/// <summary>A file call that matches a ClinVar pathogenic record in an ACMG gene: never a result, at most a call to confirm.</summary>
public sealed record UnconfirmedCall(ClinVarSite Site, string Genotype, string FoundBy);

/// <summary>
/// Finds, only when the person opts in, calls in ACMG secondary-findings genes that match ClinVar
/// pathogenic or likely pathogenic records. Consumer arrays call such rare variants wrongly most of the time
/// (Weedon et al. 2021: 16 % of very rare heterozygous calls confirmed; BRCA1/2 positive predictive value
/// 4.2 %), so every match is an unconfirmed array call to be checked by a clinical-grade test, and the
/// absence of a match says nothing.
/// </summary>
public static class RareVariantScan
{
    /// <summary>Longest ClinVar line read; longer lines are skipped (a crafted file cannot make one huge string).</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>Most decompressed bytes read from a ClinVar file ; a decompression bomb stops there.</summary>
    public const long MaxExpandedBytes = 4L << 30;

    private static readonly Lazy<List<AcmgGene>> Genes = new(ReadGenes);

    /// <summary>The ACMG SF v3.3 genes (84), one entry per gene and phenotype.</summary>
    public static IReadOnlyList<AcmgGene> AcmgGenes => Genes.Value;

    /// <summary>Whether <paramref name="gene"/> is on the ACMG SF v3.3 list.</summary>
    public static bool IsAcmgGene(string gene) => Genes.Value.Any(g => string.Equals(g.Gene, gene, StringComparison.Ordinal));

    /// <summary>
    /// Reads a ClinVar VCF (plain or gzip): the NCBI release (CLNSIG, GENEINFO, CLNREVSTAT, CLNDN) or the
    /// flattened 2016 MacArthur-lab file (CLINICAL_SIGNIFICANCE, SYMBOL, REVIEW_STATUS, MUT). Keeps
    /// single-base pathogenic or likely pathogenic records in ACMG genes; others are counted as skipped.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a ClinVar VCF, or its build cannot be told.</exception>
    public static ClinVarSites ReadClinVar(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var text = PlainOrGzip.Open(stream, "ClinVar");
        using var limited = text;
        var genes = Genes.Value.Select(g => g.Gene).ToHashSet(StringComparer.Ordinal);
        var sites = new List<ClinVarSite>();
        var build = GenomeBuild.Unknown;
        string? date = null;
        var skipped = 0;
        var sawHeader = false;
        foreach (var line in Lines(limited))
        {
            if (line.StartsWith("##", StringComparison.Ordinal))
            {
                sawHeader |= line.StartsWith("##fileformat=VCF", StringComparison.Ordinal);
                build = build != GenomeBuild.Unknown ? build : HeaderBuild(line);
                date ??= line.StartsWith("##fileDate=", StringComparison.Ordinal) ? line[11..].Trim() : null;
                continue;
            }

            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (!sawHeader)
            {
                throw new InvalidDataException("This is not a VCF file (no ##fileformat=VCF header).");
            }

            if (Site(line, genes) is { } site)
            {
                sites.Add(site);
            }
            else
            {
                skipped++;
            }
        }

        if (!sawHeader)
        {
            throw new InvalidDataException("This is not a VCF file (no ##fileformat=VCF header).");
        }

        if (build == GenomeBuild.Unknown)
        {
            throw new InvalidDataException("The ClinVar file does not say its build (no ##reference line or contig lengths of GRCh37 or GRCh38).");
        }

        return new ClinVarSites(build, sites, skipped, date);
    }

    /// <summary>
    /// The calls of <paramref name="genome"/> carrying a ClinVar-asserted allele at a site of
    /// <paramref name="clinVar"/>, skipping sites of <paramref name="allowListed"/> (those are results of their own).
    /// Empty when the builds differ (the caller says so).
    /// </summary>
    public static IReadOnlyList<UnconfirmedCall> Scan(Genome genome, ClinVarSites clinVar, IReadOnlySet<(Chromosome, int)> allowListed)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(clinVar);
        ArgumentNullException.ThrowIfNull(allowListed);
        if (genome.Build != clinVar.Build)
        {
            return [];
        }

        var found = new List<UnconfirmedCall>();
        foreach (var site in clinVar.Sites)
        {
            if (allowListed.Contains((site.Chromosome, site.Position)))
            {
                continue;
            }

            var row = genome.FindPosition(new GenomicPosition(genome.Build, site.Chromosome, site.Position));
            if (row < 0)
            {
                continue;
            }

            var genotype = genome.Genotype(row);
            if (genotype.IsNoCall || genotype.Count(site.Asserted) == 0)
            {
                continue;
            }

            // A call must be made of this site's own two bases; other letters are another strand or another variant.
            if ((genotype.IsHaploid ? [genotype.First] : new[] { genotype.First, genotype.Second }).Any(c => c != site.Reference && c != site.Alternate))
            {
                continue;
            }

            found.Add(new UnconfirmedCall(site, genotype.ToString(), $"by position {site.Chromosome}:{site.Position.ToString(CultureInfo.InvariantCulture)} in {GenomeAssembler.Name(genome.Build)}"));
        }

        return found;
    }

    /// <summary>The positions (both builds) a large file must keep to be scanned against <paramref name="clinVar"/>.</summary>
    public static IEnumerable<GenomicPosition> Positions(ClinVarSites clinVar)
    {
        ArgumentNullException.ThrowIfNull(clinVar);
        return clinVar.Sites.Select(s => new GenomicPosition(clinVar.Build, s.Chromosome, s.Position));
    }

    private static ClinVarSite? Site(string line, HashSet<string> genes)
    {
        var fields = line.Split('\t', 9);
        if (fields.Length < 8 || fields[3].Length != 1 || fields[4].Length != 1
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position <= 0)
        {
            return null;
        }

        var chromosome = Chromosome.Parse(Encoding.ASCII.GetBytes(fields[0]));
        var reference = char.ToUpperInvariant(fields[3][0]);
        var alternate = char.ToUpperInvariant(fields[4][0]);
        if (!chromosome.IsKnown || "ACGT".IndexOf(reference, StringComparison.Ordinal) < 0 || "ACGT".IndexOf(alternate, StringComparison.Ordinal) < 0)
        {
            return null;
        }

        var info = Info(fields[7]);
        var gene = info.GetValueOrDefault("GENEINFO") is { } geneInfo ? geneInfo.Split('|')[0].Split(':')[0] : info.GetValueOrDefault("SYMBOL");
        if (gene is null || !genes.Contains(gene))
        {
            return null;
        }

        var significance = info.GetValueOrDefault("CLNSIG") ?? info.GetValueOrDefault("CLINICAL_SIGNIFICANCE") ?? string.Empty;
        var terms = significance.Split('|', '/', ',');
        var pathogenic = terms.Any(t => t is "Pathogenic" or "Likely_pathogenic");
        var conflicting = significance.Contains("Conflicting", StringComparison.OrdinalIgnoreCase) || terms.Any(t => t.Contains("benign", StringComparison.OrdinalIgnoreCase));
        if (!pathogenic || conflicting)
        {
            return null;
        }

        var asserted = info.GetValueOrDefault("MUT") == "REF" ? reference : alternate;
        var review = (info.GetValueOrDefault("CLNREVSTAT") ?? info.GetValueOrDefault("REVIEW_STATUS") ?? "not given").Replace("..", ", ", StringComparison.Ordinal).Replace('_', ' ');
        var conditions = (info.GetValueOrDefault("CLNDN") ?? info.GetValueOrDefault("ALL_TRAITS") ?? string.Empty)
            .Split('|').Select(t => t.Replace("..", ", ", StringComparison.Ordinal).Replace('_', ' ').Trim()).Where(t => t.Length > 0 && t != "not provided" && t != "not specified")
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(4);
        return new ClinVarSite(chromosome, position, reference, alternate, asserted, gene, significance.Replace('_', ' ').Replace("|", ", ", StringComparison.Ordinal), review, string.Join("; ", conditions));
    }

    private static Dictionary<string, string> Info(string info)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in info.Split(';'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                map.TryAdd(part[..eq], part[(eq + 1)..]);
            }
        }

        return map;
    }

    private static GenomeBuild HeaderBuild(string line)
    {
        if (line.StartsWith("##reference=", StringComparison.Ordinal) || line.StartsWith("##assembly=", StringComparison.Ordinal))
        {
            return line.Contains("38", StringComparison.Ordinal) ? GenomeBuild.Grch38 : line.Contains("37", StringComparison.Ordinal) || line.Contains("hg19", StringComparison.OrdinalIgnoreCase) ? GenomeBuild.Grch37 : GenomeBuild.Unknown;
        }

        // Chromosome 1's length differs between the builds.
        if (line.StartsWith("##contig=<ID=1,", StringComparison.Ordinal) || line.StartsWith("##contig=<ID=chr1,", StringComparison.Ordinal))
        {
            return line.Contains("length=249250621", StringComparison.Ordinal) ? GenomeBuild.Grch37
                : line.Contains("length=248956422", StringComparison.Ordinal) ? GenomeBuild.Grch38
                : GenomeBuild.Unknown;
        }

        return GenomeBuild.Unknown;
    }

    /// <summary>Lines of at most <see cref="MaxLineBytes"/>; a longer line is dropped whole.</summary>
    private static IEnumerable<string> Lines(Stream stream)
    {
        var buffer = new byte[1 << 16];
        var line = new MemoryStream();
        var tooLong = false;
        long total = 0;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += n;
            if (total > MaxExpandedBytes)
            {
                throw new InvalidDataException("The ClinVar file expands to more than 4 GB; it was not read further.");
            }

            var start = 0;
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                if (!tooLong && line.Length + (i - start) <= MaxLineBytes)
                {
                    line.Write(buffer, start, i - start);
                    yield return Text(line);
                }

                line.SetLength(0);
                tooLong = false;
                start = i + 1;
            }

            if (!tooLong && line.Length + (n - start) <= MaxLineBytes)
            {
                line.Write(buffer, start, n - start);
            }
            else
            {
                tooLong = true;
                line.SetLength(0);
            }
        }

        if (!tooLong && line.Length > 0)
        {
            yield return Text(line);
        }
    }

    private static string Text(MemoryStream line)
    {
        var span = line.GetBuffer().AsSpan(0, (int)line.Length);
        return Encoding.UTF8.GetString(span.EndsWith("\r"u8) ? span[..^1] : span);
    }

    private static List<AcmgGene> ReadGenes()
    {
        var bytes = EmbeddedBytes.Read(typeof(RareVariantScan).Assembly, "Decodex.Core.Genomics.Health.Data.acmg-sf-v3.3.tsv");
        var list = new List<AcmgGene>();
        foreach (var row in Encoding.UTF8.GetString(bytes.Span).Split('\n').Skip(1))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length >= 6)
            {
                list.Add(new AcmgGene(cells[0], cells[1], cells[3], cells[4], cells[5]));
            }
        }

        return list;
    }
}
