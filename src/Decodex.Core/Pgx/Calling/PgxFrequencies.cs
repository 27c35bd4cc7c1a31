using System.Globalization;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// CPIC allele frequencies per biogeographic group and the AMP Tier 1 allele sets, as shipped in
/// <c>Pgx/Data/frequencies/</c> (copied unchanged from the shared tiers-and-frequencies folder; sources
/// and licences in its <c>PROVENANCE.tsv</c>). A missing row means the allele was not studied in that
/// group, which is not the same as frequency 0; callers decide how to treat it.
/// </summary>
public sealed class PgxFrequencies
{
    /// <summary>Where the figures come from, shown with every probability.</summary>
    public const string Source = "CPIC allele frequency tables (CPIC, CC0 1.0; workbooks to 2022-03/2024-10, API 2026-07-26, database v1.38.0)";

    private const string Prefix = "Decodex.Core.Pgx.Data.frequencies.";

    private static readonly Lazy<PgxFrequencies> Embedded = new(LoadEmbeddedCore, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Dictionary<string, Dictionary<string, double>>> byGene;
    private readonly Dictionary<string, List<string>> tier1;

    private PgxFrequencies(Dictionary<string, Dictionary<string, Dictionary<string, double>>> byGene, Dictionary<string, List<string>> tier1)
    {
        this.byGene = byGene;
        this.tier1 = tier1;
    }

    /// <summary>CPIC's biogeographic groups, in CPIC's order.</summary>
    public static IReadOnlyList<string> Groups { get; } =
    [
        "African American/Afro-Caribbean",
        "American",
        "Central/South Asian",
        "East Asian",
        "European",
        "Latino",
        "Near Eastern",
        "Oceanian",
        "Sub-Saharan African",
    ];

    /// <summary>The data shipped inside Decodex.Core, read once.</summary>
    public static PgxFrequencies LoadEmbedded() => Embedded.Value;

    /// <summary>The CPIC group named by <paramref name="text"/> (case-insensitive, exact name); null when it names none.</summary>
    public static string? ResolveGroup(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Groups.FirstOrDefault(g => string.Equals(g, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The groups with at least one frequency for <paramref name="gene"/>, in CPIC's order.</summary>
    public IReadOnlyList<string> GroupsFor(string gene) =>
        byGene.TryGetValue(gene, out var groups) ? [.. Groups.Where(groups.ContainsKey)] : [];

    /// <summary>Allele → frequency for one gene and group; null when the gene has no row in that group.</summary>
    public IReadOnlyDictionary<string, double>? For(string gene, string group) =>
        byGene.TryGetValue(gene, out var groups) && groups.TryGetValue(group, out var alleles) ? alleles : null;

    /// <summary>The AMP Tier 1 alleles of a gene as PharmCAT names them; empty when AMP gives none.</summary>
    public IReadOnlyList<string> Tier1(string gene) => tier1.TryGetValue(gene, out var alleles) ? alleles : [];

    /// <summary>Reads the shipped TSV files (a missing or broken file is a build defect: throws).</summary>
    private static PgxFrequencies LoadEmbeddedCore()
    {
        var assembly = typeof(PgxFrequencies).Assembly;
        var byGene = new Dictionary<string, Dictionary<string, Dictionary<string, double>>>(StringComparer.Ordinal);
        var tier1 = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".tsv", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = name[Prefix.Length..];
            if (file == "PROVENANCE.tsv")
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"The embedded resource {name} is missing.");
            using var reader = new StreamReader(stream);
            var header = (reader.ReadLine() ?? string.Empty).Split('\t');
            var isTier1 = file == "amp_tier1_alleles_pharmcat.tsv";
            int Column(string column) => Array.IndexOf(header, column) is var i and >= 0 ? i : throw new InvalidDataException($"{file} has no column {column}.");
            var gene = Column("gene");
            var allele = isTier1 ? Column("allele_pharmcat_name") : Column("allele");
            var group = isTier1 ? -1 : Column("population_group");
            var frequency = isTier1 ? -1 : Column("frequency");
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var cells = line.Split('\t');
                if (isTier1)
                {
                    if (!tier1.TryGetValue(cells[gene], out var list))
                    {
                        tier1[cells[gene]] = list = [];
                    }

                    list.Add(cells[allele]);
                    continue;
                }

                if (!double.TryParse(cells[frequency], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 1)
                {
                    throw new InvalidDataException($"{file} has a frequency that is not between 0 and 1.");
                }

                if (!byGene.TryGetValue(cells[gene], out var groups))
                {
                    byGene[cells[gene]] = groups = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
                }

                if (!groups.TryGetValue(cells[group], out var alleles))
                {
                    groups[cells[group]] = alleles = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                alleles[cells[allele]] = value;
            }
        }

        return new PgxFrequencies(byGene, tier1);
    }
}
