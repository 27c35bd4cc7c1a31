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
        ArgumentNullException.ThrowIfNull(pgx);
        var genome = profile.Genome is { } genomePath
            ? (Path.GetFileName(genomePath), (Func<GenomeReadOptions, GenomeReadResult>)(options => GenomeReader.ReadFile(genomePath, options)))
            : ((string, Func<GenomeReadOptions, GenomeReadResult>)?)null;
        return Read(profile, knowledgeBase, pgx, genome, profile.Labs.Select(path => (Path.GetFileName(path), (Func<LabImportResult>)(() => LabImport.ReadFile(path)))).ToList());
    }

    /// <summary>
    /// Reads the DNA file and lab files from memory, never from disk: <paramref name="profile"/>'s own file
    /// references are ignored, and issues name each file by its <c>Name</c> (the name the person gave it,
    /// used only as a label). For a server that must never open a path derived from what a user sent.
    /// </summary>
    public static ReportInputs Load(Profile profile, KnowledgeBase knowledgeBase, PgxData pgx, (string Name, byte[] Content)? genome, IReadOnlyList<(string Name, byte[] Content)> labs)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(labs);
        var genomeSource = genome is { } g
            ? (g.Name, (Func<GenomeReadOptions, GenomeReadResult>)(options =>
            {
                using var stream = new MemoryStream(g.Content, writable: false);
                return GenomeReader.Read(stream, options);
            }))
            : ((string, Func<GenomeReadOptions, GenomeReadResult>)?)null;
        var labSources = labs.Select(l => (l.Name, (Func<LabImportResult>)(() => LabImport.Read(Text(l.Content), l.Name)))).ToList();
        return Read(profile, knowledgeBase, pgx, genomeSource, labSources);
    }

    /// <summary>Text as <see cref="File.ReadAllText(string)"/> reads it: UTF-8 unless a byte order mark says otherwise.</summary>
    private static string Text(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content, writable: false), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static ReportInputs Read(Profile profile, KnowledgeBase knowledgeBase, PgxData pgx, (string Name, Func<GenomeReadOptions, GenomeReadResult> Read)? genomeSource, IReadOnlyList<(string Name, Func<LabImportResult> Read)> labSources)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(pgx);
        var issues = new List<Issue>();
        Genome? genome = null;
        string? description = null;
        if (genomeSource is { } source)
        {
            var read = source.Read(new GenomeReadOptions { Targets = pgx.GenomeTargets() });
            if (read.Genome is null)
            {
                issues.Add(new Issue(ReportIssueCodes.UnusableFile, IssueSeverity.Warning, "The DNA file was refused by the genome reader; genotype findings are uncertain (run 'decodex genome inspect' on it).", source.Name));
            }
            else
            {
                genome = read.Genome;
                description = $"{read.Format?.Name}, {GenomeBuildText.Of(read.Build?.Build ?? GenomeBuild.Unknown)}";
            }
        }

        LabReport? labs = null;
        if (labSources.Count > 0)
        {
            var results = new List<LabResult>();
            foreach (var (name, read) in labSources)
            {
                var import = read();
                if (import.Refused)
                {
                    issues.Add(new Issue(ReportIssueCodes.UnusableFile, IssueSeverity.Warning, "A lab file was refused; its results are not used (run 'decodex labs inspect' on it for the reasons).", name));
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
