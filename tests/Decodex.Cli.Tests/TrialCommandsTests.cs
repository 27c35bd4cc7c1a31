using System.Text.Json;
using Decodex.Testing;

namespace Decodex.Cli.Tests;

/// <summary><c>decodex trial analyze</c> and <c>decodex trial simulate</c>.</summary>
public sealed class TrialCommandsTests
{
    private static string Sample => Path.Combine(RepositoryPaths.Root, "samples", "trial.csv");

    [Fact]
    public void Analyze_Json_GivesTheDocumentedFieldsPerOutcome()
    {
        var run = CliRun.Of("trial", "analyze", Sample, "--json", "--lower-is-better", "pvt-rt", "--mid", "focus=0.5", "--prior", "focus=0.2,0.3");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var outcomes = json.RootElement.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(["focus", "pvt-rt"], outcomes.Select(o => o.GetProperty("outcome").GetString()));
        foreach (var o in outcomes)
        {
            Assert.Equal(84, o.GetProperty("n").GetInt32());
            var effect = o.GetProperty("effect");
            Assert.True(effect.GetProperty("lower").GetDouble() < effect.GetProperty("estimate").GetDouble());
            Assert.True(effect.GetProperty("estimate").GetDouble() < effect.GetProperty("upper").GetDouble());
            Assert.InRange(o.GetProperty("probabilityPositive").GetDouble(), 0, 1);
            Assert.InRange(o.GetProperty("randomisationP").GetDouble(), 1.0 / 64, 1);
            Assert.InRange(o.GetProperty("rho").GetDouble(), -1, 1);
        }

        // The sample was made with A − B = +0.8 for focus and −8 ms for the reaction time.
        Assert.InRange(outcomes[0].GetProperty("effect").GetProperty("estimate").GetDouble(), 0.3, 1.3);
        Assert.InRange(outcomes[1].GetProperty("effect").GetProperty("estimate").GetDouble(), -14, -2);
        Assert.True(outcomes[1].GetProperty("lowerIsBetter").GetBoolean());
        Assert.True(outcomes[1].GetProperty("probabilityBenefit").GetDouble() > 0.9);
        Assert.True(outcomes[0].TryGetProperty("probabilityMeaningfulBenefit", out _));
        Assert.Equal(0.2, outcomes[0].GetProperty("prior").GetProperty("mean").GetDouble());
    }

    [Fact]
    public void Analyze_Text_SaysWhatItFoundInPlainWords()
    {
        var run = CliRun.Of("trial", "analyze", Sample);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("focus: over 84 days in 6 periods (42 on A, 42 on B)", run.Output, StringComparison.Ordinal);
        Assert.Contains("randomisation test (order within each period): p", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("significant", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Analyze_ABadFile_IsRefusedWithItsCodeAndLine_AndBadOptionsAreRefused()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "bad.csv");
        File.WriteAllText(path, "date,period,condition,outcome,value\n2026-01-05,1,A,focus,4\n2026-01-06,1,C,focus,5\n");

        var run = CliRun.Of("trial", "analyze", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.csv:3: error TRIAL005", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);

        Assert.Equal(2, CliRun.Of("trial", "analyze", Sample, "--mid", "focus=-1").ExitCode);
        Assert.Equal(2, CliRun.Of("trial", "analyze", Sample, "--prior", "focus=0.2").ExitCode);
        Assert.Equal(2, CliRun.Of("trial", "analyze", Sample, "--lower-is-better", "Focus").ExitCode);
        Assert.Equal(2, CliRun.Of("trial", "analyze", Path.Combine(folder.Path, "missing.csv")).ExitCode);
    }

    [Fact]
    public void Plan_TheSample_GivesScheduleAndPower_AndWritesTheCalendar()
    {
        using var folder = new TempFolder();
        var ics = Path.Combine(folder.Path, "trial.ics");
        var run = CliRun.Of("trial", "plan", Path.Combine(RepositoryPaths.Root, "samples", "trial-plan.json"), "--runs", "100", "--ics", ics, "--time", "07:45");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("119 days from 2027-01-04 to 2027-05-02, the first 7 for practice", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"finds it \(95 % interval on the better side of 0\) in \d+ % of 100 simulated trials", run.Output);
        Assert.Contains("can give no p below 0.125 with 4 cycles", run.Output, StringComparison.Ordinal);
        var calendar = File.ReadAllText(ics);
        Assert.Equal(119, calendar.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains("DTSTART:20270104T074500", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain("Bacopa", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WithProblems_ExitsOne_AndBadJsonExitsTwo()
    {
        using var folder = new TempFolder();
        var sample = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "trial-plan.json"));
        var path = Path.Combine(folder.Path, "plan.json");

        File.WriteAllText(path, sample.Replace("\"washoutDays\": 3", "\"washoutDays\": 14", StringComparison.Ordinal));
        var problems = CliRun.Of("trial", "plan", path);
        Assert.Equal(1, problems.ExitCode);
        Assert.Contains("problem: The washout must be shorter than a phase", problems.Output, StringComparison.Ordinal);

        File.WriteAllText(path, sample.Replace("\"abPairs\"", "\"latinSquare\"", StringComparison.Ordinal));
        var bad = CliRun.Of("trial", "plan", path);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not valid JSON for a trial plan", bad.Error, StringComparison.Ordinal);

        File.WriteAllText(path, "{\"title\": \"x\"}");
        Assert.Equal(2, CliRun.Of("trial", "plan", path).ExitCode);
        Assert.Equal(2, CliRun.Of("trial", "plan", Path.Combine(RepositoryPaths.Root, "samples", "trial-plan.json"), "--time", "8am").ExitCode);
    }

    [Fact]
    public void Analyze_Evidence_SetsThePopulationEffectBesideTheResult()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "attention.csv");
        File.WriteAllText(path, File.ReadAllText(Sample).Replace(",focus,", ",attention,", StringComparison.Ordinal));

        var run = CliRun.Of("trial", "analyze", path, "--json", "--evidence", "attention=caffeine:attention");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var attention = json.RootElement.GetProperty("outcomes")[0];
        Assert.Equal("caffeine-sleep-loss-performance", attention.GetProperty("population").GetProperty("claimId").GetString());
        Assert.Equal(0.68, attention.GetProperty("population").GetProperty("estimate").GetDouble());
        Assert.True(attention.TryGetProperty("prior", out _));

        Assert.Equal(2, CliRun.Of("trial", "analyze", path, "--evidence", "attention=caffeine").ExitCode);
        Assert.Equal(2, CliRun.Of("trial", "analyze", path, "--evidence", "attention=nothing-like-it:attention").ExitCode);
    }

    [Fact]
    public void Simulate_PrintsTheTable()
    {
        var run = CliRun.Of("trial", "simulate", "--runs", "20");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("20 simulated trials per row", run.Output, StringComparison.Ordinal);
        Assert.Equal(9, run.Output.Split('\n').Count(l => l.StartsWith("     4", StringComparison.Ordinal) || l.StartsWith("     6", StringComparison.Ordinal)));
    }
}
