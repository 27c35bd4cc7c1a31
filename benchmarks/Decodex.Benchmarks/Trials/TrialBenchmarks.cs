using BenchmarkDotNet.Attributes;
using Decodex.Core.Trials;

namespace Decodex.Benchmarks.Trials;

/// <summary>The N-of-1 analysis on a 12-week trial (84 days, 6 randomised pairs), and a plan's power by simulation.</summary>
[MemoryDiagnoser]
public class TrialBenchmarks
{
    private List<TrialDay> _days = [];
    private IReadOnlyList<TrialRow> _sample = [];
    private TrialPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _days = TrialSimulation.Simulate(new SimulationScenario(6, 7, 0.3, 0.5, 1), new Random(1));
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Decodex.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("Decodex.slnx not found above the benchmark folder.");
        }

        _sample = TrialCsv.ReadFile(Path.Combine(root, "samples", "trial.csv"), "trial.csv").Rows;
        _plan = TrialPlan.FromJson(File.ReadAllText(Path.Combine(root, "samples", "trial-plan.json"))).Plan!;
    }

    /// <summary>The posterior of one outcome: 99 grid points over ρ, the t mixture, its interval.</summary>
    [Benchmark]
    public double FitOneOutcome() => ArOneModel.Fit(_days)!.Effect.Lower;

    /// <summary>The randomisation test of one outcome: all 64 allocations of 6 pairs.</summary>
    [Benchmark]
    public double RandomisationTestOneOutcome() => RandomisationTest.Run(_days)!.P;

    /// <summary>What <c>decodex trial analyze samples/trial.csv</c> computes: two outcomes, each with the model, the model with a trend, the test and the checks.</summary>
    [Benchmark]
    public int AnalyzeSampleFile() => TrialAnalyzer.Analyze(_sample).Outcomes.Count;

    /// <summary>The power of the sample plan (119 days, 4 pairs of 14-day phases) by 200 simulated trials.</summary>
    [Benchmark]
    public double PlanPower200Runs() => TrialPower.Estimate(_plan, 0.5, 0.3, runs: 200).Power;
}
