using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Decodex.Core.Pgx.Compilation;

/// <summary>
/// A PharmCAT phenotype map (<c>phenotype/&lt;GENE&gt;.json</c>) reduced to what the data file keeps:
/// allele function and activity value, and the diplotype table collapsed to function pair → phenotype
/// or activity score → phenotype (only pairs that occur).
/// </summary>
internal sealed class PhenotypeMap
{
    public required string Version { get; init; }

    public required string RelativePath { get; init; }

    public required PgxPhenotypeMethod Method { get; init; }

    public required Dictionary<string, AlleleFunction> Alleles { get; init; }

    public ImmutableArray<PgxFunctionPhenotype> FunctionPhenotypes { get; init; } = [];

    public ImmutableArray<PgxActivityPhenotype> ActivityPhenotypes { get; init; } = [];

    /// <summary>The current map of the gene, or for CYP2D6 the v2.15.0 one when the current is absent; null when there is none.</summary>
    public static PhenotypeMap? Read(string root, string gene, List<string> notes)
    {
        var relative = PgxDataCompiler.PhenotypeFolder + "/" + gene.Replace('-', '_') + ".json";
        if (!File.Exists(Path.Combine(root, relative)))
        {
            if (string.Equals(gene, "CYP2D6", StringComparison.Ordinal) && File.Exists(Path.Combine(root, PgxDataCompiler.Cyp2d6HistoryPhenotype)))
            {
                relative = PgxDataCompiler.Cyp2d6HistoryPhenotype;
            }
            else
            {
                notes.Add($"{gene}: no phenotype map ({relative} absent); functions and phenotype table left empty.");
                return null;
            }
        }

        using var document = SourceJson.Open(Path.Combine(root, relative));
        var map = document.RootElement;
        var alleles = new Dictionary<string, AlleleFunction>(StringComparer.Ordinal);
        foreach (var allele in SourceJson.Array(map, "namedAlleles"))
        {
            alleles[SourceJson.RequiredString(allele, "name")] = new AlleleFunction(SourceJson.String(allele, "functionValue"), SourceJson.String(allele, "activityValue"));
        }

        var byActivity = alleles.Values.Any(a => a.ActivityValue is not null);
        var haplotypes = SourceJson.StringMap(map, "haplotypes");
        var functionRows = new SortedDictionary<(string, string), (string Phenotype, string LookupKey)>(PairComparer.Instance);
        var activityRows = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var diplotype in SourceJson.Array(map, "diplotypes"))
        {
            var phenotype = SourceJson.String(diplotype, "phenotype") ?? SourceJson.RequiredString(diplotype, "generesult");
            if (byActivity)
            {
                var score = SourceJson.String(diplotype, "activityScore") ?? SourceJson.RequiredString(diplotype, "lookupkey");
                AddUnique(activityRows, score, phenotype, gene);
                continue;
            }

            var members = ExpandKey(diplotype);
            if (members.Count != 2)
            {
                skipped++;
                continue;
            }

            var functions = members.Select(m => alleles.TryGetValue(m, out var a) && a.Function is not null ? a.Function : haplotypes.GetValueOrDefault(m)).ToArray();
            if (functions.Any(f => f is null))
            {
                throw new InvalidDataException($"{relative}: diplotype {SourceJson.String(diplotype, "diplotype")} names an allele without a function.");
            }

            var pair = string.CompareOrdinal(functions[0], functions[1]) <= 0 ? (functions[0]!, functions[1]!) : (functions[1]!, functions[0]!);
            var row = (phenotype, SourceJson.RequiredString(diplotype, "lookupkey"));
            if (functionRows.TryGetValue(pair, out var existing) && existing != row)
            {
                throw new InvalidDataException($"{relative}: functions {pair.Item1} + {pair.Item2} map to both '{existing.Phenotype}' and '{phenotype}'.");
            }

            functionRows[pair] = row;
        }

        if (skipped > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{gene}: {skipped} diplotype(s) without exactly two alleles were not reduced to function pairs."));
        }

        return new PhenotypeMap
        {
            Version = SourceJson.RequiredString(map, "version"),
            RelativePath = relative,
            Method = byActivity ? PgxPhenotypeMethod.ActivityScore : PgxPhenotypeMethod.Function,
            Alleles = alleles,
            FunctionPhenotypes = [.. functionRows.Select(p => new PgxFunctionPhenotype { Functions = [p.Key.Item1, p.Key.Item2], Phenotype = p.Value.Phenotype, LookupKey = p.Value.LookupKey })],
            ActivityPhenotypes = [.. activityRows.OrderBy(p => p.Key, ActivityScoreComparer.Instance).Select(p => new PgxActivityPhenotype { ActivityScore = p.Key, Phenotype = p.Value })],
        };
    }

    /// <summary>An allele's function and activity value as the map gives them.</summary>
    internal sealed record AlleleFunction(string? Function, string? ActivityValue);

    private static List<string> ExpandKey(JsonElement diplotype)
    {
        var members = new List<string>();
        if (SourceJson.Property(diplotype, "diplotypekey") is not { ValueKind: JsonValueKind.Object } key)
        {
            return members;
        }

        foreach (var entry in key.EnumerateObject())
        {
            var count = entry.Value.ValueKind == JsonValueKind.Number ? entry.Value.GetInt32() : 0;
            for (var i = 0; i < count; i++)
            {
                members.Add(entry.Name);
            }
        }

        return members;
    }

    private static void AddUnique(Dictionary<string, string> rows, string score, string phenotype, string gene)
    {
        if (rows.TryGetValue(score, out var existing) && !string.Equals(existing, phenotype, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{gene}: activity score {score} maps to both '{existing}' and '{phenotype}'.");
        }

        rows[score] = phenotype;
    }

    /// <summary>Orders two-function pairs ordinally, first by the first function.</summary>
    private sealed class PairComparer : IComparer<(string, string)>
    {
        public static readonly PairComparer Instance = new();

        public int Compare((string, string) x, (string, string) y)
        {
            var first = string.CompareOrdinal(x.Item1, y.Item1);
            return first != 0 ? first : string.CompareOrdinal(x.Item2, y.Item2);
        }
    }

    /// <summary>Orders scores numerically (a leading ≥ sorts after the plain number), then anything unparsable (<c>n/a</c>) ordinally.</summary>
    private sealed class ActivityScoreComparer : IComparer<string>
    {
        public static readonly ActivityScoreComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var (xValue, xAtLeast) = Parse(x);
            var (yValue, yAtLeast) = Parse(y);
            if (xValue is null || yValue is null)
            {
                return xValue is null && yValue is null ? string.CompareOrdinal(x, y) : xValue is null ? 1 : -1;
            }

            var byValue = xValue.Value.CompareTo(yValue.Value);
            return byValue != 0 ? byValue : xAtLeast.CompareTo(yAtLeast);
        }

        private static (decimal? Value, bool AtLeast) Parse(string? text)
        {
            if (text is null)
            {
                return (null, false);
            }

            var atLeast = text.StartsWith('≥');
            return decimal.TryParse(atLeast ? text[1..] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                ? (value, atLeast)
                : (null, false);
        }
    }
}
