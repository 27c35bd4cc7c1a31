using System.Globalization;
using System.Text;

namespace Decodex.Core.Genomics.Health;

/// <summary>
/// One variant of a polygenic score: where it is, its effect allele and the weight for 0, 1 and 2 copies.
/// Additive rows weigh 0, w, 2w; dominant rows 0, w, w; recessive rows 0, 0, w; dosage rows as written.
/// </summary>
public sealed record ScoreVariant(ulong RsId, Chromosome Chromosome, int Position, char EffectAllele, char? OtherAllele, double Weight0, double Weight1, double Weight2)
{
    /// <summary>The largest change in score this variant can make, for weighting coverage.</summary>
    public double Span => Math.Max(Math.Max(Math.Abs(Weight1 - Weight0), Math.Abs(Weight2 - Weight0)), Math.Abs(Weight2 - Weight1));
}

/// <summary>
/// A PGS Catalog scoring file with its metadata (format 2.0 or the older <c># Key = value</c> header).
/// Rows Decodex cannot score from a DNA file (haplotypes, diplotypes, HLA or other complex rows, and
/// alleles longer than one base) are counted in <see cref="Unscorable"/>, so that coverage counts them as
/// missing.
/// </summary>
public sealed record PolygenicScoreFile
{
    /// <summary>Most rows read from one scoring file; larger scores need a genotype reference panel Decodex does not have.</summary>
    public const int MaxRows = 100_000;

    /// <summary>The default licence text of the PGS Catalog, used when a file states none.</summary>
    public const string DefaultLicence = "PGS obtained from the Catalog should be cited appropriately, and used in accordance with any licensing restrictions set by the authors. See EBI Terms of Use (https://www.ebi.ac.uk/about/terms-of-use/)";

    public required string PgsId { get; init; }
    public string? Name { get; init; }
    public string? Trait { get; init; }
    public string? Citation { get; init; }

    /// <summary>The build of <see cref="ScoreVariant.Position"/> (harmonised position when present); Unknown when not reported.</summary>
    public GenomeBuild Build { get; init; }

    /// <summary>The licence the file states, or <see cref="DefaultLicence"/> when it states none.</summary>
    public required string Licence { get; init; }

    public string? WeightType { get; init; }
    public int DeclaredVariants { get; init; }
    public IReadOnlyList<ScoreVariant> Variants { get; init; } = [];

    /// <summary>Rows that cannot be scored from a DNA file; they count as missing.</summary>
    public int Unscorable { get; init; }

    /// <summary>Total rows, scorable or not.</summary>
    public int Rows => Variants.Count + Unscorable;

    /// <summary>Whether the licence forbids use in a product anyone may run (non-commercial or no-derivatives terms).</summary>
    public bool LicenceRestricts =>
        !string.Equals(Licence, DefaultLicence, StringComparison.Ordinal)
        && (Licence.Contains("non-commercial", StringComparison.OrdinalIgnoreCase) || Licence.Contains("noncommercial", StringComparison.OrdinalIgnoreCase)
            || Licence.Contains("CC BY-NC", StringComparison.OrdinalIgnoreCase) || Licence.Contains("not for commercial", StringComparison.OrdinalIgnoreCase)
            || Licence.Contains("-ND", StringComparison.Ordinal));

    /// <summary>Reads a scoring file (plain or gzip).</summary>
    /// <exception cref="InvalidDataException">The file is not a PGS Catalog scoring file or has too many rows.</exception>
    public static PolygenicScoreFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var text = PlainOrGzip.Open(stream, "scoring-file");
        using var reader = new StreamReader(text, Encoding.UTF8);
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string[]? columns = null;
        var variants = new List<ScoreVariant>();
        var unscorable = 0;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > 100_000)
            {
                throw new InvalidDataException($"Line {lineNumber} of the scoring file is too long.");
            }

            if (line.StartsWith('#'))
            {
                ReadMeta(line, meta);
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            if (columns is null)
            {
                columns = cells;
                if (!columns.Contains("effect_allele") || !(columns.Contains("effect_weight") || columns.Contains("dosage_1_weight")))
                {
                    throw new InvalidDataException("This is not a PGS Catalog scoring file (no effect_allele and effect_weight columns).");
                }

                continue;
            }

            if (variants.Count + unscorable >= MaxRows)
            {
                throw new InvalidDataException($"The scoring file has more than {MaxRows:N0} variants; scores that large are not supported.");
            }

            if (Variant(columns, cells) is { } variant)
            {
                variants.Add(variant);
            }
            else
            {
                unscorable++;
            }
        }

        if (columns is null || !meta.TryGetValue("pgs_id", out var id))
        {
            throw new InvalidDataException("This is not a PGS Catalog scoring file (no pgs_id in its header).");
        }

        var build = BuildOf(meta.GetValueOrDefault("HmPOS_build")) is var hm && hm != GenomeBuild.Unknown ? hm : BuildOf(meta.GetValueOrDefault("genome_build"));
        return new PolygenicScoreFile
        {
            PgsId = id,
            Name = meta.GetValueOrDefault("pgs_name"),
            Trait = meta.GetValueOrDefault("trait_reported"),
            Citation = meta.GetValueOrDefault("citation"),
            Build = build,
            Licence = meta.GetValueOrDefault("license") ?? DefaultLicence,
            WeightType = meta.GetValueOrDefault("weight_type"),
            DeclaredVariants = int.TryParse(meta.GetValueOrDefault("variants_number"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
            Variants = variants,
            Unscorable = unscorable,
        };
    }

    private static readonly Dictionary<string, string> OldKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PGS ID"] = "pgs_id",
        ["PGS Name"] = "pgs_name",
        ["Reported Trait"] = "trait_reported",
        ["Original Genome Build"] = "genome_build",
        ["Number of Variants"] = "variants_number",
        ["Citation"] = "citation",
        ["LICENSE"] = "license",
    };

    private static void ReadMeta(string line, Dictionary<string, string> meta)
    {
        var body = line.TrimStart('#').Trim();
        var eq = body.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return;
        }

        var key = body[..eq].Trim();
        var value = body[(eq + 1)..].Trim();
        key = OldKeys.GetValueOrDefault(key, key);
        meta.TryAdd(key, value);
    }

    private static GenomeBuild BuildOf(string? text) => text?.ToUpperInvariant() switch
    {
        "GRCH37" or "HG19" => GenomeBuild.Grch37,
        "GRCH38" or "HG38" => GenomeBuild.Grch38,
        _ => GenomeBuild.Unknown,
    };

    private static ScoreVariant? Variant(string[] columns, string[] cells)
    {
        string? Cell(string name)
        {
            var i = Array.IndexOf(columns, name);
            return i >= 0 && i < cells.Length && cells[i].Length > 0 ? cells[i] : null;
        }

        bool Flag(string name) => string.Equals(Cell(name), "True", StringComparison.OrdinalIgnoreCase);

        if (Flag("is_haplotype") || Flag("is_diplotype") || Cell("variant_description") is not null)
        {
            return null;
        }

        var effect = Cell("effect_allele");
        var other = Cell("other_allele") ?? Cell("reference_allele") ?? Cell("hm_inferOtherAllele");
        if (effect is not { Length: 1 } || "ACGT".IndexOf(char.ToUpperInvariant(effect[0]), StringComparison.Ordinal) < 0
            || (other is not null && (other.Length != 1 || "ACGT".IndexOf(char.ToUpperInvariant(other[0]), StringComparison.Ordinal) < 0)))
        {
            return null;
        }

        var rsText = Cell("hm_rsID") ?? Cell("rsID");
        ulong rs = 0;
        if (rsText is not null && rsText.StartsWith("rs", StringComparison.Ordinal))
        {
            _ = ulong.TryParse(rsText.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out rs);
        }

        var chromosome = Cell("hm_chr") ?? Cell("chr_name");
        var positionText = Cell("hm_pos") ?? Cell("chr_position");
        var position = int.TryParse(positionText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var chr = chromosome is null ? Chromosome.None : Chromosome.Parse(Encoding.ASCII.GetBytes(chromosome));
        if (rs == 0 && (position == 0 || !chr.IsKnown))
        {
            return null;
        }

        double Number(string? text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : double.NaN;
        double w0, w1, w2;
        if (Cell("dosage_1_weight") is not null)
        {
            (w0, w1, w2) = (Number(Cell("dosage_0_weight") ?? "0"), Number(Cell("dosage_1_weight")), Number(Cell("dosage_2_weight")));
        }
        else
        {
            var w = Number(Cell("effect_weight"));
            (w0, w1, w2) = Flag("is_dominant") ? (0, w, w) : Flag("is_recessive") ? (0, 0, w) : (0, w, 2 * w);
        }

        if (double.IsNaN(w0) || double.IsNaN(w1) || double.IsNaN(w2))
        {
            return null;
        }

        return new ScoreVariant(rs, chr, position, char.ToUpperInvariant(effect[0]), other is null ? null : char.ToUpperInvariant(other[0]), w0, w1, w2);
    }
}
