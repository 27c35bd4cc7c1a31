using System.Globalization;

namespace Decodex.Core.Knowledge;

/// <summary>Builds <see cref="ClaimAudit"/>s for the claims of a loaded knowledge base.</summary>
public static class GradeAudit
{
    /// <summary>Audits every claim, or those of one compound when <paramref name="compoundId"/> is given.</summary>
    public static IReadOnlyList<ClaimAudit> For(KnowledgeBase knowledgeBase, string? compoundId = null)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        var trials = knowledgeBase.Citations.Where(c => c.Trial is { Randomised: >= EvidenceGrader.LargeTrialSize }).ToList();
        return knowledgeBase.Compounds
            .Where(c => compoundId is null || c.Id == compoundId)
            .SelectMany(c => c.Claims.Select(claim => Audit(knowledgeBase, trials, claim)))
            .ToArray();
    }

    private static ClaimAudit Audit(KnowledgeBase kb, List<Citation> trials, Claim claim)
    {
        var sponsor = claim.Evidence
            .Where(e => e.SponsorLinked)
            .Select(e => e.CitationId + ": " + (kb.Citation(e.CitationId)?.MakerLinks is { Count: > 0 } links ? string.Join("; ", links.Select(Describe)) : "marked sponsor-linked"))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var largest = claim.Evidence
            .Where(e => e.Design is StudyDesign.DoubleBlindRct or StudyDesign.Rct or StudyDesign.OpenRct && e.Participants is not null
                && kb.Citation(e.CitationId) is { IsCommunityOnly: false })
            .MaxBy(e => e.Participants);
        var large = trials
            .Where(t => t.Trial!.CompoundId == claim.CompoundId && t.Trial.OutcomeIds.Contains(claim.OutcomeId, StringComparer.Ordinal)
                && (t.Trial.ConditionId is null || t.Trial.ConditionId == claim.Population.ConditionId) && claim.Scope == EvidenceScope.Human)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Id} ({t.Trial!.Randomised}): ")
                + (claim.Evidence.Any(e => e.CitationId == t.Id) ? "attached" : claim.Excluded.Any(x => x.CitationId == t.Id) ? "excluded" : "missing"))
            .ToArray();
        return new ClaimAudit
        {
            CompoundId = claim.CompoundId,
            ClaimId = claim.Id,
            Title = claim.Title,
            Grade = claim.Grade.Label,
            ReportedCertainty = claim.Grade.ReportedCertainty,
            SponsorLinked = sponsor,
            LargestTrial = largest is null ? null : string.Create(CultureInfo.InvariantCulture, $"{largest.CitationId} ({largest.Participants})"),
            LargeTrials = large,
            Excluded = [.. claim.Excluded.Select(x => x.CitationId + ": " + x.Reason)],
            CommunityOnly = [.. claim.Evidence.Where(e => kb.Citation(e.CitationId) is { IsCommunityOnly: true }).Select(e => e.CitationId).Distinct(StringComparer.Ordinal)],
            Steps = claim.Grade.Reasons,
        };
    }

    private static string Describe(MakerLink link) => link.Kind switch
    {
        MakerLinkKind.Author => $"author {link.Name} ({link.Organisation})",
        MakerLinkKind.Funding => $"funded by {link.Organisation}",
        MakerLinkKind.Sponsor => $"sponsor {link.Organisation}",
        _ => $"published by {link.Organisation}",
    };
}
