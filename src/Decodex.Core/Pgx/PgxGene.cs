using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Decodex.Core.Pgx;

/// <summary>
/// A gene's PharmCAT allele definitions (GRCh38) with GRCh37 coordinates, allele functions, and
/// its phenotype table. Definitions are data: nothing here calls a diplotype.
/// </summary>
public sealed record PgxGene
{
    /// <summary>HGNC symbol, e.g. <c>CYP2C19</c>.</summary>
    [JsonPropertyName("gene")]
    public required string Symbol { get; init; }

    /// <summary>Chromosome as the definition writes it, e.g. <c>chr10</c>.</summary>
    public required string Chromosome { get; init; }

    /// <summary>Assembly of the definition, e.g. <c>GRCh38.p14</c>.</summary>
    public required string GenomeBuild { get; init; }

    /// <summary>RefSeq accession of the chromosome, e.g. <c>NC_000010.11</c>.</summary>
    public string? RefSeqChromosomeId { get; init; }

    /// <summary>Version of the allele definition (ClinPGx data version).</summary>
    public required string DefinitionVersion { get; init; }

    /// <summary>Name of the reference allele (<c>*1</c>, <c>*38</c> for CYP2C19, <c>Reference</c> …).</summary>
    public required string ReferenceAllele { get; init; }

    /// <summary>Allele-defining positions in definition order; <see cref="PgxVariant.Index"/> equals the list index.</summary>
    public ImmutableArray<PgxVariant> Variants { get; init; } = [];

    private readonly ImmutableArray<PgxAllele> _alleles = [];
    private Lazy<ImmutableArray<PgxAllele>>? _allelesSource;

    /// <summary>
    /// Named alleles in definition order (reference first). The loader reads them on first use: a consumer
    /// file reads no position of most genes, and their definitions (RYR1's alone is 600 KB) are then never needed.
    /// </summary>
    public ImmutableArray<PgxAllele> Alleles
    {
        get => _allelesSource?.Value ?? _alleles;
        init => _alleles = value;
    }

    /// <summary>How diplotypes become phenotypes; null when the source has no phenotype map for the gene.</summary>
    public PgxPhenotypeMethod? PhenotypeMethod { get; init; }

    /// <summary>Version of the phenotype map used; null when there is none.</summary>
    public string? PhenotypeVersion { get; init; }

    /// <summary>Function pair → phenotype, for <see cref="PgxPhenotypeMethod.Function"/> genes; empty otherwise.</summary>
    public ImmutableArray<PgxFunctionPhenotype> FunctionPhenotypes { get; init; } = [];

    /// <summary>Activity score → phenotype as listed in the diplotype table, for <see cref="PgxPhenotypeMethod.ActivityScore"/> genes; empty otherwise.</summary>
    public ImmutableArray<PgxActivityPhenotype> ActivityPhenotypes { get; init; } = [];

    /// <summary>Special conventions and limits for this gene; empty when none.</summary>
    public ImmutableArray<PgxGeneFlag> Flags { get; init; } = [];

    /// <summary>Makes <see cref="Alleles"/> come from <paramref name="read"/>, called once on first use (thread-safe).</summary>
    internal void ReadAllelesOnFirstUse(Func<ImmutableArray<PgxAllele>> read) =>
        _allelesSource = new Lazy<ImmutableArray<PgxAllele>>(read, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The allele with this exact name (ordinal); null when the gene defines none.</summary>
    public PgxAllele? FindAllele(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var allele in Alleles)
        {
            if (string.Equals(allele.Name, name, StringComparison.Ordinal))
            {
                return allele;
            }
        }

        return null;
    }

    /// <summary>
    /// The phenotype of two allele functions, in either order; null when the pair is not in the table
    /// (including genes scored by activity).
    /// </summary>
    public PgxFunctionPhenotype? FindFunctionPhenotype(string function1, string function2)
    {
        ArgumentNullException.ThrowIfNull(function1);
        ArgumentNullException.ThrowIfNull(function2);
        var (first, second) = string.CompareOrdinal(function1, function2) <= 0 ? (function1, function2) : (function2, function1);
        foreach (var row in FunctionPhenotypes)
        {
            if (string.Equals(row.Functions[0], first, StringComparison.Ordinal) && string.Equals(row.Functions[1], second, StringComparison.Ordinal))
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>The phenotype listed for this activity score (as the source writes it, e.g. <c>1.5</c>); null when not listed.</summary>
    public string? FindActivityPhenotype(string activityScore)
    {
        ArgumentNullException.ThrowIfNull(activityScore);
        foreach (var row in ActivityPhenotypes)
        {
            if (string.Equals(row.ActivityScore, activityScore, StringComparison.Ordinal))
            {
                return row.Phenotype;
            }
        }

        return null;
    }

    /// <summary>True when the gene carries the flag with this code.</summary>
    public bool HasFlag(string code) => Flags.Any(f => string.Equals(f.Code, code, StringComparison.Ordinal));
}
