using System.Globalization;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;

namespace Decodex.Core.Reports;

/// <summary>
/// Joins a compound's knowledge-base entries with one person's inputs. The rules are data: a
/// contraindication fires on a declared or lab-inferred condition (or one of its descendants), an
/// interaction on a medication whose generic, compound or class it names, a gene modifier on the
/// genotype it describes. Missing data never reads as normal: it becomes a finding that says what
/// would settle it.
/// </summary>
public static class ReportEngine
{
    public const string Disclaimer = "Decodex explains what the evidence and your data say; it is not medical advice. Do not start, stop or change a medicine without your prescriber.";

    /// <summary>The whole report for the named compounds (all compounds when none is named).</summary>
    public static PersonalReport Build(KnowledgeBase knowledgeBase, PgxData pgx, ReportInputs inputs, IReadOnlyList<string>? compoundIds = null)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(pgx);
        ArgumentNullException.ThrowIfNull(inputs);
        var compounds = compoundIds is { Count: > 0 }
            ? compoundIds.Select(knowledgeBase.Compound).OfType<Compound>().ToList()
            : [.. knowledgeBase.Compounds.Where(c => c.Represents is null)];
        var profile = inputs.Profile;
        var medications = profile.Medications.SelectMany(m => PgxAdvisor.Advise(pgx, inputs.PgxCalls, m.Written, knowledgeBase))
            .Where(a => a.Status != "unknown-drug")
            .Select(a => inputs.Genome is null ? a with { Status = "not-callable", Note = "No DNA file is on file, so the gene result CPIC's recommendation needs is unknown.", Recommendation = null, Implication = null, Strength = null, Phenotype = null, SettlingTest = a.SettlingTest ?? $"a DNA file or a clinical {a.Gene} test" } : a)
            .ToList();
        return new PersonalReport
        {
            Disclaimer = Disclaimer,
            KnowledgeBaseVersion = knowledgeBase.Version,
            CpicDataVersion = pgx.CpicDataVersion.Label,
            Person = Person(profile),
            OnFile = OnFile(inputs),
            Compounds = [.. compounds.Select(c => Compound(knowledgeBase, c, inputs))],
            Medications = medications,
            Issues = inputs.Issues,
        };
    }

    /// <summary>One compound's report.</summary>
    public static CompoundReport Compound(KnowledgeBase knowledgeBase, Compound compound, ReportInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(compound);
        ArgumentNullException.ThrowIfNull(inputs);
        var findings = new List<Finding>();
        findings.AddRange(Contraindications(knowledgeBase, compound, inputs));
        findings.AddRange(Interactions(knowledgeBase, compound, inputs));
        findings.AddRange(Modifiers(compound, inputs));
        findings = [.. findings.OrderBy(f => f.Level).ThenBy(f => f.Kind)];
        var verdict = findings.Any(f => f.Level == FindingLevel.Avoid) ? "avoid" : findings.Any(f => f.Level == FindingLevel.Caution) ? "caution" : "no-known-issue";
        var top = verdict == "avoid" ? FindingLevel.Avoid : FindingLevel.Caution;
        return new CompoundReport
        {
            CompoundId = compound.Id,
            Name = compound.Name,
            Verdict = verdict,
            Reasons = verdict == "no-known-issue"
                ? ["No contraindication, interaction or gene modifier in the knowledge base applies to the data on file."]
                : [.. findings.Where(f => f.Level == top).Select(f => f.Certainty == "certain" ? f.Title : $"{f.Title} ({f.Certainty})")],
            Findings = findings,
            Effects = Effects(compound, inputs.Profile),
            Dosing = [.. compound.Dosing.Select(d => $"{d.Indication}: {d.Dose}{(d.Route is { } r ? ", " + TermText.Of(r) : string.Empty)}{(d.Frequency is null ? string.Empty : ", " + d.Frequency)}{(d.Duration is null ? string.Empty : ", " + d.Duration)} ({TermText.Of(d.SourceType)})")],
            SideEffects = [.. compound.Safety.Where(s => s.Type == SafetyType.AdverseEffect).Select(s => s.Statement)],
            UserReports = compound.UserReports is { } u
                ? $"User reports (anecdotes, not evidence; they never change a grade): {(u.Rating is { } rating ? rating.ToString() + "; " : string.Empty)}{u.Positive.Count} positive and {u.Negative.Count} negative themes."
                : null,
        };
    }

    private static IEnumerable<Finding> Contraindications(KnowledgeBase kb, Compound compound, ReportInputs inputs)
    {
        var profile = inputs.Profile;
        foreach (var item in compound.Safety.Where(s => s.Type == SafetyType.Contraindication && s.ConditionId is not null))
        {
            var condition = kb.Condition(item.ConditionId!);
            var name = condition?.Name ?? item.ConditionId!;
            var rule = $"{compound.Name} contraindication \"{name}\" ({item.Id}, {TermText.Of(item.SourceType)})";
            var declared = profile.Conditions.FirstOrDefault(c => kb.ConditionAndAncestors(c.Condition.Id).Any(a => a.Id == item.ConditionId));
            if (declared.Condition is not null)
            {
                yield return new Finding
                {
                    Kind = FindingKind.Contraindication,
                    Level = FindingLevel.Avoid,
                    Title = $"Contraindicated: {name}",
                    Explanation = item.Statement,
                    Certainty = "certain",
                    Inputs = [$"Condition in your profile: {declared.Condition.Name}{(declared.Condition.Id == item.ConditionId ? string.Empty : $" (a form of {name})")}"],
                    Rule = rule,
                    Citations = item.CitationIds,
                };
                continue;
            }

            // The most specific condition the labs point to (kidney failure rather than severe renal impairment).
            var inferred = inputs.Labs?.Conditions.Where(f => kb.ConditionAndAncestors(f.ConditionId).Any(a => a.Id == item.ConditionId))
                .OrderBy(f => f.Status == "sustained" ? 0 : 1).ThenByDescending(f => kb.ConditionAndAncestors(f.ConditionId).Count).FirstOrDefault();
            if (inferred is not null)
            {
                yield return new Finding
                {
                    Kind = FindingKind.Contraindication,
                    Level = FindingLevel.Avoid,
                    Title = inferred.ConditionId == item.ConditionId ? $"Contraindicated: {name}, from your lab results" : $"Contraindicated: {name} — your lab results meet {inferred.Name.ToLowerInvariant()}",
                    Explanation = $"{item.Statement} {inferred.Explanation}",
                    Certainty = inferred.Status == "sustained" ? "certain" : "possible",
                    Inputs = [.. LabTrail(inputs, inferred)],
                    Rule = $"{rule}; lab criteria {inferred.Criteria}",
                    Citations = [.. item.CitationIds, .. inferred.CitationIds],
                    WouldSettle = inferred.Status == "sustained" ? null : "repeat the test; the criterion counts when sustained for three months",
                };
                continue;
            }

            // A condition labs could show, with nothing on file to show it: unknown, not normal.
            var markers = LabMarkersFor(kb, item.ConditionId!);
            if (markers.Count > 0 && !HasValues(inputs, markers))
            {
                var markerNames = markers.Select(m => kb.Marker(m)?.Name ?? m).ToList();
                yield return new Finding
                {
                    Kind = FindingKind.MissingData,
                    Level = FindingLevel.Caution,
                    Title = $"Unknown: {name}",
                    Explanation = $"{item.Statement} No {string.Join(" or ", markerNames)} result is on file, so it cannot be ruled out.",
                    Certainty = "uncertain",
                    Inputs = ["No lab result for: " + string.Join(", ", markerNames)],
                    Rule = rule,
                    Citations = item.CitationIds,
                    WouldSettle = $"a recent {string.Join(" or ", markerNames.Select(n => n.ToLowerInvariant()))} result (for kidney function, a creatinine with sex and birth date gives eGFR)",
                };
            }
        }
    }

    private static IEnumerable<string> LabTrail(ReportInputs inputs, LabConditionFinding finding)
    {
        var values = inputs.Labs!.Derived.Concat(inputs.Labs.Results)
            .Where(r => r.Marker is not null && finding.Criteria.StartsWith(r.Marker.Id + " ", StringComparison.Ordinal) && r.Value is not null)
            .OrderByDescending(r => r.Result.Date).Take(3);
        foreach (var v in values)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{v.Marker!.Name} {v.Value:0.#} {v.Unit} on {v.Result.Date:yyyy-MM-dd}{(v.Derived && v.Notes.Count > 0 ? $" ({v.Notes[0]})" : string.Empty)}");
        }
    }

    /// <summary>Markers whose lab criteria define the condition or a more specific one.</summary>
    private static List<string> LabMarkersFor(KnowledgeBase kb, string conditionId) =>
        [.. kb.Conditions.Where(c => kb.ConditionAndAncestors(c.Id).Any(a => a.Id == conditionId))
            .SelectMany(c => c.Criteria).Select(c => c.MarkerId).Distinct(StringComparer.Ordinal)];

    private static bool HasValues(ReportInputs inputs, List<string> markers)
    {
        if (inputs.Labs is null)
        {
            return false;
        }

        // eGFR counts as on file when Decodex could compute it (creatinine with sex and age) or it was imported.
        return inputs.Labs.Results.Concat(inputs.Labs.Derived).Any(r => r.Marker is not null && markers.Contains(r.Marker.Id) && r.Value is not null && r.Flag != LabStanding.NotInterpreted);
    }

    private static IEnumerable<Finding> Interactions(KnowledgeBase kb, Compound compound, ReportInputs inputs)
    {
        foreach (var interaction in compound.Interactions)
        {
            foreach (var medication in inputs.Profile.Medications)
            {
                var match = medication.Matches.FirstOrDefault(m =>
                    (interaction.With.ClassId is { } cls && m.ClassIds.Contains(cls))
                    || (interaction.With.CompoundId is { } id && m.CompoundId == id)
                    || (interaction.With.Drug is { } drug && string.Equals(m.Generic, drug, StringComparison.OrdinalIgnoreCase)));
                if (match is null)
                {
                    continue;
                }

                var target = interaction.With.ClassId is { } c ? kb.Class(c)?.Name ?? c : interaction.With.CompoundId is { } cid ? kb.Compound(cid)?.Name ?? cid : interaction.With.Drug!;
                yield return new Finding
                {
                    Kind = FindingKind.Interaction,
                    Level = interaction.Severity switch
                    {
                        InteractionSeverity.Major => FindingLevel.Avoid,
                        InteractionSeverity.Minor => FindingLevel.Info,
                        _ => FindingLevel.Caution,
                    },
                    Title = $"Interaction with {medication.Written} ({target}): {TermText.Of(interaction.Severity)}",
                    Explanation = $"{interaction.Effect} Mechanism: {TermText.Of(interaction.Mechanism)}. Evidence: {interaction.Grade.Label} ({TermText.Of(interaction.Scope)}).{(interaction.SeverityBasis is null ? string.Empty : " Severity basis: " + interaction.SeverityBasis)}",
                    Action = interaction.Action,
                    Certainty = "certain",
                    Inputs = [$"Medication in your profile: {medication.Written} → {match.Generic} ({match.MatchedBy}{(match.ClassIds.Count > 0 ? "; classes " + string.Join(", ", match.ClassIds) : string.Empty)})"],
                    Rule = $"{compound.Name} interaction {interaction.Id} with {interaction.With}",
                    Citations = [.. interaction.Evidence.Select(e => e.CitationId).Distinct(StringComparer.Ordinal)],
                };
            }
        }
    }

    private static IEnumerable<Finding> Modifiers(Compound compound, ReportInputs inputs)
    {
        foreach (var modifier in compound.Modifiers.Where(m => m.Factor.Kind == ModifierKind.Genotype))
        {
            var factor = modifier.Factor;
            var consistency = TermText.Of(modifier.Consistency);
            var rule = $"{compound.Name} gene modifier {modifier.Id} ({factor.Description})";
            var citations = modifier.Evidence.Select(e => e.CitationId).Distinct(StringComparer.Ordinal).ToList();
            var (applies, input) = Carries(factor, inputs);
            if (applies is null)
            {
                yield return new Finding
                {
                    Kind = FindingKind.MissingData,
                    Level = FindingLevel.Info,
                    Title = $"Unknown: {factor.Description}",
                    Explanation = $"{modifier.Effect} Whether it applies to you is unknown. Evidence: {modifier.Grade.Label}, {consistency}.",
                    Certainty = "uncertain",
                    Inputs = [input],
                    Rule = rule,
                    Citations = citations,
                    WouldSettle = $"a DNA file that carries {string.Join(" and ", factor.Variants.Select(v => v.RsId))}",
                };
            }
            else if (applies.Value)
            {
                yield return new Finding
                {
                    Kind = FindingKind.GeneModifier,
                    Level = FindingLevel.Info,
                    Title = $"Applies to you: {factor.Description}{(modifier.Consistency == ModifierConsistency.Conflicting ? " — the evidence conflicts" : string.Empty)}",
                    Explanation = $"{modifier.Effect} Evidence: {modifier.Grade.Label}, {consistency}.",
                    Certainty = "certain",
                    Inputs = [input],
                    Rule = rule,
                    Citations = citations,
                };
            }
        }
    }

    /// <summary>Whether the genome carries the factor: APOE haplotypes through the APOE caller, other variants allele by allele.</summary>
    private static (bool? Applies, string Input) Carries(ModifierFactor factor, ReportInputs inputs)
    {
        if (inputs.Genome is not { } genome)
        {
            return (null, "No DNA file on file.");
        }

        if (string.Equals(factor.Gene, "APOE", StringComparison.OrdinalIgnoreCase) && factor.Haplotype is { } haplotype && inputs.Apoe is { } apoe)
        {
            if (apoe.Genotype is null || apoe.CarriesE4 is null)
            {
                return (null, $"APOE could not be called from the DNA file ({TermText.Of(apoe.Status)}).");
            }

            var carries = haplotype == "e4" ? apoe.CarriesE4.Value : apoe.Genotype.Split('/').Contains(haplotype);
            return (carries, $"APOE {apoe.Genotype} (rs429358 {apoe.Rs429358}, rs7412 {apoe.Rs7412}; DNA file)");
        }

        var observed = new List<string>();
        foreach (var variant in factor.Variants)
        {
            if (!ulong.TryParse(variant.RsId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || genome.FindRsId(number) is var row && row < 0 || genome.Genotype(row).IsNoCall)
            {
                return (null, $"{variant.RsId} is not in the DNA file.");
            }

            var genotype = genome.Genotype(row);
            observed.Add($"{variant.RsId} {genotype}");
            if (genotype.Count(variant.Allele[0]) == 0)
            {
                return (false, string.Join(", ", observed));
            }
        }

        return (true, string.Join(", ", observed) + " (DNA file)");
    }

    private static List<GoalEffect> Effects(Compound compound, Profile profile)
    {
        var effects = new List<GoalEffect>();
        foreach (var (written, outcome) in profile.Goals)
        {
            foreach (var claim in compound.Claims.Where(c => c.OutcomeId == outcome.Id))
            {
                effects.Add(new GoalEffect(outcome.Name, claim.Title, TermText.Of(claim.Direction), TermText.Of(claim.Scope), claim.Grade.Label, claim.Grade.Reasons, [.. claim.Evidence.Select(e => e.CitationId).Distinct(StringComparer.Ordinal)]));
            }
        }

        return effects;
    }

    private static List<string> Person(Profile profile)
    {
        var lines = new List<string>
        {
            $"Sex: {(profile.Sex is { } s ? TermText.Of(s) : "not given")}; born: {profile.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "not given"}",
            $"Conditions: {(profile.Conditions.Count == 0 ? "none declared" : string.Join(", ", profile.Conditions.Select(c => c.Condition.Name)))}",
            $"Medications: {(profile.Medications.Count == 0 ? "none declared" : string.Join(", ", profile.Medications.Select(m => m.Matches.Count > 0 ? $"{m.Written} ({m.Matches[0].Generic})" : $"{m.Written} (not recognised)")))}",
            $"Goals: {(profile.Goals.Count == 0 ? "none declared" : string.Join(", ", profile.Goals.Select(g => g.Outcome.Name)))}",
        };
        return lines;
    }

    private static List<string> OnFile(ReportInputs inputs)
    {
        var lines = new List<string>
        {
            inputs.Genome is null ? "DNA: none on file — genotype findings are unknown." : $"DNA: {inputs.GenomeDescription}; APOE {inputs.Apoe?.Genotype ?? "not called"}",
        };
        if (inputs.Labs is null)
        {
            lines.Add("Labs: none on file — lab-based conditions are unknown.");
        }
        else
        {
            var egfr = inputs.Labs.Derived.Where(d => d.Marker?.Id == "egfr").OrderBy(d => d.Result.Date).LastOrDefault();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Labs: {inputs.Labs.Results.Count} results{(egfr is null ? "; no eGFR could be computed" : $"; latest eGFR {egfr.Value:0.#} mL/min/1.73 m² on {egfr.Result.Date:yyyy-MM-dd} (CKD-EPI 2021)")}"));
        }

        return lines;
    }
}
