using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Decodex.Core;
using Decodex.Core.Genomics;
using Decodex.Core.Genomics.Health;
using Decodex.Core.Knowledge;

namespace Decodex.Cli;

/// <summary><c>decodex genome health</c>: the allow-listed health variants, unconfirmed rare calls (opt-in) and polygenic scores.</summary>
internal static class HealthCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The DNA raw-data file or VCF (plain, .gz, bgzip or .zip)." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (names documented in the README)." };
        var clinVar = new Option<string?>("--clinvar") { Description = "A ClinVar VCF (NCBI release or the 2016 MacArthur-lab file, plain or gzip) to look for rare pathogenic calls in ACMG genes; used only with --unconfirmed." };
        var unconfirmed = new Option<bool>("--unconfirmed") { Description = "Opt in to see rare calls in ACMG genes, each as an unconfirmed array call to check with a clinical test (never a result)." };
        var ancestry = new Option<string?>("--ancestry") { Description = "Your continental ancestry as a 1000 Genomes superpopulation (EUR, AFR, AMR, EAS, SAS), instead of estimating it from the file." };
        var scores = new Option<string[]>("--score") { Description = "A PGS Catalog scoring file to compute besides the shipped ones (repeat for several); its licence is checked.", AllowMultipleArgumentsPerToken = false };
        var dir = new Option<string?>("--knowledge") { Description = "Knowledge-base folder (default: the shipped one)." };
        var command = new Command("health", "Well-studied health variants (HFE, factor V Leiden, prothrombin, SERPINA1, G6PD, CFTR, HbS), unconfirmed rare calls on opt-in, and polygenic scores with coverage. Exit 0 read, 1 read with problems to see, 2 refused.")
        {
            file, json, clinVar, unconfirmed, ancestry, scores, dir,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var stated = parse.GetValue(ancestry);
            if (stated is not null && AncestryEstimator.Parse(stated) is null)
            {
                error.WriteLine("decodex: --ancestry must be one of EUR, AFR, AMR, EAS, SAS.");
                return ExitCodes.UnusableInput;
            }

            if (!File.Exists(path))
            {
                error.WriteLine(Directory.Exists(path) ? "decodex: that is a folder; give the DNA file itself." : "decodex: the file does not exist.");
                return ExitCodes.UnusableInput;
            }

            // The vocabularies (health variants, citations) load on the second core while the DNA file is read.
            var loading = Task.Run(() => KnowledgeBaseLoader.LoadHealth(KnowledgeFolder.Resolve(parse.GetValue(dir))));
            ClinVarSites? clinVarSites = null;
            var showUnconfirmed = parse.GetValue(unconfirmed);
            if (showUnconfirmed && parse.GetValue(clinVar) is { } clinVarPath)
            {
                if (!File.Exists(clinVarPath))
                {
                    error.WriteLine("decodex: the ClinVar file does not exist.");
                    return ExitCodes.UnusableInput;
                }

                try
                {
                    using var stream = File.OpenRead(clinVarPath);
                    clinVarSites = RareVariantScan.ReadClinVar(stream);
                }
                catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    error.WriteLine("decodex: the ClinVar file could not be read: " + (e is InvalidDataException ? e.Message : "it could not be opened."));
                    return ExitCodes.UnusableInput;
                }
            }

            var extra = new List<PolygenicScoreFile>();
            foreach (var scorePath in parse.GetValue(scores) ?? [])
            {
                try
                {
                    using var stream = File.OpenRead(scorePath);
                    extra.Add(PolygenicScoreFile.Read(stream));
                }
                catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"decodex: a scoring file could not be read: {(e is InvalidDataException ? e.Message : "it could not be opened.")}");
                    return ExitCodes.UnusableInput;
                }
            }

            var asJson = parse.GetValue(json);
            var progress = !asJson && !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error) ? new GenomeCommands.TerminalProgress(error) : null;
            var read = GenomeReader.ReadFile(path, new GenomeReadOptions
            {
                Progress = progress,
                Threads = Environment.ProcessorCount,
                TargetsSource = () => HealthReport.Targets(loading.GetAwaiter().GetResult().KnowledgeBase ?? throw new InvalidOperationException("The knowledge base is invalid."), clinVarSites),
            });
            progress?.Done();
            var knowledge = loading.GetAwaiter().GetResult().KnowledgeBase;
            if (knowledge is null)
            {
                error.WriteLine("decodex: the knowledge base is invalid; run `decodex kb validate`.");
                foreach (var issue in loading.GetAwaiter().GetResult().Issues.Where(i => i.Severity == IssueSeverity.Error).Take(5))
                {
                    error.WriteLine("  " + issue);
                }
                return ExitCodes.UnusableInput;
            }

            var report = read.Genome is null
                ? null
                : HealthReport.Build(read.Genome, knowledge, new HealthOptions
                {
                    ClinVar = clinVarSites,
                    ShowUnconfirmed = showUnconfirmed,
                    StatedAncestry = AncestryEstimator.Parse(stated),
                    ExtraScores = extra,
                });
            var apoe = read.Genome is null ? null : ApoeCaller.Call(read.Genome);
            var result = Json(read, report, apoe, knowledge);
            if (asJson)
            {
                output.WriteLine(CliJson.Write(result));
            }
            else
            {
                Text(output, result);
            }

            return read.Refused ? ExitCodes.UnusableInput : read.HasProblems ? ExitCodes.Problems : ExitCodes.Success;
        });
        return command;
    }

    private static HealthOutput Json(GenomeReadResult read, HealthReport? report, ApoeResult? apoe, KnowledgeBase knowledge)
    {
        CitationOutput Cite(string id)
        {
            var c = knowledge.Citation(id);
            return c is null
                ? new CitationOutput(id, id, null, null, null, null, "unverified")
                : new CitationOutput(c.Id, c.Title, c.Year, c.Doi, c.Pmid, c.Url, TermText.Of(c.Verification.Status));
        }

        return new HealthOutput
        {
            KnowledgeVersion = knowledge.Version,
            Refused = read.Refused,
            Format = read.Format?.Name,
            Build = read.Build is null ? null : GenomeCommands.BuildName(read.Build.Build),
            Sex = read.Sex is null ? null : TermText.Of(read.Sex.Sex),
            NotTested = HealthReport.NotTestedWording,
            Variants = report is null ? [] : [.. report.Variants.Select(r => new HealthVariantOutput
            {
                Variant = r.Variant.Id,
                Gene = r.Variant.Gene,
                Name = r.Variant.Name,
                Hgvs = r.Variant.Hgvs,
                Condition = r.Variant.Condition,
                Kind = TermText.Of(r.Variant.Kind),
                Topic = r.Variant.Topic,
                Sensitive = r.Variant.Sensitive,
                RsId = r.Variant.RsId > 0 ? "rs" + r.Variant.RsId.ToString(CultureInfo.InvariantCulture) : null,
                Genotype = r.Genotype,
                RiskCopies = r.RiskCopies,
                GenotypeClass = r.GenotypeClass is { } g ? TermText.Of(g) : null,
                Status = TermText.Of(r.Status),
                FoundBy = r.FoundBy,
                Meaning = r.Meaning,
                NotMeaning = r.Variant.NotMeaning,
                Confirm = r.Variant.Confirm,
                Caution = r.Caution,
                Frequencies = [.. r.Variant.Frequencies.Select(f => new FrequencyOutput(f.Population, f.Frequency))],
                Citations = [.. r.CitationIds.Union(r.Variant.CitationIds, StringComparer.Ordinal).Select(Cite)],
            })],
            Combinations = report is null ? [] : [.. report.Combinations.Select(c => new CombinationOutput(c.Combination.Id, c.Combination.Name, c.Combination.Text, [.. c.Combination.CitationIds.Select(Cite)]))],
            Apoe = apoe is null ? null : new ApoeOutput(apoe.Genotype, TermText.Of(apoe.Status), apoe.Alternatives, apoe.Explanation, apoe.Rs429358, apoe.Rs7412, apoe.FoundBy, apoe.CarriesE4),
            Unconfirmed = report is null ? null : new UnconfirmedOutput(
                report.Unconfirmed.OptedIn,
                report.Unconfirmed.Scanned,
                report.Unconfirmed.Note,
                [.. report.Unconfirmed.Calls.Select(c => new UnconfirmedCallOutput(
                    c.Site.Gene,
                    c.Site.Chromosome.ToString(),
                    c.Site.Position,
                    c.Site.Asserted.ToString(),
                    c.Genotype,
                    "unconfirmed-rare",
                    c.Site.Significance,
                    c.Site.ReviewStatus,
                    c.Site.Conditions,
                    HealthReport.UnconfirmedWording,
                    c.FoundBy))],
                [Cite("weedon-2021-bmj-snp-chips")]),
            Ancestry = report is null ? null : new AncestryOutput(
                report.Ancestry.Matched is { } m ? AncestryEstimator.Code(m) : null,
                report.Ancestry.Stated,
                report.Ancestry.Markers,
                report.Ancestry.Shares.ToDictionary(p => AncestryEstimator.Code(p.Key), p => p.Value),
                report.Ancestry.Explanation),
            Scores = report is null ? [] : [.. report.Scores.Select(s => new ScoreOutput
            {
                PgsId = s.Score.PgsId,
                Name = s.Score.Name,
                Trait = s.Score.Trait,
                Citation = s.Score.Citation,
                Licence = s.Score.Licence,
                Score = s.Value,
                Found = s.Found,
                Total = s.Total,
                VariantCoverage = Math.Round(s.VariantCoverage, 4),
                WeightCoverage = s.WeightCoverage,
                Percentile = s.Percentile,
                Reference = s.Reference,
                SuppressedBy = s.SuppressedBy,
                RefusedForLicence = s.RefusedForLicence,
                Notes = s.Notes,
            })],
            Issues = [.. read.Issues.Select(i => new IssueOutput(i.Code, TermText.Of(i.Severity), i.File, i.Line, i.Message))],
        };
    }

    private static void Text(TextWriter o, HealthOutput r)
    {
        if (r.Refused)
        {
            o.WriteLine("Refused: " + r.Issues[0].Message);
            return;
        }

        o.WriteLine($"Format: {r.Format}; build {r.Build}; sex {r.Sex}. Knowledge base {r.KnowledgeVersion}.");
        o.WriteLine();
        o.WriteLine(r.NotTested);
        string? topic = null;
        foreach (var v in r.Variants)
        {
            o.WriteLine();
            if (v.Sensitive && v.Topic != topic)
            {
                o.WriteLine($"[{v.Topic}] Before you read: this result is about {v.Condition.ToLowerInvariant()}. It is a risk factor, not a diagnosis; you can stop here and read it with a clinician.");
            }

            topic = v.Topic;
            o.WriteLine($"{v.Gene} {v.Name} ({v.RsId ?? "no rsID"}): {v.Status}{(v.Genotype is null ? string.Empty : $", genotype {v.Genotype}")}");
            o.WriteLine("  " + v.Meaning);
            if (v.Caution is not null)
            {
                o.WriteLine("  Caution: " + v.Caution);
            }

            o.WriteLine("  What it does not mean: " + v.NotMeaning);
            o.WriteLine("  To settle it: " + v.Confirm);
            o.WriteLine("  Sources: " + string.Join("; ", v.Citations.Select(c => $"{c.Title} [{c.Verification}]")));
        }

        foreach (var c in r.Combinations)
        {
            o.WriteLine();
            o.WriteLine($"{c.Name}: {c.Text}");
        }

        o.WriteLine();
        if (r.Unconfirmed is { } u)
        {
            o.WriteLine("Rare variants: " + u.Note);
            foreach (var call in u.Calls)
            {
                o.WriteLine($"  {call.Gene} {call.Chromosome}:{call.Position} genotype {call.Genotype}: unconfirmed array call ({call.Significance}; {call.ReviewStatus}; {call.Conditions}).");
            }
        }

        if (r.Ancestry is { } a)
        {
            o.WriteLine();
            o.WriteLine("Ancestry: " + a.Explanation);
        }

        if (r.Scores.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("[polygenic scores] Before you read: these include a breast cancer score. A score places you among other people on average; it is not a diagnosis and not an absolute risk, and family history matters more.");
        }

        foreach (var s in r.Scores)
        {
            o.WriteLine();
            var value = s.Score is { } x ? x.ToString("0.####", CultureInfo.InvariantCulture) : "not computed";
            var place = s.Percentile is { } p ? string.Create(CultureInfo.InvariantCulture, $", percentile {p:0.#} against {s.Reference}") : ", no percentile";
            o.WriteLine($"{s.PgsId} {s.Name} ({s.Trait}): score {value}{place}.");
            foreach (var note in s.Notes)
            {
                o.WriteLine("  " + note);
            }
        }

        if (r.Issues.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Issues:");
            foreach (var issue in r.Issues)
            {
                o.WriteLine($"  {issue.Code} {issue.Message}");
            }
        }
    }
}

/// <summary><c>decodex genome health --json</c>; names documented in the README. Null fields are written as null.</summary>
internal sealed record HealthOutput
{
    public required string KnowledgeVersion { get; init; }
    public bool Refused { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Format { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Build { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Sex { get; init; }
    public required string NotTested { get; init; }
    public IReadOnlyList<HealthVariantOutput> Variants { get; init; } = [];
    public IReadOnlyList<CombinationOutput> Combinations { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public ApoeOutput? Apoe { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public UnconfirmedOutput? Unconfirmed { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public AncestryOutput? Ancestry { get; init; }
    public IReadOnlyList<ScoreOutput> Scores { get; init; } = [];
    public IReadOnlyList<IssueOutput> Issues { get; init; } = [];
}

internal sealed record HealthVariantOutput
{
    public required string Variant { get; init; }
    public required string Gene { get; init; }
    public required string Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Hgvs { get; init; }
    public required string Condition { get; init; }
    public required string Kind { get; init; }
    public required string Topic { get; init; }
    public bool Sensitive { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? RsId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Genotype { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public int? RiskCopies { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? GenotypeClass { get; init; }
    public required string Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? FoundBy { get; init; }
    public required string Meaning { get; init; }
    public required string NotMeaning { get; init; }
    public required string Confirm { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Caution { get; init; }
    public IReadOnlyList<FrequencyOutput> Frequencies { get; init; } = [];
    public IReadOnlyList<CitationOutput> Citations { get; init; } = [];
}

internal sealed record FrequencyOutput(string Population, decimal Frequency);

internal sealed record CitationOutput(
    string Id,
    string Title,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Year,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Doi,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Pmid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Url,
    string Verification);

internal sealed record CombinationOutput(string Id, string Name, string Text, IReadOnlyList<CitationOutput> Citations);

internal sealed record UnconfirmedOutput(bool OptedIn, bool Scanned, string Note, IReadOnlyList<UnconfirmedCallOutput> Calls, IReadOnlyList<CitationOutput> Citations);

internal sealed record UnconfirmedCallOutput(string Gene, string Chromosome, int Position, string AssertedAllele, string Genotype, string Status, string Significance, string ReviewStatus, string Conditions, string Meaning, string FoundBy);

internal sealed record AncestryOutput(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Matched,
    bool Stated,
    int Markers,
    IReadOnlyDictionary<string, double> Shares,
    string Explanation);

internal sealed record ScoreOutput
{
    public required string PgsId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Trait { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Citation { get; init; }
    public required string Licence { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public double? Score { get; init; }
    public int Found { get; init; }
    public int Total { get; init; }
    public double VariantCoverage { get; init; }
    public double WeightCoverage { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public double? Percentile { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Reference { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? SuppressedBy { get; init; }
    public bool RefusedForLicence { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}
