using System.CommandLine;
using System.Globalization;
using Decodex.Core.Trials;

namespace Decodex.Cli;

/// <summary>
/// <c>decodex trial analyze FILE.csv</c>: the analysis of an N-of-1 trial's daily data collected anywhere;
/// <c>decodex trial simulate</c>: the Monte Carlo check of that analysis (false positives, coverage, power).
/// </summary>
internal static class TrialCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var trial = new Command("trial", "Self-experiments (N-of-1 trials): analyse a trial's daily data; check the analysis by simulation.");
        trial.Subcommands.Add(Plan(output, error));
        trial.Subcommands.Add(Analyze(output, error));
        trial.Subcommands.Add(Simulate(output));
        return trial;
    }

    private static Command Plan(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("plan") { Description = "The plan as JSON (see samples/trial-plan.json and the README)." };
        var effect = new Option<double>("--effect") { Description = "The effect to plan for, in units of the primary outcome's day-to-day SD (default 0.5).", DefaultValueFactory = _ => 0.5 };
        var rho = new Option<double>("--rho") { Description = "The day-to-day autocorrelation to assume (default 0.3).", DefaultValueFactory = _ => 0.3 };
        var runs = new Option<int>("--runs") { Description = "Simulated trials for the power estimate (default 1,000).", DefaultValueFactory = _ => 1000 };
        var ics = new Option<string?>("--ics") { Description = "Write a calendar file (.ics) with a reminder for every day of the trial." };
        var time = new Option<string>("--time") { Description = "The time of day of the reminders, HH:MM (default 08:00).", DefaultValueFactory = _ => "08:00" };
        var command = new Command("plan", "Check a trial plan before it starts: its schedule, its power by simulation under the AR(1) model, the smallest randomisation p it allows; optionally a reminder calendar. Exit 0 ready, 1 with problems to fix, 2 refused.") { file, effect, rho, runs, ics, time };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path) || new FileInfo(path).Length > TrialPlan.MaxJsonBytes)
            {
                error.WriteLine(File.Exists(path) ? "decodex: the plan file is larger than 64 KB." : $"decodex: the plan file '{path}' does not exist.");
                return ExitCodes.UnusableInput;
            }

            var (plan, problem) = TrialPlan.FromJson(File.ReadAllText(path));
            if (plan is null)
            {
                error.WriteLine($"decodex: {problem}");
                return ExitCodes.UnusableInput;
            }

            var r = parse.GetValue(rho);
            var d = parse.GetValue(effect);
            if (!(Math.Abs(r) < 0.95) || !double.IsFinite(d) || Math.Abs(d) > 10)
            {
                error.WriteLine("decodex: --rho must lie between -0.95 and 0.95, and --effect between -10 and 10.");
                return ExitCodes.UnusableInput;
            }

            if (!TimeOnly.TryParseExact(parse.GetValue(time), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                error.WriteLine("decodex: --time must be written HH:MM (24-hour).");
                return ExitCodes.UnusableInput;
            }

            var problems = plan.Problems();
            if (problems.Count > 0)
            {
                foreach (var p in problems)
                {
                    output.WriteLine("problem: " + p);
                }

                return ExitCodes.Problems;
            }

            var schedule = TrialSchedule.Of(plan, TrialAllocation.Draw(plan));
            var power = TrialPower.Estimate(plan, Math.Abs(d), r, Math.Clamp(parse.GetValue(runs), 50, 20_000));
            var o = output;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plan.Title}: {plan.Intervention.Name} (A) against {plan.Comparator.Name} (B), {(plan.Blinded ? "blinded" : "not blinded")}."));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Design: {Design(plan)}; {plan.TotalDays} days from {schedule[0].Date:yyyy-MM-dd} to {schedule[^1].Date:yyyy-MM-dd}{(plan.RunInDays > 0 ? $", the first {plan.RunInDays} for practice" : string.Empty)}{(plan.WashoutDays > 0 ? $"; the first {plan.WashoutDays} days of each change of condition are measured but not analysed" : string.Empty)}."));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Primary outcome: {plan.PrimaryOutcome}; exploratory: {(plan.Outcomes.Count > 1 ? string.Join(", ", plan.Outcomes.Where(x => x.Name != plan.PrimaryOutcome).Select(x => x.Name)) : "none")}."));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Power: if A changes the primary outcome by {Math.Abs(d):0.##} of its day-to-day SD (autocorrelation {r:0.##}), this plan finds it (95 % interval on the better side of 0) in {power.Power:P0} of {power.Runs:N0} simulated trials; the planning formula says {power.ApproximatePower:P0}; about {power.AnalysedDays:0} days per outcome are analysed."));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The randomisation test can give no p below {power.MinimumRandomisationP:0.####} with {plan.Cycles} cycles."));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Plan SHA-256 (the registration, once it starts): {plan.Sha256()}"));
            if (parse.GetValue(ics) is { } calendar)
            {
                try
                {
                    File.WriteAllText(calendar, TrialCalendar.Ics(schedule, at, "trial-" + plan.Sha256()[..16], DateTimeOffset.UtcNow));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"decodex: the calendar could not be written to '{calendar}'.");
                    return ExitCodes.UnusableInput;
                }

                o.WriteLine($"Calendar written: {calendar} ({schedule.Count} reminders at {at:HH:mm}; they name the day and envelope, nothing else).");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Design(TrialPlan plan) => plan.Design switch
    {
        TrialDesign.AbPairs => string.Create(CultureInfo.InvariantCulture, $"{plan.Cycles} pairs of {plan.PhaseDays}-day phases, each pair's order (AB or BA) drawn at random"),
        TrialDesign.RandomisedBlocks => string.Create(CultureInfo.InvariantCulture, $"{plan.Cycles} blocks of four {plan.PhaseDays}-day phases (two A, two B), each block's order drawn at random"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{plan.Cycles} pairs of days, each pair's order drawn at random"),
    };

    private static Command Analyze(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "CSV with the header date,period,condition,outcome,value (see the README)." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (names documented in the README)." };
        var trend = new Option<bool>("--trend") { Description = "Put a linear trend in the main model (practice effects); it is reported as a diagnostic either way." };
        var lower = new Option<string[]>("--lower-is-better") { Description = "An outcome for which lower values are better (reaction time, side effects); repeat for several." };
        var mid = new Option<string[]>("--mid") { Description = "OUTCOME=VALUE: the smallest change that matters to you, in the outcome's units; repeat for several." };
        var prior = new Option<string[]>("--prior") { Description = "OUTCOME=MEAN,SD: an informative normal prior on A − B in the outcome's units, shown beside the flat-prior result." };
        var evidence = new Option<string[]>("--evidence") { Description = "OUTCOME=COMPOUND:KB-OUTCOME (e.g. attention=caffeine:attention): set the knowledge base's population effect beside your result and use it as a prior, shown with and without." };
        var dir = new Option<string?>("--knowledge") { Description = "Knowledge-base folder for --evidence (default: the shipped one)." };
        var command = new Command("analyze", "Analyse an N-of-1 trial: per outcome the effect A − B with its 95 % credible interval (Bayesian, AR(1) errors), P(A − B > 0), the randomisation test and diagnostics. Exit 0 analysed, 2 refused.") { file, json, trend, lower, mid, prior, evidence, dir };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                error.WriteLine(Directory.Exists(path) ? $"decodex: '{path}' is a folder; give the CSV file itself." : $"decodex: the file '{path}' does not exist.");
                return ExitCodes.UnusableInput;
            }

            var settings = new Dictionary<string, OutcomeSettings>(StringComparer.Ordinal);
            OutcomeSettings Get(string name) => settings.GetValueOrDefault(name) ?? new OutcomeSettings();
            foreach (var name in parse.GetValue(lower) ?? [])
            {
                settings[name] = Get(name) with { LowerIsBetter = true };
            }

            foreach (var pair in parse.GetValue(mid) ?? [])
            {
                if (!TrySplit(pair, out var name, out var text) || !TryNumber(text, out var value) || value <= 0)
                {
                    error.WriteLine("decodex: --mid must be written OUTCOME=VALUE with a positive number (e.g. --mid focus=0.5).");
                    return ExitCodes.UnusableInput;
                }

                settings[name] = Get(name) with { MinimalImportantDifference = value };
            }

            foreach (var pair in parse.GetValue(prior) ?? [])
            {
                var parts = TrySplit(pair, out var name, out var text) ? text.Split(',') : [];
                if (parts.Length != 2 || !TryNumber(parts[0], out var mean) || !TryNumber(parts[1], out var sd) || sd <= 0)
                {
                    error.WriteLine("decodex: --prior must be written OUTCOME=MEAN,SD with a positive SD (e.g. --prior focus=0.2,0.3).");
                    return ExitCodes.UnusableInput;
                }

                settings[name] = Get(name) with { Prior = new EffectPrior(mean, sd, "--prior") };
            }

            var links = parse.GetValue(evidence) ?? [];
            if (links.Length > 0)
            {
                var loaded = Decodex.Core.Knowledge.KnowledgeBaseLoader.LoadDirectory(KnowledgeFolder.Resolve(parse.GetValue(dir)));
                if (loaded.KnowledgeBase is not { } kb)
                {
                    error.WriteLine("decodex: the knowledge base is invalid; run 'decodex kb validate'.");
                    return ExitCodes.Problems;
                }

                foreach (var link in links)
                {
                    var target = TrySplit(link, out var name, out var text) ? text.Split(':') : [];
                    if (target.Length != 2)
                    {
                        error.WriteLine("decodex: --evidence must be written OUTCOME=COMPOUND:KB-OUTCOME (e.g. --evidence attention=caffeine:attention).");
                        return ExitCodes.UnusableInput;
                    }

                    if (kb.Compound(target[0]) is null || kb.Outcome(target[1]) is null)
                    {
                        error.WriteLine($"decodex: the knowledge base has no compound '{target[0]}' or no outcome '{target[1]}' ('decodex kb list' lists the compounds).");
                        return ExitCodes.UnusableInput;
                    }

                    if (Decodex.Core.Trials.PopulationEffect.Find(kb, target[0], target[1]) is not { } population)
                    {
                        error.WriteLine($"decodex: the knowledge base has no standardised effect (SMD, Hedges' g, Cohen's d with an interval) from human studies of {target[0]} on {target[1]}; analysed without it.");
                        continue;
                    }

                    settings[name] = Get(name) with { Population = population };
                }
            }

            var data = TrialCsv.ReadFile(path, path);
            foreach (var issue in data.Issues)
            {
                error.WriteLine(issue.ToString());
            }

            if (data.Refused)
            {
                return ExitCodes.UnusableInput;
            }

            var unknown = settings.Keys.Where(k => data.Rows.All(r => r.Outcome != k)).ToList();
            if (unknown.Count > 0)
            {
                error.WriteLine($"decodex: {unknown.Count} outcome name(s) given in options are not in the file (names are case-sensitive).");
                return ExitCodes.UnusableInput;
            }

            var analysis = TrialAnalyzer.Analyze(data.Rows, new TrialAnalysisOptions(parse.GetValue(trend), settings));
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(TrialAnalyzeOutput.Of(path, analysis)));
            }
            else
            {
                Text(output, analysis);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Simulate(TextWriter output)
    {
        var runs = new Option<int>("--runs") { Description = "Simulated trials per scenario (default 2,000).", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random numbers (the same seed gives the same table).", DefaultValueFactory = _ => 20261204 };
        var json = new Option<bool>("--json") { Description = "Write the table as JSON." };
        var command = new Command("simulate", "Check the analysis by Monte Carlo: ABAB trials with randomised order in each pair, 7-day phases, AR(1) days; false positives, 95 % interval coverage and power, beside a daily t-test. Exit 0.") { runs, seed, json };
        command.SetAction(parse =>
        {
            var n = Math.Clamp(parse.GetValue(runs), 10, 100_000);
            var results = StandardScenarios(n, parse.GetValue(seed)).Select(TrialSimulation.Run).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(results.Select(SimulationRow.Of).ToList()));
                return ExitCodes.Success;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} simulated trials per row; 7-day phases; effect in units of the day-to-day SD."));
            output.WriteLine("cycles  rho   effect  benefit  harm    coverage  daily-t  daily-t-benefit  randomisation (min p)");
            foreach (var r in results)
            {
                var s = r.Scenario;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Cycles,6}  {s.Rho,4:0.0}  {s.Effect,6:0.0}  {r.Benefit,7:0.000}  {r.Harm,6:0.000}  {r.Coverage,8:0.000}  {r.DailyTTest,7:0.000}  {r.DailyTTestBenefit,15:0.000}  {r.Randomisation:0.000} ({r.RandomisationMinimumP:0.000})"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The scenarios of the README's table: no effect at ρ 0, 0.3 and 0.6 with 4 and 6 cycles, then power at 0.5 and 1 SD.</summary>
    internal static IEnumerable<SimulationScenario> StandardScenarios(int runs, int seed)
    {
        foreach (var cycles in new[] { 4, 6 })
        {
            foreach (var rho in new[] { 0.0, 0.3, 0.6 })
            {
                yield return new SimulationScenario(cycles, 7, rho, 0, runs, seed);
            }
        }

        yield return new SimulationScenario(4, 7, 0.3, 0.5, runs, seed);
        yield return new SimulationScenario(6, 7, 0.3, 0.5, runs, seed);
        yield return new SimulationScenario(6, 7, 0.3, 1.0, runs, seed);
    }

    private static void Text(TextWriter o, TrialAnalysis analysis)
    {
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trial from {analysis.FirstDate:yyyy-MM-dd} to {analysis.LastDate:yyyy-MM-dd}, {analysis.Periods} periods; model: AR(1) errors{(analysis.Trend ? " and a linear trend" : string.Empty)}, flat priors."));
        foreach (var a in analysis.Outcomes)
        {
            o.WriteLine();
            o.WriteLine(a.Summary);
            if (a.Posterior is { } p)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  effect A − B {p.Effect.Estimate:0.###} [{p.Effect.Lower:0.###}, {p.Effect.Upper:0.###}]  P(A − B > 0) {p.ProbabilityPositive:0.000}  rho {p.Rho:0.00} [{p.RhoInterval.Lower:0.00}, {p.RhoInterval.Upper:0.00}]  SD {p.Sigma:0.###}"));
            }

            if (a.Randomisation is { } r)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  randomisation test ({(r.Scheme == RandomisationScheme.WithinPeriods ? "order within each period" : "conditions over periods")}): p {r.P:0.####}, smallest possible {r.MinimumP:0.####}, {r.Allocations:N0} allocations{(r.Exact ? string.Empty : " sampled")}{(r.PeriodsLeftOut > 0 ? $", {r.PeriodsLeftOut} period(s) with one condition left out" : string.Empty)}"));
            }

            if (a.CarryOver is { EarlyDifference: { } early, LateDifference: { } late })
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  carry-over check (raw means): A − B {early:0.###} in the first half of each phase, {late:0.###} in the second"));
            }

            var trendFit = a.Posterior?.TrendPerWeek is not null ? a.Posterior : a.Alternative;
            if (trendFit?.TrendPerWeek is { } t)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  trend {t.Estimate:0.###} per week [{t.Lower:0.###}, {t.Upper:0.###}]"));
            }
        }
    }

    private static bool TrySplit(string pair, out string name, out string value)
    {
        var at = pair.LastIndexOf('=');
        name = at > 0 ? pair[..at].Trim() : string.Empty;
        value = at > 0 ? pair[(at + 1)..].Trim() : string.Empty;
        return name.Length > 0 && value.Length > 0;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

internal sealed record IntervalOutput(double Estimate, double Lower, double Upper)
{
    public static IntervalOutput? Of(Interval? i) => i is null ? null : new IntervalOutput(i.Estimate, i.Lower, i.Upper);
}

internal sealed record RandomisationOutput(string Scheme, double Statistic, double P, double MinimumP, long Allocations, bool Exact, int Periods, int PeriodsLeftOut);

internal sealed record CarryOverOutput(double? EarlyDifference, double? LateDifference, int EarlyDays, int LateDays);

internal sealed record PriorOutput(double Mean, double StandardDeviation, string? Source, IntervalOutput Effect, double ProbabilityPositive);

internal sealed record TrialOutcomeOutput
{
    public required string Outcome { get; init; }
    public required string Status { get; init; }
    public required int N { get; init; }
    public required int DaysA { get; init; }
    public required int DaysB { get; init; }
    public required int Periods { get; init; }
    public required bool LowerIsBetter { get; init; }
    public double? MinimalImportantDifference { get; init; }
    public IntervalOutput? Effect { get; init; }
    public double? Median { get; init; }
    public double? ProbabilityPositive { get; init; }
    public double? ProbabilityBenefit { get; init; }
    public double? ProbabilityMeaningfulBenefit { get; init; }
    public double? ProbabilityMeaningfulHarm { get; init; }
    public double? Rho { get; init; }
    public IntervalOutput? RhoInterval { get; init; }
    public double? Sigma { get; init; }
    public int? DegreesOfFreedom { get; init; }
    public double? RandomisationP { get; init; }
    public RandomisationOutput? Randomisation { get; init; }
    public IntervalOutput? TrendPerWeek { get; init; }
    public IntervalOutput? EffectWithTrend { get; init; }
    public IntervalOutput? EffectWithoutTrend { get; init; }
    public CarryOverOutput? CarryOver { get; init; }
    public double? RawDifference { get; init; }
    public PriorOutput? Prior { get; init; }
    public PopulationOutput? Population { get; init; }
    public required string Summary { get; init; }
}

internal sealed record PopulationOutput(string ClaimId, string ClaimTitle, string CitationId, string Source, string Metric, double Estimate, double Lower, double Upper, string Direction, string Grade, int? Participants, double BenefitInSds);

internal sealed record TrialAnalyzeOutput(string File, string FirstDate, string LastDate, int Periods, bool Trend, string Model, IReadOnlyList<TrialOutcomeOutput> Outcomes)
{
    public static TrialAnalyzeOutput Of(string file, TrialAnalysis analysis) => new(
        file,
        analysis.FirstDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        analysis.LastDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        analysis.Periods,
        analysis.Trend,
        "Bayesian regression of daily values on condition" + (analysis.Trend ? " and a linear trend" : string.Empty) + ", AR(1) errors over calendar days; flat priors on the effect, baseline and trend, 1/tau^2 on the variance, uniform grid of 99 points on rho in (-0.98, 0.98).",
        [.. analysis.Outcomes.Select(Outcome)]);

    private static TrialOutcomeOutput Outcome(OutcomeAnalysis a)
    {
        var p = a.Posterior;
        var withTrend = p?.TrendPerWeek is not null ? p : a.Alternative;
        var withoutTrend = p?.TrendPerWeek is null ? p : a.Alternative;
        return new TrialOutcomeOutput
        {
            Outcome = a.Outcome,
            Status = a.Status,
            N = a.N,
            DaysA = a.DaysA,
            DaysB = a.DaysB,
            Periods = a.Periods,
            LowerIsBetter = a.Settings.LowerIsBetter,
            MinimalImportantDifference = a.Settings.MinimalImportantDifference,
            Effect = IntervalOutput.Of(p?.Effect),
            Median = p?.Median,
            ProbabilityPositive = p?.ProbabilityPositive,
            ProbabilityBenefit = a.ProbabilityBenefit,
            ProbabilityMeaningfulBenefit = a.ProbabilityMeaningfulBenefit,
            ProbabilityMeaningfulHarm = a.ProbabilityMeaningfulHarm,
            Rho = p?.Rho,
            RhoInterval = IntervalOutput.Of(p?.RhoInterval),
            Sigma = p?.Sigma,
            DegreesOfFreedom = p?.DegreesOfFreedom,
            RandomisationP = a.Randomisation?.P,
            Randomisation = a.Randomisation is { } r ? new RandomisationOutput(r.Scheme == RandomisationScheme.WithinPeriods ? "within-periods" : "across-periods", r.Statistic, r.P, r.MinimumP, r.Allocations, r.Exact, r.Periods, r.PeriodsLeftOut) : null,
            TrendPerWeek = IntervalOutput.Of(withTrend?.TrendPerWeek),
            EffectWithTrend = IntervalOutput.Of(withTrend?.Effect),
            EffectWithoutTrend = IntervalOutput.Of(withoutTrend?.Effect),
            CarryOver = a.CarryOver is { } c ? new CarryOverOutput(c.EarlyDifference, c.LateDifference, c.EarlyDays, c.LateDays) : null,
            RawDifference = a.RawDifference,
            Prior = a.Settings.Prior is { } prior && a.PosteriorWithPrior is { } wp ? new PriorOutput(prior.Mean, prior.StandardDeviation, prior.Source, IntervalOutput.Of(wp.Effect)!, wp.ProbabilityPositive) : null,
            Population = a.Settings.Population is { } pop ? new PopulationOutput(pop.ClaimId, pop.ClaimTitle, pop.CitationId, pop.Source, pop.Metric, pop.Estimate, pop.Lower, pop.Upper, pop.Direction.ToString(), pop.Grade.Label, pop.Participants, pop.BenefitInSds) : null,
            Summary = a.Summary,
        };
    }
}

internal sealed record SimulationRow(int Cycles, int PhaseDays, double Rho, double Effect, int Runs, int Seed, double Benefit, double Harm, double Coverage, double MeanProbabilityPositive, double DailyTTest, double DailyTTestBenefit, double Randomisation, double RandomisationMinimumP)
{
    public static SimulationRow Of(SimulationResult r) => new(r.Scenario.Cycles, r.Scenario.PhaseDays, r.Scenario.Rho, r.Scenario.Effect, r.Scenario.Runs, r.Scenario.Seed, r.Benefit, r.Harm, r.Coverage, r.MeanProbabilityPositive, r.DailyTTest, r.DailyTTestBenefit, r.Randomisation, r.RandomisationMinimumP);
}
