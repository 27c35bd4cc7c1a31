using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Decodex.Core.Trials;

/// <summary>How the conditions are laid out in time.</summary>
public enum TrialDesign
{
    /// <summary>K cycles of an A phase and a B phase, each cycle's order (AB or BA) by a coin flip.</summary>
    AbPairs,

    /// <summary>K blocks of two A phases and two B phases, each block's order drawn from the six balanced ones (AABB, ABAB, ABBA, BAAB, BABA, BBAA).</summary>
    RandomisedBlocks,

    /// <summary>Pairs of single days, each pair's order by a coin flip: for what acts and wears off within a day.</summary>
    AlternatingDays,
}

/// <summary>What a condition is: the intervention, or what it is compared with.</summary>
/// <param name="Name">As the person calls it ("Bacopa 300 mg", "placebo capsule", "nothing").</param>
/// <param name="CompoundId">The knowledge-base compound, when it is one.</param>
public sealed record TrialCondition(string Name, string? CompoundId = null);

/// <summary>How an outcome is measured.</summary>
public enum OutcomeKind
{
    /// <summary>A daily rating on a 0–10 scale (mood, energy, focus, sleep, side effects, or one the person names).</summary>
    Rating,

    /// <summary>The 3-minute PVT-B; its response speed (1/RT, s⁻¹) is the value.</summary>
    PvtBrief,

    /// <summary>The standard 10-minute PVT; its response speed is the value.</summary>
    Pvt,

    /// <summary>Adaptive digit span; the mean span is the value.</summary>
    DigitSpan,

    /// <summary>2-back; d′ is the value.</summary>
    TwoBack,

    /// <summary>Stroop; the response speed on correct trials is the value.</summary>
    Stroop,

    /// <summary>Any number the person records (a home blood pressure, hours slept).</summary>
    Number,
}

/// <summary>One outcome of the plan.</summary>
/// <param name="Name">Its name in the data (letters, digits, hyphens).</param>
/// <param name="Kind">How it is measured.</param>
/// <param name="LowerIsBetter">True for side effects, reaction times and the like.</param>
/// <param name="MinimalImportantDifference">The smallest change that matters to the person, in the outcome's units.</param>
/// <param name="EveryDays">Measured every this many days (1 = daily).</param>
/// <param name="KnowledgeOutcomeId">The knowledge base's outcome closest to this one (e.g. <c>attention</c>), whose published effect for the intervention is shown beside the result.</param>
public sealed record PlannedOutcome(string Name, OutcomeKind Kind, bool LowerIsBetter = false, double? MinimalImportantDifference = null, int EveryDays = 1, string? KnowledgeOutcomeId = null);

/// <summary>
/// A self-experiment as designed before it starts. Once registered its hash is fixed: a later change is
/// a logged deviation, never an edit.
/// </summary>
public sealed record TrialPlan
{
    public required string Title { get; init; }
    public required TrialCondition Intervention { get; init; }
    public required TrialCondition Comparator { get; init; }
    public required TrialDesign Design { get; init; }

    /// <summary>Days per phase (1 for alternating days).</summary>
    public required int PhaseDays { get; init; }

    /// <summary>Cycles (AB pairs), blocks, or day pairs.</summary>
    public required int Cycles { get; init; }

    /// <summary>Days at the start of each phase that are measured but left out of the analysis (the previous condition wearing off).</summary>
    public int WashoutDays { get; init; }

    /// <summary>Days before the first phase for practice (cognitive tests improve with repetition); measured, not analysed.</summary>
    public int RunInDays { get; init; }

    public required DateOnly StartDate { get; init; }
    public required IReadOnlyList<PlannedOutcome> Outcomes { get; init; }

    /// <summary>The outcome that decides the headline; the others are exploratory.</summary>
    public required string PrimaryOutcome { get; init; }

    /// <summary>
    /// The intervention's elimination half-life in hours, as the person read it (a product label); used
    /// only to check the washout. The knowledge base holds no structured half-lives yet.
    /// </summary>
    public double? HalfLifeHours { get; init; }

    /// <summary>
    /// The washout, in whole days, that covers five half-lives (1 − 0.5⁵ ≈ 97 % of the drug eliminated,
    /// under first-order elimination); null without a half-life. Effects can outlast the drug in the blood.
    /// </summary>
    [JsonIgnore]
    public int? SuggestedWashoutDays => HalfLifeHours is { } h ? (int)Math.Ceiling(5 * h / 24) : null;

    /// <summary>Whether a helper prepares identical doses so that the person does not know the condition.</summary>
    public bool Blinded { get; init; } = true;

    /// <summary>Phases per cycle: 2 for pairs and alternating days, 4 for blocks.</summary>
    [JsonIgnore]
    public int PhasesPerCycle => Design == TrialDesign.RandomisedBlocks ? 4 : 2;

    /// <summary>Days from the first run-in day to the last day.</summary>
    [JsonIgnore]
    public int TotalDays => RunInDays + (Cycles * PhasesPerCycle * PhaseDays);

    /// <summary>The problems that stop the plan from starting; empty when it can start.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 120)
        {
            problems.Add("Give the trial a title of up to 120 characters.");
        }

        if (string.IsNullOrWhiteSpace(Intervention.Name) || string.IsNullOrWhiteSpace(Comparator.Name) || Intervention.Name.Length > 120 || Comparator.Name.Length > 120)
        {
            problems.Add("Name the intervention and what it is compared with (up to 120 characters each).");
        }

        if (Design == TrialDesign.AlternatingDays && PhaseDays != 1)
        {
            problems.Add("With alternating days each phase is one day.");
        }

        if (PhaseDays is < 1 or > 90)
        {
            problems.Add("A phase lasts 1 to 90 days.");
        }

        if (Cycles is < 2 or > 100)
        {
            problems.Add("Plan 2 to 100 cycles; fewer than 4 can never give a randomisation test below 0.125.");
        }

        if (WashoutDays < 0 || WashoutDays >= PhaseDays)
        {
            problems.Add("The washout must be shorter than a phase, so that each phase keeps days to analyse.");
        }

        if (RunInDays is < 0 or > 60)
        {
            problems.Add("The run-in lasts 0 to 60 days.");
        }

        if (TotalDays > 730)
        {
            problems.Add("The trial would last more than two years.");
        }

        if (Outcomes.Count is 0 or > 12)
        {
            problems.Add("Choose 1 to 12 outcomes.");
        }

        if (Outcomes.Any(o => !ValidName(o.Name)) || Outcomes.Select(o => o.Name).Distinct(StringComparer.Ordinal).Count() != Outcomes.Count)
        {
            problems.Add("Outcome names are 1 to 40 letters, digits or hyphens, each used once.");
        }

        if (Outcomes.Any(o => o.EveryDays is < 1 or > 30 || o.MinimalImportantDifference is <= 0))
        {
            problems.Add("An outcome is measured every 1 to 30 days, and a minimal important difference is positive.");
        }

        if (HalfLifeHours is { } halfLife && !(halfLife > 0 && halfLife <= 2000))
        {
            problems.Add("A half-life lies above 0 and up to 2,000 hours.");
        }

        if (Outcomes.All(o => o.Name != PrimaryOutcome))
        {
            problems.Add("The primary outcome must be one of the outcomes.");
        }

        return problems;
    }

    private static bool ValidName(string name) => name.Length is > 0 and <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>Largest plan file read.</summary>
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>Reads a plan written as JSON (camelCase names, enums as strings: <c>abPairs</c>, <c>rating</c> …); null with the reason when it cannot be read.</summary>
    public static (TrialPlan? Plan, string? Error) FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonBytes)
        {
            return (null, $"The plan is larger than {MaxJsonBytes / 1024} KB.");
        }

        try
        {
            var plan = JsonSerializer.Deserialize(json, TrialJsonContext.Default.TrialPlan);
            return plan is null || plan.Outcomes is null || plan.Intervention is null || plan.Comparator is null || plan.Outcomes.Any(o => o is null || o.Name is null)
                ? (null, "The plan lacks its intervention, comparator or outcomes.")
                : (plan, null);
        }
        catch (JsonException e)
        {
            // The reader's message names the path and position, never a value.
            return (null, "The plan is not valid JSON for a trial plan" + (e.Path is { } path ? $" (at {path})." : "."));
        }
    }

    /// <summary>The plan as JSON, as <see cref="FromJson"/> reads it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TrialJsonContext.Default.TrialPlan);

    /// <summary>SHA-256 (hex) of the plan's canonical JSON: what the registration fixes.</summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this, TrialJsonContext.Default.TrialPlan)));
}

/// <summary>The randomised order of every cycle, kept hidden until unblinding.</summary>
/// <param name="Orders">One string per cycle: "AB"/"BA" for pairs and alternating days, four letters for blocks.</param>
/// <param name="Salt">Random bytes (hex) that make the commitment impossible to guess from the few possible orders.</param>
public sealed record TrialAllocation(IReadOnlyList<string> Orders, string Salt)
{
    private static readonly string[] BlockOrders = ["AABB", "ABAB", "ABBA", "BAAB", "BABA", "BBAA"];

    /// <summary>Draws the allocation with a cryptographic random number generator.</summary>
    public static TrialAllocation Draw(TrialPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var orders = new string[plan.Cycles];
        for (var i = 0; i < orders.Length; i++)
        {
            orders[i] = plan.Design == TrialDesign.RandomisedBlocks
                ? BlockOrders[RandomNumberGenerator.GetInt32(BlockOrders.Length)]
                : RandomNumberGenerator.GetInt32(2) == 0 ? "AB" : "BA";
        }

        return new TrialAllocation(orders, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>Draws an allocation from <paramref name="random"/> (simulation and tests; a real trial uses <see cref="Draw(TrialPlan)"/>).</summary>
    public static TrialAllocation Draw(TrialPlan plan, Random random)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(random);
        var orders = new string[plan.Cycles];
        for (var i = 0; i < orders.Length; i++)
        {
            orders[i] = plan.Design == TrialDesign.RandomisedBlocks ? BlockOrders[random.Next(BlockOrders.Length)] : random.Next(2) == 0 ? "AB" : "BA";
        }

        return new TrialAllocation(orders, "00");
    }

    /// <summary>
    /// SHA-256 (hex) of the orders and the salt: shown when the trial starts, so that at unblinding anyone
    /// can check that the allocation revealed is the one drawn then.
    /// </summary>
    public string Commitment() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', Orders) + "|" + Salt)));
}

/// <summary>One day of a trial's schedule.</summary>
/// <param name="Date">The calendar date.</param>
/// <param name="Day">1 for the first day (run-in included).</param>
/// <param name="Period">The cycle or block (0 during the run-in).</param>
/// <param name="Phase">The phase within the trial, from 1 (0 during the run-in).</param>
/// <param name="Arm">The condition; null during the run-in.</param>
/// <param name="Washout">A washout day: measured, not analysed.</param>
/// <param name="Envelope">The number on the day's envelope or capsule pack (the day number outside the run-in).</param>
public sealed record ScheduledDay(DateOnly Date, int Day, int Period, int Phase, TrialArm? Arm, bool Washout, int? Envelope)
{
    /// <summary>Whether the day's values enter the analysis.</summary>
    public bool Analysed => Arm is not null && !Washout;
}

/// <summary>A departure from the registered plan, logged with its date; the plan itself never changes.</summary>
/// <param name="Date">The day it concerns.</param>
/// <param name="Kind"><c>missed-dose</c>, <c>wrong-dose</c>, <c>unblinded</c>, <c>illness</c>, <c>stopped-early</c> or <c>other</c>.</param>
/// <param name="Note">What happened, in the person's words.</param>
/// <param name="LoggedAt">When it was written down.</param>
public sealed record TrialDeviation(DateOnly Date, string Kind, string Note, DateTimeOffset LoggedAt)
{
    public static readonly IReadOnlyList<string> Kinds = ["missed-dose", "wrong-dose", "unblinded", "illness", "stopped-early", "other"];
}

/// <summary>Lays out the days of a plan under an allocation.</summary>
public static class TrialSchedule
{
    public static IReadOnlyList<ScheduledDay> Of(TrialPlan plan, TrialAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(allocation);
        if (allocation.Orders.Count != plan.Cycles || allocation.Orders.Any(o => o.Length != plan.PhasesPerCycle))
        {
            throw new ArgumentException("The allocation does not fit the plan.", nameof(allocation));
        }

        var days = new List<ScheduledDay>(plan.TotalDays);
        var date = plan.StartDate;
        for (var i = 0; i < plan.RunInDays; i++)
        {
            days.Add(new ScheduledDay(date, days.Count + 1, 0, 0, null, false, null));
            date = date.AddDays(1);
        }

        // The first days of every phase that starts a condition (the first phase included: the onset) are
        // washout days; a phase that continues the condition of the one before (AA in a block) has none.
        var phase = 0;
        TrialArm? previous = null;
        for (var cycle = 0; cycle < plan.Cycles; cycle++)
        {
            foreach (var letter in allocation.Orders[cycle])
            {
                phase++;
                var arm = letter == 'A' ? TrialArm.A : TrialArm.B;
                var startsCondition = previous != arm;
                for (var d = 0; d < plan.PhaseDays; d++)
                {
                    days.Add(new ScheduledDay(date, days.Count + 1, cycle + 1, phase, arm, startsCondition && d < plan.WashoutDays, days.Count + 1 - plan.RunInDays));
                    date = date.AddDays(1);
                }

                previous = arm;
            }
        }

        return days;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, RespectRequiredConstructorParameters = true, MaxDepth = 16)]
[JsonSerializable(typeof(TrialPlan))]
[JsonSerializable(typeof(TrialAllocation))]
[JsonSerializable(typeof(SelfExperiment))]
internal sealed partial class TrialJsonContext : JsonSerializerContext;
