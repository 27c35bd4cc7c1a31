using Decodex.Core.Knowledge;

namespace Decodex.Core.Monographs;

/// <summary>
/// A compound's monograph with everything needed to render it on its own: the compound, every
/// citation it refers to (numbered in order of first use), and the versions that produced it.
/// </summary>
public sealed record MonographDocument
{
    public required Compound Compound { get; init; }

    /// <summary>Cited works in order of first appearance; the index + 1 is the reference number.</summary>
    public required IReadOnlyList<Citation> References { get; init; }
    public required string KnowledgeBaseVersion { get; init; }
    public string GradingAlgorithm { get; init; } = EvidenceGrader.Version;
    public string Disclaimer { get; init; } = MedicalDisclaimer.Text;

    /// <summary>Names of related compounds and classes, resolved for display.</summary>
    public required IReadOnlyDictionary<string, string> Names { get; init; }

    /// <summary>Builds the document for <paramref name="compound"/> from <paramref name="knowledgeBase"/>.</summary>
    public static MonographDocument Create(KnowledgeBase knowledgeBase, Compound compound)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(compound);
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(IEnumerable<string> ids)
        {
            foreach (var id in ids)
            {
                if (seen.Add(id))
                {
                    order.Add(id);
                }
            }
        }

        Add(compound.Regulatory.SelectMany(r => r.CitationIds));
        foreach (var claim in compound.Claims.Where(c => c.Section == ClaimSection.Mechanism))
        {
            Add(claim.Evidence.Select(e => e.CitationId));
            Add(claim.Excluded.Select(x => x.CitationId));
        }

        foreach (var claim in compound.Claims.Where(c => c.Section == ClaimSection.Effect))
        {
            Add(claim.Evidence.Select(e => e.CitationId));
            Add(claim.Excluded.Select(x => x.CitationId));
        }

        Add(compound.Dosing.SelectMany(d => d.CitationIds));
        Add(compound.Safety.SelectMany(s => s.CitationIds));
        Add(compound.Interactions.SelectMany(i => i.Evidence.Select(e => e.CitationId)));
        Add(compound.Modifiers.SelectMany(m => m.Evidence.Select(e => e.CitationId)));
        if (compound.UserReports?.CitationId is { } reportSource)
        {
            Add([reportSource]);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var related in compound.Related)
        {
            names[related.CompoundId] = knowledgeBase.Compound(related.CompoundId)?.Name ?? related.CompoundId;
        }

        foreach (var interaction in compound.Interactions)
        {
            var id = interaction.With.Key;
            names[id] = interaction.With switch
            {
                { ClassId: { } classId } => knowledgeBase.Class(classId)?.Name ?? classId,
                { CompoundId: { } compoundId } => knowledgeBase.Compound(compoundId)?.Name ?? compoundId,
                _ => id,
            };
        }

        foreach (var classId in compound.ClassIds.Concat(compound.Represents is null ? [] : [compound.Represents]))
        {
            names[classId] = knowledgeBase.Class(classId)?.Name ?? classId;
        }

        foreach (var conditionId in compound.Safety.Select(s => s.ConditionId)
                     .Concat(compound.Claims.Select(c => c.Population.ConditionId))
                     .Concat(compound.Dosing.Select(d => d.Indication)).OfType<string>())
        {
            names[conditionId] = knowledgeBase.Condition(conditionId)?.Name ?? conditionId;
        }

        foreach (var outcomeId in compound.Claims.Select(c => c.OutcomeId))
        {
            names[outcomeId] = knowledgeBase.Outcome(outcomeId)?.Name ?? outcomeId;
        }

        foreach (var claimId in compound.Modifiers.Select(m => m.ClaimId).OfType<string>())
        {
            names[claimId] = knowledgeBase.Claim(claimId)?.Title ?? claimId;
        }

        return new MonographDocument
        {
            Compound = compound,
            References = order.Select(id => knowledgeBase.Citation(id)!).ToArray(),
            KnowledgeBaseVersion = knowledgeBase.Version,
            Names = names,
        };
    }

    /// <summary>The 1-based reference number of a citation.</summary>
    public int ReferenceNumber(string citationId)
    {
        for (var i = 0; i < References.Count; i++)
        {
            if (string.Equals(References[i].Id, citationId, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>Display name of a compound, class, condition, outcome or claim id.</summary>
    public string Name(string id) => Names.TryGetValue(id, out var name) ? name : id;
}
