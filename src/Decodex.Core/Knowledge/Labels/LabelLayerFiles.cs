using System.Text.Json.Serialization;

namespace Decodex.Core.Knowledge.Labels;

/// <summary>
/// One imported label entry as the importer writes it (<c>knowledge/imported/openfda-labels/&lt;id&gt;.json</c>).
/// Machine-made: every item is a structured statement in our own words, located in the label by
/// section, string index, character range and passage hash.
/// </summary>
public sealed record LabelEntryFile
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public IReadOnlyList<string> Brands { get; init; } = [];
    public IReadOnlyList<string> Ingredients { get; init; } = [];
    public IReadOnlyList<string> Classes { get; init; } = [];
    public required LabelFileRecord Label { get; init; }
    public IReadOnlyList<LabelFileItem> Items { get; init; } = [];
    public IReadOnlyList<LabelFileUnmapped> Unmapped { get; init; } = [];
}

/// <summary>The label identifiers and where the copy came from.</summary>
public sealed record LabelFileRecord
{
    public required string SetId { get; init; }
    public required string Version { get; init; }
    public required string EffectiveTime { get; init; }
    public string? ApplicationNumber { get; init; }
    public string? SplId { get; init; }
    public required string GenericName { get; init; }
    public string? Source { get; init; }
    public required string Licence { get; init; }
}

/// <summary>One structured statement drawn from one passage.</summary>
public sealed record LabelFileItem
{
    public required string Id { get; init; }

    /// <summary>contraindication, boxed-warning, warning, precaution or interaction.</summary>
    public required string Kind { get; init; }
    public string? Condition { get; init; }
    public int? MinAge { get; init; }
    public int? MaxAge { get; init; }
    public string? Class { get; init; }
    public string? Drug { get; init; }
    public string? Compound { get; init; }

    /// <summary>avoid, caution or info: what the label asks of a person it applies to.</summary>
    public required string Level { get; init; }

    /// <summary>For interactions: avoid, adjust, monitor or consider.</summary>
    public string? Action { get; init; }

    /// <summary>For interactions: major, moderate or unrated.</summary>
    public string? Severity { get; init; }
    public string? Mechanism { get; init; }
    public string? Topic { get; init; }
    public required string Statement { get; init; }
    public required LabelPassage Passage { get; init; }
}

/// <summary>A passage the importer could not map, with candidate names a curator may add to the vocabulary.</summary>
public sealed record LabelFileUnmapped
{
    public required string Kind { get; init; }
    public required string Reason { get; init; }
    public IReadOnlyList<string> Names { get; init; } = [];
    public required LabelPassage Passage { get; init; }
}

/// <summary>The ONC high-priority pairs as imported (<c>knowledge/imported/onc-high-priority-pairs.json</c>).</summary>
public sealed record HighPriorityPairsFile
{
    public required string Citation { get; init; }
    public required string Source { get; init; }
    public required string SourceSha256 { get; init; }
    public IReadOnlyList<HighPriorityPair> Pairs { get; init; } = [];
}

/// <summary>
/// One ONC high-priority interaction pair: two groups of medicines (as listed in the paper's table) that
/// the expert panel regarded as contraindicated together. A pair with an empty member list cannot be
/// matched and says why.
/// </summary>
public sealed record HighPriorityPair
{
    public required string Id { get; init; }
    public required int Number { get; init; }
    public required string ObjectName { get; init; }
    public IReadOnlyList<string> ObjectMembers { get; init; } = [];
    public required string PrecipitantName { get; init; }
    public IReadOnlyList<string> PrecipitantMembers { get; init; } = [];
    public string? Note { get; init; }

    /// <summary>Why the pair cannot be matched against a medicine list, when it cannot.</summary>
    public string? NotMatchable { get; init; }

    /// <summary>The other group when <paramref name="name"/> is in one group; null when it is in neither.</summary>
    public (string Name, IReadOnlyList<string> Members)? Other(string name)
    {
        var key = LabelNames.Base(name);
        if (ObjectMembers.Contains(key, StringComparer.Ordinal))
        {
            return (PrecipitantName, PrecipitantMembers);
        }

        return PrecipitantMembers.Contains(key, StringComparer.Ordinal) ? (ObjectName, ObjectMembers) : null;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n",
    IndentSize = 2)]
[JsonSerializable(typeof(LabelEntryFile))]
[JsonSerializable(typeof(HighPriorityPairsFile))]
public sealed partial class LabelLayerJsonContext : JsonSerializerContext;
