using Decodex.Core.Genomics;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;

namespace Decodex.Core.Reports;

/// <summary>Everything a report reads, loaded once: the profile, the genome (APOE, pharmacogenes) and the labs.</summary>
public sealed record ReportInputs
{
    public required Profile Profile { get; init; }

    public Genome? Genome { get; init; }

    /// <summary>e.g. <c>23andme, GRCh37</c>; null without a usable DNA file.</summary>
    public string? GenomeDescription { get; init; }

    public ApoeResult? Apoe { get; init; }

    public IReadOnlyList<PgxGeneCall> PgxCalls { get; init; } = [];

    public LabReport? Labs { get; init; }

    public IReadOnlyList<Issue> Issues { get; init; } = [];

    /// <summary>The day the person's age is computed for; today unless a test sets it.</summary>
    public DateOnly AsOf { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Reads the profile's DNA and lab files; unusable files become issues, not failures.</summary>
    public static ReportInputs Load(Profile profile, KnowledgeBase knowledgeBase, PgxData pgx)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(pgx);
        var issues = new List<Issue>();
        Genome? genome = null;
        string? description = null;
        if (profile.Genome is { } genomePath)
        {
            var read = GenomeReader.ReadFile(genomePath, new GenomeReadOptions { Targets = pgx.GenomeTargets() });
            if (read.Genome is null)
            {
                issues.Add(new Issue(ReportIssueCodes.UnusableFile, IssueSeverity.Warning, "The DNA file was refused by the genome reader; genotype findings are uncertain (run 'decodex genome inspect' on it).", Path.GetFileName(genomePath)));
            }
            else
            {
                genome = read.Genome;
                description = $"{read.Format?.Name}, {GenomeBuildText.Of(read.Build?.Build ?? GenomeBuild.Unknown)}";
            }
        }

        LabReport? labs = null;
        if (profile.Labs.Count > 0)
        {
            var results = new List<LabResult>();
            foreach (var path in profile.Labs)
            {
                var import = LabImport.ReadFile(path);
                if (import.Refused)
                {
                    issues.Add(new Issue(ReportIssueCodes.UnusableFile, IssueSeverity.Warning, "A lab file was refused; its results are not used (run 'decodex labs inspect' on it for the reasons).", Path.GetFileName(path)));
                }

                results.AddRange(import.Results);
            }

            labs = LabAnalyzer.Analyze(new LabCatalogue(knowledgeBase), results, new LabDemographics(profile.Sex, profile.BirthDate) { Pregnant = profile.Pregnant });
        }

        return new ReportInputs
        {
            Profile = profile,
            Genome = genome,
            GenomeDescription = description,
            Apoe = genome is null ? null : ApoeCaller.Call(genome),
            PgxCalls = genome is null ? [] : PgxCaller.Call(pgx, genome),
            Labs = labs,
            Issues = issues,
        };
    }
}
