namespace Decodex.Core.Knowledge;

/// <summary>A compound's monograph: identity, claims, safety, interactions, modifiers, dosing, user reports.</summary>
public sealed record Compound
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    public required CompoundKind Kind { get; init; }
    public IReadOnlyList<string> ClassIds { get; init; } = [];

    /// <summary>For <see cref="CompoundKind.DrugClass"/> monographs: the class described.</summary>
    public string? Represents { get; init; }
    public required string Summary { get; init; }
    public string? Composition { get; init; }
    public IReadOnlyList<RegulatoryStatus> Regulatory { get; init; } = [];
    public IReadOnlyList<Route> Routes { get; init; } = [];
    public IReadOnlyDictionary<string, string> ExternalIds { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<RelatedCompound> Related { get; init; } = [];
    public string? Disclaimer { get; init; }

    /// <summary>Prose sections that are not claims, keyed by section name (e.g. <c>limitations</c>).</summary>
    public IReadOnlyDictionary<string, string> Sections { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<Claim> Claims { get; init; } = [];
    public IReadOnlyList<SafetyItem> Safety { get; init; } = [];
    public IReadOnlyList<Interaction> Interactions { get; init; } = [];
    public IReadOnlyList<Modifier> Modifiers { get; init; } = [];
    public IReadOnlyList<DoseRegimen> Dosing { get; init; } = [];
    public UserReports? UserReports { get; init; }
    public SourceLocation Location { get; init; }

    /// <summary>Curated by people, or imported by a machine from a product label.</summary>
    public KnowledgeLayer Layer { get; init; } = KnowledgeLayer.Curated;

    /// <summary>For an imported label entry: the label it was made from.</summary>
    public Labels.LabelRecord? Label { get; init; }

    /// <summary>True for an entry of the imported label layer.</summary>
    public bool IsImported => Layer == KnowledgeLayer.Label;
}
