using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Decodex.Core.Knowledge.Labels;

namespace Decodex.Core.Knowledge;

/// <summary>
/// The validated, graded knowledge base written as one JSON document, so a later load of the same
/// sources skips parsing, validation and grading. A snapshot is used only when the SHA-256 over every
/// source file it was made from equals that of the files read now; anything else is a full load.
/// </summary>
public sealed record KnowledgeSnapshot
{
    /// <summary>Changes whenever the model's shape changes, so an old snapshot is never read into a new model.</summary>
    public const string CurrentFormat = "decodex-kb-snapshot/1";

    public required string Format { get; init; }
    public required string SourcesSha256 { get; init; }
    public required string Version { get; init; }
    public required KnowledgeCounts Counts { get; init; }
    public IReadOnlyList<Issue> Issues { get; init; } = [];
    public IReadOnlyList<Compound> Compounds { get; init; } = [];
    public IReadOnlyList<Citation> Citations { get; init; } = [];
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];
    public IReadOnlyList<DrugClass> Classes { get; init; } = [];
    public IReadOnlyList<Marker> Markers { get; init; } = [];
    public IReadOnlyList<HighPriorityPair> HighPriorityPairs { get; init; } = [];
    public string? HighPriorityCitationId { get; init; }

    /// <summary>
    /// Which build of the loader made a snapshot: a new validator or grader must never be answered from a
    /// snapshot an older one wrote. The module version id changes with every compiled change; where the
    /// runtime does not expose it, the informational version (with the commit) stands in.
    /// </summary>
    private static readonly Lazy<string> BuildIdentity = new(() =>
    {
        var assembly = typeof(KnowledgeSnapshot).Assembly;
        var informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
        try
        {
            return informational + "/" + assembly.ManifestModule.ModuleVersionId.ToString("N");
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            return informational;
        }
    });

    /// <summary>SHA-256 (hex) over the build, the source files' paths and their bytes, in path order.</summary>
    public static string HashOf(IReadOnlyList<(string Path, byte[] Bytes)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(CurrentFormat));
        hash.AppendData(Encoding.UTF8.GetBytes(BuildIdentity.Value));
        foreach (var (path, bytes) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData([0]);
            hash.AppendData(bytes);
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    internal static KnowledgeSnapshot Of(KnowledgeLoadResult result, string sourcesSha256)
    {
        var kb = result.KnowledgeBase!;
        return new KnowledgeSnapshot
        {
            Format = CurrentFormat,
            SourcesSha256 = sourcesSha256,
            Version = kb.Version,
            Counts = result.Counts,
            Issues = result.Issues,
            Compounds = kb.Compounds,
            Citations = kb.Citations,
            Conditions = kb.Conditions,
            Outcomes = kb.Outcomes,
            Classes = kb.Classes,
            Markers = kb.Markers,
            HighPriorityPairs = kb.HighPriorityPairs,
            HighPriorityCitationId = kb.HighPriorityCitationId,
        };
    }

    internal KnowledgeLoadResult ToResult() => new(
        new KnowledgeBase(Compounds, Citations, Conditions, Outcomes, Classes, Markers, Version)
        {
            HighPriorityPairs = HighPriorityPairs,
            HighPriorityCitationId = HighPriorityCitationId,
        },
        Counts,
        Issues);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(KnowledgeSnapshot))]
internal sealed partial class KnowledgeSnapshotJsonContext : JsonSerializerContext;
