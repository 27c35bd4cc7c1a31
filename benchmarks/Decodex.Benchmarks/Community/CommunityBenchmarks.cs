using BenchmarkDotNet.Attributes;
using Decodex.Core.Community;

namespace Decodex.Benchmarks.Community;

/// <summary>
/// The community's computations at a shared server's size: rating summaries of 400 compounds with 10,000
/// ratings, the nightly burst and ring checks over them, and pooling 200 self-experiments.
/// </summary>
[MemoryDiagnoser]
public class CommunityBenchmarks
{
    private Dictionary<string, IReadOnlyList<int>> _ratings = [];
    private readonly List<RatingEvent> _events = [];
    private readonly List<AccountRating> _accountRatings = [];
    private SharedTrialEffect[] _trials = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        var start = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var byCompound = new Dictionary<string, List<int>>();
        for (var i = 0; i < 10_000; i++)
        {
            var compound = $"c{random.Next(400)}";
            var value = Math.Clamp(5 + random.Next(-4, 5), 0, 10);
            var account = $"a{random.Next(3_000)}";
            var created = start.AddDays(-random.Next(400));
            var at = start.AddDays(random.Next(90)).AddMinutes(random.Next(1440));
            (byCompound.TryGetValue(compound, out var list) ? list : byCompound[compound] = []).Add(value);
            _events.Add(new RatingEvent(account, created, compound, at));
            _accountRatings.Add(new AccountRating(account, compound, value, at, created));
        }

        _ratings = byCompound.ToDictionary(p => p.Key, p => (IReadOnlyList<int>)p.Value);
        _trials = [.. Enumerable.Range(0, 200).Select(_ => new SharedTrialEffect(0.2 + (0.4 * random.NextDouble()) - 0.2, 0.2 + (0.3 * random.NextDouble())))];
    }

    [Benchmark]
    public int Summaries() => RatingSummaries.Of(_ratings).Count;

    [Benchmark]
    public int BurstCheck() => RatingBursts.Detect(_events).Count;

    [Benchmark]
    public int RingCheck() => RatingRings.Detect(_accountRatings).Count;

    [Benchmark]
    public double Pool200() => PooledSelfExperiments.Pool(_trials)!.Average.Estimate;
}
