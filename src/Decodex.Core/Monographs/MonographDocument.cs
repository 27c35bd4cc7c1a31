using System.Globalization;
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

    /// <summary>
    /// Claim and citation ids that the entry's own prose mentions (an editor's "see the claim …" or
    /// "(cortexin-label-kz)"), with what a page shows in their place: a citation's reference number,
    /// a claim's title. Every mentioned citation is among <see cref="References"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, Mention> Mentions { get; init; } = new Dictionary<string, Mention>();

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

        // Ids written in the prose: a mentioned citation is numbered like any other (after those cited
        // in the structured fields), a mentioned claim is shown by its title.
        var mentioned = new List<(string Id, Claim? Claim)>();
        var prose = ProseOf(compound).ToList();

        // A reference's own note may name another source; the list grows as it is read.
        for (var i = 0; i < order.Count + prose.Count; i++)
        {
            var text = i < prose.Count ? prose[i] : knowledgeBase.Citation(order[i - prose.Count])?.Verification.Note;
            if (text is null)
            {
                continue;
            }

            foreach (System.Text.RegularExpressions.Match token in IdToken.Matches(text))
            {
                var id = token.Value;
                if (knowledgeBase.Citation(id) is not null)
                {
                    Add([id]);
                    mentioned.Add((id, null));
                }
                else if (knowledgeBase.Claim(id) is { } claim)
                {
                    mentioned.Add((id, claim));
                }
            }
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

        var mentions = new Dictionary<string, Mention>(StringComparer.Ordinal);
        foreach (var (id, claim) in mentioned)
        {
            mentions[id] = claim is null
                ? new Mention(string.Create(CultureInfo.InvariantCulture, $"[{order.IndexOf(id) + 1}]"), "#ref-" + id, IsReference: true)
                : new Mention(claim.Title, claim.CompoundId == compound.Id ? "#" + id : null, IsReference: false);
        }

        return new MonographDocument
        {
            Compound = compound,
            References = order.Select(id => knowledgeBase.Citation(id)!).ToArray(),
            KnowledgeBaseVersion = knowledgeBase.Version,
            Names = names,
            Mentions = mentions,
            Labels = compound.IsImported ? [] : [.. BaseNames(compound).SelectMany(knowledgeBase.LabelEntriesFor).DistinctBy(l => l.Id).OrderBy(l => l.Id, StringComparer.Ordinal)],
            Curated = compound.Label is { } label
                ? [.. knowledgeBase.Curated.Where(c => c.Kind != CompoundKind.DrugClass && BaseNames(c).Any(n => label.Ingredients.Contains(n, StringComparer.Ordinal)))]
                : [],
        };
    }

    /// <summary>For a curated compound: the imported US label entries of the same medicine.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Compound> Labels { get; init; } = [];

    /// <summary>For an imported label entry: the curated monographs of the same medicine.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Compound> Curated { get; init; } = [];

    private static IEnumerable<string> BaseNames(Compound compound) =>
        compound.Synonyms.Prepend(compound.Name).Select(Knowledge.Labels.LabelNames.Base).Distinct(StringComparer.Ordinal);

    /// <summary>A token shaped like a claim or citation id (lower case, with hyphens).</summary>
    internal static readonly System.Text.RegularExpressions.Regex IdToken = new("(?<![\\w/#.-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\\w/-])", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Every piece of the entry's prose that a monograph prints.</summary>
    private static IEnumerable<string> ProseOf(Compound c)
    {
        IEnumerable<string?> texts = [c.Summary, c.Composition, .. c.Sections.Values];
        foreach (var claim in c.Claims)
        {
            texts = texts.Append(claim.Statement).Append(claim.Assertion?.Note).Concat(claim.Grade.Reasons)
                .Concat(claim.Evidence.Select(e => e.Note))
                .Concat(claim.Excluded.Select(x => x.Reason));
        }

        texts = texts.Concat(c.Safety.Select(s => s.Statement))
            .Concat(c.Interactions.SelectMany(i => new[] { i.Effect, i.Action, i.SeverityBasis }))
            .Concat(c.Modifiers.SelectMany(m => new[] { m.Effect }.Concat(m.Grade.Reasons).Concat(m.Evidence.Select(e => e.Note))))
            .Concat(c.Interactions.SelectMany(i => i.Grade.Reasons))
            .Concat(c.Related.Select(r => r.Note))
            .Concat(c.Dosing.Select(d => d.Note));
        return texts.OfType<string>();
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

/// <summary>What a page shows for an id mentioned in prose: <paramref name="Text"/>, linked to <paramref name="Href"/> when there is one.</summary>
public sealed record Mention(string Text, string? Href, bool IsReference);
