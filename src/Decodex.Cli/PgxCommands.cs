using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Decodex.Core.Genomics;
using Decodex.Core.Knowledge;
using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;

namespace Decodex.Cli;

/// <summary><c>decodex pgx FILE [--drug NAME]... [--ancestry GROUP] [--json]</c>: pharmacogenes and CPIC recommendations from a DNA file.</summary>
internal static class PgxCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The DNA raw-data file or VCF (plain, .gz, bgzip or .zip)." };
        var drugs = new Option<string[]>("--drug") { Description = "A drug to look up in CPIC's guidelines (generic or brand; repeat for several).", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (names documented in the README)." };
        var dir = new Option<string?>("--knowledge") { Description = "Knowledge-base folder used to resolve brand names (default: the shipped one)." };
        var ancestry = new Option<string?>("--ancestry") { Description = $"Your CPIC biogeographic group, for the probability of phenotypes the file cannot settle: {string.Join(", ", PgxFrequencies.Groups.Select(g => $"\"{g}\""))}. Default: the range across all groups." };
        var command = new Command("pgx", "Call pharmacogenes (star alleles, phenotypes) from a DNA file and look up CPIC recommendations. Exit 0 read, 1 with problems to see, 2 refused.") { file, drugs, json, dir, ancestry };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var group = parse.GetValue(ancestry);
            if (group is not null && PgxFrequencies.ResolveGroup(group) is null)
            {
                error.WriteLine($"decodex: --ancestry must be one of CPIC's biogeographic groups: {string.Join(", ", PgxFrequencies.Groups)}.");
                return ExitCodes.UnusableInput;
            }

            if (!File.Exists(path))
            {
                error.WriteLine(Directory.Exists(path) ? "decodex: that is a folder; give the DNA file itself." : "decodex: the file does not exist.");
                return ExitCodes.UnusableInput;
            }

            // The PGx data loads on the second core while a text file is read; a VCF waits for its positions.
            var loading = Task.Run(PgxDataLoader.LoadEmbedded);
            var asJson = parse.GetValue(json);
            var progress = !asJson && !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error) ? new GenomeCommands.TerminalProgress(error) : null;
            var read = GenomeReader.ReadFile(path, new GenomeReadOptions { Progress = progress, Threads = Environment.ProcessorCount, TargetsSource = () => loading.GetAwaiter().GetResult().GenomeTargets() });
            progress?.Done();
            var data = loading.GetAwaiter().GetResult();
            var calls = read.Genome is null ? [] : PgxProbability.ForGroup(PgxCaller.Call(data, read.Genome), group);
            var knowledge = new Lazy<KnowledgeBase?>(() => KnowledgeBaseLoader.LoadDirectory(KnowledgeFolder.Resolve(parse.GetValue(dir))).KnowledgeBase);
            var advice = read.Genome is null
                ? []
                : (parse.GetValue(drugs) ?? []).SelectMany(d => PgxAdvisor.Advise(data, calls, d, data.FindDrug(d) is null ? knowledge.Value : null)).ToList();
            var result = new PgxOutput
            {
                CpicDataVersion = data.CpicDataVersion.Label,
                Refused = read.Refused,
                Format = read.Format?.Name,
                Build = read.Build is null ? null : GenomeCommands.BuildName(read.Build.Build),
                Genes = [.. calls.Select(Gene)],
                Drugs = [.. advice.Select(Drug)],
                Issues = [.. read.Issues.Select(i => new IssueOutput(i.Code, TermText.Of(i.Severity), i.File, i.Line, i.Message))],
            };
            if (asJson)
            {
                output.WriteLine(CliJson.Write(result));
            }
            else
            {
                Text(output, result);
            }

            return read.Refused ? ExitCodes.UnusableInput
                : read.HasProblems || advice.Any(a => a.Status == "unknown-drug") ? ExitCodes.Problems
                : ExitCodes.Success;
        });
        return command;
    }

    private static PgxGeneOutput Gene(PgxGeneCall c) => new()
    {
        Gene = c.Gene,
        Status = TermText.Of(c.Status),
        Basis = c.Basis,
        Diplotypes = c.Diplotypes,
        DiplotypeCount = c.DiplotypeCount,
        PharmCatDiplotypes = c.PharmCatDiplotypes,
        Phenotype = c.Phenotype,
        ActivityScore = c.ActivityScore,
        PossiblePhenotypes = c.PossiblePhenotypes,
        Coverage = new PgxCoverageOutput(c.PositionsRead, c.PositionsRequired),
        SettlingPositions = c.SettlingPositions,
        SettlingTest = c.SettlingTest,
        Observed = [.. c.Observed.Select(o => new PgxObservedOutput(o.Position, o.Genotype, o.FoundBy))],
        Notes = c.Notes,
        Probable = c.Probable is { } p ? Probable(p) : null,
    };

    private static PgxProbableOutput Probable(PgxProbableCall p) => new()
    {
        Phenotype = p.Phenotype,
        ActivityScore = p.ActivityScore,
        Probability = new PgxRangeOutput(Round(p.ProbabilityMin), Round(p.ProbabilityMax), PgxProbability.Range(p.ProbabilityMin, p.ProbabilityMax)),
        Threshold = PgxProbableCall.Threshold,
        MeetsThreshold = p.MeetsThreshold,
        StatedAncestry = p.StatedGroup,
        GroupsConsidered = p.GroupsConsidered,
        UntestedAlleles = p.UntestedAlleles,
        UntestedFrequency = new PgxRangeOutput(Round(p.UntestedFrequencyMin), Round(p.UntestedFrequencyMax), null),
        UntestedWithoutFrequency = p.UntestedWithoutFrequency,
        TestedWithoutFrequency = p.TestedWithoutFrequency,
        TestedAlternatives = p.TestedAlternatives,
        AmpTier1 = [.. p.AmpTier1.Select(t => new PgxTier1Output(t.Allele, t.PositionsRead, t.PositionsRequired, t.Tested))],
        Groups = [.. p.Groups.Select(g => new PgxGroupOutput(g.Group, [.. g.Phenotypes.Select(x => new PgxGroupPhenotypeOutput(x.Phenotype, x.ActivityScore, Round(x.Probability), Round(x.UntestedFrequency)))]))],
        Method = p.Method,
        Source = p.Source,
    };

    private static double Round(double value) => Math.Round(value, 6);

    private static PgxDrugOutput Drug(PgxDrugAdvice a) => new()
    {
        Requested = a.Requested,
        Drug = a.Drug,
        ResolvedBy = a.ResolvedBy,
        Gene = a.Gene,
        CpicLevel = a.CpicLevel,
        Status = a.Status,
        GeneStatus = a.GeneStatus is { } s ? TermText.Of(s) : null,
        Phenotype = a.Phenotype,
        ActivityScore = a.ActivityScore,
        PossiblePhenotypes = a.PossiblePhenotypes,
        Implication = a.Implication,
        Recommendation = a.Recommendation,
        Strength = a.Strength,
        Population = a.Population,
        Comments = a.Comments,
        Guideline = a.Guideline is { } g ? new PgxGuidelineOutput(g.Name, g.Url, g.Pmids) : null,
        Note = a.Note,
        SettlingTest = a.SettlingTest,
        Probability = a.Probability,
        ProbabilityMin = a.ProbabilityMin is { } min ? Round(min) : null,
        ProbabilityMax = a.ProbabilityMax is { } max ? Round(max) : null,
    };

    private static void Text(TextWriter o, PgxOutput r)
    {
        if (r.Refused)
        {
            o.WriteLine("The file could not be read:");
            foreach (var issue in r.Issues)
            {
                o.WriteLine("  " + issue.Message);
            }

            return;
        }

        o.WriteLine($"Pharmacogenes from a {r.Format} file ({r.Build}). CPIC data: {r.CpicDataVersion}.");
        o.WriteLine("Unknown is never normal: positions missing from the file are not assumed reference. Not medical advice; discuss any change with your prescriber.");
        o.WriteLine();
        o.WriteLine($"{"Gene",-8} {"Status",-13} {"Coverage",-9} {"Diplotype",-28} Phenotype");
        foreach (var g in r.Genes)
        {
            var diplotype = g.DiplotypeCount switch
            {
                0 => "—",
                1 when g.Basis == "dpyd-variants" && g.Status != "called" => "found: " + g.Diplotypes[0],
                1 => g.Diplotypes[0],
                _ => string.Create(CultureInfo.InvariantCulture, $"{g.DiplotypeCount} possible"),
            };
            var phenotype = g.Phenotype is { } p ? (g.ActivityScore is { } s && s != "n/a" ? $"{p} (activity score {s})" : p)
                : g.PossiblePhenotypes.Count > 1 ? "unknown: " + string.Join(" | ", g.PossiblePhenotypes)
                : "—";
            phenotype += g.Status == "probable" && g.Probable is { } odds ? $" — probability {odds.Probability.Text}" : string.Empty;
            o.WriteLine($"{g.Gene,-8} {g.Status,-13} {g.Coverage.Read + "/" + g.Coverage.Required,-9} {Truncate(diplotype, 28),-28} {phenotype}");
        }

        foreach (var g in r.Genes.Where(g => g.Status is "ambiguous" or "partial" && g.SettlingPositions.Count > 0 && g.SettlingPositions.Count <= 6))
        {
            o.WriteLine($"  {g.Gene}: {(g.Status == "partial" ? "would be confirmed by" : "would be settled by")} {string.Join("; ", g.SettlingPositions)}.");
        }

        foreach (var g in r.Genes.Where(g => g.Probable is { Phenotype: not null }))
        {
            var p = g.Probable!;
            var where = p.StatedAncestry is { } a ? $"for {a}" : $"across {p.GroupsConsidered.Count} CPIC groups";
            var untested = p.UntestedAlleles.Count == 0 ? "no untested allele would change it"
                : string.Create(CultureInfo.InvariantCulture, $"untested alleles that would change it: {string.Join(", ", p.UntestedAlleles.Take(6))}{(p.UntestedAlleles.Count > 6 ? ", …" : string.Empty)} (combined frequency {p.UntestedFrequency.Min:0.####}–{p.UntestedFrequency.Max:0.####})");
            var tier1 = p.AmpTier1.Count == 0 ? "AMP gives no Tier 1 set" : $"AMP Tier 1 read: {string.Join(", ", p.AmpTier1.Select(t => t.Tested ? t.Allele : $"{t.Allele} ({t.Read}/{t.Required} positions)"))}";
            o.WriteLine($"  {g.Gene}: {(g.Status == "probable" ? "probable" : "most likely")} {p.Phenotype}, {p.Probability.Text} {where}; {untested}; {tier1}.{(g.Status == "probable" && g.SettlingTest is { } t ? $" To confirm: {t}." : string.Empty)}");
        }

        foreach (var d in r.Drugs)
        {
            o.WriteLine();
            o.WriteLine(d.Drug is null ? $"{d.Requested}: {d.Note}" : $"{d.Drug}{(d.Gene is null ? string.Empty : $" × {d.Gene}")}{(d.CpicLevel is null ? string.Empty : $" (CPIC level {d.CpicLevel})")}{(d.Population is null ? string.Empty : $" — {d.Population}")}");
            if (d.Gene is null)
            {
                if (d.Drug is not null)
                {
                    o.WriteLine($"  {d.Note}");
                }

                continue;
            }

            o.WriteLine($"  Phenotype:      {d.Phenotype ?? (d.PossiblePhenotypes.Count > 0 ? "unknown (possible: " + string.Join(", ", d.PossiblePhenotypes) + ")" : "unknown")}{(d.ActivityScore is { } a && a != "n/a" ? $", activity score {a}" : string.Empty)}{(d.Probability is { } pr ? $" (probable, {pr})" : string.Empty)}");
            if (d.Recommendation is not null)
            {
                o.WriteLine($"  Implication:    {d.Implication ?? "—"}");
                o.WriteLine($"  Recommendation: {d.Recommendation} [{d.Strength}]");
            }

            if (d.Note is not null)
            {
                o.WriteLine($"  Note:           {d.Note}");
            }

            if (d.SettlingTest is not null && d.Recommendation is null)
            {
                o.WriteLine($"  To settle it:   {d.SettlingTest}");
            }

            if (d.Guideline is { } guideline)
            {
                o.WriteLine($"  Guideline:      CPIC, {guideline.Name}{(guideline.Pmids.Count > 0 ? " (PMID " + string.Join(", ", guideline.Pmids) + ")" : string.Empty)}{(guideline.Url is null ? string.Empty : " " + guideline.Url)}");
            }
        }

        foreach (var issue in r.Issues.Where(i => i.Severity != "info"))
        {
            o.WriteLine($"{issue.Severity} {issue.Code}: {issue.Message}");
        }
    }

    private static string Truncate(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");
}

/// <summary>The probable-call fields of a gene in <c>decodex pgx --json</c>; documented in the README.</summary>
internal sealed record PgxProbableOutput
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Phenotype { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ActivityScore { get; init; }
    public required PgxRangeOutput Probability { get; init; }
    public double Threshold { get; init; }
    public bool MeetsThreshold { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StatedAncestry { get; init; }
    public IReadOnlyList<string> GroupsConsidered { get; init; } = [];
    public IReadOnlyList<string> UntestedAlleles { get; init; } = [];
    public required PgxRangeOutput UntestedFrequency { get; init; }
    public IReadOnlyList<string> UntestedWithoutFrequency { get; init; } = [];
    public IReadOnlyList<string> TestedWithoutFrequency { get; init; } = [];
    public IReadOnlyList<string> TestedAlternatives { get; init; } = [];
    public IReadOnlyList<PgxTier1Output> AmpTier1 { get; init; } = [];
    public IReadOnlyList<PgxGroupOutput> Groups { get; init; } = [];
    public required string Method { get; init; }
    public required string Source { get; init; }
}

/// <summary>A range across groups: lowest, highest, and in words.</summary>
internal sealed record PgxRangeOutput(double Min, double Max, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Text);

internal sealed record PgxTier1Output(string Allele, int Read, int Required, bool Tested);

internal sealed record PgxGroupOutput(string Group, IReadOnlyList<PgxGroupPhenotypeOutput> Phenotypes);

internal sealed record PgxGroupPhenotypeOutput(string Phenotype, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ActivityScore, double Probability, double UntestedFrequency);
