namespace Decodex.Core.Reports;

/// <summary>What a finding is about.</summary>
public enum FindingKind
{
    Contraindication,
    BoxedWarning,
    Warning,
    Precaution,
    Interaction,
    GeneModifier,
    Pharmacogenomics,
    MissingData,
    UncheckedInput,
}

/// <summary>What a finding asks of the reader; the verdict is the strongest level among the findings.</summary>
public enum FindingLevel
{
    Avoid,
    Caution,
    Info,
}

/// <summary>
/// One finding with its trail: the inputs used (which value and its date, which genotype), the rule
/// from the knowledge base that fired, and the sources. <see cref="Certainty"/> says how sure the
/// inputs make it: <c>certain</c> (declared or sustained), <c>possible</c> (one value), <c>uncertain</c> (data missing).
/// </summary>
public sealed record Finding
{
    public required FindingKind Kind { get; init; }

    public required FindingLevel Level { get; init; }

    public required string Title { get; init; }

    public required string Explanation { get; init; }

    public string? Action { get; init; }

    public required string Certainty { get; init; }

    public IReadOnlyList<string> Inputs { get; init; } = [];

    public required string Rule { get; init; }

    public IReadOnlyList<string> Citations { get; init; } = [];

    /// <summary>The citations as a reader sees them (authors, year, title, PMID or address, verification).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>True for a label item that concerns everyone who takes the compound, not something about this person.</summary>
    public bool General { get; init; }

    /// <summary>True when the finding rests on the person's APOE result (see <see cref="ReportInputs.HideApoe"/>).</summary>
    public bool UsesApoe { get; init; }

    /// <summary>What would settle an uncertain finding (e.g. a kidney function test); null otherwise.</summary>
    public string? WouldSettle { get; init; }
}
