using System.Globalization;
using System.Net;
using System.Text;
using Decodex.Core.Reports;

namespace Decodex.Core.Trials;

/// <summary>One section of a trial report: a heading, paragraphs, and an optional list.</summary>
public sealed record TrialReportSection(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Items);

/// <summary>
/// The report of a finished (unblinded) self-experiment, following the items of the CENT 2015 reporting
/// guideline for N-of-1 trials that apply to one person's own trial: design, run-in and washout,
/// registration, randomisation and its concealment, blinding and its check, the pre-specified outcomes,
/// the statistical methods, the results of each outcome with the published evidence beside them where
/// the knowledge base has it, deviations, and limits. As HTML and as PDF, the same text in both.
/// </summary>
public sealed record TrialReport(string Title, string Disclaimer, IReadOnlyList<TrialReportSection> Sections)
{
    /// <summary>Said at the top and at the foot of every page.</summary>
    public const string Caution = "A self-reported N-of-1 trial, not a clinical study: it describes one person's days under one plan. It is not medical advice; talk to a clinician before starting, stopping or changing a medicine.";

    /// <summary>Builds the report of <paramref name="record"/>, which must be unblinded.</summary>
    public static TrialReport Of(SelfExperiment record, IReadOnlyDictionary<string, PopulationEffect>? population = null, DateOnly? madeOn = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var plan = record.Plan;
        var schedule = record.Schedule();
        var analysis = record.Analyze(population);
        var blinding = record.Blinding();
        string D(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        var sections = new List<TrialReportSection>();

        var periodDays = schedule.Where(d => d.Arm is not null).ToList();
        sections.Add(new("Design (CENT items 3a, 5, 7a)", [
            $"{plan.Intervention.Name} (A{(plan.Intervention.CompoundId is { } id ? $", knowledge-base entry {id}" : string.Empty)}) against {plan.Comparator.Name} (B), {(plan.Blinded ? "blinded: a helper prepared identical doses" : "not blinded")}.",
            plan.Design switch
            {
                TrialDesign.AbPairs => $"{plan.Cycles} cycles, each an A phase and a B phase of {plan.PhaseDays} days in random order.",
                TrialDesign.RandomisedBlocks => $"{plan.Cycles} blocks of four {plan.PhaseDays}-day phases, two A and two B, in one of the six balanced orders drawn at random.",
                _ => $"{plan.Cycles} pairs of days, each pair's order drawn at random.",
            },
            $"From {D(schedule[0].Date)} to {D(schedule[^1].Date)}: {plan.RunInDays} run-in day(s) for practice, then {periodDays.Count} days in {plan.Cycles * plan.PhasesPerCycle} phases; the first {plan.WashoutDays} day(s) after each change of condition were measured but not analysed (washout)."
            + (plan.SuggestedWashoutDays is { } suggested ? $" The stated half-life of {N(plan.HalfLifeHours!.Value)} hours puts five half-lives at {suggested} day(s){(plan.WashoutDays < suggested ? ", longer than the washout: carry-over is possible" : string.Empty)}." : string.Empty),
        ], []));

        sections.Add(new("Registration and randomisation (CENT items 8–10, 23)", [
            $"The plan was registered on {record.RegisteredAt.UtcDateTime.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)} with SHA-256 {record.PlanSha256}; it was not edited afterwards (departures are listed under Deviations).",
            $"The order of each {(plan.Design == TrialDesign.RandomisedBlocks ? "block" : "cycle")} was drawn by a cryptographic random number generator and kept hidden until unblinding{(record.UnblindedAt is { } u ? " on " + u.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : string.Empty)}. Its SHA-256 commitment, shown at the start, was {record.AllocationCommitment}; the allocation revealed matches it.",
        ], [.. record.Allocation.Orders.Select((o, i) => $"{(plan.Design == TrialDesign.RandomisedBlocks ? "Block" : "Cycle")} {i + 1}: {o}")]));

        var outcomes = plan.Outcomes.Select(o => $"{o.Name}{(o.Name == plan.PrimaryOutcome ? " (primary)" : " (exploratory)")}: {Kind(o.Kind)}, {(o.LowerIsBetter ? "lower is better" : "higher is better")}{(o.MinimalImportantDifference is { } mid ? $", smallest change that matters {N(mid)}" : string.Empty)}, every {(o.EveryDays == 1 ? "day" : $"{o.EveryDays} days")}.").ToList();
        sections.Add(new("Outcomes, fixed before the start (CENT item 6a)", [], outcomes));

        sections.Add(new("Statistical methods (CENT item 12a)", [
            "Each outcome: Bayesian regression of the daily values on the condition, with errors that carry over from day to day (AR(1) over calendar days, so missing days are allowed); flat priors on the effect and the baseline, 1/τ² on the variance, ρ uniform on a grid of 99 points from −0.98 to 0.98; the posterior of A − B is exact up to the grid (no sampling). Reported: the posterior mean of A − B with its 95 % credible interval, and the probability of a change in the better direction.",
            "Beside it, a randomisation test over the allocations the design could have drawn, which assumes nothing about autocorrelation or trend; and the estimate with a linear trend in the model, and the raw difference in the first and second half of each phase, as checks for practice effects and carry-over.",
            "The primary outcome decides the headline; the others are exploratory. A published population effect, where shown, is an average over other people and is used as a prior only beside the result without it.",
        ], []));

        var results = new List<string>();
        if (analysis is null)
        {
            results.Add("No values were recorded on analysed days.");
        }
        else
        {
            foreach (var a in analysis.Outcomes.OrderByDescending(a => a.Outcome == plan.PrimaryOutcome))
            {
                results.Add((a.Outcome == plan.PrimaryOutcome ? "Primary. " : "Exploratory. ") + a.Summary);
            }
        }

        var planned = plan.Outcomes.Sum(o => periodDays.Count(d => !d.Washout && (d.Day - 1) % o.EveryDays == 0));
        var recorded = record.AnalysedRows().Select(r => (r.Date, r.Outcome)).Distinct().Count();
        sections.Add(new("Results (CENT items 14a, 16, 17a)", [
            $"Values on {recorded} of {planned} planned outcome-days that enter the analysis ({(planned == 0 ? 0 : 100.0 * recorded / planned).ToString("0", CultureInfo.InvariantCulture)} %).",
        ], results));

        if (record.Sessions.Count > 0)
        {
            var sessions = record.Sessions;
            var flagged = sessions.Count(x => x.Timing.Problems().Count > 0);
            var items = plan.Outcomes.Where(o => Cognitive.CognitiveTests.IsTest(o.Kind)).Select(o =>
            {
                var own = sessions.Where(x => x.Outcome == o.Name).ToList();
                var (practice, levelled) = record.Practice(o.Name);
                return $"{o.Name}: {own.Count} session(s), {practice.Count} of them practice{(practice.Count > 0 ? levelled ? " (practice scores had levelled off)" : " (practice scores had not levelled off)" : string.Empty)}; {own.Count(x => x.Timing.Problems().Count > 0)} beyond a timing tolerance.";
            });
            sections.Add(new("Browser tests (CENT items 6a, 12a)", [
                $"{sessions.Count} test session(s) were taken in the browser; every raw trial is stored and each score is recomputed from them. Response times run from the first frame that showed the stimulus to the answer's event timestamp. {flagged} session(s) went beyond a timing tolerance (timing noise above {N(Cognitive.TimingCheck.NoiseToleranceMs)} ms SD, a clock coarser than {N(Cognitive.TimingCheck.ResolutionToleranceMs)} ms, under 50 frames a second, or the window hidden); they are kept and marked in the session data. A screen's or keyboard's fixed delay cannot be measured from a page: a constant one cancels out in A − B, which is why the same device should be used throughout.",
            ], [.. items]));
        }

        sections.Add(new("Blinding (CENT item 11)", [
            blinding is null
                ? "No daily guesses of the condition were recorded on both kinds of day, so the blinding cannot be checked."
                : $"On {blinding.Guesses} days the guess of the condition was recorded: mean stated probability of A {N(blinding.MeanGuessOnA)} on A days and {N(blinding.MeanGuessOnB)} on B days; Brier score {N(blinding.BrierScore)} (0.25 for always answering 50 %). "
                  + (blinding.PossiblyUnblinded
                      ? "The guesses tracked the truth more than chance would allow: the person may have been able to tell the conditions apart, so expectation may explain part of any effect."
                      : "The guesses did not track the truth beyond chance."),
        ], []));

        sections.Add(new("Deviations from the plan (CENT items 3b, 6b)", record.Deviations.Count == 0 ? ["None were logged."] : [], [
            .. record.Deviations.OrderBy(d => d.Date).Select(d => $"{D(d.Date)}, {d.Kind}: {d.Note} (logged {d.LoggedAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})"),
        ]));

        sections.Add(new("Limits (CENT items 20–22)", [
            "The result describes this person under this plan: other doses, durations, times of day or people may differ. Few cycles make the randomisation test coarse and the interval wide; an interval that spans 0 is an honest \"not shown either way\", not a proof of no effect.",
            "Self-rated outcomes can move with expectation when blinding is imperfect; cognitive tests improve with practice, which the run-in and the trend check address only in part.",
        ], []));

        var made = madeOn ?? DateOnly.FromDateTime(DateTime.UtcNow);
        return new TrialReport($"Self-experiment: {plan.Title}", Caution + $" Made by Decodex on {made.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.", sections);
    }

    /// <summary>The report as a self-contained, printable HTML page.</summary>
    public string Html()
    {
        var h = new StringBuilder();
        string E(string s) => WebUtility.HtmlEncode(s);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(E(Title)).Append("</title>\n<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem}.note{background:#fff4e5;border-left:4px solid #b35c00;padding:.5rem 1rem}li{margin:.3rem 0;overflow-wrap:anywhere}p{overflow-wrap:anywhere}</style>\n</head>\n<body>\n<main>\n<h1>")
            .Append(E(Title)).Append("</h1>\n<p class=\"note\">").Append(E(Disclaimer)).Append("</p>\n");
        foreach (var section in Sections)
        {
            h.Append("<section>\n<h2>").Append(E(section.Heading)).Append("</h2>\n");
            foreach (var p in section.Paragraphs)
            {
                h.Append("<p>").Append(E(p)).Append("</p>\n");
            }

            if (section.Items.Count > 0)
            {
                h.Append("<ul>\n");
                foreach (var item in section.Items)
                {
                    h.Append("<li>").Append(E(item)).Append("</li>\n");
                }

                h.Append("</ul>\n");
            }

            h.Append("</section>\n");
        }

        return h.Append("</main>\n</body>\n</html>\n").ToString();
    }

    /// <summary>The report as a PDF, the same text as <see cref="Html"/>.</summary>
    public byte[] Pdf()
    {
        using var document = new PdfTextDocument(TrialReport.Caution);
        document.Write(Title, 18, strong: true);
        document.Gap();
        document.Write(Disclaimer, 9);
        foreach (var section in Sections)
        {
            document.Gap(10);
            document.Write(section.Heading, 13, strong: true);
            foreach (var p in section.Paragraphs)
            {
                document.Write(p, 10);
                document.Gap(2);
            }

            foreach (var item in section.Items)
            {
                document.Write("– " + item, 10, indent: 12);
            }
        }

        return document.Build();
    }

    private static string Kind(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Rating => "daily rating from 0 to 10",
        OutcomeKind.PvtBrief => "3-minute psychomotor vigilance test, response speed (1/RT, s⁻¹)",
        OutcomeKind.Pvt => "10-minute psychomotor vigilance test, response speed (1/RT, s⁻¹)",
        OutcomeKind.DigitSpan => "adaptive digit span, mean span",
        OutcomeKind.TwoBack => "2-back, d′",
        OutcomeKind.Stroop => "Stroop, response speed on correct trials (s⁻¹)",
        _ => "a number recorded by the person",
    };
}
