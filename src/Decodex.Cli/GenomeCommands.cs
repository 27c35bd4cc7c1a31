using System.CommandLine;
using System.Globalization;
using Decodex.Core.Genomics;
using Decodex.Core.Knowledge;

namespace Decodex.Cli;

/// <summary><c>decodex genome inspect</c>: read a DNA raw-data file and say what is in it.</summary>
internal static class GenomeCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var genome = new Command("genome", "DNA raw-data files: 23andMe, AncestryDNA, FTDNA, MyHeritage, LivingDNA, deCODEme, Illumina reports, VCF.");
        genome.Subcommands.Add(Inspect(output, error));
        genome.Subcommands.Add(HealthCommands.Create(output, error));
        return genome;
    }

    private static Command Inspect(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The raw-data file (plain, .gz, bgzip or .zip)." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (names documented in the README)." };
        var command = new Command("inspect", "Read a DNA file: format, build, counts, sex, APOE and every issue. Exit 0 read, 1 read with problems to see, 2 refused.") { file, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                error.WriteLine(Directory.Exists(path) ? "decodex: that is a folder; give the DNA file itself." : "decodex: the file does not exist.");
                return ExitCodes.UnusableInput;
            }

            var progress = !parse.GetValue(json) && !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error)
                ? new TerminalProgress(error)
                : null;
            var result = GenomeReader.ReadFile(path, new GenomeReadOptions { Progress = progress, Threads = Environment.ProcessorCount });
            progress?.Done();
            var apoe = result.Genome is null ? null : ApoeCaller.Call(result.Genome);
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(Json(result, apoe)));
            }
            else
            {
                Text(output, result, apoe);
            }

            return result.Refused ? ExitCodes.UnusableInput : result.HasProblems ? ExitCodes.Problems : ExitCodes.Success;
        });
        return command;
    }

    private static GenomeInspectOutput Json(GenomeReadResult r, ApoeResult? apoe)
    {
        var c = r.Genome?.Counts;
        return new GenomeInspectOutput
        {
            Refused = r.Refused,
            Format = r.Format?.Name,
            FormatRule = r.Format?.Rule,
            FormatVersion = r.Format?.Version,
            Compression = r.Compression,
            ZipMember = r.ZipMember,
            Build = r.Build is null ? null : BuildName(r.Build.Build),
            BuildEvidence = r.Build?.Evidence,
            BuildMethod = r.Build?.Method,
            Complete = r.Genome?.IsComplete,
            Variants = c?.Variants,
            Called = c?.Called,
            NoCalls = c?.NoCalls,
            Duplicates = c?.Duplicates,
            Skipped = c?.Skipped,
            Discrepant = c?.Discrepant,
            Sex = r.Sex is null ? null : TermText.Of(r.Sex.Sex),
            SexEvidence = r.Sex?.Evidence,
            Apoe = apoe is null ? null : new ApoeOutput(apoe.Genotype, TermText.Of(apoe.Status), apoe.Alternatives, apoe.Explanation, apoe.Rs429358, apoe.Rs7412, apoe.FoundBy, apoe.CarriesE4),
            Issues = [.. r.Issues.Select(i => new IssueOutput(i.Code, TermText.Of(i.Severity), i.File, i.Line, i.Message))],
        };
    }

    private static void Text(TextWriter o, GenomeReadResult r, ApoeResult? apoe)
    {
        if (r.Refused)
        {
            o.WriteLine("Refused: " + r.Issues[0].Message);
            return;
        }

        var g = r.Genome!;
        var c = g.Counts;
        o.WriteLine($"Format:     {r.Format!.Name}{(r.Format.Version is null ? string.Empty : " " + r.Format.Version)} (rule {r.Format.Rule}){(r.Compression is null ? string.Empty : ", " + r.Compression)}");
        if (r.ZipMember is not null)
        {
            o.WriteLine($"Zip member: {r.ZipMember}");
        }

        o.WriteLine($"Build:      {BuildName(r.Build!.Build)} — {r.Build.Evidence}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Variants:   {c.Variants:N0} ({c.Called:N0} called, {c.NoCalls:N0} no-calls){(g.IsComplete ? string.Empty : $"; {g.Count:N0} kept in memory")}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Duplicates: {c.Duplicates:N0}; skipped rows: {c.Skipped:N0}; discrepant haploid calls: {c.Discrepant:N0}"));
        o.WriteLine($"Sex:        {TermText.Of(r.Sex!.Sex)} ({r.Sex.Evidence})");
        if (apoe is not null)
        {
            o.WriteLine($"APOE:       {apoe.Genotype ?? "—"} [{TermText.Of(apoe.Status)}] {apoe.Explanation}");
        }

        if (r.Issues.Count > 0)
        {
            o.WriteLine("Issues:");
            foreach (var issue in r.Issues)
            {
                o.WriteLine("  " + issue);
            }
        }
    }

    internal static string BuildName(GenomeBuild build) => GenomeBuildText.Of(build);

    internal sealed class TerminalProgress(TextWriter error) : IProgress<double>
    {
        public void Report(double value) => error.Write(string.Create(CultureInfo.InvariantCulture, $"\rReading… {value:P0}   "));

        public void Done() => error.Write("\r                    \r");
    }
}
