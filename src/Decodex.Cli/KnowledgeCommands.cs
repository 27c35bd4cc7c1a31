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
                var counts = string.Create(CultureInfo.InvariantCulture, $"{c.Compounds} compounds, {c.Claims} claims, {c.Citations} citations, {c.Conditions} conditions, {c.Outcomes} outcomes, {c.Classes} classes");
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

            var rows = knowledgeBase.Compounds.Select(c => new CompoundRow(c.Id, c.Name, TermText.Of(c.Kind), c.ClassIds, c.Claims.Count, c.Safety.Count, c.Interactions.Count, c.Modifiers.Count)).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(new ListOutput(knowledgeBase.Version, rows)));
                return ExitCodes.Success;
            }

            var idWidth = Math.Max(2, rows.Max(r => r.Id.Length));
            var nameWidth = Math.Max(4, rows.Max(r => r.Name.Length));
            output.WriteLine($"{"id".PadRight(idWidth)}  {"name".PadRight(nameWidth)}  {"kind",-10}  claims  safety  interactions");
            foreach (var r in rows)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Id.PadRight(idWidth)}  {r.Name.PadRight(nameWidth)}  {r.Kind,-10}  {r.Claims,6}  {r.Safety,6}  {r.Interactions,12}"));
            }

            return ExitCodes.Success;
        });
        return command;
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
