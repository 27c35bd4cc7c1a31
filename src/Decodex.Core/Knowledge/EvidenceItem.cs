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

    /// <summary>The study was funded or authored by the maker of the compound.</summary>
    public bool SponsorLinked { get; init; }
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
