using System.CommandLine;
using System.Globalization;
using Decodex.Core;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;

namespace Decodex.Cli;

/// <summary><c>decodex labs inspect FILE...</c>: import lab results and read them against the marker catalogue.</summary>
internal static class LabCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var labs = new Command("labs", "Lab results: CSV (Decodex, lab-report and Synthea layouts) and FHIR R4 JSON.");
        labs.Subcommands.Add(Inspect(output, error));
        return labs;
    }

    private static Command Inspect(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Description = "Lab files: CSV or FHIR R4 JSON (Bundle or Observation).", Arity = ArgumentArity.ZeroOrMore };
        var entries = new Option<string[]>("--result") { Description = "One result typed in: \"DATE,TEST,VALUE,UNIT[,LOW,HIGH]\" (e.g. \"2024-03-01,Creatinine,1.2,mg/dL\"); repeat for several.", AllowMultipleArgumentsPerToken = false };
        var sex = new Option<string?>("--sex") { Description = "female or male (for sex-specific ranges and eGFR); overrides the files." };
        sex.AcceptOnlyFromAmong("female", "male");
        var birth = new Option<string?>("--birth-date") { Description = "YYYY-MM-DD (for age-specific ranges and eGFR); overrides the files." };
        var pregnant = new Option<bool?>("--pregnant") { Description = "Pregnant (WHO pregnancy anaemia cut-offs, eGFR caveat); --pregnant false for not pregnant. Not given: never assumed, both cut-offs are shown.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (names documented in the README)." };
        var plot = new Option<string?>("--plot") { Description = "Write one SVG trend plot per marker with two or more values into this folder." };
        var dir = new Option<string?>("--knowledge") { Description = "Knowledge-base folder with the marker catalogue (default: the shipped one)." };
        var command = new Command("inspect", "Read lab results: normalised units, ranges and their sources, flags, eGFR and other derived markers, possible conditions, trends. Exit 0 read, 1 with problems to see, 2 refused.") { files, entries, sex, birth, pregnant, json, plot, dir };
        command.SetAction(parse =>
        {
            DateOnly? birthDate = null;
            if (parse.GetValue(birth) is { } b)
            {
                if (!DateOnly.TryParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    error.WriteLine("decodex: --birth-date must be written YYYY-MM-DD.");
                    return ExitCodes.UnusableInput;
                }

                birthDate = d;
            }

            var paths = parse.GetValue(files) ?? [];
            var typed = parse.GetValue(entries) ?? [];
            if (paths.Length == 0 && typed.Length == 0)
            {
                error.WriteLine("decodex: give lab files, or results with --result.");
                return ExitCodes.UnusableInput;
            }

            foreach (var path in paths.Where(p => !File.Exists(p)))
            {
                error.WriteLine(Directory.Exists(path) ? $"decodex: '{path}' is a folder; give the lab files themselves." : $"decodex: the lab file '{path}' does not exist.");
                return ExitCodes.UnusableInput;
            }

            // The marker catalogue and the conditions are vocabularies; the compounds are not read.
            var loaded = KnowledgeBaseLoader.LoadVocabularies(KnowledgeFolder.Resolve(parse.GetValue(dir)));
            if (loaded.KnowledgeBase is not { } knowledgeBase)
            {
                error.WriteLine("decodex: the knowledge base (with the marker catalogue) is invalid; run 'decodex kb validate'.");
                return ExitCodes.Problems;
            }

            // Files are named as the user gave them, in issues, sources and the file list.
            var imports = paths.Select(p => (Path: p, Import: LabImport.ReadFile(p, p))).ToList();
            if (typed.Length > 0)
            {
                // Typed results are read as a Decodex-layout CSV, with the same checks and codes; the header
                // is Decodex's own, so positions are renumbered to the nth --result.
                var csv = "date,test,value,unit,low,high\n" + string.Join('\n', typed.Select(t => t.Count(c => c == ',') == 3 ? t + ",," : t));
                imports.Add(("--result", Renumber(LabImport.Read(csv, "--result"))));
            }

            var issues = imports.SelectMany(i => i.Import.Issues).ToList();
            var (person, personSource) = Person(imports.Select(i => i.Import).ToList(), parse.GetValue(sex), birthDate, issues);
            person = person with { Pregnant = parse.GetResult(pregnant) is null ? null : parse.GetValue(pregnant) ?? true };
            var results = imports.Where(i => !i.Import.Refused).SelectMany(i => i.Import.Results).ToList();
            var report = LabAnalyzer.Analyze(new LabCatalogue(knowledgeBase), results, person);
            issues.AddRange(report.Issues);

            var plots = new Dictionary<LabTrend, string>();
            if (parse.GetValue(plot) is { } plotDir)
            {
                Directory.CreateDirectory(plotDir);
                foreach (var trend in report.Trends)
                {
                    var name = $"{(trend.Subject is null ? string.Empty : Safe(trend.Subject) + "-")}{trend.MarkerId}.svg";
                    var target = Path.Combine(plotDir, name);
                    File.WriteAllText(target, LabTrendPlot.Svg(trend));
                    plots[trend] = target;
                }
            }

            var result = new LabsOutput
            {
                Files = [.. imports.Select(i => new LabFileOutput(i.Path, i.Import.Format, i.Import.Refused, i.Import.Results.Count))],
                Person = new LabPersonOutput(person.Sex is { } s ? TermText.Of(s) : null, person.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), personSource, person.Pregnant),
                Results = [.. report.Results.Select(Result)],
                Derived = [.. report.Derived.Select(Result)],
                Conditions = [.. report.Conditions.Select(c => new LabConditionOutput(c.ConditionId, c.Name, c.Subject, c.Status, c.Values, Day(c.First), Day(c.Last), c.Criteria, c.CitationIds, c.Explanation))],
                Trends = [.. report.Trends.Select(t => new LabTrendOutput
                {
                    Marker = t.MarkerId,
                    Name = t.Name,
                    Subject = t.Subject,
                    Unit = t.Unit,
                    Points = [.. t.Points.Select(p => new LabTrendPointOutput(Day(p.Date), p.Value, p.Derived, p.ChangePercent, p.ExceedsReferenceChange))],
                    ReferenceChangePercent = t.ReferenceChangePercent,
                    VariationCitations = t.VariationCitations,
                    Notes = t.Notes,
                    Plot = plots.GetValueOrDefault(t),
                })],
                Issues = [.. issues.Select(i => new IssueOutput(i.Code, TermText.Of(i.Severity), i.File, i.Line, i.Message))],
            };
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(result));
            }
            else
            {
                Text(output, result);
            }

            return imports.All(i => i.Import.Refused) ? ExitCodes.UnusableInput
                : issues.Any(i => i.Severity != IssueSeverity.Info) ? ExitCodes.Problems
                : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Sex and birth date: the command line first, else what the files agree on; never guessed.</summary>
    private static (LabDemographics Person, string Source) Person(List<LabImportResult> imports, string? sex, DateOnly? birthDate, List<Issue> issues)
    {
        var stated = imports.Select(i => i.Demographics).Where(d => d.Sex is not null || d.BirthDate is not null).Distinct().ToList();
        if (stated.Count > 1)
        {
            issues.Add(new Issue(LabIssueCodes.MissingDemographics, IssueSeverity.Warning, "The files disagree on the person's sex or birth date; give --sex and --birth-date."));
        }

        var fromFiles = stated.Count == 1 ? stated[0] : LabDemographics.Unknown;
        MarkerSex? cliSex = sex switch
        {
            "female" => MarkerSex.Female,
            "male" => MarkerSex.Male,
            _ => null,
        };
        var person = new LabDemographics(cliSex ?? fromFiles.Sex, birthDate ?? fromFiles.BirthDate);
        var source = cliSex is not null || birthDate is not null ? (stated.Count == 1 ? "command line and file" : "command line") : stated.Count == 1 ? "file" : "unknown";
        if (person.Sex is null || person.BirthDate is null)
        {
            issues.Add(new Issue(LabIssueCodes.MissingDemographics, IssueSeverity.Info, "Sex or birth date is unknown: sex- and age-specific ranges and eGFR are limited (give --sex and --birth-date)."));
        }

        return (person, source);
    }

    private static LabResultOutput Result(LabInterpretation i) => new()
    {
        Date = i.Result.DateOnly ? Day(i.Result.Date) : i.Result.Date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        Test = i.Result.TestName,
        Loinc = i.Result.Loinc,
        Value = i.Result.Value.ToString(),
        Unit = i.Result.Unit,
        Marker = i.Marker?.Id,
        MarkerName = i.Marker?.Name,
        NormalisedValue = i.Value,
        NormalisedUnit = i.Unit,
        Display = LabDisplay.Of(i),
        UnitDisplay = LabUnit.Display(i.Result.Unit),
        NormalisedUnitDisplay = LabUnit.Display(i.Unit),
        Conversion = i.Conversion,
        ConversionCitations = i.ConversionCitations,
        Range = i.Range is { } r ? new LabRangeOutput(r.Low, r.High, r.Unit, r.Source, r.CitationIds) : null,
        Flag = TermText.Of(i.Flag),
        LabFlag = i.Result.Flag,
        Critical = [.. i.Critical.Select(c => new LabCriticalOutput(c.Direction, c.Limit, c.Unit, c.Source, c.CitationIds))],
        Categories = [.. i.Categories.Select(c => new LabCategoryOutput(c.ThresholdId, c.Name, c.Category, c.CitationIds))],
        Notes = i.Notes,
        Source = i.Result.Source,
        Subject = i.Result.Subject,
    };

    private static void Text(TextWriter o, LabsOutput r)
    {
        var pregnancy = r.Person.Pregnant switch { true => ", pregnant", false => ", not pregnant", _ => r.Person.Sex == "female" ? ", pregnancy not stated" : string.Empty };
        o.WriteLine($"Lab results: {r.Results.Count} from {r.Files.Count} file(s){(r.Files.Any(f => f.Refused) ? $", {r.Files.Count(f => f.Refused)} refused" : string.Empty)}. Person: {r.Person.Sex ?? "sex unknown"}, {(r.Person.BirthDate is { } bd ? "born " + bd : "birth date unknown")}{pregnancy} ({r.Person.Source}).");
        o.WriteLine("Ranges are the lab's own when given, else the catalogue's with their source. Not medical advice.");
        var latest = r.Results.Concat(r.Derived).Where(x => x.Marker is not null)
            .GroupBy(x => (x.Subject, x.Marker))
            .Select(g => g.OrderBy(x => x.Date, StringComparer.Ordinal).Last())
            .ToList();
        var flagged = latest.Where(x => x.Flag is "below" or "above" || x.Critical.Count > 0).ToList();
        o.WriteLine();
        o.WriteLine(flagged.Count == 0 ? "No latest value outside its range." : "Outside the range (latest value per marker):");
        foreach (var x in flagged)
        {
            o.WriteLine($"  {x.Date[..10]}  {x.MarkerName,-36} {x.Display}  {x.Flag} {RangeText(x.Range)}{(x.Critical.Count > 0 ? "  CRITICAL (" + string.Join("; ", x.Critical.Select(c => c.Source)) + ")" : string.Empty)}");
        }

        var categorised = latest.Where(x => x.Categories.Count > 0).ToList();
        if (categorised.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Guideline categories (latest value per marker):");
            foreach (var x in categorised)
            {
                var lead = x.Flag is "below" or "above" || x.Critical.Count > 0 ? $" [{x.Flag}{(x.Critical.Count > 0 ? ", critical" : string.Empty)}]" : string.Empty;
                o.WriteLine($"  {x.Date[..10]}  {x.MarkerName,-36} {x.Display}{lead}: {string.Join("; ", x.Categories.Select(c => $"{c.Category} ({c.Name})"))}");
            }
        }

        if (r.Conditions.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Conditions the lab criteria point to (never a diagnosis):");
            foreach (var c in r.Conditions)
            {
                o.WriteLine($"  {c.Status}: {c.Explanation}");
            }
        }

        var moving = r.Trends.Where(t => t.Points.Any(p => p.ExceedsReferenceChange == true)).ToList();
        if (r.Trends.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"Trends: {r.Trends.Count} marker(s) with two or more values{(moving.Count > 0 ? "; beyond the reference change value: " + string.Join(", ", moving.Select(t => t.Name)) : string.Empty)}.");
        }

        var shown = r.Issues.Where(i => i.Severity != "info").ToList();
        if (shown.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Issues:");
            foreach (var group in shown.GroupBy(i => (i.Code, i.Message)).Take(30))
            {
                var first = group.First();
                o.WriteLine($"  {first.Severity} {first.Code}: {first.Message}{(group.Count() > 1 ? $" ({group.Count()}×, first at {first.File})" : first.File is null ? string.Empty : $" ({first.File}{(first.Line is { } l ? $":{l}" : string.Empty)})")}");
            }
        }
    }

    private static string RangeText(LabRangeOutput? range) =>
        range is null ? "(no range)" : $"[{range.Low?.ToString("0.###", CultureInfo.InvariantCulture) ?? "…"}–{range.High?.ToString("0.###", CultureInfo.InvariantCulture) ?? "…"} {range.UnitDisplay}, {range.Source}{(range.Citations.Count > 0 ? ": " + string.Join(", ", range.Citations) : string.Empty)}]";

    /// <summary>Typed results: the CSV header is Decodex's, so line n + 1 is the nth --result.</summary>
    private static LabImportResult Renumber(LabImportResult import) => import with
    {
        Issues = [.. import.Issues.Select(i => i with { Line = i.Line - 1 })],
        Results = [.. import.Results.Select(r => r with { Source = r.Source.StartsWith("--result:", StringComparison.Ordinal) && int.TryParse(r.Source.AsSpan(9), NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? string.Create(CultureInfo.InvariantCulture, $"--result:{line - 1}") : r.Source })],
    };

    private static string Day(DateTimeOffset date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Safe(string text) => new([.. text.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(40)]);
}
