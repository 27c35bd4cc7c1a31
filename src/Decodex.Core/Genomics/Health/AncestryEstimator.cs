using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Decodex.Core.Genomics.Health;

/// <summary>The five 1000 Genomes superpopulations reference frequencies exist for.</summary>
public enum Superpopulation
{
    /// <summary>European (EUR).</summary>
    Eur,

    /// <summary>African (AFR).</summary>
    Afr,

    /// <summary>Admixed American (AMR).</summary>
    Amr,

    /// <summary>East Asian (EAS).</summary>
    Eas,

    /// <summary>South Asian (SAS).</summary>
    Sas,
}

/// <summary>
/// Estimated shares of the five superpopulations, and the one used as a reference when a single share
/// is large enough. <see cref="Matched"/> is null for a mixed estimate or too few markers.
/// </summary>
public sealed record AncestryEstimate(
    IReadOnlyDictionary<Superpopulation, double> Shares,
    Superpopulation? Matched,
    int Markers,
    bool Stated,
    string Explanation);

/// <summary>
/// Estimates continental ancestry from a DNA file by supervised admixture: the share of each 1000 Genomes
/// superpopulation that best explains the person's genotypes at 9,121 markers whose frequencies differ
/// between superpopulations (by 0.1 or more), found by EM with the frequencies held fixed, assuming
/// Hardy–Weinberg proportions and independent markers. A reference is matched only when one share is at
/// least <see cref="MatchShare"/>. Limits: five continental groups of about 500 people each; no finer
/// populations (an Ashkenazi, Finnish or Pacific ancestry is not told apart); admixed people get a mixed
/// estimate and no matched reference.
/// </summary>
public static class AncestryEstimator
{
    /// <summary>The smallest share of one superpopulation for a reference to be matched.</summary>
    public const double MatchShare = 0.9;

    /// <summary>Fewest markers for an estimate.</summary>
    public const int MinimumMarkers = 300;

    private static readonly Lazy<Panel> Markers = new(ReadPanel);

    /// <summary>The markers' rsIDs, for the targets of a streamed VCF.</summary>
    public static IEnumerable<ulong> RsIds => Markers.Value.RsIds;

    /// <summary>The markers' GRCh37 positions.</summary>
    public static IEnumerable<GenomicPosition> Positions => Markers.Value.Positions;

    /// <summary>Names as the README and JSON write them.</summary>
    public static string Code(Superpopulation population) => population.ToString().ToUpperInvariant();

    /// <summary>Reads a superpopulation code (EUR, AFR, AMR, EAS, SAS), any case; null when unknown.</summary>
    public static Superpopulation? Parse(string? code) =>
        Enum.TryParse<Superpopulation>(code, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : null;

    /// <summary>
    /// The 1000 Genomes superpopulation that stands for one of CPIC's biogeographic groups (the ancestry a
    /// profile states): European → EUR, East Asian → EAS, Central/South Asian → SAS, Sub-Saharan African and
    /// African American/Afro-Caribbean → AFR (1000 Genomes AFR includes African Caribbean and African American
    /// samples), Latino → AMR (its admixed American samples are Latin American). American (indigenous),
    /// Near Eastern and Oceanian have no 1000 Genomes counterpart: null.
    /// </summary>
    public static Superpopulation? FromCpicGroup(string? group) => group switch
    {
        "European" => Superpopulation.Eur,
        "East Asian" => Superpopulation.Eas,
        "Central/South Asian" => Superpopulation.Sas,
        "Sub-Saharan African" or "African American/Afro-Caribbean" => Superpopulation.Afr,
        "Latino" => Superpopulation.Amr,
        _ => null,
    };

    /// <summary>A stated ancestry, used as given.</summary>
    public static AncestryEstimate FromStated(Superpopulation population) => new(
        Enum.GetValues<Superpopulation>().ToDictionary(p => p, p => p == population ? 1.0 : 0.0),
        population,
        0,
        Stated: true,
        $"Stated by you as {Code(population)}; not estimated from the file.");

    /// <summary>Estimates ancestry from <paramref name="genome"/>.</summary>
    public static AncestryEstimate Estimate(Genome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var panel = Markers.Value;
        var pops = Enum.GetValues<Superpopulation>();
        var counts = new List<(int AltCopies, double[] Frequencies)>();
        for (var i = 0; i < panel.Count; i++)
        {
            var row = genome.FindRsId(panel.Rs[i]);
            if (row < 0 && genome.Build == GenomeBuild.Grch37)
            {
                row = genome.FindPosition(new GenomicPosition(GenomeBuild.Grch37, panel.Chromosomes[i], panel.PositionsGrch37[i]));
            }

            if (row < 0)
            {
                continue;
            }

            var g = genome.Genotype(row);
            if (g.IsNoCall || g.IsHaploid || !panel.Chromosomes[i].IsAutosome)
            {
                continue;
            }

            var r = panel.Reference[i];
            var a = panel.Alternate[i];
            if (g.Count(r) + g.Count(a) != 2)
            {
                continue;
            }

            counts.Add((g.Count(a), panel.Frequencies[i]));
        }

        if (counts.Count < MinimumMarkers)
        {
            return new AncestryEstimate(pops.ToDictionary(p => p, _ => 0.0), null, counts.Count, false,
                string.Create(CultureInfo.InvariantCulture, $"Only {counts.Count} of the {panel.Count:N0} ancestry markers are in the file (at least {MinimumMarkers} are needed): ancestry could not be estimated. You can state it instead."));
        }

        // EM for the shares q with the frequencies fixed (supervised admixture), accelerated by SQUAREM
        // (Varadhan and Roland 2008): two EM steps, an extrapolation along their direction, then one more EM
        // step; the plain EM result is kept whenever the extrapolation does not raise the likelihood.
        var markers = counts.Select(c => (c.AltCopies, Frequencies: c.Frequencies.Select(Clip).ToArray())).ToArray();
        var q = Enumerable.Repeat(1.0 / pops.Length, pops.Length).ToArray();
        for (var cycle = 0; cycle < 500; cycle++)
        {
            var q1 = Step(markers, q);
            var q2 = Step(markers, q1);
            var r = q1.Select((x, k) => x - q[k]).ToArray();
            var v = q2.Select((x, k) => x - q1[k] - r[k]).ToArray();
            var rNorm = Math.Sqrt(r.Sum(x => x * x));
            var vNorm = Math.Sqrt(v.Sum(x => x * x));
            var candidate = q2;
            if (vNorm > 0)
            {
                var alpha = -rNorm / vNorm;
                var extrapolated = q.Select((x, k) => x - (2 * alpha * r[k]) + (alpha * alpha * v[k])).Select(x => Math.Max(x, 1e-9)).ToArray();
                var total = extrapolated.Sum();
                extrapolated = Step(markers, [.. extrapolated.Select(x => x / total)]);
                if (LogLikelihood(markers, extrapolated) >= LogLikelihood(markers, q2))
                {
                    candidate = extrapolated;
                }
            }

            var change = candidate.Select((x, k) => Math.Abs(x - q[k])).Max();
            q = candidate;
            if (change < 1e-7)
            {
                break;
            }
        }

        var shares = pops.ToDictionary(p => p, p => Math.Round(q[(int)p], 3));
        var best = pops.MaxBy(p => q[(int)p]);
        var matched = q[(int)best] >= MatchShare ? best : (Superpopulation?)null;
        var listing = string.Join(", ", pops.OrderByDescending(p => q[(int)p]).Where(p => q[(int)p] >= 0.01).Select(p => string.Create(CultureInfo.InvariantCulture, $"{Code(p)} {q[(int)p]:P0}")));
        var explanation = matched is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"Estimated from {counts.Count:N0} markers: {listing}. The {Code(m)} reference of 1000 Genomes is used.")
            : string.Create(CultureInfo.InvariantCulture, $"Estimated from {counts.Count:N0} markers: {listing}. No single group reaches {MatchShare:P0}, so no reference matches your ancestry; scores are given without a percentile. You can state an ancestry if you know it.");
        return new AncestryEstimate(shares, matched, counts.Count, false, explanation);
    }

    private static double Clip(double f) => Math.Clamp(f, 0.001, 0.999);

    /// <summary>One EM update of the shares.</summary>
    private static double[] Step((int AltCopies, double[] Frequencies)[] markers, double[] q)
    {
        var next = new double[q.Length];
        foreach (var (alt, f) in markers)
        {
            double pAlt = 0;
            for (var k = 0; k < q.Length; k++)
            {
                pAlt += q[k] * f[k];
            }

            var a = alt / pAlt;
            var b = (2 - alt) / (1 - pAlt);
            for (var k = 0; k < q.Length; k++)
            {
                next[k] += q[k] * ((a * f[k]) + (b * (1 - f[k])));
            }
        }

        for (var k = 0; k < q.Length; k++)
        {
            next[k] /= 2.0 * markers.Length;
        }

        return next;
    }

    private static double LogLikelihood((int AltCopies, double[] Frequencies)[] markers, double[] q)
    {
        double sum = 0;
        foreach (var (alt, f) in markers)
        {
            double pAlt = 0;
            for (var k = 0; k < q.Length; k++)
            {
                pAlt += q[k] * f[k];
            }

            sum += (alt * Math.Log(pAlt)) + ((2 - alt) * Math.Log(1 - pAlt));
        }

        return sum;
    }

    private sealed record Panel(ulong[] Rs, Chromosome[] Chromosomes, int[] PositionsGrch37, char[] Reference, char[] Alternate, double[][] Frequencies)
    {
        public int Count => Rs.Length;

        public IEnumerable<ulong> RsIds => Rs;

        public IEnumerable<GenomicPosition> Positions => Rs.Select((_, i) => new GenomicPosition(GenomeBuild.Grch37, Chromosomes[i], PositionsGrch37[i]));
    }

    private static Panel ReadPanel()
    {
        var bytes = EmbeddedBytes.Read(typeof(AncestryEstimator).Assembly, "Decodex.Core.Genomics.Health.Data.ancestry-panel.tsv.gz");
        using var gzip = new GZipStream(new MemoryStream(bytes.ToArray()), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var rs = new List<ulong>();
        var chromosomes = new List<Chromosome>();
        var positions = new List<int>();
        var reference = new List<char>();
        var alternate = new List<char>();
        var frequencies = new List<double[]>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            // rsid chrom pos ref alt EUR AFR AMR EAS SAS (frequencies of the ALT allele)
            var c = line.Split('\t');
            if (c.Length < 10 || !c[0].StartsWith("rs", StringComparison.Ordinal))
            {
                continue;
            }

            rs.Add(ulong.Parse(c[0].AsSpan(2), CultureInfo.InvariantCulture));
            chromosomes.Add(Genomics.Chromosome.Parse(Encoding.ASCII.GetBytes(c[1])));
            positions.Add(int.Parse(c[2], CultureInfo.InvariantCulture));
            reference.Add(c[3][0]);
            alternate.Add(c[4][0]);
            frequencies.Add([.. c[5..10].Select(x => double.Parse(x, CultureInfo.InvariantCulture))]);
        }

        return new Panel([.. rs], [.. chromosomes], [.. positions], [.. reference], [.. alternate], [.. frequencies]);
    }
}
