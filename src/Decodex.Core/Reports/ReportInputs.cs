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

    /// <summary>
    /// True when the person has not chosen to see their APOE result: a finding that rests on it still
    /// counts in the verdict, but the report names neither the genotype nor the factor it matched.
    /// False (the default) shows it, as for a sample person or a report run from the command line.
    /// </summary>
    public bool HideApoe { get; init; }

    public IReadOnlyList<PgxGeneCall> PgxCalls { get; init; } = [];

    /// <summary>The allow-listed health variants read from the DNA file; a meaning's conditions count in the report.</summary>
    public IReadOnlyList<Genomics.Health.HealthVariantResult> HealthVariants { get; init; } = [];

    /// <summary>
    /// Sensitive health topics the person has not chosen to see (thrombophilia …): a finding that rests on one
    /// still counts at its level, but names neither the condition nor the variant. Empty (the default) shows
    /// them, as for a report run from the command line.
    /// </summary>
    public IReadOnlySet<string> HiddenHealthTopics { get; init; } = new HashSet<string>(StringComparer.Ordinal);

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

    /// <summary>
    /// The sites a report reads from a DNA file: the pharmacogene positions, APOE and the build markers,
    /// and every rsID a modifier of the knowledge base names. A streamed VCF keeps these rows; a genome
    /// kept between reports keeps only these (<see cref="GenomeFindings.Read"/>).
    /// </summary>
    public static GenomeTargets Targets(KnowledgeBase knowledgeBase, PgxData pgx)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(pgx);
        var pgxTargets = pgx.GenomeTargets();
        var modifierRsIds = knowledgeBase.Compounds
            .SelectMany(c => c.Modifiers)
            .SelectMany(m => m.Factor.Variants)
            .Select(v => VariantId.ParseRsId(v.RsId))
            .Where(id => id.Kind == VariantIdKind.RsId)
            .Select(id => id.Number);

        // The allow-listed health variants (factor V Leiden, G6PD …) count as conditions in reports.
        var health = knowledgeBase.HealthVariants;
        var healthPositions = health.SelectMany(v => new[] { (Build: GenomeBuild.Grch37, Site: v.Grch37), (Build: GenomeBuild.Grch38, Site: v.Grch38) }
                .Where(b => b.Site is not null)
                .Select(b => new GenomicPosition(b.Build, Genomics.Health.HealthVariantCaller.ChromosomeOf(v), b.Site!.Position)));
        return new GenomeTargets(
            pgxTargets.RsIds.Concat(modifierRsIds).Concat(health.Where(v => v.RsId > 0).Select(v => v.RsId)),
            pgxTargets.Positions.Concat(healthPositions));
    }

    /// <summary>Joins a profile with what was read from its DNA file and lab files; the labs are analysed for this profile.</summary>
    public static ReportInputs Combine(Profile profile, KnowledgeBase knowledgeBase, GenomeFindings? genome, IReadOnlyList<(string Name, LabImportResult Import)> labs)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(labs);
        var issues = new List<Issue>(genome?.Issues ?? []);
        LabReport? labReport = null;
        if (labs.Count > 0)
        {
            var results = new List<LabResult>();
            foreach (var (name, import) in labs)
            {
                if (import.Refused)
                {
                    issues.Add(new Issue(ReportIssueCodes.UnusableFile, IssueSeverity.Warning, "A lab file was refused; its results are not used (run 'decodex labs inspect' on it for the reasons).", name));
                }

                results.AddRange(import.Results);
            }

            labReport = LabAnalyzer.Analyze(new LabCatalogue(knowledgeBase), results, new LabDemographics(profile.Sex, profile.BirthDate) { Pregnant = profile.Pregnant });
        }

        return new ReportInputs
        {
            Profile = profile,
            Genome = genome?.Genome,
            GenomeDescription = genome?.Description,
            Apoe = genome?.Apoe,
            PgxCalls = genome?.PgxCalls ?? [],
            HealthVariants = genome?.Genome is { } dna ? Genomics.Health.HealthVariantCaller.Call(dna, knowledgeBase) : [],
            Labs = labReport,
            Issues = issues,
        };
    }

    /// <summary>The profile's stated sex for the genome reader; null when not stated.</summary>
    private static Sex? StatedSex(Profile profile) => profile?.Sex switch
    {
        MarkerSex.Female => Sex.Female,
        MarkerSex.Male => Sex.Male,
        _ => null,
    };

    private static ReportInputs Read(Profile profile, KnowledgeBase knowledgeBase, PgxData pgx, (string Name, Func<GenomeReadOptions, GenomeReadResult> Read)? genomeSource, IReadOnlyList<(string Name, Func<LabImportResult> Read)> labSources)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(pgx);
        var genome = genomeSource is { } source ? GenomeFindings.Read(source.Name, source.Read, knowledgeBase, pgx, StatedSex(profile)) : null;
        return Combine(profile, knowledgeBase, genome, [.. labSources.Select(l => (l.Name, l.Read()))]);
    }
}

/// <summary>
/// What a report needs from one DNA file, computed once: APOE and the pharmacogene calls from the whole
/// file, and a genome holding only the rows a report reads (<see cref="ReportInputs.Targets"/>), so it
/// can be kept in memory between reports. <see cref="Genome"/> is null when the file was refused.
/// </summary>
public sealed record GenomeFindings
{
    public Genome? Genome { get; init; }

    /// <summary>e.g. <c>23andme, GRCh37</c>; null when the file was refused.</summary>
    public string? Description { get; init; }

    public ApoeResult? Apoe { get; init; }

    public IReadOnlyList<PgxGeneCall> PgxCalls { get; init; } = [];

    /// <summary>The health allow-list, scores and ancestry read from the whole file; null when not asked for.</summary>
    public Genomics.Health.HealthReport? Health { get; init; }

    public IReadOnlyList<Issue> Issues { get; init; } = [];

    /// <summary>
    /// Reads the file with <paramref name="read"/> (given the report's targets) and keeps what a report needs.
    /// A <paramref name="statedSex"/> (the profile's) wins over the sex inferred from the data.
    /// </summary>
    public static GenomeFindings Read(string name, Func<GenomeReadOptions, GenomeReadResult> read, KnowledgeBase knowledgeBase, PgxData pgx, Sex? statedSex = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        var targets = ReportInputs.Targets(knowledgeBase, pgx);
        return From(read(new GenomeReadOptions { Targets = targets, StatedSex = statedSex }), name, targets, pgx);
    }

    /// <summary>
    /// What a report needs from a file already read (with <see cref="ReportInputs.Targets"/> as its
    /// targets, or a format that keeps every row).
    /// </summary>
    /// <param name="read">The file as read.</param>
    /// <param name="name">The file's name, for messages.</param>
    /// <param name="targets">The rows to keep in memory.</param>
    /// <param name="pgx">The pharmacogene data.</param>
    /// <param name="knowledgeBase">When given, the health report (allow-list, ancestry, scores) is worked out from the whole file.</param>
    public static GenomeFindings From(GenomeReadResult read, string name, GenomeTargets targets, PgxData pgx, KnowledgeBase? knowledgeBase = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(pgx);
        if (read.Genome is not { } genome)
        {
            return new GenomeFindings
            {
                Issues = [new Issue(ReportIssueCodes.UnusableFile, IssueSeverity.Warning, "The DNA file was refused by the genome reader; genotype findings are uncertain (run 'decodex genome inspect' on it).", name)],
            };
        }

        return new GenomeFindings
        {
            Genome = genome.Retain(targets),
            Description = $"{read.Format?.DisplayName}, {GenomeBuildText.Of(read.Build?.Build ?? GenomeBuild.Unknown)}",
            Apoe = ApoeCaller.Call(genome),
            PgxCalls = PgxCaller.Call(pgx, genome),
            Health = knowledgeBase is null ? null : Genomics.Health.HealthReport.Build(genome, knowledgeBase, new Genomics.Health.HealthOptions()),
        };
    }
}
