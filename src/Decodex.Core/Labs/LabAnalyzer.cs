using System.Globalization;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Labs;

/// <summary>
/// Interprets a person's results and derives what they imply: eGFR by CKD-EPI 2021 (adults, sex known;
/// imported eGFR is not trusted), HbA1c in mmol/mol, non-HDL cholesterol, KDIGO categories, possible
/// kidney conditions, and trends with the reference change value.
/// </summary>
public static class LabAnalyzer
{
    /// <summary>The eGFR LOINC for the CKD-EPI 2021 creatinine equation.</summary>
    public const string EgfrCkdEpi2021Loinc = "98979-8";

    /// <summary>The source of the reference change value formula, RCV = √2 × 1.96 × √(CVa² + CVi²).</summary>
    public const string ReferenceChangeCitation = "omar-2008-reference-change-values";

    /// <summary>Chronicity for kidney criteria without their own duration: KDIGO's "more than 3 months".</summary>
    private const int ChronicDays = 90;

    public static LabReport Analyze(LabCatalogue catalogue, IReadOnlyList<LabResult> results, LabDemographics person)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(person);
        var issues = new List<Issue>();
        if (person.Pregnant is not null && person.Sex == MarkerSex.Male)
        {
            issues.Add(new Issue(LabIssueCodes.PregnancyNotApplied, IssueSeverity.Warning, "A pregnancy status was given for a male; it is not applied."));
        }

        var interpreted = results.Select(r => LabInterpreter.Interpret(catalogue, r, person, issues)).Select(i => PregnancyCaveat(i, person)).ToList();
        var derived = new List<LabInterpretation>();
        foreach (var subject in interpreted.GroupBy(i => i.Result.Subject))
        {
            derived.AddRange(Egfr(catalogue, [.. subject], person, issues).Select(i => PregnancyCaveat(i, person)));
            derived.AddRange(Hba1cIfcc([.. subject]));
            derived.AddRange(NonHdl(catalogue, [.. subject], person, issues));
        }

        var all = interpreted.Concat(derived).ToList();
        return new LabReport
        {
            Results = interpreted,
            Derived = derived,
            Conditions = Conditions(catalogue.KnowledgeBase, all),
            Trends = Trends(all),
            Issues = issues,
        };
    }

    /// <summary>CKD-EPI 2021 eGFR (mL/min/1.73 m²) from serum creatinine in mg/dL; null for a child or unknown sex.</summary>
    public static decimal? CkdEpi2021(decimal creatinineMgPerDl, int age, MarkerSex sex)
    {
        if (age < 18 || sex == MarkerSex.Any || creatinineMgPerDl <= 0)
        {
            return null;
        }

        var female = sex == MarkerSex.Female;
        var kappa = female ? 0.7 : 0.9;
        var alpha = female ? -0.241 : -0.302;
        var ratio = (double)creatinineMgPerDl / kappa;
        var egfr = 142 * Math.Pow(Math.Min(ratio, 1), alpha) * Math.Pow(Math.Max(ratio, 1), -1.200) * Math.Pow(0.9938, age) * (female ? 1.012 : 1);
        return Math.Round((decimal)egfr, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The source of the eGFR pregnancy caveat (the NKF page for CKD-EPI 2021, as recorded in the lab notes).</summary>
    public const string EgfrPregnancyCitation = "inker-2021-ckd-epi";

    /// <summary>eGFR in pregnancy: CKD-EPI 2021 is not validated there; with the status unknown for a woman, say so.</summary>
    private static LabInterpretation PregnancyCaveat(LabInterpretation i, LabDemographics person)
    {
        if (i.Marker?.Id != "egfr" || person.Sex == MarkerSex.Male)
        {
            return i;
        }

        var note = person.Pregnant switch
        {
            true => $"Pregnant: CKD-EPI 2021 is not validated in pregnancy and eGFR from creatinine is less reliable then; the KDIGO categories are not meant for it ({EgfrPregnancyCitation}).",
            null when person.Sex == MarkerSex.Female => $"Pregnancy status not given: in pregnancy eGFR from creatinine is less reliable, as CKD-EPI 2021 is not validated there ({EgfrPregnancyCitation}).",
            _ => null,
        };
        return note is null ? i : i with { Notes = [.. i.Notes, note] };
    }

    private static bool Usable(LabInterpretation i) =>
        i.Value is not null && i.Flag != LabStanding.NotInterpreted && !i.Result.Value.IsCensored;

    private static IEnumerable<LabInterpretation> Egfr(LabCatalogue catalogue, List<LabInterpretation> results, LabDemographics person, List<Issue> issues)
    {
        if (catalogue.Marker("creatinine") is not { } creatinine || catalogue.Marker("egfr") is null)
        {
            yield break;
        }

        var imported = results.Where(r => r.Marker?.Id == "egfr" && !r.Derived).ToList();
        foreach (var r in results.Where(r => r.Marker == creatinine && Usable(r)))
        {
            var age = person.AgeAt(r.Result.Date);
            if (person.Sex is not { } sex || age is null)
            {
                issues.Add(new Issue(LabIssueCodes.MissingDemographics, IssueSeverity.Info, "eGFR is not computed without the person's sex and birth date (give --sex and --birth-date).", r.Result.Source));
                continue;
            }

            if (age < 18)
            {
                issues.Add(new Issue(LabIssueCodes.MissingDemographics, IssueSeverity.Info, "No eGFR for a child: CKD-EPI 2021 is for adults (children need a paediatric equation such as CKiD).", r.Result.Source));
                continue;
            }

            if (LabConverter.Convert(creatinine, r.Value!.Value, creatinine.Unit, "mg/dL") is not { } mgdl || CkdEpi2021(mgdl.Value, age.Value, sex) is not { } egfr)
            {
                continue;
            }

            var notes = new List<string> { string.Create(CultureInfo.InvariantCulture, $"CKD-EPI 2021 from creatinine {LabDisplay.Value(mgdl.Value, creatinine, "mg/dL")} ({r.Result.Source}), age {age}, {(sex == MarkerSex.Female ? "female" : "male")}.") };
            var sameDay = imported.Where(i => i.Result.Date.Date == r.Result.Date.Date && i.Value is not null).ToList();
            foreach (var other in sameDay)
            {
                var differs = other.Unit != "mL/min/{1.73_m2}" || Math.Abs(other.Value!.Value - egfr) > 1m;
                if (differs)
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"The imported eGFR of the same day ({LabDisplay.Of(other)}, {other.Result.Source}) differs and is not trusted."));
                    issues.Add(new Issue(LabIssueCodes.RecomputedDerived, IssueSeverity.Info, "An imported eGFR differs from Decodex's CKD-EPI 2021 recomputation from creatinine of the same day; the recomputed value is used.", other.Result.Source));
                }
            }

            var result = new LabResult
            {
                Date = r.Result.Date,
                DateOnly = r.Result.DateOnly,
                TestName = "eGFR (CKD-EPI 2021, computed by Decodex)",
                Loinc = EgfrCkdEpi2021Loinc,
                Value = new LabValue(egfr),
                Unit = "mL/min/{1.73_m2}",
                Source = $"derived from {r.Result.Source}",
                Subject = r.Result.Subject,
            };
            var interpretation = LabInterpreter.Interpret(catalogue, result, person, [], derived: true);
            yield return interpretation with { Notes = [.. notes, .. interpretation.Notes], ConversionCitations = ["inker-2021-ckd-epi"] };
        }
    }

    private static IEnumerable<LabInterpretation> Hba1cIfcc(List<LabInterpretation> results)
    {
        foreach (var r in results.Where(r => r.Marker?.Id == "hba1c" && Usable(r) && r.Unit == "%"))
        {
            // IFCC HbA1c network master equation: IFCC (mmol/mol) = 10.93 × NGSP (%) − 23.5.
            var ifcc = Math.Round((10.93m * r.Value!.Value) - 23.5m, 0, MidpointRounding.AwayFromZero);
            yield return r with
            {
                Result = r.Result with { Value = new LabValue(ifcc), Unit = "mmol/mol", TestName = "HbA1c, IFCC (computed by Decodex)", Source = $"derived from {r.Result.Source}" },
                Derived = true,
                Value = ifcc,
                Unit = "mmol/mol",
                Conversion = "IFCC = 10.93 × NGSP − 23.5",
                ConversionCitations = ["ifcc-hba1c-master-equation"],
                Notes = ["Same result as the % value, on the IFCC scale; its range, flag and categories are those of the % value."],
            };
        }
    }

    private static IEnumerable<LabInterpretation> NonHdl(LabCatalogue catalogue, List<LabInterpretation> results, LabDemographics person, List<Issue> issues)
    {
        if (catalogue.Find("43396-1", null) is not { } nonHdl)
        {
            yield break;
        }

        var hdls = results.Where(r => r.Marker?.Loinc.Contains("2085-9") == true && Usable(r)).ToList();
        foreach (var total in results.Where(r => r.Marker?.Loinc.Contains("2093-3") == true && Usable(r)))
        {
            if (hdls.FirstOrDefault(h => h.Result.Date == total.Result.Date) is not { } hdl
                || LabConverter.Convert(total.Marker!, total.Value!.Value, total.Marker!.Unit, "mg/dL") is not { } tc
                || LabConverter.Convert(hdl.Marker!, hdl.Value!.Value, hdl.Marker!.Unit, "mg/dL") is not { } h)
            {
                continue;
            }

            var result = new LabResult
            {
                Date = total.Result.Date,
                DateOnly = total.Result.DateOnly,
                TestName = "Non-HDL cholesterol (computed by Decodex)",
                Loinc = "43396-1",
                Value = new LabValue(tc.Value - h.Value),
                Unit = "mg/dL",
                Source = $"derived from {total.Result.Source} and {hdl.Result.Source}",
                Subject = total.Result.Subject,
            };
            var interpretation = LabInterpreter.Interpret(catalogue, result, person, issues, derived: true);
            yield return interpretation with { Notes = ["Total cholesterol − HDL cholesterol of the same draw.", .. interpretation.Notes] };
        }
    }

    private static List<LabConditionFinding> Conditions(KnowledgeBase knowledgeBase, List<LabInterpretation> all)
    {
        var findings = new List<LabConditionFinding>();
        foreach (var condition in knowledgeBase.Conditions.Where(c => c.Criteria.Count > 0))
        {
            var markerIds = condition.Criteria.Select(c => c.MarkerId).Distinct(StringComparer.Ordinal).ToList();
            if (markerIds.Count != 1)
            {
                continue;
            }

            foreach (var subject in all.GroupBy(i => i.Result.Subject))
            {
                // eGFR: Decodex's own computation where there is one; imported values only without it.
                var series = subject.Where(i => i.Marker?.Id == markerIds[0] && Usable(i)).ToList();
                if (series.Any(s => s.Derived))
                {
                    series = [.. series.Where(s => s.Derived)];
                }

                var points = series.Where(s => s.Unit is not null)
                    .Select(s => (s.Result.Date, Value: condition.Criteria.All(c => LabConverter.Convert(s.Marker!, s.Value!.Value, s.Unit!, c.Unit) is { } v && c.IsMetBy(v.Value))))
                    .OrderBy(p => p.Date).ToList();
                if (points.Count == 0 || !points[^1].Value)
                {
                    continue;
                }

                var run = points.AsEnumerable().Reverse().TakeWhile(p => p.Value).ToList();
                var first = run[^1].Date;
                var last = run[0].Date;
                var days = condition.Criteria.Max(c => c.SustainedDays) ?? ChronicDays;
                var sustained = run.Count >= 2 && (last - first).TotalDays >= days;
                var criteria = string.Join(" and ", condition.Criteria.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.MarkerId} {Symbol(c.Operator)} {c.Value} {LabUnit.Display(c.Unit)}")));

                // The same criteria for a reader: the marker by its name, not its id.
                var criteriaText = string.Join(" and ", condition.Criteria.Select(c => string.Create(CultureInfo.InvariantCulture, $"{knowledgeBase.Marker(c.MarkerId)?.Name ?? c.MarkerId} {Symbol(c.Operator)} {c.Value} {LabUnit.Display(c.Unit)}")));
                var kdigo = condition.Criteria.Any(c => c.CitationIds.Contains("kdigo-2012-ckd", StringComparer.Ordinal)) && days == ChronicDays;
                var span = (int)(last - first).TotalDays;
                var caveat = run.Count == 1
                    ? (kdigo ? LabInterpreter.OneValueCaveat : string.Create(CultureInfo.InvariantCulture, $"(one value; it counts only when sustained for {days} days)"))
                    : string.Create(CultureInfo.InvariantCulture, $"({run.Count} values over {span} days; {(kdigo ? "KDIGO requires 3 months" : $"it counts only when sustained for {days} days")})");
                var explanation = sustained
                    ? string.Create(CultureInfo.InvariantCulture, $"Every value from {first:yyyy-MM-dd} to {last:yyyy-MM-dd} ({run.Count} values over {span} days) meets {criteriaText}: the lab criterion of {condition.Name} is sustained for at least {days} days. Only a clinician can diagnose it.")
                    : string.Create(CultureInfo.InvariantCulture, $"The latest value{(run.Count > 1 ? "s" : string.Empty)} (up to {last:yyyy-MM-dd}) meet{(run.Count > 1 ? string.Empty : "s")} {criteriaText}: possible {condition.Name} {caveat}. Repeat the test; only a clinician can diagnose it.");
                findings.Add(new LabConditionFinding(condition.Id, condition.Name, subject.Key, sustained ? "sustained" : "possible", run.Count, first, last, criteria, [.. condition.Criteria.SelectMany(c => c.CitationIds).Distinct(StringComparer.Ordinal)], explanation));
            }
        }

        return findings;
    }

    private static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "≤",
        ComparisonOperator.GreaterThan => ">",
        _ => "≥",
    };

    private static List<LabTrend> Trends(List<LabInterpretation> all)
    {
        var trends = new List<LabTrend>();
        foreach (var group in all.Where(i => i.Marker is not null && Usable(i) && i.Unit == i.Marker.Unit).GroupBy(i => (i.Result.Subject, i.Marker!.Id)))
        {
            // eGFR: the recomputed series when there is one.
            var series = group.Any(g => g.Derived) && group.Key.Id == "egfr" ? group.Where(g => g.Derived).ToList() : group.ToList();
            if (series.Count < 2)
            {
                continue;
            }

            var marker = series[0].Marker!;
            decimal? rcv = marker.Variation is { } v
                ? Math.Round((decimal)(Math.Sqrt(2) * 1.96 * Math.Sqrt(((double)v.Cva * (double)v.Cva) + ((double)v.Cvi * (double)v.Cvi))), 1)
                : null;
            var points = new List<LabTrendPoint>();
            LabInterpretation? previous = null;
            foreach (var point in series.OrderBy(s => s.Result.Date))
            {
                decimal? change = previous is null || previous.Value == 0 ? null : Math.Round((point.Value!.Value - previous.Value!.Value) / previous.Value.Value * 100m, 1);
                points.Add(new LabTrendPoint(point.Result.Date, point.Value!.Value, point.Derived, change, change is null || rcv is null ? null : Math.Abs(change.Value) > rcv));
                previous = point;
            }

            var exceeding = points.Count(p => p.ExceedsReferenceChange == true);
            var notes = new List<string>();
            if (rcv is null)
            {
                notes.Add("The catalogue has no biological-variation data for this marker, so changes are not judged against noise.");
            }
            else if (exceeding > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{exceeding} change(s) exceed the reference change value (±{rcv} %): more than analytical and biological variation explain."));
            }

            var range = series[^1].Range is { Source: not "lab" } r && r.Unit == marker.Unit ? r : null;
            trends.Add(new LabTrend
            {
                MarkerId = marker.Id,
                Name = marker.Name,
                Subject = group.Key.Subject,
                Unit = marker.Unit,
                Points = points,
                ReferenceChangePercent = rcv,
                VariationCitations = marker.Variation is { } variation ? [.. variation.CitationIds, ReferenceChangeCitation] : [],
                Notes = notes,
                RangeLow = range?.Low,
                RangeHigh = range?.High,
            });
        }

        return trends;
    }
}
