using System.Text.Json;
using System.Text.Json.Serialization;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Core.Monographs;

namespace Decodex.Cli;

/// <summary>An issue as the CLI writes it in JSON.</summary>
internal sealed record IssueOutput(string Code, string Severity, string? File, int? Line, string Message);

/// <summary><c>decodex kb validate --json</c>.</summary>
internal sealed record ValidateOutput(bool Valid, string? Version, string GradingAlgorithm, KnowledgeCounts Counts, IReadOnlyList<IssueOutput> Issues);

/// <summary><c>decodex kb audit --json</c>.</summary>
internal sealed record AuditOutput(string Version, string GradingAlgorithm, IReadOnlyList<ClaimAudit> Claims);

/// <summary>One row of <c>decodex kb list --json</c>.</summary>
internal sealed record CompoundRow(string Id, string Name, string Kind, string Layer, IReadOnlyList<string> Classes, int Claims, int Safety, int Interactions, int Modifiers);

internal sealed record ImportOutput(int Entries, int Items, int Unmapped, int Pairs, int UnmappedNames, bool Changed, double Seconds);

/// <summary><c>decodex kb list --json</c>.</summary>
internal sealed record ListOutput(string Version, IReadOnlyList<CompoundRow> Compounds);

/// <summary>The APOE part of <c>decodex genome inspect --json</c>.</summary>
internal sealed record ApoeOutput(string? Genotype, string Status, IReadOnlyList<string> Alternatives, string Explanation, string? Rs429358, string? Rs7412, string? FoundBy, bool? CarriesE4);

/// <summary><c>decodex genome inspect --json</c>; names documented in the README.</summary>
internal sealed record GenomeInspectOutput
{
    public bool Refused { get; init; }
    public string? Format { get; init; }
    public string? FormatRule { get; init; }
    public string? FormatVersion { get; init; }
    public string? Compression { get; init; }
    public string? ZipMember { get; init; }
    public string? Build { get; init; }
    public string? BuildEvidence { get; init; }
    public string? BuildMethod { get; init; }
    public bool? Complete { get; init; }
    public long? Variants { get; init; }
    public long? Called { get; init; }
    public long? NoCalls { get; init; }
    public long? Duplicates { get; init; }
    public long? Skipped { get; init; }
    public long? Discrepant { get; init; }
    public string? Sex { get; init; }
    public string? SexEvidence { get; init; }
    public ApoeOutput? Apoe { get; init; }
    public IReadOnlyList<IssueOutput> Issues { get; init; } = [];
}

/// <summary>The JSON of <c>decodex pgx</c>; documented in the README. Null fields are written (as null), so every documented name is always present.</summary>
internal sealed record PgxOutput
{
    public required string CpicDataVersion { get; init; }
    public bool Refused { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Format { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Build { get; init; }
    public IReadOnlyList<PgxGeneOutput> Genes { get; init; } = [];
    public IReadOnlyList<PgxDrugOutput> Drugs { get; init; } = [];
    public IReadOnlyList<IssueOutput> Issues { get; init; } = [];
}

internal sealed record PgxGeneOutput
{
    public required string Gene { get; init; }
    public required string Status { get; init; }
    public required string Basis { get; init; }
    public IReadOnlyList<string> Diplotypes { get; init; } = [];
    public int DiplotypeCount { get; init; }
    public IReadOnlyList<string> PharmCatDiplotypes { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Phenotype { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ActivityScore { get; init; }
    public IReadOnlyList<string> PossiblePhenotypes { get; init; } = [];
    public required PgxCoverageOutput Coverage { get; init; }
    public IReadOnlyList<string> SettlingPositions { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? SettlingTest { get; init; }
    public IReadOnlyList<PgxObservedOutput> Observed { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public PgxProbableOutput? Probable { get; init; }
}

internal sealed record PgxCoverageOutput(int Read, int Required);

internal sealed record PgxObservedOutput(string Position, string Genotype, string FoundBy);

internal sealed record PgxGuidelineOutput(string Name, string? Url, IReadOnlyList<string> Pmids);

internal sealed record PgxDrugOutput
{
    public required string Requested { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Drug { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ResolvedBy { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Gene { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? CpicLevel { get; init; }
    public required string Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? GeneStatus { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Phenotype { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ActivityScore { get; init; }
    public IReadOnlyList<string> PossiblePhenotypes { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Implication { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Recommendation { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Strength { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Population { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Comments { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public PgxGuidelineOutput? Guideline { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Note { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? SettlingTest { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Probability { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? ProbabilityMin { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? ProbabilityMax { get; init; }
}

/// <summary>The JSON of <c>decodex labs inspect</c>; documented in the README. Null fields are written, so every documented name is always present.</summary>
internal sealed record LabsOutput
{
    public IReadOnlyList<LabFileOutput> Files { get; init; } = [];
    public required LabPersonOutput Person { get; init; }
    public IReadOnlyList<LabResultOutput> Results { get; init; } = [];
    public IReadOnlyList<LabResultOutput> Derived { get; init; } = [];
    public IReadOnlyList<LabConditionOutput> Conditions { get; init; } = [];
    public IReadOnlyList<LabTrendOutput> Trends { get; init; } = [];
    public IReadOnlyList<IssueOutput> Issues { get; init; } = [];
}

internal sealed record LabFileOutput(string File, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Format, bool Refused, int Results);

internal sealed record LabPersonOutput([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Sex, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? BirthDate, string Source, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? Pregnant = null);

internal sealed record LabRangeOutput([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Low, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? High, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Unit, string Source, IReadOnlyList<string> Citations)
{
    /// <summary>The unit as a person reads it (no UCUM codes).</summary>
    public string UnitDisplay => LabUnit.Display(Unit);
}

internal sealed record LabCriticalOutput(string Direction, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Limit, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Unit, string Source, IReadOnlyList<string> Citations);

internal sealed record LabCategoryOutput(string Threshold, string Name, string Category, IReadOnlyList<string> Citations);

internal sealed record LabResultOutput
{
    public required string Date { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Test { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Loinc { get; init; }
    public required string Value { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Unit { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Marker { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? MarkerName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public decimal? NormalisedValue { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? NormalisedUnit { get; init; }

    /// <summary>The value as a person reads it: rounded, units without UCUM codes ("2.2 mmol/L (40 mg/dL)").</summary>
    public required string Display { get; init; }

    public required string UnitDisplay { get; init; }
    public required string NormalisedUnitDisplay { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Conversion { get; init; }
    public IReadOnlyList<string> ConversionCitations { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public LabRangeOutput? Range { get; init; }
    public required string Flag { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? LabFlag { get; init; }
    public IReadOnlyList<LabCriticalOutput> Critical { get; init; } = [];
    public IReadOnlyList<LabCategoryOutput> Categories { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    public required string Source { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Subject { get; init; }
}

internal sealed record LabConditionOutput(string Condition, string Name, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Subject, string Status, int Values, string First, string Last, string Criteria, IReadOnlyList<string> Citations, string Explanation);

internal sealed record LabTrendPointOutput(string Date, decimal Value, bool Derived, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? ChangePercent, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? ExceedsReferenceChange);

internal sealed record LabTrendOutput
{
    public required string Marker { get; init; }
    public required string Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Subject { get; init; }
    public required string Unit { get; init; }
    public string UnitDisplay => LabUnit.Display(Unit);
    public IReadOnlyList<LabTrendPointOutput> Points { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public decimal? ReferenceChangePercent { get; init; }
    public IReadOnlyList<string> VariationCitations { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Plot { get; init; }
}

[JsonSerializable(typeof(ValidateOutput))]
[JsonSerializable(typeof(ListOutput))]
[JsonSerializable(typeof(AuditOutput))]
[JsonSerializable(typeof(GenomeInspectOutput))]
[JsonSerializable(typeof(HealthOutput))]
[JsonSerializable(typeof(PgxOutput))]
[JsonSerializable(typeof(LabsOutput))]
[JsonSerializable(typeof(MedsResolveOutput))]
[JsonSerializable(typeof(Decodex.Core.Reports.PersonalReport))]
[JsonSerializable(typeof(TrialAnalyzeOutput))]
[JsonSerializable(typeof(List<SimulationRow>))]
[JsonSerializable(typeof(CommunityPoolOutput))]
[JsonSerializable(typeof(CommunityVerifyOutput))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>Writes CLI outputs with the shared Decodex JSON conventions and compile-time metadata.</summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Options = MonographJson.CreateOptions(CliJsonContext.Default);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));
}
