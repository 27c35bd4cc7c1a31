using Decodex.Core.Trials;
using UglyToad.PdfPig;

namespace Decodex.Core.Tests.Trials;

/// <summary>A trial from registration to report: values day by day (time set by the test), guesses, a deviation, unblinding, analysis, exports.</summary>
public sealed class SelfExperimentTests
{
    private static readonly DateTimeOffset Registered = new(2027, 1, 3, 20, 0, 0, TimeSpan.Zero);

    private static TrialPlan Plan => new()
    {
        Title = "Caffeine and attention",
        Intervention = new TrialCondition("caffeine 100 mg", "caffeine"),
        Comparator = new TrialCondition("placebo capsule"),
        Design = TrialDesign.AbPairs,
        PhaseDays = 7,
        Cycles = 4,
        WashoutDays = 1,
        RunInDays = 3,
        StartDate = new DateOnly(2027, 1, 4),
        Outcomes = [new("attention", OutcomeKind.Rating, MinimalImportantDifference: 1), new("side-effects", OutcomeKind.Rating, LowerIsBetter: true)],
        PrimaryOutcome = "attention",
    };

    /// <summary>Runs the trial: every day a rating (1.5 higher on A days), side effects, and a guess that knows nothing.</summary>
    private static SelfExperiment Run(SelfExperiment record)
    {
        var random = new Random(12);
        foreach (var day in record.Schedule())
        {
            var now = new DateTimeOffset(day.Date.ToDateTime(new TimeOnly(21, 0)), TimeSpan.Zero);
            var a = day.Arm == TrialArm.A;
            record = record.Record(day.Date, "attention", Math.Round(5 + (a ? 1.5 : 0) + (random.NextDouble() * 2) - 1, 1), now)
                .Record(day.Date, "side-effects", random.Next(3), now);
            if (day.Arm is not null)
            {
                record = record.Guess(day.Date, 0.5, now);
            }
        }

        return record.Deviate(new DateOnly(2027, 1, 20), "missed-dose", "Forgot the capsule in the morning.", Registered.AddDays(17));
    }

    [Fact]
    public void EndToEnd_RegisterRecordUnblindAnalyseReport()
    {
        var record = Run(SelfExperiment.Start(Plan, Registered, new TrialAllocation(["AB", "BA", "BA", "AB"], "5a17")));

        // Until unblinding the conditions stay hidden.
        Assert.Throws<InvalidOperationException>(() => record.AnalysedRows());
        Assert.Throws<InvalidOperationException>(() => record.AllDataCsv());

        var unblinded = record.Unblind(Registered.AddDays(70));
        var analysis = unblinded.Analyze(new Dictionary<string, PopulationEffect> { ["attention"] = PopulationEffect.Find(ShippedKnowledge.Base, "caffeine", "attention")! })!;
        var attention = analysis.Outcomes.Single(o => o.Outcome == "attention");
        Assert.InRange(attention.Posterior!.Effect.Estimate, 1.0, 2.0);
        Assert.True(attention.ProbabilityMeaningfulBenefit > 0.5);
        Assert.NotNull(attention.PosteriorWithPrior);
        Assert.Equal(unblinded.Schedule().Count(d => d.Analysed), attention.N);

        var report = TrialReport.Of(unblinded, new Dictionary<string, PopulationEffect> { ["attention"] = PopulationEffect.Find(ShippedKnowledge.Base, "caffeine", "attention")! }, new DateOnly(2027, 3, 15));
        var html = report.Html();
        Assert.Contains("Self-experiment: Caffeine and attention", html, StringComparison.Ordinal);
        Assert.Contains("not a clinical study", html, StringComparison.Ordinal);
        Assert.Contains(unblinded.PlanSha256, html, StringComparison.Ordinal);
        Assert.Contains(unblinded.AllocationCommitment, html, StringComparison.Ordinal);
        Assert.Contains("Primary. attention: over", html, StringComparison.Ordinal);
        Assert.Contains("Attention and reaction time after sleep loss", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("did not track the truth beyond chance", html, StringComparison.Ordinal);
        Assert.Contains("missed-dose: Forgot the capsule in the morning.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("significant", html, StringComparison.OrdinalIgnoreCase);

        using var pdf = PdfDocument.Open(report.Pdf());
        var text = string.Concat(pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Caffeine and attention", text, StringComparison.Ordinal);
        Assert.Contains("CENT", text, StringComparison.Ordinal);
        Assert.Contains("ρ", text, StringComparison.Ordinal);

        // The analysed CSV is what `decodex trial analyze` reads, and gives the same answer.
        var csv = TrialCsv.Read(unblinded.AnalysedCsv(), "export.csv");
        Assert.False(csv.Refused);
        var again = TrialAnalyzer.Analyze(csv.Rows).Outcomes.Single(o => o.Outcome == "attention");
        Assert.Equal(attention.Posterior.Effect.Estimate, again.Posterior!.Effect.Estimate, 9);

        var all = unblinded.AllDataCsv();
        Assert.StartsWith("date,day,period,phase,condition,washout,run_in,envelope,kind,name,value,recorded_at\n", all, StringComparison.Ordinal);
        Assert.Contains(",yes,", all, StringComparison.Ordinal); // run-in and washout days are kept, marked
        Assert.Contains(",guess,probability-a,0.5,", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_RefusesWhatThePlanDoesNotHold_AndTheRecordRoundTripsAsJson()
    {
        var record = SelfExperiment.Start(Plan, Registered);
        Assert.Throws<ArgumentException>(() => record.Record(new DateOnly(2027, 1, 5), "mood", 5, Registered));
        Assert.Throws<ArgumentOutOfRangeException>(() => record.Record(new DateOnly(2026, 12, 31), "attention", 5, Registered));
        Assert.Throws<ArgumentOutOfRangeException>(() => record.Record(new DateOnly(2027, 1, 5), "attention", double.NaN, Registered));
        Assert.Throws<ArgumentOutOfRangeException>(() => record.Guess(new DateOnly(2027, 1, 5), 1.5, Registered));
        Assert.Throws<ArgumentException>(() => record.Deviate(new DateOnly(2027, 1, 5), "changed-my-mind", "x", Registered));
        Assert.Throws<ArgumentException>(() => SelfExperiment.Start(Plan with { Cycles = 1 }, Registered));

        var run = Run(record);
        var back = SelfExperiment.FromJson(run.ToJson());

        // A rating sent again the same day corrects it: the last counts in the analysis, both stay in the raw data.
        var day = run.Schedule().First(d => d.Analysed).Date;
        var corrected = run.Record(day, "attention", 9.9, Registered.AddDays(30)).Unblind(Registered.AddDays(70));
        Assert.Equal(9.9, corrected.AnalysedRows().Single(r => r.Date == day && r.Outcome == "attention").Value);
        Assert.Equal(2, corrected.AllDataCsv().Split('\n').Count(l => l.StartsWith(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) && l.Contains(",attention,", StringComparison.Ordinal)));
        Assert.Equal(run.PlanSha256, back.PlanSha256);
        Assert.Equal(run.Entries, back.Entries);
        Assert.Equal(run.Allocation.Orders, back.Allocation.Orders);
        Assert.Equal(run.Deviations, back.Deviations);
    }

    [Fact]
    public void Unblind_RefusesAnAllocationOrPlanChangedSinceTheStart()
    {
        var record = SelfExperiment.Start(Plan, Registered);
        var flipped = record with { Allocation = record.Allocation with { Orders = [.. record.Allocation.Orders.Select(o => o == "AB" ? "BA" : "AB")] } };
        Assert.Throws<InvalidOperationException>(() => flipped.Unblind(Registered.AddDays(60)));

        var edited = record with { Plan = record.Plan with { PrimaryOutcome = "side-effects" } };
        Assert.Throws<InvalidOperationException>(() => edited.Unblind(Registered.AddDays(60)));

        Assert.True(record.Unblind(Registered.AddDays(60)).Unblinded);
    }
}
