using System.Globalization;
using System.Text;
using MathNet.Numerics.Distributions;

namespace Decodex.Core.Genomics.Health;

/// <summary>A polygenic score computed on one file, with its coverage and, when a reference matches, its percentile.</summary>
public sealed record PolygenicScoreResult
{
    public required PolygenicScoreFile Score { get; init; }

    /// <summary>The raw score over the variants found: Σ weight for the copies of the effect allele. Null when refused or suppressed.</summary>
    public double? Value { get; init; }

    /// <summary>Variants of the score read in the file.</summary>
    public int Found { get; init; }

    /// <summary>All variants of the score, scorable or not.</summary>
    public int Total { get; init; }

    /// <summary>Share of variants read (0–1).</summary>
    public double VariantCoverage => Total == 0 ? 0 : (double)Found / Total;

    /// <summary>Share of the score's total absolute weight carried by the variants read (0–1).</summary>
    public double WeightCoverage { get; init; }

    /// <summary>The percentile (0–100) against the matched reference; null when there is none or coverage is too low.</summary>
    public double? Percentile { get; init; }

    /// <summary>The reference the percentile is against, e.g. <c>1000 Genomes EUR</c>; null without a percentile.</summary>
    public string? Reference { get; init; }

    /// <summary>
    /// The percentile against each superpopulation whose frequencies cover the variants read (coverage allowing),
    /// so that an ancestry the person states later can be matched; show only the one that matches.
    /// </summary>
    public IReadOnlyDictionary<Superpopulation, double> PercentileByPopulation { get; init; } = new Dictionary<Superpopulation, double>();

    /// <summary>Why there is no percentile, or what limits it.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Set when a possible monogenic variant in a related gene suppresses the score.</summary>
    public string? SuppressedBy { get; init; }

    /// <summary>Set when the score's licence forbids its use: nothing is computed.</summary>
    public bool RefusedForLicence { get; init; }
}

/// <summary>
/// Computes PGS Catalog scores on a DNA file. Missing variants are never imputed as the reference: the score
/// is the sum over the variants read, with its coverage. A percentile is given only against the 1000 Genomes
/// superpopulation matching the person's ancestry, from that population's allele frequencies (mean
/// Σ E[w], variance Σ Var[w] under Hardy–Weinberg proportions and independent variants, as impute.me did for
/// small scores), over exactly the variants read, and only when those carry at least
/// <see cref="MinimumWeightCoverage"/> of the score's weight.
/// </summary>
public static class PolygenicScorer
{
    /// <summary>The share of a score's absolute weight that must be read for a percentile.</summary>
    public const double MinimumWeightCoverage = 0.9;

    /// <summary>The scores shipped with Decodex, by PGS id, with the genes whose monogenic variants suppress them.</summary>
    public static IReadOnlyList<(string PgsId, string Grch37, string? Grch38, string[] SuppressingGenes)> Shipped { get; } =
    [
        ("PGS000001", "PGS000001_hmPOS_GRCh37.txt.gz", "PGS000001_hmPOS_GRCh38.txt.gz", ["BRCA1", "BRCA2", "PALB2"]),
        ("PGS000899", "PGS000899.txt.gz", null, ["LDLR", "APOB", "PCSK9"]),
    ];

    private static readonly Lazy<Dictionary<ulong, (char Allele, char Other, double[] Frequencies)>> Frequencies = new(ReadFrequencies);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PolygenicScoreFile> ShippedFiles = new(StringComparer.Ordinal);

    /// <summary>Loads a shipped score in the build of a genome (GRCh37 when the build has no file of its own); read once per process.</summary>
    public static PolygenicScoreFile LoadShipped(string pgsId, GenomeBuild build)
    {
        var entry = Shipped.First(s => s.PgsId == pgsId);
        var name = build == GenomeBuild.Grch38 && entry.Grch38 is not null ? entry.Grch38 : entry.Grch37;
        return ShippedFiles.GetOrAdd(name, static n =>
        {
            var bytes = EmbeddedBytes.Read(typeof(PolygenicScorer).Assembly, "Decodex.Core.Genomics.Health.Data.scores." + n);
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            return PolygenicScoreFile.Read(stream);
        });
    }

    /// <summary>The rsIDs a streamed VCF must keep for the shipped scores.</summary>
    public static IEnumerable<ulong> ShippedRsIds(GenomeBuild build) =>
        Shipped.SelectMany(s => LoadShipped(s.PgsId, build).Variants.Select(v => v.RsId)).Where(rs => rs > 0);

    /// <summary>Computes <paramref name="score"/> on <paramref name="genome"/>.</summary>
    /// <param name="genome">The person's genome.</param>
    /// <param name="score">A scoring file; its licence is checked first.</param>
    /// <param name="ancestry">The person's ancestry (stated or estimated); a percentile needs a matched group.</param>
    /// <param name="suppressedBy">Why the score is suppressed (a possible monogenic variant), or null.</param>
    public static PolygenicScoreResult Compute(Genome genome, PolygenicScoreFile score, AncestryEstimate? ancestry, string? suppressedBy = null)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(score);
        if (score.LicenceRestricts)
        {
            return new PolygenicScoreResult
            {
                Score = score,
                Total = score.Rows,
                RefusedForLicence = true,
                Notes = [$"The licence of {score.PgsId} restricts its use (\"{score.Licence}\"); Decodex does not compute it."],
            };
        }

        var notes = new List<string>();
        if (suppressedBy is not null)
        {
            return new PolygenicScoreResult { Score = score, Total = score.Rows, SuppressedBy = suppressedBy, Notes = [suppressedBy] };
        }

        double value = 0;
        double totalWeight = score.Variants.Sum(v => v.Span);
        double foundWeight = 0;
        var found = 0;
        var strandMismatch = 0;
        var reads = new List<(ScoreVariant Variant, int Dosage)>();
        foreach (var v in score.Variants)
        {
            var row = v.RsId > 0 ? genome.FindRsId(v.RsId) : -1;
            if (row < 0 && v.Position > 0 && score.Build != GenomeBuild.Unknown && score.Build == genome.Build && v.Chromosome.IsKnown)
            {
                row = genome.FindPosition(new GenomicPosition(genome.Build, v.Chromosome, v.Position));
            }

            if (row < 0)
            {
                continue;
            }

            var g = genome.Genotype(row);
            if (g.IsNoCall)
            {
                continue;
            }

            var letters = g.IsHaploid ? new[] { g.First, g.First } : [g.First, g.Second];
            if (letters.Any(c => c != v.EffectAllele && (v.OtherAllele is null || c != v.OtherAllele)))
            {
                strandMismatch++;
                continue;
            }

            var dosage = letters.Count(c => c == v.EffectAllele);
            value += dosage switch { 0 => v.Weight0, 1 => v.Weight1, _ => v.Weight2 };
            foundWeight += v.Span;
            found++;
            reads.Add((v, dosage));
        }

        var weightCoverage = totalWeight == 0 ? 0 : foundWeight / totalWeight;
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{found} of {score.Rows} variants read ({(double)found / Math.Max(1, score.Rows):P0}), carrying {weightCoverage:P0} of the score's weight. Missing variants are left out, never counted as the reference."));
        if (strandMismatch > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{strandMismatch} variants had letters other than the score's two alleles (another strand or another variant) and were left out."));
        }

        double? percentile = null;
        string? reference = null;
        var byPopulation = new Dictionary<Superpopulation, double>();
        string? referenceGap = null;
        if (weightCoverage >= MinimumWeightCoverage)
        {
            foreach (var population in Enum.GetValues<Superpopulation>())
            {
                var (p, referenceShare) = PercentileAgainst(reads, totalWeight, population);
                if (p is { } known)
                {
                    byPopulation[population] = known;
                }
                else if (ancestry?.Matched == population)
                {
                    referenceGap = string.Create(CultureInfo.InvariantCulture, $"No reference for your ancestry: 1000 Genomes {AncestryEstimator.Code(population)} frequencies exist for variants carrying only {referenceShare:P0} of the weight.");
                }
            }
        }

        if (weightCoverage < MinimumWeightCoverage)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Coverage is too low for a percentile: the variants read carry {weightCoverage:P0} of the weight, below the {MinimumWeightCoverage:P0} needed."));
        }
        else if (ancestry?.Matched is not { } matched)
        {
            notes.Add("No reference for your ancestry: " + (ancestry?.Explanation ?? "ancestry was not estimated.") + " The raw score alone cannot be placed among other people.");
        }
        else if (byPopulation.TryGetValue(matched, out var p))
        {
            percentile = p;
            reference = "1000 Genomes " + AncestryEstimator.Code(matched);
            notes.Add(PercentileNote(matched));
        }
        else
        {
            notes.Add(referenceGap ?? "No reference for your ancestry.");
        }

        return new PolygenicScoreResult
        {
            Score = score,
            Value = Math.Round(value, 6),
            Found = found,
            Total = score.Rows,
            WeightCoverage = Math.Round(weightCoverage, 4),
            Percentile = percentile,
            Reference = reference,
            PercentileByPopulation = byPopulation,
            Notes = notes,
        };
    }

    /// <summary>What a percentile against <paramref name="population"/> is and is not.</summary>
    public static string PercentileNote(Superpopulation population) =>
        $"The percentile places your score among people of the {AncestryEstimator.Code(population)} reference as their 1000 Genomes allele frequencies predict (assuming independent variants); it is not an absolute risk and not a diagnosis.";

    /// <summary>The percentile of the variants read against one population, or null when its frequencies cover too little of the weight.</summary>
    private static (double? Percentile, double ReferenceShare) PercentileAgainst(List<(ScoreVariant Variant, int Dosage)> reads, double totalWeight, Superpopulation population)
    {
        var frequencies = Frequencies.Value;
        double mean = 0, variance = 0, referenceWeight = 0, inReference = 0;
        foreach (var (v, dosage) in reads)
        {
            if (v.RsId == 0 || !frequencies.TryGetValue(v.RsId, out var f))
            {
                continue;
            }

            var p = f.Allele == v.EffectAllele ? f.Frequencies[(int)population]
                : f.Other == v.EffectAllele ? 1 - f.Frequencies[(int)population]
                : double.NaN;
            if (double.IsNaN(p))
            {
                continue;
            }

            var (p0, p1, p2) = ((1 - p) * (1 - p), 2 * p * (1 - p), p * p);
            var m = (p0 * v.Weight0) + (p1 * v.Weight1) + (p2 * v.Weight2);
            mean += m;
            variance += (p0 * v.Weight0 * v.Weight0) + (p1 * v.Weight1 * v.Weight1) + (p2 * v.Weight2 * v.Weight2) - (m * m);
            inReference += dosage switch { 0 => v.Weight0, 1 => v.Weight1, _ => v.Weight2 };
            referenceWeight += v.Span;
        }

        var share = totalWeight == 0 ? 0 : referenceWeight / totalWeight;
        return share < MinimumWeightCoverage || variance <= 0
            ? (null, share)
            : (Math.Round(100 * Normal.CDF(mean, Math.Sqrt(variance), inReference), 1), share);
    }

    private static Dictionary<ulong, (char, char, double[])> ReadFrequencies()
    {
        var bytes = EmbeddedBytes.Read(typeof(PolygenicScorer).Assembly, "Decodex.Core.Genomics.Health.Data.score-frequencies.tsv");
        var map = new Dictionary<ulong, (char, char, double[])>();
        foreach (var line in Encoding.UTF8.GetString(bytes.Span).Split('\n').Skip(1))
        {
            // rsid allele other EUR AFR AMR EAS SAS (frequencies of "allele"), in the order of Superpopulation
            var c = line.TrimEnd('\r').Split('\t');
            if (c.Length >= 8 && c[0].StartsWith("rs", StringComparison.Ordinal))
            {
                map[ulong.Parse(c[0].AsSpan(2), CultureInfo.InvariantCulture)] = (c[1][0], c[2][0], [.. c[3..8].Select(x => double.Parse(x, CultureInfo.InvariantCulture))]);
            }
        }

        return map;
    }
}
