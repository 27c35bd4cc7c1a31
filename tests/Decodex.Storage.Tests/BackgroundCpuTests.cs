using System.Globalization;

namespace Decodex.Storage.Tests;

/// <summary>The background lane runs heavy work off the request threads, at a lower priority, and hands back its result or failure.</summary>
public sealed class BackgroundCpuTests
{
    [Fact]
    public async Task Work_RunsOnALaneThread_AndReturnsItsResult()
    {
        var (result, thread) = await BackgroundCpu.Shared.RunAsync(() => (6 * 7, Thread.CurrentThread.Name), TestContext.Current.CancellationToken);

        Assert.Equal(42, result);
        Assert.Equal("decodex-background-cpu", thread);
    }

    [Fact]
    public async Task Work_ThatThrows_FailsItsTask_AndTheLaneGoesOn()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundCpu.Shared.RunAsync<int>(() => throw new InvalidOperationException("boom"), TestContext.Current.CancellationToken));

        Assert.Equal("boom", thrown.Message);
        Assert.Equal(1, await BackgroundCpu.Shared.RunAsync(() => 1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Work_AlreadyCancelled_NeverRuns()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BackgroundCpu.Shared.RunAsync(() => ran = true, cancelled.Token));

        Assert.False(ran);
    }

    [Fact]
    public async Task LaneThreads_RunAtALowerPriority_OnLinux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The nice value is read from /proc on Linux.");

        // Field 19 of /proc/thread-self/stat is the calling thread's nice value (the command name, field 2, ends at the last ')').
        static int Nice()
        {
            var stat = File.ReadAllText("/proc/thread-self/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], CultureInfo.InvariantCulture);
        }

        var lane = await BackgroundCpu.Shared.RunAsync(Nice, TestContext.Current.CancellationToken);

        // The lane sets an absolute nice value; a test run that is itself niced may already be at or past it.
        Assert.True(lane >= BackgroundCpu.Niceness || lane == 19, $"lane thread nice {lane}");
        Assert.True(lane > Nice() || lane == 19, $"lane thread nice {lane}, test thread nice {Nice()}");
    }
}
