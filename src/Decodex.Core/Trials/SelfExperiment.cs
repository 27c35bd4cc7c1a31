using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Decodex.Core.Trials;

/// <summary>One value recorded during a trial: a rating, a test score or a number.</summary>
/// <param name="Date">The trial day it belongs to.</param>
/// <param name="Outcome">The planned outcome's name.</param>
/// <param name="Value">The value (for a cognitive test, its primary score).</param>
/// <param name="RecordedAt">When it was recorded; a value recorded long after its day stays visible as such.</param>
public sealed record TrialEntry(DateOnly Date, string Outcome, double Value, DateTimeOffset RecordedAt);

/// <summary>The daily answer to "what do you think you took today?": the stated probability of A.</summary>
public sealed record TrialGuess(DateOnly Date, double ProbabilityA, DateTimeOffset RecordedAt);

/// <summary>
/// A registered trial: the plan fixed by its hash at the start, the hidden allocation and its commitment,
/// everything recorded since, and the deviations. Nothing in it is ever edited: values and deviations
/// are added, and the allocation is revealed only by <see cref="Unblind"/>.
/// </summary>
public sealed record SelfExperiment
{
    public required Guid Id { get; init; }
    public required TrialPlan Plan { get; init; }
    public required string PlanSha256 { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required TrialAllocation Allocation { get; init; }
    public required string AllocationCommitment { get; init; }
    public IReadOnlyList<TrialEntry> Entries { get; init; } = [];
    public IReadOnlyList<TrialGuess> Guesses { get; init; } = [];
    public IReadOnlyList<TrialDeviation> Deviations { get; init; } = [];

    /// <summary>Every sitting of a browser test, with its raw trials and timing check.</summary>
    public IReadOnlyList<Cognitive.CognitiveSession> Sessions { get; init; } = [];

    public DateTimeOffset? UnblindedAt { get; init; }

    /// <summary>Most sittings of one test on one day.</summary>
    public const int MaxSessionsPerTestPerDay = 6;

    /// <summary>Whether the allocation has been revealed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Unblinded => UnblindedAt is not null;

    /// <summary>Registers <paramref name="plan"/>: fixes its hash and draws the allocation.</summary>
    /// <exception cref="ArgumentException">The plan has problems (<see cref="TrialPlan.Problems"/>).</exception>
    public static SelfExperiment Start(TrialPlan plan, DateTimeOffset now) => Start(plan, now, null);

    /// <summary>As <see cref="Start(TrialPlan, DateTimeOffset)"/> with a given allocation (tests); null draws one.</summary>
    internal static SelfExperiment Start(TrialPlan plan, DateTimeOffset now, TrialAllocation? given)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException("The plan cannot start: " + string.Join(" ", problems), nameof(plan));
        }

        var allocation = given ?? TrialAllocation.Draw(plan);
        return new SelfExperiment
        {
            Id = Guid.NewGuid(),
            Plan = plan,
            PlanSha256 = plan.Sha256(),
            RegisteredAt = now,
            Allocation = allocation,
            AllocationCommitment = allocation.Commitment(),
        };
    }

    /// <summary>The schedule (conditions included: use only where the person may see them, or internally).</summary>
    public IReadOnlyList<ScheduledDay> Schedule() => TrialSchedule.Of(Plan, Allocation);

    /// <summary>Records a value; refused for an unknown outcome, a day outside the trial or a value that is not a finite number.</summary>
    public SelfExperiment Record(DateOnly date, string outcome, double value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (Plan.Outcomes.All(o => o.Name != outcome))
        {
            throw new ArgumentException("The outcome is not in the plan.", nameof(outcome));
        }

        if (!double.IsFinite(value) || Math.Abs(value) > 1e9)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value must be a finite number.");
        }

        CheckDay(date);
        return this with { Entries = [.. Entries, new TrialEntry(date, outcome, value, now)] };
    }

    /// <summary>
    /// Stores a sitting of a browser test. A session on a run-in day is practice whatever it was called.
    /// A session that is not practice and gives a score also records that score as the day's value of the
    /// outcome (several sittings a day are averaged by the analysis).
    /// </summary>
    /// <exception cref="ArgumentException">The outcome is not a browser test of the plan, the trials do not fit the test, or the day already has its most sittings.</exception>
    public SelfExperiment AddSession(DateOnly date, string outcome, bool practice, IReadOnlyList<Cognitive.CognitiveTrial> trials, Cognitive.TimingCheck timing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (Plan.Outcomes.FirstOrDefault(o => o.Name == outcome) is not { } planned || !Cognitive.CognitiveTests.IsTest(planned.Kind))
        {
            throw new ArgumentException("The outcome is not a browser test of this plan.", nameof(outcome));
        }

        if (Cognitive.CognitiveTests.Problems(planned.Kind, trials, timing) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(trials));
        }

        CheckDay(date);
        if (Sessions.Count(s => s.Date == date && s.Outcome == outcome) >= MaxSessionsPerTestPerDay)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A test can be taken at most {MaxSessionsPerTestPerDay} times a day."), nameof(date));
        }

        var runIn = date < Plan.StartDate.AddDays(Plan.RunInDays);
        var session = new Cognitive.CognitiveSession
        {
            Id = Guid.NewGuid(),
            Date = date,
            Outcome = outcome,
            Test = planned.Kind,
            Practice = practice || runIn,
            RecordedAt = now,
            Trials = trials,
            Timing = timing,
        };
        var next = this with { Sessions = [.. Sessions, session] };
        return !session.Practice && session.Score().Primary is { } score ? next.Record(date, outcome, score, now) : next;
    }

    /// <summary>The sessions of one test outcome that count as practice, oldest first, and whether their scores have levelled off.</summary>
    public (IReadOnlyList<Cognitive.CognitiveSession> Sessions, bool LevelledOff) Practice(string outcome)
    {
        var practice = Sessions.Where(s => s.Outcome == outcome && s.Practice).OrderBy(s => s.RecordedAt).ToList();
        var scores = practice.Select(s => s.Score().Primary).OfType<double>().ToList();
        return (practice, practice.Count > 0 && Cognitive.CognitiveTests.PracticeLevelledOff(practice[0].Test, scores));
    }

    /// <summary>Records the day's guess of the condition.</summary>
    public SelfExperiment Guess(DateOnly date, double probabilityA, DateTimeOffset now)
    {
        if (!(probabilityA >= 0 && probabilityA <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probabilityA), "A probability lies from 0 to 1.");
        }

        CheckDay(date);
        return this with { Guesses = [.. Guesses.Where(g => g.Date != date), new TrialGuess(date, probabilityA, now)] };
    }

    /// <summary>Logs a departure from the plan.</summary>
    public SelfExperiment Deviate(DateOnly date, string kind, string note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(note);
        if (!TrialDeviation.Kinds.Contains(kind) || note.Length > 1000)
        {
            throw new ArgumentException("Unknown kind of deviation, or a note over 1,000 characters.", nameof(kind));
        }

        return this with { Deviations = [.. Deviations, new TrialDeviation(date, kind, note, now)] };
    }

    /// <summary>Reveals the allocation; checks first that it is the one committed to at the start.</summary>
    /// <exception cref="InvalidOperationException">The allocation does not match its commitment (the record was altered).</exception>
    public SelfExperiment Unblind(DateTimeOffset now)
    {
        if (Allocation.Commitment() != AllocationCommitment || Plan.Sha256() != PlanSha256)
        {
            throw new InvalidOperationException("The trial's plan or allocation does not match what was registered at its start.");
        }

        return Unblinded ? this : this with { UnblindedAt = now };
    }

    /// <summary>
    /// The values that enter the analysis, in the long format of <see cref="TrialCsv"/>: days of a phase
    /// outside its washout, with their period and condition. A rating or number given again the same day
    /// is a correction: the last one counts (all stay in <see cref="AllDataCsv"/>). Several sessions of a
    /// test on one day are all kept, and the analysis averages them. Only after unblinding.
    /// </summary>
    public IReadOnlyList<TrialRow> AnalysedRows()
    {
        RequireUnblinded();
        var days = Schedule().Where(d => d.Analysed).ToDictionary(d => d.Date);
        var corrected = Plan.Outcomes.Where(o => o.Kind is OutcomeKind.Rating or OutcomeKind.Number).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var entries = Entries.Where(e => days.ContainsKey(e.Date))
            .GroupBy(e => (e.Date, e.Outcome))
            .SelectMany(g => corrected.Contains(g.Key.Outcome) ? [g.Last()] : g.AsEnumerable());
        return [.. entries.OrderBy(e => e.Date).ThenBy(e => e.Outcome, StringComparer.Ordinal)
            .Select((e, i) => new TrialRow(e.Date, days[e.Date].Period, days[e.Date].Arm!.Value, e.Outcome, e.Value, i + 2))];
    }

    /// <summary>The analysis of every outcome, with each outcome's direction and MID from the plan. Only after unblinding.</summary>
    public TrialAnalysis? Analyze(IReadOnlyDictionary<string, PopulationEffect>? population = null)
    {
        var rows = AnalysedRows();
        if (rows.Count == 0)
        {
            return null;
        }

        var settings = Plan.Outcomes.ToDictionary(o => o.Name, o => new OutcomeSettings(o.LowerIsBetter, o.MinimalImportantDifference, Population: population?.GetValueOrDefault(o.Name)), StringComparer.Ordinal);
        return TrialAnalyzer.Analyze(rows, new TrialAnalysisOptions(Outcomes: settings));
    }

    /// <summary>
    /// The published population effect for each outcome the plan links to a knowledge-base outcome, when
    /// the intervention is a knowledge-base compound and the knowledge base has a standardised figure.
    /// </summary>
    public IReadOnlyDictionary<string, PopulationEffect> PopulationEffects(Knowledge.KnowledgeBase knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        var effects = new Dictionary<string, PopulationEffect>(StringComparer.Ordinal);
        if (Plan.Intervention.CompoundId is { } compound)
        {
            foreach (var outcome in Plan.Outcomes)
            {
                if (outcome.KnowledgeOutcomeId is { } id && PopulationEffect.Find(knowledgeBase, compound, id) is { } effect)
                {
                    effects[outcome.Name] = effect;
                }
            }
        }

        return effects;
    }

    /// <summary>The blinding check over the guesses of analysed days. Only after unblinding.</summary>
    public BlindingCheck? Blinding()
    {
        RequireUnblinded();
        var days = Schedule().Where(d => d.Arm is not null).ToDictionary(d => d.Date);
        return BlindingCheck.Of([.. Guesses.Where(g => days.ContainsKey(g.Date)).OrderBy(g => g.Date)
            .Select(g => new TrialDay(days[g.Date].Day, days[g.Date].Period, days[g.Date].Arm!.Value, g.ProbabilityA))]);
    }

    /// <summary>The analysed values as CSV in the long format that <c>decodex trial analyze</c> reads. Only after unblinding.</summary>
    public string AnalysedCsv()
    {
        var text = new StringBuilder("date,period,condition,outcome,value\n");
        foreach (var r in AnalysedRows())
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Date:yyyy-MM-dd},{r.Period},{r.Arm},{r.Outcome},{r.Value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Every recorded value with its day's place in the schedule (run-in and washout days included and
    /// marked), the guesses, and the allocation: the raw data as CSV. Only after unblinding.
    /// </summary>
    public string AllDataCsv()
    {
        RequireUnblinded();
        var days = Schedule().ToDictionary(d => d.Date);
        var text = new StringBuilder("date,day,period,phase,condition,washout,run_in,envelope,kind,name,value,recorded_at\n");
        var rows = Entries.Select(e => (e.Date, Kind: "value", Name: e.Outcome, e.Value, e.RecordedAt))
            .Concat(Guesses.Select(g => (g.Date, Kind: "guess", Name: "probability-a", Value: g.ProbabilityA, g.RecordedAt)))
            .OrderBy(r => r.Date).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.RecordedAt);
        foreach (var r in rows)
        {
            var d = days.GetValueOrDefault(r.Date);
            text.Append(CultureInfo.InvariantCulture, $"{r.Date:yyyy-MM-dd},{d?.Day},{d?.Period},{d?.Phase},{d?.Arm},{(d?.Washout == true ? "yes" : "no")},{(d is { Arm: null } ? "yes" : "no")},{d?.Envelope},{r.Kind},{r.Name},{r.Value.ToString("R", CultureInfo.InvariantCulture)},{r.RecordedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");
        }

        return text.ToString();
    }

    /// <summary>The record as JSON (for encrypted storage and export).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TrialJsonContext.Default.SelfExperiment);

    /// <summary>Reads a record written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">It is not one.</exception>
    public static SelfExperiment FromJson(string json) => JsonSerializer.Deserialize(json, TrialJsonContext.Default.SelfExperiment) ?? throw new JsonException("Not a trial record.");

    private void CheckDay(DateOnly date)
    {
        var last = Plan.StartDate.AddDays(Plan.TotalDays - 1);
        if (date < Plan.StartDate || date > last)
        {
            throw new ArgumentOutOfRangeException(nameof(date), "The date is outside the trial.");
        }
    }

    private void RequireUnblinded()
    {
        if (!Unblinded)
        {
            throw new InvalidOperationException("The conditions stay hidden until the trial is unblinded.");
        }
    }
}
