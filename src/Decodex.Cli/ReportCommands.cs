using System.CommandLine;
using Decodex.Core.Knowledge;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;

namespace Decodex.Cli;

/// <summary><c>decodex report PROFILE [--compound ID] [--format html|json|pdf] [--out FILE]</c>.</summary>
internal static class ReportCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var profileArg = new Argument<string>("profile") { Description = "The profile YAML (sex, birthDate, conditions, medications, goals, genome, labs)." };
        var compound = new Option<string[]>("--compound") { Description = "A compound id (repeatable); default: every compound.", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = "html (default), json or pdf.", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "json", "pdf");
        var outFile = new Option<string?>("--out") { Description = "Write to this file (PDF needs it unless output is redirected)." };
        var dir = new Option<string?>("--knowledge") { Description = "Knowledge-base folder (default: the shipped one)." };
        var command = new Command("report", "The personal report: for each compound, avoid / caution / no known issue for you, with every finding's inputs, rule and sources. Exit 0 written, 2 profile unusable.") { profileArg, compound, format, outFile, dir };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(profileArg)!;
            if (!File.Exists(path))
            {
                error.WriteLine("decodex: the profile does not exist.");
                return ExitCodes.UnusableInput;
            }

            var knowledgeBase = KnowledgeBaseLoader.LoadDirectory(KnowledgeFolder.Resolve(parse.GetValue(dir))).KnowledgeBase;
            if (knowledgeBase is null)
            {
                error.WriteLine("decodex: the knowledge base is invalid; run 'decodex kb validate'.");
                return ExitCodes.Problems;
            }

            var (profile, issues) = ProfileLoader.Load(path, knowledgeBase);
            foreach (var issue in issues)
            {
                error.WriteLine(issue.ToString());
            }

            if (profile is null)
            {
                error.WriteLine("decodex: the profile cannot be used.");
                return ExitCodes.UnusableInput;
            }

            var ids = parse.GetValue(compound) ?? [];
            foreach (var id in ids.Where(i => knowledgeBase.Compound(i) is null))
            {
                error.WriteLine($"decodex: {ReportIssueCodes.UnknownCompound}: no compound with that id; 'decodex kb list' shows them.");
                return ExitCodes.UnusableInput;
            }

            var pgx = PgxDataLoader.LoadEmbedded();
            var inputs = ReportInputs.Load(profile, knowledgeBase, pgx);
            var report = ReportEngine.Build(knowledgeBase, pgx, inputs with { Issues = [.. issues, .. inputs.Issues] }, ids);
            var target = parse.GetValue(outFile);
            switch (parse.GetValue(format))
            {
                case "pdf":
                    var pdf = ReportPdf.Render(report);
                    if (target is null)
                    {
                        if (!Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out))
                        {
                            error.WriteLine("decodex: give --out FILE for a PDF (or redirect the output).");
                            return ExitCodes.UnusableInput;
                        }

                        using var stdout = Console.OpenStandardOutput();
                        stdout.Write(pdf);
                    }
                    else
                    {
                        File.WriteAllBytes(target, pdf);
                    }

                    break;
                case "json":
                    Write(CliJson.Write(report), target, output);
                    break;
                default:
                    Write(ReportHtml.Render(report), target, output);
                    break;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(string text, string? target, TextWriter output)
    {
        if (target is null)
        {
            output.Write(text);
        }
        else
        {
            File.WriteAllText(target, text);
        }
    }
}
