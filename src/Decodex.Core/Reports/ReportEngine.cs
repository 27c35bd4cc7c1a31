using System.Globalization;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;

namespace Decodex.Core.Reports;

/// <summary>
/// Joins a compound's knowledge-base entries with one person's inputs. The rules are data: every
/// contraindication, boxed warning, warning and precaution applies to a person who has its condition
/// (declared, a more specific one, or inferred from labs) and whose age is within its population;
/// an interaction fires when either side's monograph names the other (its compound, class or generic);
/// a gene modifier fires only when the person's genotype or phenotype is known and matches. Missing
/// data never reads as normal: it becomes a finding that says what would settle it, and a medicine or
/// condition that was not recognised is named in the verdict.
/// </summary>
public static class ReportEngine
{
    public const string Disclaimer = "Decodex explains what the evidence and your data say; it is not medical advice. Do not start, stop or change a medicine without your prescriber.";

    /// <summary>Ages at which pregnancy is treated as possible when the profile does not say.</summary>
    private const int ChildbearingMinAge = 12;
    private const int ChildbearingMaxAge = 55;

    /// <summary>
    /// The whole report for the named compounds (every curated compound, class monographs included, when
    /// none is named; imported label entries only when named).
    /// </summary>
    public static PersonalReport Build(KnowledgeBase knowledgeBase, PgxData pgx, ReportInputs inputs, IReadOnlyList<string>? compoundIds = null)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(pgx);
        ArgumentNullException.ThrowIfNull(inputs);
        var compounds = compoundIds is { Count: > 0 }
            ? compoundIds.Select(knowledgeBase.Compound).OfType<Compound>().ToList()
            : [.. knowledgeBase.Curated];
        var profile = inputs.Profile;

        // A stated ancestry narrows probable pharmacogene phenotypes to that group's allele frequencies.
        inputs = inputs with { PgxCalls = PgxProbability.ForGroup(inputs.PgxCalls, profile.Ancestry) };
        var medications = profile.Medications.SelectMany(m => m.Matches.Count > 1 ? m.Matches.Select(x => x.Generic) : [m.Written])
            .SelectMany(name => PgxAdvisor.Advise(pgx, inputs.PgxCalls, name, knowledgeBase))
            .Where(a => a.Status != "unknown-drug")
            .Select(a => inputs.Genome is null ? a with { Status = "not-callable", Note = "No DNA file is on file, so the gene result CPIC's recommendation needs is unknown.", Recommendation = null, Implication = null, Strength = null, Phenotype = null, SettlingTest = a.SettlingTest ?? $"a DNA file or a clinical {a.Gene} test" } : a)
            .ToList();
        var compoundReports = compounds.Select(c => Compound(knowledgeBase, c, inputs)).ToList();
        return new PersonalReport
        {
            Disclaimer = Disclaimer,
            KnowledgeBaseVersion = knowledgeBase.Version,
            GradingVersion = EvidenceGrader.Version,
            CpicDataVersion = pgx.CpicDataVersion.Label,
            Person = Person(profile, inputs.AsOf),
            OnFile = OnFile(inputs),
            Compounds = compoundReports,
            Medications = medications,
            References = References(knowledgeBase, compoundReports, medications),
            Issues = inputs.Issues,
            Notices = profile.Notices,
            UncheckedMedications = [.. profile.Medications.Where(m => m.Matches.Count == 0).Select(m => m.Written)],
            AsOf = inputs.AsOf,
        };
    }

    /// <summary>One compound's report.</summary>
    public static CompoundReport Compound(KnowledgeBase knowledgeBase, Compound compound, ReportInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(compound);
        ArgumentNullException.ThrowIfNull(inputs);
        var findings = new List<Finding>();
        findings.AddRange(SafetyFindings(knowledgeBase, compound, inputs));
        findings.AddRange(Interactions(knowledgeBase, compound, inputs));
        findings.AddRange(Modifiers(compound, inputs));
        findings.AddRange(Unchecked(compound, inputs.Profile));
        findings.AddRange(UnmappedLabelPassages(compound));
        // Two contraindications that the same missing test would settle (severe renal impairment, kidney failure) are one unknown.
        findings = [.. findings.Select((f, i) => (f, i)).DistinctBy(x => x.f.Kind == FindingKind.MissingData ? $"{x.f.Level}|{string.Join("|", x.f.Inputs)}|{x.f.WouldSettle}" : x.i.ToString(CultureInfo.InvariantCulture)).Select(x => x.f)];
        findings = [.. findings.Select(f => f with { Sources = [.. f.Citations.Select(id => SourceText(knowledgeBase, id))] })
            .OrderBy(f => f.Level).ThenBy(f => f.General).ThenBy(f => f.Kind)];
        var verdict = findings.Any(f => f.Level == FindingLevel.Avoid) ? "avoid" : findings.Any(f => f.Level == FindingLevel.Caution) ? "caution" : "no-known-issue";
        return new CompoundReport
        {
            CompoundId = compound.Id,
            Name = compound.Name,
            Verdict = verdict,
            Reasons = Reasons(verdict, findings, compound),
            Findings = findings,
            Effects = Effects(compound, inputs.Profile),
            Dosing = [.. compound.Dosing.Select(d => ReportText.Sentence($"{d.Indication}: {d.Dose}{(d.Route is { } r ? ", " + TermText.Of(r) : string.Empty)}{(d.Frequency is null ? string.Empty : ", " + d.Frequency)}{(d.Duration is null ? string.Empty : ", " + d.Duration)} ({TermText.Of(d.SourceType)})"))],
            SideEffects = [.. compound.Safety.Where(s => s.Type == SafetyType.AdverseEffect).Select(s => s.Statement)],
            UserReports = compound.UserReports is { } u
                ? $"User reports (anecdotes, not evidence; they never change a grade): {(u.Rating is { } rating ? RatingText(rating) + "; " : string.Empty)}{u.Positive.Count} positive and {u.Negative.Count} negative themes."
                : null,
        };
    }

    private static List<string> Reasons(string verdict, List<Finding> findings, Compound compound)
    {
        if (verdict == "no-known-issue")
        {
            return ["No contraindication, label warning, interaction or gene finding in the knowledge base applies to the data on file."];
        }

        var top = verdict == "avoid" ? FindingLevel.Avoid : FindingLevel.Caution;
        var personal = findings.Where(f => f.Level == top && !f.General).Select(f => f.Certainty == "certain" ? f.Title : $"{f.Title} ({f.Certainty})").ToList();
        var general = findings.Count(f => f.Level == top && f.General);
        if (general > 0)
        {
            personal.Add(general == 1 ? $"1 label warning that applies to everyone who takes {compound.Name}" : $"{general} label warnings that apply to everyone who takes {compound.Name}");
        }

        return personal;
    }

    // ----- Contraindications, boxed warnings, warnings and precautions ------------------------------

    private static IEnumerable<Finding> SafetyFindings(KnowledgeBase kb, Compound compound, ReportInputs inputs)
    {
        var profile = inputs.Profile;
        var age = profile.AgeOn(inputs.AsOf);
        foreach (var item in compound.Safety.Where(s => s.Type != SafetyType.AdverseEffect))
        {
            var level = ToLevel(item.Level);
            var kind = item.Type switch
            {
                SafetyType.Contraindication => FindingKind.Contraindication,
                SafetyType.BoxedWarning => FindingKind.BoxedWarning,
                SafetyType.Warning => FindingKind.Warning,
                _ => FindingKind.Precaution,
            };
            var typeWord = item.Type switch
            {
                SafetyType.Contraindication => "Contraindicated",
                SafetyType.BoxedWarning => "Boxed warning",
                SafetyType.Warning => "Warning",
                _ => "Precaution",
            };
            var condition = item.ConditionId is { } cid ? kb.Condition(cid) : null;
            var who = Who(condition, item);
            var rule = $"{compound.Name}: {ReportText.Lower(typeWord)} for {who} ({TermText.Of(item.SourceType)})";

            // Age first: an item for other ages does not apply; an unknown age leaves it possible.
            string? ageInput = null;
            var ageKnown = true;
            if (item.MinAge is not null || item.MaxAge is not null)
            {
                if (age is { } years)
                {
                    if ((item.MinAge is { } min && years < min) || (item.MaxAge is { } max && years > max))
                    {
                        continue;
                    }

                    ageInput = $"Your age: {years} (from your birth date)";
                }
                else
                {
                    ageKnown = false;
                    ageInput = "Your age is not known (no birth date in your profile)";
                }
            }

            Finding Make(string title, string explanation, string certainty, IEnumerable<string> personInputs, string? settle, IEnumerable<string>? extraCitations = null) => new()
            {
                Kind = kind,
                Level = level,
                Title = title,
                Explanation = explanation,
                Certainty = ageKnown || certainty == "uncertain" ? certainty : "possible",
                Inputs = [.. personInputs, .. ageInput is null ? [] : new[] { ageInput }],
                Rule = rule,
                Citations = [.. item.CitationIds, .. extraCitations ?? []],
                WouldSettle = ageKnown ? settle : ReportText.JoinClauses(settle, "your birth date"),
                General = item.AppliesToEveryone,
            };

            if (condition is null)
            {
                // Everyone who takes it, or everyone of these ages.
                yield return Make(item.AppliesToEveryone ? $"{typeWord}: {ReportText.Headline(item.Statement)}" : $"{typeWord} for {who}", ReportText.Sentence(item.Statement), "certain", [], null);
                continue;
            }

            if (condition.Id == "hypersensitivity-to-product")
            {
                var allergy = profile.Allergies.FirstOrDefault(a => a.Matches.Any(m => IsCompound(compound, m)));
                var declaredAllergy = profile.Conditions.FirstOrDefault(c => c.Condition.Id == condition.Id);
                if (allergy is not null)
                {
                    var match = allergy.Matches.First(m => IsCompound(compound, m));
                    yield return Make($"{typeWord}: hypersensitivity to {compound.Name}", ReportText.Sentence(item.Statement), "certain", [$"Allergy in your profile: {allergy.Written}{(string.Equals(allergy.Written, match.Generic, StringComparison.OrdinalIgnoreCase) ? string.Empty : $" → {match.Generic}")}"], null);
                }
                else if (declaredAllergy.Condition is not null)
                {
                    yield return Make($"{typeWord}: hypersensitivity to the product", ReportText.Sentence(item.Statement), "possible", [$"Condition in your profile: {declaredAllergy.Written}"], $"which product your allergy is to (list it under allergies)");
                }

                continue;
            }

            var declared = profile.Conditions.FirstOrDefault(c => kb.ConditionAndAncestors(c.Condition.Id).Any(a => a.Id == condition.Id));
            if (declared.Condition is not null)
            {
                var input = $"Condition in your profile: {declared.Written}{(declared.Condition.Id == condition.Id || string.Equals(declared.Written, condition.Name, StringComparison.OrdinalIgnoreCase) ? string.Empty : $" ({declared.Condition.Name}, a form of {ReportText.Lower(condition.Name)})")}";
                yield return Make($"{typeWord}: {condition.Name}{AgeText(item)}", ReportText.Sentence(item.Statement), "certain", [input], null);
                continue;
            }

            // A broader condition declared (myocardial infarction, when the item is about a recent one).
            var broader = profile.Conditions.FirstOrDefault(c => kb.ConditionAndAncestors(condition.Id).Skip(1).Any(a => a.Id == c.Condition.Id));
            if (broader.Condition is not null)
            {
                yield return Make(
                    $"{typeWord}: {condition.Name}{AgeText(item)}",
                    ReportText.JoinSentences(item.Statement, $"Your profile says {ReportText.Lower(broader.Condition.Name)}, which may or may not be {ReportText.Lower(condition.Name)}"),
                    "possible",
                    [$"Condition in your profile: {broader.Written}"],
                    $"whether your {ReportText.Lower(broader.Condition.Name)} is {ReportText.Lower(condition.Name)} (ask your doctor)");
                continue;
            }

            // The most specific condition the labs point to (kidney failure rather than severe renal impairment).
            var inferred = inputs.Labs?.Conditions.Where(f => kb.ConditionAndAncestors(f.ConditionId).Any(a => a.Id == condition.Id))
                .OrderBy(f => f.Status == "sustained" ? 0 : 1).ThenByDescending(f => kb.ConditionAndAncestors(f.ConditionId).Count).FirstOrDefault();
            if (inferred is not null)
            {
                var sustained = inferred.Status == "sustained";
                yield return Make(
                    inferred.ConditionId == condition.Id ? $"{typeWord}: {condition.Name}, from your lab results" : $"{typeWord}: {condition.Name}: your lab results meet {ReportText.Lower(inferred.Name)}",
                    ReportText.JoinSentences(item.Statement, inferred.Explanation, sustained ? null : "One value, or values less than three months apart, make this possible, not established"),
                    sustained ? "certain" : "possible",
                    LabTrail(inputs, inferred),
                    sustained ? null : "repeat the test; the criterion counts when it holds for three months",
                    inferred.CitationIds) with { Rule = $"{rule}; lab criteria: {CriteriaText(kb, inferred.Criteria)}" };
                continue;
            }

            // A condition the DNA file points to (G6PD deficiency from G6PD A−, thrombophilia from factor V Leiden).
            if (DnaCondition(kb, inputs, condition.Id) is { } dna)
            {
                var (result, meaning, certain) = dna;
                var v = result.Variant;
                if (v.Sensitive && inputs.HiddenHealthTopics.Contains(v.Topic))
                {
                    // Safety wins over privacy: the finding keeps its level, but names neither the condition nor the variant.
                    yield return Make(
                        $"{typeWord}: a condition one of your hidden health results points to",
                        $"A {ReportText.Lower(typeWord)} on the label of {compound.Name} concerns a condition that one of your health results points to. You chose not to see those results, so neither is named here; the finding counts in the verdict. You can see it on your Health variants page.",
                        certain ? "certain" : "possible",
                        ["A health result from the DNA file (hidden)"],
                        null) with { Rule = $"{compound.Name}: {ReportText.Lower(typeWord)} (hidden health result)" };
                    continue;
                }

                var site = v.RsId > 0 ? $"rs{v.RsId.ToString(CultureInfo.InvariantCulture)}" : v.Id;
                yield return Make(
                    $"{typeWord}: {condition.Name}, from your DNA file",
                    ReportText.JoinSentences(
                        item.Statement,
                        certain
                            ? $"Your DNA file carries {v.Gene} {v.Name} ({result.Genotype}), which counts as {ReportText.Lower(condition.Name)}"
                            : $"Your DNA file carries {v.Gene} {v.Name} ({result.Genotype}), which may or may not mean {ReportText.Lower(condition.Name)}"),
                    certain ? "certain" : "possible",
                    [$"DNA file: {v.Gene} {v.Name} at {site}, genotype {result.Genotype}"],
                    certain ? null : ReportText.Lower(v.Confirm.TrimEnd('.')),
                    meaning.CitationIds.Count > 0 ? meaning.CitationIds : v.CitationIds) with { Rule = $"{rule}; DNA: {v.Gene} {v.Name}, {TermText.Of(meaning.Genotype)}" };
                continue;
            }

            // A condition a DNA file can point to but did not: unknown, not ruled out (other variants cause it too).
            var dnaVariants = kb.HealthVariants.Where(v => v.Meanings.Any(m => m.ConditionIds.Concat(m.PossibleConditionIds).Any(id => kb.ConditionAndAncestors(id).Any(a => a.Id == condition.Id)))).ToList();
            if (dnaVariants.Count > 0 && level != FindingLevel.Info)
            {
                var read = dnaVariants.Select(v => inputs.HealthVariants.FirstOrDefault(r => r.Variant.Id == v.Id) is { } r
                    ? $"{v.Gene} {v.Name}: {(r.Status == Genomics.Health.HealthCallStatus.NotRead ? "not read" : "not found")}"
                    : $"{v.Gene} {v.Name}: no DNA file").ToList();
                var hiddenTopic = dnaVariants.Any(v => v.Sensitive && inputs.HiddenHealthTopics.Contains(v.Topic));
                yield return new Finding
                {
                    Kind = FindingKind.MissingData,
                    Level = level == FindingLevel.Avoid ? FindingLevel.Caution : FindingLevel.Info,
                    Title = $"Unknown: {ReportText.Lower(condition.Name)}",
                    Explanation = ReportText.JoinSentences(
                        item.Statement,
                        inputs.Genome is null
                            ? $"Nothing on file shows whether you have {ReportText.Lower(condition.Name)}"
                            : $"Your DNA file does not show {ReportText.Lower(condition.Name)}, but a DNA file reads only one or two of the variants that cause it and cannot rule it out"),
                    Certainty = "uncertain",
                    Inputs = hiddenTopic ? ["Health results from the DNA file (hidden)"] : read,
                    Rule = rule,
                    Citations = item.CitationIds,
                    WouldSettle = ReportText.Lower(dnaVariants[0].Confirm.TrimEnd('.')),
                };
                continue;
            }

            // Pregnancy and breastfeeding not stated, for someone who could be.
            if (condition.Id is "pregnancy" or "breastfeeding" && CouldBe(profile, age, condition.Id))
            {
                yield return new Finding
                {
                    Kind = FindingKind.MissingData,
                    Level = level == FindingLevel.Avoid ? FindingLevel.Caution : FindingLevel.Info,
                    Title = $"Unknown: {ReportText.Lower(condition.Name)} ({ReportText.Lower(typeWord)})",
                    Explanation = ReportText.JoinSentences(item.Statement, $"Your profile does not say whether you are {(condition.Id == "pregnancy" ? "pregnant" : "breastfeeding")}"),
                    Certainty = "uncertain",
                    Inputs = [condition.Id == "pregnancy" ? "pregnant: not stated" : "breastfeeding: not stated"],
                    Rule = rule,
                    Citations = item.CitationIds,
                    WouldSettle = condition.Id == "pregnancy" ? "add 'pregnant: yes' or 'pregnant: no' to your profile" : "add 'breastfeeding: yes' or 'breastfeeding: no' to your profile",
                };
                continue;
            }

            // A condition labs could show, with nothing on file to show it: unknown, not normal.
            var markers = LabMarkersFor(kb, condition.Id);
            if (markers.Count > 0 && !HasValues(inputs, markers) && level != FindingLevel.Info)
            {
                var markerNames = markers.Select(m => kb.Marker(m)?.Name ?? m).ToList();
                yield return new Finding
                {
                    Kind = FindingKind.MissingData,
                    Level = level == FindingLevel.Avoid ? FindingLevel.Caution : FindingLevel.Info,
                    Title = $"Unknown: {ReportText.Lower(condition.Name)}",
                    Explanation = ReportText.JoinSentences(item.Statement, $"No {string.Join(" or ", markerNames)} result is on file, so it cannot be ruled out"),
                    Certainty = "uncertain",
                    Inputs = ["No lab result for: " + string.Join(", ", markerNames)],
                    Rule = rule,
                    Citations = item.CitationIds,
                    WouldSettle = $"a recent {string.Join(" or ", markerNames.Select(ReportText.Lower))} result (for kidney function, a creatinine with sex and birth date gives eGFR)",
                };
            }
        }
    }

    /// <summary>
    /// The detected allow-listed variant whose genotype counts as <paramref name="conditionId"/> (or a form of
    /// it), preferring one that counts certainly over one that counts possibly; null when none does.
    /// </summary>
    private static (Genomics.Health.HealthVariantResult Result, HealthMeaning Meaning, bool Certain)? DnaCondition(KnowledgeBase kb, ReportInputs inputs, string conditionId)
    {
        (Genomics.Health.HealthVariantResult, HealthMeaning, bool)? possible = null;
        foreach (var result in inputs.HealthVariants.Where(r => r.Status == Genomics.Health.HealthCallStatus.Detected && r.GenotypeClass is not null))
        {
            if (result.Variant.MeaningFor(result.GenotypeClass!.Value) is not { } meaning)
            {
                continue;
            }

            bool Covers(string id) => kb.ConditionAndAncestors(id).Any(a => a.Id == conditionId);
            if (meaning.ConditionIds.Any(Covers))
            {
                return (result, meaning, true);
            }

            if (possible is null && meaning.PossibleConditionIds.Any(Covers))
            {
                possible = (result, meaning, false);
            }
        }

        return possible;
    }

    /// <summary>"egfr &lt; 15 mL/min/{1.73_m2}" as a reader writes it: "eGFR &lt; 15 mL/min/1.73 m²".</summary>
    private static string CriteriaText(KnowledgeBase kb, string criteria)
    {
        var space = criteria.IndexOf(' ', StringComparison.Ordinal);
        var text = space > 0 && kb.Marker(criteria[..space]) is { } marker ? marker.Name + criteria[space..] : criteria;
        return text.Replace("{1.73_m2}", "1.73 m²", StringComparison.Ordinal);
    }

    private static FindingLevel ToLevel(SafetyLevel level) => level switch
    {
        SafetyLevel.Avoid => FindingLevel.Avoid,
        SafetyLevel.Caution => FindingLevel.Caution,
        _ => FindingLevel.Info,
    };

    private static string Who(Condition? condition, SafetyItem item) =>
        condition is null
            ? item.AppliesToEveryone ? "everyone who takes it" : "people " + AgeText(item).TrimStart(',', ' ')
            : ReportText.Lower(condition.Name) + AgeText(item);

    private static string AgeText(SafetyItem item) => (item.MinAge, item.MaxAge) switch
    {
        ({ } min, { } max) => $", aged {min} to {max}",
        ({ } min, null) => $", aged {min} or over",
        (null, { } max) => $", aged {max} or under",
        _ => string.Empty,
    };

    /// <summary>Whether pregnancy or breastfeeding is possible and not stated: female or sex unknown, of an age that could be, or age unknown.</summary>
    private static bool CouldBe(Profile profile, int? age, string conditionId)
    {
        var stated = conditionId == "pregnancy" ? profile.Pregnant : profile.Breastfeeding;
        return stated is null && profile.Sex != MarkerSex.Male && (age is null || age is >= ChildbearingMinAge and <= ChildbearingMaxAge);
    }

    /// <summary>Whether a resolved medicine is the compound itself (its monograph, its name, or its generic).</summary>
    private static bool IsCompound(Compound compound, DrugMatch match) =>
        match.CompoundId == compound.Id
        || string.Equals(match.Generic, compound.Name, StringComparison.OrdinalIgnoreCase)
        || compound.Synonyms.Any(s => string.Equals(s, match.Generic, StringComparison.OrdinalIgnoreCase))
        || (compound.Represents is { } cls && match.ClassIds.Contains(cls));

    private static List<string> LabTrail(ReportInputs inputs, LabConditionFinding finding)
    {
        var values = inputs.Labs!.Derived.Concat(inputs.Labs.Results)
            .Where(r => r.Marker is not null && finding.Criteria.StartsWith(r.Marker.Id + " ", StringComparison.Ordinal) && r.Value is not null)
            .OrderByDescending(r => r.Result.Date).Take(3);
        return [.. values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Marker!.Name} {ReportText.Number(v.Value!.Value)} {ReportText.Unit(v.Unit)} on {v.Result.Date:yyyy-MM-dd}{(v.Derived && v.Notes.Count > 0 ? $" ({ReportText.Clause(v.Notes[0])})" : string.Empty)}"))];
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

    // ----- Interactions, from both sides ------------------------------------------------------------

    private static IEnumerable<Finding> Interactions(KnowledgeBase kb, Compound compound, ReportInputs inputs)
    {
        var compoundClasses = ClassesOf(kb, compound);
        foreach (var medication in inputs.Profile.Medications)
        {
            foreach (var match in medication.Matches)
            {
                // The medicine is the compound itself, or a member of the class a class monograph describes.
                if (IsCompound(compound, match))
                {
                    continue;
                }

                var hits = new List<(Compound Source, Interaction Interaction, string Side)>();

                // This compound's monograph naming the medicine (its compound, class or generic).
                hits.AddRange(compound.Interactions.Where(i => Targets(i.With, match.CompoundId, match.ClassIds, match.Generic)).Select(i => (compound, i, "this")));

                // The medicine's own monograph (or its class monograph) naming this compound.
                foreach (var other in MonographsOf(kb, match).Where(o => o.Id != compound.Id))
                {
                    hits.AddRange(other.Interactions.Where(i => Targets(i.With, compound.Id, compoundClasses, compound.Name.ToLowerInvariant())).Select(i => (other, i, "other")));
                }

                // The ONC high-priority pairs: this compound in one group and the medicine in the other.
                hits.AddRange(HighPriorityHits(kb, compound, match).Select(i => (compound, i, "this")));
                if (hits.Count == 0)
                {
                    continue;
                }

                var strongest = hits.OrderBy(h => h.Interaction.Level).ThenByDescending(h => Rank(h.Interaction.Severity)).First();
                var severity = strongest.Interaction.Severity;
                var target = hits.Select(h => h.Side == "this" ? TargetName(kb, h.Interaction.With) : null).OfType<string>().FirstOrDefault() ?? match.Generic;
                var explanations = hits.Select(h => ReportText.JoinSentences(
                        h.Side == "other" ? $"From the {h.Source.Name} monograph" : null,
                        h.Interaction.Effect,
                        $"Mechanism: {TermText.Of(h.Interaction.Mechanism)}",
                        $"Evidence: {h.Interaction.Grade.Label} ({TermText.Of(h.Interaction.Scope)})",
                        h.Interaction.SeverityBasis is null ? null : "Severity basis: " + ReportText.Clause(h.Interaction.SeverityBasis),
                        h.Interaction.LevelBasis is null ? null : "Why this level: " + ReportText.Clause(h.Interaction.LevelBasis)))
                    .Distinct(StringComparer.Ordinal);
                var hops = match.Trail.Count > 0 ? string.Join("; ", match.Trail) : $"{medication.Written} → {match.Generic} ({match.MatchedBy}{(match.ClassIds.Count > 0 ? "; classes: " + string.Join(", ", match.ClassIds.Select(c => kb.Class(c)?.Name ?? c)) : string.Empty)})";
                yield return new Finding
                {
                    Kind = FindingKind.Interaction,
                    Level = ToLevel(strongest.Interaction.Level),
                    Title = $"Interaction with {medication.Written}{Parenthesis(medication.Written, match.Generic, target)}: {TermText.Of(severity)}",
                    Explanation = string.Join(" ", explanations),
                    Action = hits.Select(h => h.Interaction.Action).OfType<string>().FirstOrDefault(),
                    Certainty = "certain",
                    Inputs = [$"Medication in your profile: {hops}"],
                    Rule = string.Join("; ", hits.Select(h => $"{h.Source.Name} interaction with {TargetName(kb, h.Interaction.With)}")),
                    Citations = [.. hits.SelectMany(h => h.Interaction.Evidence).Select(e => e.CitationId).Distinct(StringComparer.Ordinal)],
                };
            }
        }
    }

    /// <summary>" (escitalopram, Antidepressants)": the generic and the class named, leaving out what the written name already says.</summary>
    private static string Parenthesis(string written, string generic, string target)
    {
        var parts = new[] { generic, target }.Where(p => !string.Equals(p, written, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return parts.Count == 0 ? string.Empty : $" ({string.Join(", ", parts)})";
    }

    private static int Rank(InteractionSeverity severity) => severity switch
    {
        InteractionSeverity.Major => 3,
        InteractionSeverity.Moderate => 2,
        InteractionSeverity.Unrated => 1,
        _ => 0,
    };

    private static bool Targets(InteractionTarget target, string? compoundId, IReadOnlyCollection<string> classIds, string generic) =>
        (target.ClassId is { } cls && classIds.Contains(cls))
        || (target.CompoundId is { } id && id == compoundId)
        || (target.Drug is { } drug && string.Equals(generic, drug, StringComparison.OrdinalIgnoreCase));

    /// <summary>The compound's classes with their ancestors; a class monograph counts as its class.</summary>
    private static HashSet<string> ClassesOf(KnowledgeBase kb, Compound compound)
    {
        var direct = compound.ClassIds
            .Concat(kb.Classes.Where(k => k.Members.Any(m => m.CompoundId == compound.Id)).Select(k => k.Id))
            .Concat(compound.Represents is { } r ? [r] : []);
        return [.. direct.SelectMany(c => kb.ClassAndAncestors(c).Select(a => a.Id))];
    }

    /// <summary>Monographs that speak for a medicine: its own compound, and the class monographs of its classes.</summary>
    private static IEnumerable<Compound> MonographsOf(KnowledgeBase kb, DrugMatch match)
    {
        if (match.CompoundId is { } id && kb.Compound(id) is { } own)
        {
            yield return own;
        }

        // The medicine's US label entries, when it has one (also when a curated monograph answered the name).
        foreach (var label in kb.LabelEntriesFor(match.Generic).Where(l => l.Id != match.CompoundId))
        {
            yield return label;
        }

        foreach (var monograph in kb.Compounds.Where(c => c.Represents is { } r && match.ClassIds.Contains(r)))
        {
            yield return monograph;
        }
    }

    /// <summary>The names a compound goes by, as base generic names (its label ingredients, its name and synonyms).</summary>
    private static IEnumerable<string> GenericNames(Compound compound) =>
        (compound.Label?.Ingredients ?? []).Concat(compound.Synonyms.Prepend(compound.Name)).Select(Knowledge.Labels.LabelNames.Base).Distinct(StringComparer.Ordinal);

    /// <summary>Interactions made from the ONC pairs that put <paramref name="compound"/> in one group and the medicine in the other.</summary>
    private static IEnumerable<Interaction> HighPriorityHits(KnowledgeBase kb, Compound compound, DrugMatch match)
    {
        if (kb.HighPriorityPairs.Count == 0 || kb.HighPriorityCitationId is not { } citation)
        {
            yield break;
        }

        var names = GenericNames(compound).ToList();
        var medicine = Knowledge.Labels.LabelNames.Base(match.Generic);
        foreach (var pair in kb.HighPriorityPairs.Where(p => p.NotMatchable is null))
        {
            var other = names.Select(pair.Other).FirstOrDefault(o => o is not null);
            if (other is not { } group || !group.Members.Contains(medicine, StringComparer.Ordinal) || names.Contains(medicine, StringComparer.Ordinal))
            {
                continue;
            }

            yield return new Interaction
            {
                Id = pair.Id,
                CompoundId = compound.Id,
                With = new InteractionTarget(null, null, medicine),
                Mechanism = InteractionMechanism.Unknown,
                Effect = $"{compound.Name} and {medicine} ({group.Name}) are one of the 15 high-priority pairs an ONC expert panel judged should not be taken together and should always raise an alert in prescribing systems.",
                Severity = InteractionSeverity.Major,
                SeverityBasis = "ONC high-priority drug-drug interaction list (Phansalkar 2012)",
                Scope = EvidenceScope.Human,
                Action = "Do not combine them without your prescriber's explicit decision.",
                Evidence = [new EvidenceItem { CitationId = citation, Design = StudyDesign.Guideline, Species = Species.Human, Role = EvidenceRole.Supports }],
            };
        }
    }

    /// <summary>
    /// A label entry whose contraindications include passages the importer could not map: Decodex cannot
    /// tell whether they apply, so the verdict cannot be "no known issue" on the label's behalf.
    /// </summary>
    private static IEnumerable<Finding> UnmappedLabelPassages(Compound compound)
    {
        if (compound.Label is not { } label)
        {
            yield break;
        }

        var unmapped = label.Unmapped.Where(u => u.Kind == "contraindication").ToList();
        if (unmapped.Count == 0)
        {
            yield break;
        }

        yield return new Finding
        {
            Kind = FindingKind.MissingData,
            Level = FindingLevel.Caution,
            Title = unmapped.Count == 1 ? "A contraindication on the US label could not be checked against your profile" : $"{unmapped.Count} contraindications on the US label could not be checked against your profile",
            Explanation = $"The label importer could not match {(unmapped.Count == 1 ? "this passage" : "these passages")} of the label's contraindications ({string.Join(", ", unmapped.Select(u => $"{u.Passage.SectionTitle}, characters {u.Passage.Start}–{u.Passage.Start + u.Passage.Length}"))}) to a condition or medicine Decodex knows, so whether {(unmapped.Count == 1 ? "it applies" : "they apply")} to you is unknown.",
            Certainty = "uncertain",
            Inputs = [$"US label of {label.Date} (SPL set {label.SetId}, version {label.Version})"],
            Rule = "An imported contraindication that cannot be matched is never read as not applying",
            WouldSettle = $"read the Contraindications section of the label ({label.Url}) with a pharmacist",
            Citations = [label.CitationId],
        };
    }

    private static string TargetName(KnowledgeBase kb, InteractionTarget target) =>
        target.ClassId is { } c ? kb.Class(c)?.Name ?? c : target.CompoundId is { } cid ? kb.Compound(cid)?.Name ?? cid : target.Drug!;

    // ----- Gene modifiers ---------------------------------------------------------------------------

    private static IEnumerable<Finding> Modifiers(Compound compound, ReportInputs inputs)
    {
        foreach (var modifier in compound.Modifiers.Where(m => m.Factor.Kind == ModifierKind.Genotype))
        {
            var factor = modifier.Factor;
            var rule = $"{compound.Name} gene modifier: {factor.Description}";
            var citations = modifier.Evidence.Select(e => e.CitationId).Distinct(StringComparer.Ordinal).ToList();
            var evidence = EvidenceText(modifier);
            var (applies, input, settle) = Carries(factor, inputs);
            var apoe = string.Equals(factor.Gene, "APOE", StringComparison.OrdinalIgnoreCase);
            if (apoe && inputs.HideApoe && applies is not null)
            {
                // Safety wins over privacy: a finding that applies is kept at the level the shown one has, so it
                // counts as before, but neither the factor matched nor the sources (which name it) are shown. A
                // factor that does not apply gets the same card, so a missing card cannot tell a non-carrier apart.
                yield return new Finding
                {
                    Kind = FindingKind.GeneModifier,
                    Level = FindingLevel.Info,
                    Title = HiddenApoeTitle,
                    Explanation = $"Your APOE result was checked against what is known about APOE and {compound.Name}. The result, and whether this applies to you, are hidden because you have not chosen to see your APOE results; you can choose to see them on your genome page.",
                    Certainty = "certain",
                    Inputs = ["APOE result from the DNA file (hidden)"],
                    Rule = $"{compound.Name} gene modifier based on APOE",
                    UsesApoe = true,
                };
                continue;
            }

            var certainty = factor.Phenotype is not null && PgxCall(factor.Gene, inputs) is { Status: PgxCallStatus.Probable } ? "probable" : "certain";
            if (applies is null)
            {
                yield return new Finding
                {
                    Kind = FindingKind.MissingData,
                    Level = FindingLevel.Info,
                    Title = $"Unknown: {factor.Description}",
                    Explanation = ReportText.JoinSentences(modifier.Effect, "Whether it applies to you is unknown", evidence),
                    Certainty = "uncertain",
                    Inputs = [input],
                    Rule = rule,
                    Citations = citations,
                    WouldSettle = settle,
                    UsesApoe = apoe,
                };
            }
            else if (applies.Value)
            {
                yield return new Finding
                {
                    Kind = FindingKind.GeneModifier,
                    Level = FindingLevel.Info,
                    Title = $"Applies to you: {factor.Description}{(modifier.Consistency == ModifierConsistency.Conflicting ? " (the evidence conflicts)" : string.Empty)}",
                    Explanation = ReportText.JoinSentences(modifier.Effect, evidence),
                    Certainty = certainty,
                    Inputs = [input],
                    Rule = rule,
                    Citations = citations,
                    UsesApoe = apoe,
                };
            }
        }
    }

    /// <summary>The title of a finding that rests on an APOE result the person has chosen not to see.</summary>
    public const string HiddenApoeTitle = "A finding based on your APOE result (hidden)";

    /// <summary>A guideline's advice in its own terms (CPIC level A); otherwise Decodex's grade of the evidence.</summary>
    private static string EvidenceText(Modifier modifier)
    {
        var consistency = TermText.Of(modifier.Consistency);
        if (modifier.Grade.Scale == GradeScale.Guideline)
        {
            // Guideline advice only: its own level and strength, never a study certainty or consistency.
            return $"{modifier.Grade.Label} (the guideline's own terms, not a Decodex grade)";
        }

        return modifier.Level is { } level && modifier.LevelScheme is { } scheme
            ? $"{(scheme == "cpic" ? "CPIC" : scheme == "pharmgkb" ? "PharmGKB" : scheme.ToUpperInvariant())} level {level} (the body's own rating, not a Decodex grade); evidence {consistency}"
            : $"Evidence: {modifier.Grade.Label}, {consistency}";
    }

    /// <summary>The gene's call, seen from the stated ancestry when one is stated.</summary>
    private static PgxGeneCall? PgxCall(string? gene, ReportInputs inputs) =>
        inputs.PgxCalls.FirstOrDefault(c => string.Equals(c.Gene, gene, StringComparison.OrdinalIgnoreCase)) is { } call
            ? PgxProbability.ForGroup([call], inputs.Profile.Ancestry)[0]
            : null;

    /// <summary>
    /// Whether the genome carries the factor: APOE haplotypes through the APOE caller, a pharmacogene
    /// phenotype through the PGx call (only when the call gives one phenotype), other variants allele by
    /// allele. Null when unknown, with what would settle it.
    /// </summary>
    private static (bool? Applies, string Input, string? Settle) Carries(ModifierFactor factor, ReportInputs inputs)
    {
        if (inputs.Genome is not { } genome)
        {
            var reads = factor.Variants.Count > 0 ? $"a DNA file that reads {string.Join(" and ", factor.Variants.Select(v => v.RsId))}" : "a DNA file";
            return (null, "No DNA file on file.", factor.Gene is { } g ? $"{reads}, or a clinical {g} test" : reads);
        }

        if (string.Equals(factor.Gene, "APOE", StringComparison.OrdinalIgnoreCase) && factor.Haplotype is { } haplotype && inputs.Apoe is { } apoe)
        {
            if (apoe.Genotype is null || apoe.CarriesE4 is null)
            {
                return (null, $"APOE could not be called from the DNA file ({TermText.Of(apoe.Status)}).", "a file that reads rs429358 and rs7412, or a clinical APOE test");
            }

            var carries = haplotype == "e4" ? apoe.CarriesE4.Value : apoe.Genotype.Split('/').Contains(haplotype);
            return (carries, $"APOE {ReportText.Apoe(apoe.Genotype)} (rs429358 {apoe.Rs429358}, rs7412 {apoe.Rs7412}; DNA file)", null);
        }

        if (factor.Phenotype is { } phenotype && factor.Gene is { } gene)
        {
            var call = PgxCall(gene, inputs);
            var test = $"a clinical {gene} genotyping test";
            if (call is null)
            {
                return (null, $"{gene} is not called from DNA files by Decodex.", test);
            }

            if (call is { Status: PgxCallStatus.Probable, Phenotype: { } likely, Probable: { } odds })
            {
                // Probable: used for the verdict, marked probable (the finding's certainty), with its probability.
                var where = odds.StatedGroup is { } group ? $"for the stated ancestry {group}" : "across CPIC's biogeographic groups";
                return (string.Equals(likely, phenotype, StringComparison.OrdinalIgnoreCase), $"{gene} {likely}, probable: {PgxProbability.Range(odds.ProbabilityMin, odds.ProbabilityMax)} {where}, from the positions read and CPIC allele frequencies (DNA file)", call.SettlingTest ?? test);
            }

            if (call.Phenotype is { } known && call.Status is PgxCallStatus.Called or PgxCallStatus.Partial)
            {
                var status = call.Status == PgxCallStatus.Partial ? "partial call from the positions read" : "called";
                return (string.Equals(known, phenotype, StringComparison.OrdinalIgnoreCase), $"{gene} {(call.Diplotypes.Count == 1 ? call.Diplotypes[0] + ", " : string.Empty)}{known} ({status}; DNA file)", null);
            }

            var possible = call.PossiblePhenotypes.Count > 0 ? $"; possible: {string.Join(", ", call.PossiblePhenotypes)}" : string.Empty;
            if (call.PossiblePhenotypes.Count > 0 && !call.PossiblePhenotypes.Contains(phenotype, StringComparer.OrdinalIgnoreCase))
            {
                return (false, $"{gene}: not {phenotype} (every possible result is another phenotype{possible})", null);
            }

            var why = string.Equals(gene, "CYP2D6", StringComparison.OrdinalIgnoreCase)
                ? "CYP2D6 is phenotyped from DNA files only as a probable Poor Metabolizer (two no-function alleles); other phenotypes depend on gene deletions and duplications that SNP data cannot see"
                : call.Status == PgxCallStatus.NotCallable ? $"{gene} could not be called from the DNA file" : $"{gene} is ambiguous in the DNA file";
            var mostLikely = call.Probable is { Phenotype: { } top } odds2
                ? $"; most likely {top} ({PgxProbability.Range(odds2.ProbabilityMin, odds2.ProbabilityMax)}{(odds2.StatedGroup is { } g2 ? $" for {g2}" : " across CPIC's biogeographic groups")}), below the {PgxProbableCall.Threshold.ToString("P0", CultureInfo.InvariantCulture)} needed to use it"
                : string.Empty;
            return (null, $"{why}{possible}{mostLikely}.", call.SettlingTest ?? test);
        }

        if (factor.Variants.Count == 0)
        {
            return (null, $"Decodex cannot read {factor.Description} from a DNA file.", factor.Gene is { } g2 ? $"a clinical {g2} test" : null);
        }

        var observed = new List<string>();
        foreach (var variant in factor.Variants)
        {
            if (!ulong.TryParse(variant.RsId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || genome.FindRsId(number) is var row && row < 0 || genome.Genotype(row).IsNoCall)
            {
                return (null, $"{variant.RsId} is not in the DNA file.", $"a DNA file or test that reads {string.Join(" and ", factor.Variants.Select(v => v.RsId))}");
            }

            var genotype = genome.Genotype(row);
            observed.Add($"{variant.RsId} {genotype}");
            if (genotype.Count(variant.Allele[0]) == 0)
            {
                return (false, string.Join(", ", observed), null);
            }
        }

        return (true, string.Join(", ", observed) + " (DNA file)", null);
    }

    // ----- What could not be checked ----------------------------------------------------------------

    private static IEnumerable<Finding> Unchecked(Compound compound, Profile profile)
    {
        foreach (var medication in profile.Medications.Where(m => m.Matches.Count == 0))
        {
            var notice = profile.Notices.FirstOrDefault(n => n.Field == "medications" && n.Written == medication.Written);
            yield return new Finding
            {
                Kind = FindingKind.UncheckedInput,
                Level = FindingLevel.Caution,
                Title = $"Not checked: {medication.Written}",
                Explanation = $"Decodex does not recognise \"{medication.Written}\", so whether it interacts with {compound.Name} is unknown.{(notice is { Suggestions.Count: > 0 } ? $" Did you mean {string.Join(" or ", notice.Suggestions)}?" : string.Empty)}",
                Certainty = "uncertain",
                Inputs = [$"Medication in your profile: {medication.Written} (not recognised)"],
                Rule = "A medicine that cannot be checked is never read as safe",
                WouldSettle = "write the generic name on the box (e.g. ibuprofen), or ask a pharmacist",
            };
        }

        foreach (var notice in profile.Notices.Where(n => n.Field == "conditions" && n.Message.StartsWith("Not a condition", StringComparison.Ordinal)))
        {
            yield return new Finding
            {
                Kind = FindingKind.UncheckedInput,
                Level = FindingLevel.Caution,
                Title = $"Not checked: {notice.Written}",
                Explanation = $"Decodex does not recognise the condition \"{notice.Written}\", so whether {compound.Name}'s label warns about it is unknown.{(notice.Suggestions.Count > 0 ? $" Did you mean {string.Join(" or ", notice.Suggestions)}?" : string.Empty)}",
                Certainty = "uncertain",
                Inputs = [$"Condition in your profile: {notice.Written} (not recognised)"],
                Rule = "A condition that cannot be checked is never read as safe",
                WouldSettle = "write the condition as your doctor names it, or pick a suggestion",
            };
        }
    }

    // ----- Goals and the person -----------------------------------------------------------------------

    private static List<GoalEffect> Effects(Compound compound, Profile profile)
    {
        var effects = new List<GoalEffect>();
        foreach (var (written, outcome) in profile.Goals)
        {
            foreach (var claim in compound.Claims.Where(c => c.OutcomeId == outcome.Id))
            {
                effects.Add(new GoalEffect(outcome.Name, claim.Title, TermText.Of(claim.Direction), TermText.Of(claim.Scope), claim.Grade.Label, claim.Grade.Reasons, [.. claim.Evidence.Select(e => e.CitationId).Distinct(StringComparer.Ordinal)]) { Evidence = claim.Grade });
            }
        }

        return effects;
    }

    private static List<string> Person(Profile profile, DateOnly asOf)
    {
        var age = profile.AgeOn(asOf);
        var lines = new List<string>
        {
            $"Sex: {(profile.Sex is { } s ? TermText.Of(s) : "not given")}; born: {profile.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "not given"}{(age is { } a ? $" (age {a})" : string.Empty)}",
            $"Pregnant: {YesNo(profile.Pregnant)}; breastfeeding: {YesNo(profile.Breastfeeding)}",
            $"Conditions: {(profile.Conditions.Count == 0 ? "none declared" : string.Join(", ", profile.Conditions.Select(c => c.Condition.Name)))}",
            $"Medications: {(profile.Medications.Count == 0 ? "none declared" : string.Join(", ", profile.Medications.Select(m => m.Matches.Count > 0 ? $"{m.Written} ({string.Join(" + ", m.Matches.Select(x => x.Generic))})" : $"{m.Written} (not recognised)")))}",
            $"Allergies: {(profile.Allergies.Count == 0 ? "none declared" : string.Join(", ", profile.Allergies.Select(m => m.Matches.Count > 0 ? m.Written : $"{m.Written} (not recognised)")))}",
            $"Goals: {(profile.Goals.Count == 0 ? "none declared" : string.Join(", ", profile.Goals.Select(g => g.Outcome.Name)))}",
        };
        return lines;
    }

    private static string YesNo(bool? value) => value switch { true => "yes", false => "no", _ => "not stated" };

    private static List<string> OnFile(ReportInputs inputs)
    {
        var lines = new List<string>
        {
            inputs.Genome is null ? "DNA: none on file, so genotype findings are unknown" : $"DNA: {inputs.GenomeDescription}; APOE {(inputs.HideApoe ? "hidden (you have not chosen to see it)" : inputs.Apoe?.Genotype is { } g ? ReportText.Apoe(g) : "not called")}",
        };
        if (inputs.Labs is null)
        {
            lines.Add("Labs: none on file, so lab-based conditions are unknown");
        }
        else
        {
            var egfr = inputs.Labs.Derived.Where(d => d.Marker?.Id == "egfr" && d.Value is not null).OrderBy(d => d.Result.Date).LastOrDefault();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Labs: {inputs.Labs.Results.Count} results{(egfr is null ? "; no eGFR could be computed" : $"; latest eGFR {ReportText.Number(Math.Round(egfr.Value!.Value))} mL/min/1.73 m² on {egfr.Result.Date:yyyy-MM-dd} (CKD-EPI 2021)")}"));
        }

        return lines;
    }

    private static string RatingText(CommunityRating rating) =>
        string.Create(CultureInfo.InvariantCulture, $"an external site's rating of {rating.Average:0.##} out of {rating.Scale} from {rating.Votes} votes (self-selected, not evidence)");

    /// <summary>
    /// The sources the report cites, numbered in the order the report shows them: the CPIC guidelines of
    /// the medications, then each compound's findings and its evidence for the person's goals.
    /// </summary>
    private static List<ReportReference> References(KnowledgeBase kb, List<CompoundReport> compounds, List<PgxDrugAdvice> medications)
    {
        var references = new List<ReportReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var guideline in medications.Select(m => m.Guideline).OfType<PgxGuidelineReference>().Where(g => seen.Add("cpic:" + g.Name)))
        {
            references.Add(new ReportReference(references.Count + 1, "cpic:" + guideline.Name, ReportText.Clause(guideline.Name), "CPIC", null, null, [.. guideline.Pmids.Select(p => "PMID " + p)], Link(guideline.Url), null));
        }

        var citationIds = compounds.SelectMany(c => c.Findings.SelectMany(f => f.Citations).Concat(c.Effects.SelectMany(e => e.Citations)));
        foreach (var id in citationIds.Where(seen.Add))
        {
            references.Add(kb.Citation(id) is { } c
                ? new ReportReference(
                    references.Count + 1,
                    id,
                    ReportText.Clause(c.Title),
                    c.Authors.Count switch { 0 => null, 1 => c.Authors[0], _ => c.Authors[0] + " et al." },
                    c.Year,
                    c.Journal,
                    [.. new[] { c.Pmid is { } pmid ? "PMID " + pmid : null, c.Doi is { } doi ? "doi:" + doi : null, c.Pmcid, c.Registry }.OfType<string>()],
                    Link(c.Url) ?? (c.Pmid is { } p ? Link($"https://pubmed.ncbi.nlm.nih.gov/{p}/") : null) ?? (c.Doi is { } d ? Link("https://doi.org/" + d) : null),
                    TermText.Of(c.Verification.Status))
                : new ReportReference(references.Count + 1, id, id, null, null, null, [], null, null));
        }

        return references;
    }

    private static Uri? Link(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri : null;

    /// <summary>A citation as a reader sees it: first author, year, title, identifier and verification.</summary>
    private static string SourceText(KnowledgeBase kb, string id)
    {
        if (kb.Citation(id) is not { } c)
        {
            return id;
        }

        var author = c.Authors.Count switch { 0 => null, 1 => c.Authors[0], _ => c.Authors[0] + " et al." };
        var where = c.Pmid is { } pmid ? $"PMID {pmid}" : c.Doi is { } doi ? $"doi:{doi}" : c.Url;
        var parts = new[] { author, c.Year?.ToString(CultureInfo.InvariantCulture), c.Title, where }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => ReportText.Clause(p));
        return $"{string.Join(". ", parts)} [{TermText.Of(c.Verification.Status)}]";
    }
}
