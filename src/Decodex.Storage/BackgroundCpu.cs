using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Decodex.Storage;

/// <summary>
/// Runs CPU-heavy work (a password's key derivation, reading an uploaded genome) on a few dedicated
/// threads whose operating-system priority is below that of the threads serving requests, so that a
/// sign-in or an upload computing for a second does not make other people's pages wait for a core.
/// On Linux each thread lowers its own nice value (<see cref="Niceness"/>; raising niceness needs no
/// privilege); elsewhere it sets <see cref="ThreadPriority.BelowNormal"/>. The work itself is unchanged;
/// only who waits changes: heavy requests queue here, light ones keep the cores. Thread-safe.
/// </summary>
public sealed partial class BackgroundCpu
{
    /// <summary>The nice value of the worker threads on Linux (0 is normal, 19 the lowest priority).</summary>
    public const int Niceness = 10;

    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = false });

    private BackgroundCpu(int threads)
    {
        for (var i = 0; i < threads; i++)
        {
            new Thread(Work) { IsBackground = true, Name = "decodex-background-cpu" }.Start();
        }
    }

    /// <summary>
    /// The process's lane: one thread per core, so heavy work can still use the whole machine when
    /// nothing else runs.
    /// </summary>
    public static BackgroundCpu Shared { get; } = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>Runs <paramref name="work"/> on a worker thread; its exception, if any, surfaces from the task.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (cancel.IsCancellationRequested)
        {
            done.SetCanceled(cancel);
            return done.Task;
        }

        _queue.Writer.TryWrite(() =>
        {
            if (cancel.IsCancellationRequested)
            {
                done.TrySetCanceled(cancel);
                return;
            }

            try
            {
                done.TrySetResult(work());
            }
#pragma warning disable CA1031 // The exception is handed to the caller through the task.
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.TrySetException(e);
            }
        });
        return done.Task;
    }

    private void Work()
    {
        LowerPriority();
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                item();
            }
        }
    }

    private static void LowerPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // PRIO_PROCESS with a thread id sets that thread's nice value only.
                _ = SetPriority(0, GetThreadId(), Niceness);
                return;
            }
            catch (EntryPointNotFoundException)
            {
            }
            catch (DllNotFoundException)
            {
            }
        }

        Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
