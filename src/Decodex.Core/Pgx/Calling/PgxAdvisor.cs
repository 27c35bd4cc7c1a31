using Decodex.Core.Knowledge;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// Looks up CPIC's recommendations for a drug with this person's gene results. Drug names resolve
/// through CPIC's own names, then the knowledge base's brands, synonyms and class members. A
/// recommendation is given only when every gene of the matched CPIC row has the key the row needs;
/// a gene without a phenotype is looked up as <c>No Result</c>, which only multi-gene guidelines list.
/// </summary>
public static class PgxAdvisor
{
    private const string NoResult = "No Result";

    /// <summary>One entry per gene of each CPIC drug the name resolves to (per population when CPIC splits by population).</summary>
    public static IReadOnlyList<PgxDrugAdvice> Advise(PgxData data, IReadOnlyList<PgxGeneCall> calls, string requested, KnowledgeBase? knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(requested);
        var resolved = Resolve(data, requested, knowledgeBase);
        if (resolved.Count == 0)
        {
            return [Unknown(data, requested, knowledgeBase)];
        }

        var byGene = calls.ToDictionary(c => c.Gene, StringComparer.OrdinalIgnoreCase);
        var advice = new List<PgxDrugAdvice>();
        foreach (var (drug, resolvedBy) in resolved)
        {
            advice.AddRange(ForDrug(drug, resolvedBy, requested, byGene));
        }

        return advice;
    }

    private static List<(PgxDrug Drug, string ResolvedBy)> Resolve(PgxData data, string requested, KnowledgeBase? knowledgeBase)
    {
        if (data.FindDrug(requested) is { } direct)
        {
            return [(direct, "cpic-name")];
        }

        var result = new List<(PgxDrug, string)>();
        foreach (var match in knowledgeBase?.ResolveDrug(requested) ?? [])
        {
            if (data.FindDrug(match.Generic) is { } drug && !result.Any(r => r.Item1 == drug))
            {
                result.Add((drug, match.MatchedBy));
            }
        }

        return result;
    }

    private static PgxDrugAdvice Unknown(PgxData data, string requested, KnowledgeBase? knowledgeBase)
    {
        var generic = knowledgeBase?.ResolveDrug(requested).Select(m => m.Generic).FirstOrDefault() ?? requested.Trim().ToLowerInvariant();
        var pairs = data.FindPairs(generic);
        if (pairs.Count > 0)
        {
            return new PgxDrugAdvice
            {
                Requested = requested,
                Drug = pairs[0].Drug,
                Status = "no-cpic-recommendation",
                Note = $"CPIC lists {generic} with {string.Join(", ", pairs.Select(p => $"{p.Gene} (level {p.CpicLevel})"))} but publishes no recommendation table for it in this data version.",
            };
        }

        return new PgxDrugAdvice
        {
            Requested = requested,
            Status = "unknown-drug",
            Note = "CPIC has no gene–drug pair under this name in this data version, and the knowledge base knows no generic for it that CPIC lists.",
        };
    }

    private static IEnumerable<PgxDrugAdvice> ForDrug(PgxDrug drug, string resolvedBy, string requested, Dictionary<string, PgxGeneCall> calls)
    {
        var guideline = new PgxGuidelineReference(drug.GuidelineName, drug.GuidelineUrl, [.. drug.Citations.Select(c => c.Pmid).OfType<string>()]);
        var genes = drug.Genes.Select(g => g.Gene)
            .Concat(drug.Recommendations.SelectMany(r => r.Lookups).SelectMany(l => l.LookupKey.Keys))
            .Distinct(StringComparer.Ordinal).ToList();
        var keys = genes.ToDictionary(g => g, g => calls.TryGetValue(g, out var c) && c.LookupKey is { } k ? k : NoResult, StringComparer.Ordinal);
        var matched = drug.Recommendations
            .Where(r => r.Lookups.Any(l => l.LookupKey.All(kv => keys.TryGetValue(kv.Key, out var key) && string.Equals(key, kv.Value, StringComparison.Ordinal))))
            .ToList();
        foreach (var gene in genes)
        {
            calls.TryGetValue(gene, out var call);
            var common = new PgxDrugAdvice
            {
                Requested = requested,
                Drug = drug.Name,
                ResolvedBy = resolvedBy,
                Gene = gene,
                CpicLevel = drug.CpicLevel(gene),
                Status = "recommendation",
                GeneStatus = call?.Status,
                Phenotype = call?.LookupKey is null ? null : call.Phenotype,
                ActivityScore = call?.LookupKey is null ? null : call.ActivityScore,
                PossiblePhenotypes = call?.LookupKey is null ? call?.PossiblePhenotypes ?? [] : [],
                Guideline = guideline,
                SettlingTest = call?.LookupKey is null ? call?.SettlingTest ?? SettlingTestFor(gene) : null,
            };
            if (call is { Status: PgxCallStatus.Probable, Probable: { } probable })
            {
                // Advice for a probable phenotype says so, with its probability and the test that would confirm it.
                common = common with
                {
                    Probability = PgxProbability.Range(probable.ProbabilityMin, probable.ProbabilityMax),
                    ProbabilityMin = probable.ProbabilityMin,
                    ProbabilityMax = probable.ProbabilityMax,
                    SettlingTest = call.SettlingTest,
                };
            }

            if (drug.Recommendations.Length == 0)
            {
                yield return common with { Status = "see-guideline", Note = drug.NotesOnUsage ?? "CPIC gives no phenotype-by-phenotype recommendation table for this drug; read the guideline." };
                continue;
            }

            if (matched.Count == 0)
            {
                yield return call?.LookupKey is null
                    ? common with
                    {
                        Status = "not-callable",
                        Note = call is null
                            ? $"Decodex cannot derive {gene} from a DNA raw-data file, so CPIC's recommendation cannot be looked up."
                            : $"{gene} is {Term(call.Status)} from this file, so the phenotype CPIC's recommendation needs is not known.",
                    }
                    : common with { Status = "no-recommendation-row", Note = $"CPIC's table for {drug.Name} has no row for this combination of gene results." };
                continue;
            }

            foreach (var recommendation in matched)
            {
                yield return common with
                {
                    Implication = recommendation.Implications.GetValueOrDefault(gene),
                    Recommendation = recommendation.DrugRecommendation,
                    Strength = recommendation.Classification,
                    Population = recommendation.Population is null or "general" ? null : recommendation.Population,
                    Comments = recommendation.Comments is null or "n/a" ? null : recommendation.Comments,
                    Note = call?.LookupKey is null ? $"CPIC's row for a missing {gene} result (\"No Result\") was used."
                        : call.Status == PgxCallStatus.Probable ? $"{gene} is probable, not called: {call.Phenotype} with probability {common.Probability} from the positions read and CPIC allele frequencies. Confirm with {call.SettlingTest ?? SettlingTestFor(gene)} before relying on it."
                        : null,
                };
            }
        }
    }

    private static string Term(PgxCallStatus status) => TermText.Of(status);

    /// <summary>The test for genes Decodex does not call from DNA files.</summary>
    private static string SettlingTestFor(string gene) => gene switch
    {
        "HLA-A" or "HLA-B" => $"{gene} typing (a clinical HLA genotyping test)",
        "MT-RNR1" => "a clinical MT-RNR1 genotyping test",
        _ => $"a clinical {gene} genotyping test",
    };
}
