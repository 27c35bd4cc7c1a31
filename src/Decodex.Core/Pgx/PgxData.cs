using System.Collections.Immutable;
using Decodex.Core.Genomics;

namespace Decodex.Core.Pgx;

/// <summary>
/// The compiled pharmacogenomics reference data (<c>decodex-pgx/1</c>): PharmCAT allele definitions
/// with GRCh37 coordinates, allele functions and phenotype tables, CPIC gene–drug pairs with levels,
/// and CPIC recommendations, each traced to its <see cref="Sources"/>. Immutable; lookups are indexed
/// on first use and safe to call from many threads. Get it from <see cref="PgxDataLoader"/>.
/// </summary>
public sealed class PgxData
{
    /// <summary>The format version this code reads and writes.</summary>
    public const string FormatVersion = "decodex-pgx/1";

    private readonly Lazy<PgxDataIndex> _index;
    private readonly Lazy<GenomeTargets> _targets;

    /// <summary>Creates an empty instance; properties are set by the deserializer or an object initializer.</summary>
    public PgxData()
    {
        _index = new Lazy<PgxDataIndex>(() => new PgxDataIndex(this), LazyThreadSafetyMode.ExecutionAndPublication);
        _targets = new Lazy<GenomeTargets>(BuildTargets, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Format version, <see cref="FormatVersion"/>.</summary>
    public required string Version { get; init; }

    /// <summary>Versions and dates of the CPIC content; show <see cref="PgxCpicDataVersion.Label"/> with every recommendation.</summary>
    public required PgxCpicDataVersion CpicDataVersion { get; init; }

    /// <summary>Every dataset that fed the file, with version and licence.</summary>
    public ImmutableArray<PgxSource> Sources { get; init; } = [];

    /// <summary>Genes with a PharmCAT allele definition, by symbol (ordinal).</summary>
    public ImmutableArray<PgxGene> Genes { get; init; } = [];

    private readonly ImmutableArray<PgxDrug> _drugs = [];
    private Lazy<ImmutableArray<PgxDrug>>? _drugsSource;

    /// <summary>
    /// Drugs with a CPIC recommendation export, by name (ordinal). The loader reads them on first use:
    /// calling genes never needs the recommendations, which are two fifths of the data file.
    /// </summary>
    public ImmutableArray<PgxDrug> Drugs
    {
        get => _drugsSource?.Value ?? _drugs;
        init => _drugs = value;
    }

    /// <summary>The whole CPIC gene–drug pair table, by drug then gene (ordinal).</summary>
    public ImmutableArray<PgxGeneDrugPair> Pairs { get; init; } = [];

    /// <summary>The gene with this symbol, ignoring case; null when there is no definition for it.</summary>
    public PgxGene? FindGene(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return _index.Value.Genes.GetValueOrDefault(symbol.Trim());
    }

    /// <summary>The drug with this name, ignoring case and surrounding spaces; null when CPIC gives no recommendation export for it.</summary>
    public PgxDrug? FindDrug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.Value.Drugs.GetValueOrDefault(name.Trim());
    }

    /// <summary>Every CPIC pair of this drug (any level), ignoring case; empty when none.</summary>
    public IReadOnlyList<PgxGeneDrugPair> FindPairs(string drug)
    {
        ArgumentNullException.ThrowIfNull(drug);
        return _index.Value.PairsByDrug.GetValueOrDefault(drug.Trim(), []);
    }

    /// <summary>The variants with this rsID (e.g. <c>rs4244285</c>, ignoring case) in any gene; empty when none.</summary>
    public IReadOnlyList<PgxGeneVariant> FindVariantsByRsId(string rsId)
    {
        ArgumentNullException.ThrowIfNull(rsId);
        return _index.Value.ByRsId.GetValueOrDefault(rsId.Trim(), []);
    }

    /// <summary>
    /// The variants at this position in its own build: GRCh38 from the definitions, GRCh37 from the
    /// joined pypgx coordinates. Empty for other builds and for positions no variant has.
    /// </summary>
    public IReadOnlyList<PgxGeneVariant> FindVariantsAt(GenomicPosition position) =>
        _index.Value.ByPosition.GetValueOrDefault(position, []);

    /// <summary>
    /// What a streamed or indexed VCF must keep for pharmacogenomics: the build markers and APOE, and
    /// every allele-defining position in GRCh38 and (where known) GRCh37, with their rsIDs.
    /// </summary>
    public GenomeTargets GenomeTargets() => _targets.Value;

    private GenomeTargets BuildTargets()
    {
        var positions = new List<GenomicPosition>();
        var rsIds = new List<ulong>();
        foreach (var gene in Genes)
        {
            var chromosome = Chromosome.Parse(gene.Chromosome);
            foreach (var variant in gene.Variants)
            {
                positions.Add(new GenomicPosition(GenomeBuild.Grch38, chromosome, variant.Grch38.Position));
                if (variant.Grch37 is { } grch37)
                {
                    positions.Add(new GenomicPosition(GenomeBuild.Grch37, chromosome, grch37.Position));
                }

                if (variant.RsId is { } rs && ulong.TryParse(rs.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    rsIds.Add(number);
                }
            }
        }

        return Genomics.GenomeTargets.FromMarkers(positions, rsIds);
    }

    /// <summary>Makes <see cref="Drugs"/> come from <paramref name="read"/>, called once on first use (thread-safe).</summary>
    internal void ReadDrugsOnFirstUse(Func<ImmutableArray<PgxDrug>> read) =>
        _drugsSource = new Lazy<ImmutableArray<PgxDrug>>(read, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Builds the indices now instead of on first use.</summary>
    internal void EnsureIndexed() => _ = _index.Value;
}
