namespace Decodex.Core.Knowledge;

/// <summary>
/// Checks that span files: the grading rules of <c>knowledge/GRADING.md</c> that a single claim or
/// citation cannot check alone (sponsor links, pooled designs, large trials, harms); community sources are left out of grades by the grader.
/// </summary>
public static partial class KnowledgeBaseLoader
{
    private sealed record Use(Compound Compound, string OwnerKind, string OwnerId, Claim? Claim, EvidenceItem Item);

    private static IEnumerable<Use> Uses(IEnumerable<Compound> compounds)
    {
        foreach (var compound in compounds)
        {
            foreach (var claim in compound.Claims)
            {
                foreach (var item in claim.Evidence)
                {
                    yield return new Use(compound, "claim", claim.Id, claim, item);
                }
            }

            foreach (var interaction in compound.Interactions)
            {
                foreach (var item in interaction.Evidence)
                {
                    yield return new Use(compound, "interaction", interaction.Id, null, item);
                }
            }

            foreach (var modifier in compound.Modifiers)
            {
                foreach (var item in modifier.Evidence)
                {
                    yield return new Use(compound, "modifier", modifier.Id, null, item);
                }
            }
        }
    }

    private static void CheckGradingRules(LoadState state)
    {
        var uses = Uses(state.Compounds.Values).ToList();
        CheckSponsorLinks(state, uses);
        CheckDesigns(state, uses);
        CheckLargeTrials(state);
        CheckHarms(state, uses);
    }

    private static void Add(LoadState state, string code, string message, SourceLocation at) =>
        state.Issues.Add(new Issue(code, IssueSeverity.Error, message, at.File, at.Line));

    private static void CheckSponsorLinks(LoadState state, List<Use> uses)
    {
        foreach (var use in uses)
        {
            if (state.Citations.GetValueOrDefault(use.Item.CitationId) is { } citation && use.Item.SponsorLinkedWritten is { } written && written != citation.MakerLinked)
            {
                Add(state, KnowledgeIssueCodes.SponsorContradiction, written
                    ? $"The {use.OwnerKind} '{use.OwnerId}' marks '{citation.Id}' sponsor-linked, but the citation records no maker link: record the affiliation, funding or sponsor in its makerLinks (or leave sponsorLinked out)."
                    : $"The {use.OwnerKind} '{use.OwnerId}' marks '{citation.Id}' not sponsor-linked, but the citation records a maker link ({Describe(citation.MakerLinks[0])}): leave sponsorLinked out; it is derived.", use.Item.Location);
            }
        }

        var staff = new Dictionary<string, (Citation Citation, MakerLink Link)>(StringComparer.Ordinal);
        foreach (var citation in state.Citations.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            foreach (var link in citation.MakerLinks.Where(l => l.Kind == MakerLinkKind.Author && l.Name is not null))
            {
                staff.TryAdd(link.Name!, (citation, link));
            }
        }

        foreach (var citation in state.Citations.Values.Where(c => !c.MakerLinked))
        {
            var known = citation.Authors.FirstOrDefault(staff.ContainsKey);
            if (known is not null)
            {
                var (source, link) = staff[known];
                Add(state, KnowledgeIssueCodes.SponsorContradiction, $"Citation '{citation.Id}' lists {known}, whom '{source.Id}' records as staff of {link.Organisation}, but records no maker link: add it to makerLinks (the evidence is then sponsor-linked).", citation.Location);
            }
        }
    }

    private static string Describe(MakerLink link) => link.Kind switch
    {
        MakerLinkKind.Author => $"{link.Name} of {link.Organisation}",
        MakerLinkKind.Funding => $"funded by {link.Organisation}",
        MakerLinkKind.Publisher => $"published by {link.Organisation}",
        _ => $"sponsored by {link.Organisation}",
    };

    private static void CheckDesigns(LoadState state, List<Use> uses)
    {
        foreach (var use in uses)
        {
            var item = use.Item;
            var synthesis = item.Design is StudyDesign.MetaAnalysis or StudyDesign.SystematicReview;
            var countable = state.Citations.GetValueOrDefault(item.CitationId)?.Verification.Status is not (null or VerificationStatus.NotFound or VerificationStatus.Contradicted);
            if (synthesis && countable && item.Species == Species.Human && item.Pooled.Count == 0)
            {
                Add(state, KnowledgeIssueCodes.PooledDesigns, $"The {use.OwnerKind} '{use.OwnerId}': record what '{item.CitationId}' pooled (pooled: designs, with the number of studies when reported); its grade starts from the weakest substantial one.", item.Location);
            }
            else if (!synthesis && item.Pooled.Count > 0)
            {
                Add(state, KnowledgeIssueCodes.PooledDesigns, $"The {use.OwnerKind} '{use.OwnerId}': 'pooled' is only for a meta-analysis or systematic review.", item.Location);
            }
            else if (synthesis && item.Pooled.Count > 0 && item.Pooled.All(p => p.Design == StudyDesign.Pharmacokinetic) && !item.Indirect
                && !(use.Claim is { } claim && state.Outcomes.GetValueOrDefault(claim.OutcomeId)?.Category == "pharmacology"))
            {
                Add(state, KnowledgeIssueCodes.PooledDesigns, $"The {use.OwnerKind} '{use.OwnerId}': '{item.CitationId}' pooled pharmacokinetic studies only, so it is indirect for a clinical outcome; mark it indirect: true.", item.Location);
            }

            if (item.Strength is not null && item.Design != StudyDesign.Guideline)
            {
                Add(state, KnowledgeIssueCodes.GuidelineStrength, $"The {use.OwnerKind} '{use.OwnerId}': 'strength' is the strength of a guideline's recommendation; this item is {TermText.Of(item.Design)}.", item.Location);
            }
        }
    }

    private static void CheckLargeTrials(LoadState state)
    {
        var trials = state.Citations.Values
            .Where(c => c.Trial is { Randomised: >= EvidenceGrader.LargeTrialSize })
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var citation in trials)
        {
            var trial = citation.Trial!;
            if (state.Compounds.GetValueOrDefault(trial.CompoundId) is not { } compound)
            {
                continue;
            }

            foreach (var claim in compound.Claims.Where(c => c.Scope == EvidenceScope.Human && trial.OutcomeIds.Contains(c.OutcomeId, StringComparer.Ordinal)
                && (trial.ConditionId is null || c.Population.ConditionId == trial.ConditionId)))
            {
                var attached = claim.Evidence.Any(e => e.CitationId == citation.Id) || claim.Excluded.Any(x => x.CitationId == citation.Id);
                if (!attached)
                {
                    Add(state, KnowledgeIssueCodes.LargeTrialMissing, $"The claim '{claim.Id}' neither attaches nor excludes '{citation.Id}', a trial of {trial.Randomised} people on its outcome: add it to evidence, or to excluded with a reason.", claim.Location);
                }
            }
        }
    }

    private static void CheckHarms(LoadState state, List<Use> uses)
    {
        bool IsSafety(string outcomeId) => state.Outcomes.GetValueOrDefault(outcomeId)?.Category == "safety";
        bool Counts(string citationId) => state.Citations.GetValueOrDefault(citationId) is { } c
            && c.Verification.Status is not (VerificationStatus.NotFound or VerificationStatus.Contradicted) && !c.IsCommunityOnly;

        foreach (var compound in state.Compounds.Values)
        {
            var harms = compound.Claims
                .Where(c => c.Scope == EvidenceScope.Human && c.Direction == EffectDirection.Harm && IsSafety(c.OutcomeId))
                .SelectMany(c => c.Evidence.Where(e => Counts(e.CitationId)).Select(e => (Claim: c, e.CitationId)))
                .ToList();
            foreach (var claim in compound.Claims.Where(c => c.Scope == EvidenceScope.Human && c.Direction == EffectDirection.NoEffect && IsSafety(c.OutcomeId)))
            {
                foreach (var (harm, citationId) in harms.DistinctBy(h => h.CitationId))
                {
                    if (!claim.Evidence.Any(e => e.CitationId == citationId) && !claim.Excluded.Any(x => x.CitationId == citationId))
                    {
                        Add(state, KnowledgeIssueCodes.HarmsNotCarried, $"The claim '{claim.Id}' says there is no more harm, but '{harm.Id}' on the same page reports a harm from '{citationId}': attach it here (role refutes) or exclude it with a reason.", claim.Location);
                    }
                }
            }
        }

        foreach (var group in uses.GroupBy(u => u.Item.CitationId, StringComparer.Ordinal))
        {
            var list = group.Where(u => u.Item.Design is StudyDesign.MetaAnalysis or StudyDesign.SystematicReview).ToList();
            var bias = list.FirstOrDefault(u => u.Item.RiskOfBias is not null);
            var heterogeneous = list.FirstOrDefault(u => u.Item.Heterogeneity);
            foreach (var use in list)
            {
                if (bias is not null && use.Item.RiskOfBias is null)
                {
                    Add(state, KnowledgeIssueCodes.HarmsNotCarried, $"The {use.OwnerKind} '{use.OwnerId}' cites '{group.Key}' without its risk of bias, which '{bias.OwnerId}' records: carry it over (or record this outcome's own).", use.Item.Location);
                }

                if (heterogeneous is not null && !use.Item.HeterogeneityWritten)
                {
                    Add(state, KnowledgeIssueCodes.HarmsNotCarried, $"The {use.OwnerKind} '{use.OwnerId}' cites '{group.Key}' without saying whether it found heterogeneity, which '{heterogeneous.OwnerId}' records: write heterogeneity: true or false for this outcome.", use.Item.Location);
                }
            }
        }
    }

    /// <summary>Sets every evidence item's <see cref="EvidenceItem.SponsorLinked"/> from its citation's maker links.</summary>
    private static EvidenceItem[] DeriveSponsor(IReadOnlyList<EvidenceItem> items, Dictionary<string, Citation> citations) =>
        items.Select(e => e with { SponsorLinked = e.SponsorLinked || citations.GetValueOrDefault(e.CitationId)?.MakerLinked == true }).ToArray();
}
