using System.CommandLine;
using System.Globalization;
using Decodex.Core;
using Decodex.Core.Knowledge;
using Decodex.Core.Monographs;

namespace Decodex.Cli;

/// <summary><c>decodex kb validate|list|show|audit</c>: the knowledge base from the command line.</summary>
internal static class KnowledgeCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var kb = new Command("kb", "The knowledge base: validate it, list its compounds, render a monograph.");
        kb.Subcommands.Add(Validate(output));
        kb.Subcommands.Add(List(output, error));
        kb.Subcommands.Add(Show(output, error));
        kb.Subcommands.Add(Audit(output, error));
        kb.Subcommands.Add(ImportLabels(output, error));
        return kb;
    }

    private static Option<string?> DirOption() => new("--dir")
    {
        Description = "Knowledge-base folder (default: the one shipped with decodex, else ./knowledge).",
    };

    private static Command Validate(TextWriter output)
    {
        var dir = DirOption();
        var json = new Option<bool>("--json") { Description = "Write counts and issues as JSON." };
        var command = new Command("validate", "Check the knowledge base; exit 0 when valid, 1 with coded issues (file:line).") { dir, json };
        command.SetAction(parse =>
        {
            var folder = KnowledgeFolder.Resolve(parse.GetValue(dir));
            var result = KnowledgeBaseLoader.LoadDirectory(folder);
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(new ValidateOutput(
                    result.IsValid,
                    result.KnowledgeBase?.Version,
                    EvidenceGrader.Version,
                    result.Counts,
                    [.. result.Issues.Select(i => new IssueOutput(i.Code, TermText.Of(i.Severity), i.File, i.Line, i.Message))])));
            }
            else
            {
                foreach (var issue in result.Issues)
                {
                    output.WriteLine(issue.ToString());
                }

                var c = result.Counts;
                var counts = string.Create(CultureInfo.InvariantCulture, $"{c.Compounds} compounds, {c.Claims} claims, {c.Citations} citations, {c.Conditions} conditions, {c.Outcomes} outcomes, {c.Classes} classes")
                    + (c.LabelEntries > 0 ? string.Create(CultureInfo.InvariantCulture, $"; imported layer: {c.LabelEntries} label entries, {c.LabelItems} items, {c.HighPriorityPairs} ONC pairs") : string.Empty);
                var errors = result.Issues.Count(i => i.Severity == IssueSeverity.Error);
                var warnings = result.Issues.Count - errors;
                output.WriteLine(result.IsValid
                    ? string.Create(CultureInfo.InvariantCulture, $"Knowledge base valid: {counts}; {warnings} warning(s). Version {result.KnowledgeBase!.Version}.")
                    : string.Create(CultureInfo.InvariantCulture, $"Knowledge base invalid: {errors} error(s), {warnings} warning(s) in {counts}."));
            }

            return result.IsValid ? ExitCodes.Success : ExitCodes.Problems;
        });
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var dir = DirOption();
        var json = new Option<bool>("--json") { Description = "Write the list as JSON." };
        var command = new Command("list", "List the compounds and class monographs.") { dir, json };
        command.SetAction(parse =>
        {
            if (Load(parse.GetValue(dir), error) is not { } knowledgeBase)
            {
                return ExitCodes.UnusableInput;
            }

            var rows = knowledgeBase.Compounds.Select(c => new CompoundRow(c.Id, c.Name, TermText.Of(c.Kind), c.IsImported ? "label" : "curated", c.ClassIds, c.Claims.Count, c.Safety.Count, c.Interactions.Count, c.Modifiers.Count)).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(new ListOutput(knowledgeBase.Version, rows)));
                return ExitCodes.Success;
            }

            var idWidth = Math.Max(2, rows.Max(r => r.Id.Length));
            var nameWidth = Math.Max(4, rows.Max(r => r.Name.Length));
            output.WriteLine($"{"id".PadRight(idWidth)}  {"name".PadRight(nameWidth)}  {"kind",-10}  {"layer",-7}  claims  safety  interactions");
            foreach (var r in rows.OrderBy(r => r.Layer == "label" ? 1 : 0).ThenBy(r => r.Id, StringComparer.Ordinal))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Id.PadRight(idWidth)}  {r.Name.PadRight(nameWidth)}  {r.Kind,-10}  {r.Layer,-7}  {r.Claims,6}  {r.Safety,6}  {r.Interactions,12}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{knowledgeBase.Curated.Count} curated, {knowledgeBase.LabelEntries.Count} imported from US labels (machine-made; not yet read by a curator)."));

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ImportLabels(TextWriter output, TextWriter error)
    {
        var dir = DirOption();
        var labels = new Option<string>("--labels") { Description = "openFDA label records, one JSON object per line (e.g. ../shared/data/drugs/openfda_labels_pharmgkb_2024-01.jsonl).", Required = true };
        var pairs = new Option<string?>("--pairs") { Description = "The ONC high-priority pairs TSV (e.g. ../shared/data/drugs/onc_high_priority_ddi_phansalkar2012.tsv)." };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the files on disk differ from what the inputs give." };
        var json = new Option<bool>("--json") { Description = "Write the counts as JSON." };
        var command = new Command("import-labels", "Build the imported label layer (knowledge/imported/) from openFDA labels and the ONC pairs; the same inputs always give the same files.") { dir, labels, pairs, check, json };
        command.SetAction(parse =>
        {
            var folder = KnowledgeFolder.Resolve(parse.GetValue(dir));
            var curated = KnowledgeBaseLoader.LoadDirectory(folder, withImported: false);
            if (curated.KnowledgeBase is not { } knowledgeBase)
            {
                error.WriteLine("The curated knowledge base is not valid; run 'decodex kb validate' first.");
                return ExitCodes.UnusableInput;
            }

            var imported = Path.Combine(folder, "imported");
            var termsPath = Path.Combine(imported, "label-terms.tsv");
            if (!File.Exists(termsPath))
            {
                error.WriteLine("knowledge/imported/label-terms.tsv is missing: the importer needs its term table.");
                return ExitCodes.UnusableInput;
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            Core.Knowledge.Labels.LabelImport result;
            try
            {
                using var labelStream = File.OpenRead(parse.GetValue(labels)!);
                using var pairStream = parse.GetValue(pairs) is { } p ? File.OpenRead(p) : null;
                result = Core.Knowledge.Labels.LabelImporter.Import(labelStream, pairStream, File.ReadAllText(termsPath), knowledgeBase, Core.Medicines.MedicineVocabulary.Embedded);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                error.WriteLine($"Import failed: {e.Message}");
                return ExitCodes.UnusableInput;
            }

            // Compare through a scratch copy, so --check never touches the knowledge folder.
            var scratch = Directory.CreateTempSubdirectory("decodex-import-").FullName;
            bool changed;
            try
            {
                result.Write(scratch);
                changed = Differs(scratch, imported);
                if (changed && !parse.GetValue(check))
                {
                    result.Write(imported);
                }
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var items = result.Entries.Sum(e => e.Items.Count);
            var unmapped = result.Entries.Sum(e => e.Unmapped.Count);
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(new ImportOutput(result.Entries.Count, items, unmapped, result.Pairs?.Pairs.Count ?? 0, result.UnmappedNames.Count, changed, Math.Round(seconds, 3))));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Entries.Count} label entries, {items} items, {unmapped} unmapped passages ({result.UnmappedNames.Count} candidate names in unmapped-names.tsv), {result.Pairs?.Pairs.Count ?? 0} ONC pairs; {seconds:0.00} s."));
                output.WriteLine(changed
                    ? parse.GetValue(check) ? "The files on disk differ from what these inputs give (run without --check to update them, then review the diff)." : "Updated knowledge/imported/: review the diff before committing."
                    : "No change: the files on disk are what these inputs give.");
            }

            return parse.GetValue(check) && changed ? ExitCodes.Problems : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>True when the generated files (everything the importer writes) differ between the two folders.</summary>
    private static bool Differs(string generated, string existing)
    {
        var made = Directory.EnumerateFiles(generated, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(generated, f)).Order(StringComparer.Ordinal).ToList();
        var labelFolder = Path.Combine(existing, Core.Knowledge.Labels.LabelImport.LabelFolder);
        var onDisk = Directory.Exists(labelFolder) ? Directory.EnumerateFiles(labelFolder, "*.json").Select(f => Path.GetRelativePath(existing, f)).ToHashSet(StringComparer.Ordinal) : [];
        if (onDisk.Any(f => !made.Contains(f)))
        {
            return true;
        }

        return made.Any(f => !File.Exists(Path.Combine(existing, f)) || !File.ReadAllBytes(Path.Combine(existing, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(generated, f))));
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var dir = DirOption();
        var id = new Argument<string>("id") { Description = "Compound id, e.g. cerebrolysin (see 'decodex kb list')." };
        var format = new Option<string>("--format") { Description = "text, html or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "html", "json");
        var outFile = new Option<string?>("--out") { Description = "Write to this file instead of the terminal." };
        var command = new Command("show", "Render one monograph as text, self-contained HTML or JSON.") { id, dir, format, outFile };
        command.SetAction(parse =>
        {
            if (Load(parse.GetValue(dir), error) is not { } knowledgeBase)
            {
                return ExitCodes.UnusableInput;
            }

            var compoundId = parse.GetValue(id)!;
            if (knowledgeBase.Compound(compoundId) is not { } compound)
            {
                error.WriteLine($"No compound with id '{compoundId}'. Run 'decodex kb list' to see the ids.");
                return ExitCodes.UnusableInput;
            }

            var document = MonographDocument.Create(knowledgeBase, compound);
            var text = parse.GetValue(format) switch
            {
                "html" => MonographHtmlRenderer.Render(document),
                "json" => MonographJson.Render(document),
                _ => MonographTextRenderer.Render(document),
            };
            if (parse.GetValue(outFile) is { } path)
            {
                File.WriteAllText(path, text);
                error.WriteLine($"Wrote {path}");
            }
            else
            {
                output.Write(text);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Audit(TextWriter output, TextWriter error)
    {
        var dir = DirOption();
        var id = new Argument<string?>("id") { Description = "Compound id; all compounds when left out.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Write the audit as JSON." };
        var command = new Command("audit", "Per claim: sponsor-linked evidence, largest trial attached or excluded, community-only sources, starting level and every step.") { id, dir, json };
        command.SetAction(parse =>
        {
            if (Load(parse.GetValue(dir), error) is not { } knowledgeBase)
            {
                return ExitCodes.UnusableInput;
            }

            var compoundId = parse.GetValue(id);
            if (compoundId is not null && knowledgeBase.Compound(compoundId) is null)
            {
                error.WriteLine($"No compound with id '{compoundId}'. Run 'decodex kb list' to see the ids.");
                return ExitCodes.UnusableInput;
            }

            var audits = GradeAudit.For(knowledgeBase, compoundId);
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(new AuditOutput(knowledgeBase.Version, EvidenceGrader.Version, audits)));
                return ExitCodes.Success;
            }

            foreach (var a in audits)
            {
                output.WriteLine($"{a.ClaimId} ({a.CompoundId}): {a.Grade}{(a.ReportedCertainty is { } r ? "; review authors: " + TermText.Of(r) : string.Empty)}");
                output.WriteLine($"  sponsor-linked: {Join(a.SponsorLinked)}");
                output.WriteLine($"  largest trial attached: {a.LargestTrial ?? "none"}");
                output.WriteLine($"  large trials for this outcome: {Join(a.LargeTrials)}");
                output.WriteLine($"  excluded: {Join(a.Excluded)}");
                output.WriteLine($"  community-only sources (not counted): {Join(a.CommunityOnly)}");
                foreach (var step in a.Steps)
                {
                    output.WriteLine($"  - {step}");
                }

                output.WriteLine();
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{audits.Count} claim(s) audited with {EvidenceGrader.Version}."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Join(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(" | ", items);

    private static KnowledgeBase? Load(string? dir, TextWriter error)
    {
        var result = KnowledgeBaseLoader.LoadDirectory(KnowledgeFolder.Resolve(dir));
        if (result.KnowledgeBase is null)
        {
            foreach (var issue in result.Issues.Where(i => i.Severity == IssueSeverity.Error).Take(20))
            {
                error.WriteLine(issue.ToString());
            }

            error.WriteLine("The knowledge base is invalid; run 'decodex kb validate' for every issue.");
        }

        return result.KnowledgeBase;
    }
}
