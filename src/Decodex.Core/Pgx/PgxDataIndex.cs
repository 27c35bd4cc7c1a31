using Decodex.Core.Genomics;

namespace Decodex.Core.Pgx;

/// <summary>Lookup tables over one <see cref="PgxData"/>; built once, read-only afterwards.</summary>
internal sealed class PgxDataIndex
{
    public PgxDataIndex(PgxData data)
    {
        Genes = data.Genes.ToDictionary(g => g.Symbol, StringComparer.OrdinalIgnoreCase);
        _drugs = new Lazy<Dictionary<string, PgxDrug>>(() => data.Drugs.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase), LazyThreadSafetyMode.ExecutionAndPublication);
        PairsByDrug = data.Pairs
            .GroupBy(p => p.Drug, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PgxGeneDrugPair>)g.ToArray(), StringComparer.OrdinalIgnoreCase);

        var byRsId = new Dictionary<string, List<PgxGeneVariant>>(StringComparer.OrdinalIgnoreCase);
        var byPosition = new Dictionary<GenomicPosition, List<PgxGeneVariant>>();
        foreach (var gene in data.Genes)
        {
            var chromosome = Chromosome.Parse(gene.Chromosome);
            foreach (var variant in gene.Variants)
            {
                var hit = new PgxGeneVariant(gene, variant);
                if (variant.RsId is { } rsId)
                {
                    Add(byRsId, rsId, hit);
                }

                Add(byPosition, new GenomicPosition(GenomeBuild.Grch38, chromosome, variant.Grch38.Position), hit);
                if (variant.Grch37 is { } grch37)
                {
                    Add(byPosition, new GenomicPosition(GenomeBuild.Grch37, chromosome, grch37.Position), hit);
                }
            }
        }

        ByRsId = byRsId.ToDictionary(p => p.Key, p => (IReadOnlyList<PgxGeneVariant>)p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        ByPosition = byPosition.ToDictionary(p => p.Key, p => (IReadOnlyList<PgxGeneVariant>)p.Value.ToArray());
    }

    public Dictionary<string, PgxGene> Genes { get; }

    private readonly Lazy<Dictionary<string, PgxDrug>> _drugs;

    /// <summary>By name, ignoring case; built on first use, so the drugs are read only when asked for.</summary>
    public Dictionary<string, PgxDrug> Drugs => _drugs.Value;

    public Dictionary<string, IReadOnlyList<PgxGeneDrugPair>> PairsByDrug { get; }

    public Dictionary<string, IReadOnlyList<PgxGeneVariant>> ByRsId { get; }

    public Dictionary<GenomicPosition, IReadOnlyList<PgxGeneVariant>> ByPosition { get; }

    private static void Add<TKey>(Dictionary<TKey, List<PgxGeneVariant>> map, TKey key, PgxGeneVariant hit)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(hit);
    }
}
