using System.CommandLine;
using System.Globalization;
using Decodex.Core.Community;
using Decodex.Core.Trials;

namespace Decodex.Cli;

/// <summary>
/// <c>decodex community pool FILE.csv</c>: pools shared self-experiment effects with the two-level normal
/// model; <c>decodex community verify BUNDLE</c>: checks a signed community bundle before it is imported.
/// </summary>
internal static class CommunityCommands
{
    /// <summary>The largest effects file read.</summary>
    public const int MaxPoolBytes = 1024 * 1024;

    /// <summary>Most effects pooled.</summary>
    public const int MaxPoolRows = 10_000;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var community = new Command("community", "The community layer: pool shared self-experiments; check a signed community bundle.");
        community.Subcommands.Add(Pool(output, error));
        community.Subcommands.Add(Verify(output, error));
        return community;
    }

    private static Command Pool(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "CSV with the columns effect and standard_error: each person's effect in their day-to-day SDs (positive is better) and its standard error; other columns are ignored." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (names documented in the README)." };
        var command = new Command("pool", "Pool self-experiments of one compound, outcome, instrument and design: the average effect, the spread between people, and the chance it helps a new person. Exit 0 pooled, 2 refused.") { file, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var (trials, problem) = ReadEffects(path);
            if (trials is null)
            {
                error.WriteLine(problem);
                return ExitCodes.UnusableInput;
            }

            if (PooledSelfExperiments.Pool(trials) is not { } pooled)
            {
                error.WriteLine($"COMM004 {path}: at least {PooledSelfExperiments.MinimumPeople} effects are needed to tell the spread between people from zero.");
                return ExitCodes.UnusableInput;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(new CommunityPoolOutput(path, pooled.People, pooled.Average, pooled.ProbabilityAveragePositive, pooled.Spread, pooled.NewPerson, pooled.ProbabilityNewPersonBenefits)));
                return ExitCodes.Success;
            }

            string N(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
            string P(double v) => v.ToString("0 %", CultureInfo.InvariantCulture);
            output.WriteLine($"Pooled self-experiments ({pooled.People} people): community evidence, separate from graded evidence and from anecdotes.");
            output.WriteLine($"  average effect {N(pooled.Average.Estimate)} SD (95 % interval {N(pooled.Average.Lower)} to {N(pooled.Average.Upper)}); P(average > 0) {P(pooled.ProbabilityAveragePositive)}");
            output.WriteLine($"  people differ by about {N(pooled.Spread.Estimate)} SD (95 % interval {N(pooled.Spread.Lower)} to {N(pooled.Spread.Upper)})");
            output.WriteLine($"  for a new person: {N(pooled.NewPerson.Estimate)} SD (95 % interval {N(pooled.NewPerson.Lower)} to {N(pooled.NewPerson.Upper)}); P(it helps at all) {P(pooled.ProbabilityNewPersonBenefits)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("bundle") { Description = "A community bundle written by a Decodex instance." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (names documented in the README)." };
        var command = new Command("verify", "Check a signed community bundle: its signature, its limits, what it holds. Exit 0 verified, 2 refused.") { file, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                error.WriteLine($"COMM010 the file '{path}' does not exist.");
                return ExitCodes.UnusableInput;
            }

            // Read at most one byte past the limit, so that an oversized file is refused without being read whole.
            using var stream = File.OpenRead(path);
            var buffer = new byte[CommunityBundle.MaxBytes + 1];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var (bundle, problem) = CommunityBundle.Verify(buffer.AsSpan(0, read));
            if (bundle is null)
            {
                error.WriteLine($"COMM011 {path}: {problem}");
                return ExitCodes.UnusableInput;
            }

            var content = bundle.Content;
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(new CommunityVerifyOutput(path, bundle.KeyFingerprint, content.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), content.Reports.Count, content.Trials.Count)));
            }
            else
            {
                output.WriteLine($"Verified: signed by key {bundle.KeyFingerprint}, made {content.Created.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}; {content.Reports.Count} report(s) and {content.Trials.Count} trial summary(ies).");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The effects of a pooling file; null with a coded message (naming a line, never a value) when it cannot be used.</summary>
    internal static (IReadOnlyList<SharedTrialEffect>? Trials, string? Problem) ReadEffects(string path)
    {
        if (!File.Exists(path))
        {
            return (null, $"COMM010 the file '{path}' does not exist.");
        }

        if (new FileInfo(path).Length > MaxPoolBytes)
        {
            return (null, $"COMM003 {path}: larger than {MaxPoolBytes / 1024} KB.");
        }

        var lines = File.ReadAllLines(path);
        var header = lines.Length > 0 ? lines[0].Trim().TrimStart('\uFEFF').Split(',').Select(c => c.Trim().ToLowerInvariant()).ToList() : [];
        var (effectColumn, errorColumn) = (header.IndexOf("effect"), header.IndexOf("standard_error"));
        if (effectColumn < 0 || errorColumn < 0)
        {
            return (null, $"COMM001 {path}:1: the header must name the columns effect and standard_error.");
        }

        var trials = new List<SharedTrialEffect>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = lines[i].Split(',');
            if (cells.Length != header.Count
                || !double.TryParse(cells[effectColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var effect) || !double.IsFinite(effect) || Math.Abs(effect) > 100
                || !double.TryParse(cells[errorColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var se) || !(se > 0) || se > 100)
            {
                return (null, $"COMM002 {path}:{i + 1}: each row needs an effect (a number within ±100 SD) and a positive standard error (at most 100), as many cells as the header.");
            }

            if (trials.Count == MaxPoolRows)
            {
                return (null, $"COMM003 {path}:{i + 1}: more than {MaxPoolRows:N0} effects.");
            }

            trials.Add(new SharedTrialEffect(effect, se));
        }

        return (trials, null);
    }
}

/// <summary>The JSON of <c>decodex community pool --json</c>.</summary>
internal sealed record CommunityPoolOutput(string File, int People, Interval Average, double ProbabilityAveragePositive, Interval Spread, Interval NewPerson, double ProbabilityNewPersonBenefits);

/// <summary>The JSON of <c>decodex community verify --json</c>.</summary>
internal sealed record CommunityVerifyOutput(string File, string KeyFingerprint, string Created, int Reports, int Trials);
