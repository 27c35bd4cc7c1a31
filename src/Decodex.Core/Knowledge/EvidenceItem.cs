using System.Text.Json.Serialization;

namespace Decodex.Core.Knowledge;

/// <summary>Links a claim, interaction or modifier to one citation, with what the study was.</summary>
public sealed record EvidenceItem
{
    public required string CitationId { get; init; }
    public required StudyDesign Design { get; init; }
    public required Species Species { get; init; }
    public int? NRandomised { get; init; }
    public int? NAnalysed { get; init; }
    public string? Arms { get; init; }
    public string? Dose { get; init; }
    public string? Duration { get; init; }
    public string? Population { get; init; }

    /// <summary>The study population or outcome is only indirectly the claim's.</summary>
    public bool Indirect { get; init; }

    /// <summary>
    /// The study was funded or authored by the maker of the compound. Derived when the knowledge base
    /// loads from the citation's <see cref="Citation.MakerLinks"/>; a written value must agree with them.
    /// </summary>
    public bool SponsorLinked { get; init; }

    /// <summary>The <c>sponsorLinked</c> value as written in the source, or null when it was left to be derived.</summary>
    [JsonIgnore]
    public bool? SponsorLinkedWritten { get; init; }

    /// <summary>For a meta-analysis or systematic review: the designs it pooled; the grade starts from the weakest substantial one.</summary>
    public IReadOnlyList<PooledDesign> Pooled { get; init; } = [];

    /// <summary>For a guideline: the strength of its recommendation in its own words (e.g. strong, moderate, optional).</summary>
    public string? Strength { get; init; }

    /// <summary>True when <c>heterogeneity</c> was written explicitly (true or false).</summary>
    [JsonIgnore]
    public bool HeterogeneityWritten { get; init; }
    public EffectEstimate? Effect { get; init; }

    /// <summary>Risk of bias as reported (e.g. by a Cochrane review); null when not reported.</summary>
    public RiskOfBias? RiskOfBias { get; init; }

    /// <summary>A meta-analysis or review that reports important heterogeneity between its studies.</summary>
    public bool Heterogeneity { get; init; }

    /// <summary>The certainty a systematic review's own authors gave this evidence (GRADE), if reported; caps the grade.</summary>
    public GradeLevel? ReportedCertainty { get; init; }
    public string? Funding { get; init; }
    public required EvidenceRole Role { get; init; }

    /// <summary>For modifiers only: how carriers responded compared with non-carriers.</summary>
    public CarrierResponse? CarrierResponse { get; init; }
    public string? Note { get; init; }
    public SourceLocation Location { get; init; }

    /// <summary>Participants counted for precision: analysed when given, else randomised.</summary>
    public int? Participants => NAnalysed ?? NRandomised;
}
