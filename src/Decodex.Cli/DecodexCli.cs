using System.CommandLine;

namespace Decodex.Cli;

/// <summary>
/// The <c>decodex</c> command line: <c>decodex &lt;area&gt; &lt;verb&gt;</c>. I/O failures are caught here,
/// once, and become exit code 2 with a plain message; no stack trace reaches the user.
/// </summary>
internal static class DecodexCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Decodex: a local-first personal health decoder. Every finding is explained and cited; nothing here is medical advice.");
        root.Subcommands.Add(KnowledgeCommands.Create(output, error));
        root.Subcommands.Add(GenomeCommands.Create(output, error));
        root.Subcommands.Add(PgxCommands.Create(output, error));
        root.Subcommands.Add(LabCommands.Create(output, error));
        root.Subcommands.Add(MedicineCommands.Create(output, error));
        root.Subcommands.Add(ReportCommands.Create(output, error));
        root.Subcommands.Add(TrialCommands.Create(output, error));
        root.Subcommands.Add(CommunityCommands.Create(output, error));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine(parseError.Message);
            }

            error.WriteLine("Run 'decodex --help' for usage.");
            return ExitCodes.UnusableInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"decodex: could not read or write a file ({e.GetType().Name}).");
            return ExitCodes.UnusableInput;
        }
    }
}
