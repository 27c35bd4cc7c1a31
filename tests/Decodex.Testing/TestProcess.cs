namespace Decodex.Testing;

/// <summary>
/// Set-up every test process shares, called from a module initializer of each test assembly.
/// </summary>
public static class TestProcess
{
    private static int _prepared;

    /// <summary>
    /// Keeps knowledge-base snapshots out of the user's own cache folder (tests use one of their own
    /// under the temporary folder unless <c>DECODEX_CACHE</c> is set), and writes any exception that
    /// would end the process to the file named by <c>DECODEX_TEST_CRASH_LOG</c>, so a crashed test run
    /// says what crashed it (the runner reports only an exit code).
    /// </summary>
    public static void Prepare()
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 1)
        {
            return;
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DECODEX_CACHE")))
        {
            Environment.SetEnvironmentVariable("DECODEX_CACHE", Path.Combine(Path.GetTempPath(), "decodex-test-cache"));
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var text = $"{DateTimeOffset.UtcNow:O} unhandled exception in {AppDomain.CurrentDomain.FriendlyName} "
                       + $"on thread '{Thread.CurrentThread.Name}' ({Environment.CurrentManagedThreadId}):{Environment.NewLine}{e.ExceptionObject}{Environment.NewLine}";

            // The file first: the console of a test process may be a runner's capture that is already
            // closed, and a handler that throws loses the one message that says what ended the process.
            if (Environment.GetEnvironmentVariable("DECODEX_TEST_CRASH_LOG") is { Length: > 0 } log)
            {
                try
                {
                    File.AppendAllText(log, text);
                }
#pragma warning disable CA1031 // Nothing more can be done in a process that is ending.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }

            try
            {
                Console.Error.WriteLine(text);
            }
#pragma warning disable CA1031 // As above.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        };
    }
}
