using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Decodex.Core.Knowledge.Labels;

namespace Decodex.Core.Knowledge;

/// <summary>
/// The validated, graded knowledge base written out, so a later load of the same sources skips parsing,
/// validation and grading. A snapshot is used only when the SHA-256 over every source file it was made
/// from equals that of the files read now; anything else is a full load.
/// </summary>
/// <remarks>
/// <para>
/// The file is <c>DKBS</c>, the length of the header (4 bytes, little-endian), the SHA-256 of all that
/// follows it (32 bytes), the header (this record as JSON) and then the bodies of the imported label
/// entries, one JSON document each, end to end. The header holds
/// the whole curated layer and, for every label entry, all but its safety items and interactions, with
/// their counts and where its body lies. A body is decoded the first time something reads that entry's
/// items: a report reads the few labels of the person's medicines, so the 9,000-odd label items (seven
/// eighths of the snapshot) are not decoded at every start.
/// </para>
/// <para>
/// The SHA-256 is checked when the file is read, and the bodies must tile the rest of the file in
/// order, so a body decoded later is exactly the one written: a damaged file is ignored whole, never
/// half used.
/// </para>
/// </remarks>
public sealed record KnowledgeSnapshot
{
    /// <summary>Changes whenever the model's or the file's shape changes, so an old snapshot is never read into a new model.</summary>
    public const string CurrentFormat = "decodex-kb-snapshot/3";

    private static ReadOnlySpan<byte> Magic => "DKBS"u8;

    public required string Format { get; init; }
    public required string SourcesSha256 { get; init; }
    public required string Version { get; init; }
    public required KnowledgeCounts Counts { get; init; }
    public IReadOnlyList<Issue> Issues { get; init; } = [];

    /// <summary>Every compound; label entries without their safety items and interactions (see <see cref="LabelBodies"/>).</summary>
    public IReadOnlyList<Compound> Compounds { get; init; } = [];
    public IReadOnlyList<Citation> Citations { get; init; } = [];
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];
    public IReadOnlyList<DrugClass> Classes { get; init; } = [];
    public IReadOnlyList<Marker> Markers { get; init; } = [];
    public IReadOnlyList<HighPriorityPair> HighPriorityPairs { get; init; } = [];
    public string? HighPriorityCitationId { get; init; }
    public IReadOnlyList<HealthVariant> HealthVariants { get; init; } = [];
    public IReadOnlyList<HealthCombination> HealthCombinations { get; init; } = [];

    /// <summary>Where each label entry's items lie after the header.</summary>
    public IReadOnlyList<LabelBodyPlace> LabelBodies { get; init; } = [];

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

    /// <summary>Writes the snapshot of a successful load of sources whose hash is <paramref name="sourcesSha256"/>.</summary>
    internal static void Write(Stream output, KnowledgeLoadResult result, string sourcesSha256)
    {
        var kb = result.KnowledgeBase!;
        using var bodies = new MemoryStream();
        var places = new List<LabelBodyPlace>();
        var compounds = new List<Compound>(kb.Compounds.Count);
        foreach (var compound in kb.Compounds)
        {
            if (!compound.IsImported)
            {
                compounds.Add(compound);
                continue;
            }

            var start = bodies.Position;
            JsonSerializer.Serialize(bodies, new LabelBody(compound.Safety, compound.Interactions), KnowledgeSnapshotJsonContext.Default.LabelBody);
            places.Add(new LabelBodyPlace(compound.Id, compound.Safety.Count, compound.Interactions.Count, start, checked((int)(bodies.Position - start))));
            compounds.Add(compound with { Safety = [], Interactions = [] });
        }

        var header = new KnowledgeSnapshot
        {
            Format = CurrentFormat,
            SourcesSha256 = sourcesSha256,
            Version = kb.Version,
            Counts = result.Counts,
            Issues = result.Issues,
            Compounds = compounds,
            Citations = kb.Citations,
            Conditions = kb.Conditions,
            Outcomes = kb.Outcomes,
            Classes = kb.Classes,
            Markers = kb.Markers,
            HighPriorityPairs = kb.HighPriorityPairs,
            HighPriorityCitationId = kb.HighPriorityCitationId,
            HealthVariants = kb.HealthVariants,
            HealthCombinations = kb.HealthCombinations,
            LabelBodies = places,
        };

        var headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, KnowledgeSnapshotJsonContext.Default.KnowledgeSnapshot);
        Assemble(output, headerBytes, bodies.GetBuffer().AsSpan(0, (int)bodies.Length));
    }

    /// <summary>Writes the file around a header and the bodies: the marker, the header's length and the hash.</summary>
    internal static void Assemble(Stream output, ReadOnlySpan<byte> header, ReadOnlySpan<byte> bodies)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        hash.AppendData(bodies);
        Span<byte> prefix = stackalloc byte[8 + 32];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[4..], header.Length);
        hash.GetHashAndReset(prefix[8..]);
        output.Write(prefix);
        output.Write(header);
        output.Write(bodies);
    }

    /// <summary>
    /// The knowledge base a snapshot file holds, when it is whole and was made from sources whose hash is
    /// <paramref name="sourcesSha256"/>; null for anything else (another format, other sources, a damaged
    /// or truncated file).
    /// </summary>
    /// <exception cref="JsonException">The header is not the JSON of a snapshot.</exception>
    internal static KnowledgeLoadResult? Read(byte[] file, string sourcesSha256)
    {
        const int start = 8 + 32;
        if (file.Length < start || !file.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return null;
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4, 4));
        if (headerLength <= 0 || headerLength > file.Length - start
            || !SHA256.HashData(file.AsSpan(start)).AsSpan().SequenceEqual(file.AsSpan(8, 32)))
        {
            return null;
        }

        var header = JsonSerializer.Deserialize(file.AsSpan(start, headerLength), KnowledgeSnapshotJsonContext.Default.KnowledgeSnapshot);
        if (header is not { Format: CurrentFormat } || header.SourcesSha256 != sourcesSha256)
        {
            return null;
        }

        // The bodies lie end to end, in order, to the end of the file.
        var bodies = new ReadOnlyMemory<byte>(file, start + headerLength, file.Length - start - headerLength);
        var places = new Dictionary<string, LabelBodyPlace>(StringComparer.Ordinal);
        long next = 0;
        foreach (var place in header.LabelBodies)
        {
            if (place is null || place.Offset != next || place.Length <= 0 || place.Length > bodies.Length - next
                || place.SafetyCount < 0 || place.InteractionCount < 0 || !places.TryAdd(place.Id, place))
            {
                return null;
            }

            next += place.Length;
        }

        if (next != bodies.Length)
        {
            return null;
        }

        var compounds = new List<Compound>(header.Compounds.Count);
        foreach (var compound in header.Compounds)
        {
            if (!compound.IsImported)
            {
                compounds.Add(compound);
                continue;
            }

            if (!places.Remove(compound.Id, out var place))
            {
                return null;
            }

            var body = new Lazy<LabelBody>(() => Decode(bodies.Slice((int)place.Offset, place.Length), place), LazyThreadSafetyMode.ExecutionAndPublication);
            compounds.Add(compound with
            {
                Safety = new DeferredList<SafetyItem>(place.SafetyCount, () => body.Value.Safety),
                Interactions = new DeferredList<Interaction>(place.InteractionCount, () => body.Value.Interactions),
            });
        }

        if (places.Count > 0)
        {
            return null;
        }

        return new KnowledgeLoadResult(
            new KnowledgeBase(compounds, header.Citations, header.Conditions, header.Outcomes, header.Classes, header.Markers, header.Version)
            {
                HighPriorityPairs = header.HighPriorityPairs,
                HighPriorityCitationId = header.HighPriorityCitationId,
                HealthVariants = header.HealthVariants,
                HealthCombinations = header.HealthCombinations,
            },
            header.Counts,
            header.Issues);
    }

    private static LabelBody Decode(ReadOnlyMemory<byte> bytes, LabelBodyPlace place)
    {
        var body = JsonSerializer.Deserialize(bytes.Span, KnowledgeSnapshotJsonContext.Default.LabelBody);

        // The bytes were checked against the header's hash when the file was read, so this cannot fail
        // unless the snapshot writer itself is wrong.
        return body is not null && body.Safety.Count == place.SafetyCount && body.Interactions.Count == place.InteractionCount
            ? body
            : throw new InvalidDataException($"The knowledge-base snapshot's items for {place.Id} do not match its header.");
    }
}

/// <summary>Where the items of one label entry lie in a snapshot, and how many there are.</summary>
public sealed record LabelBodyPlace(string Id, int SafetyCount, int InteractionCount, long Offset, int Length);

/// <summary>The items of one label entry, as a snapshot keeps them.</summary>
public sealed record LabelBody(IReadOnlyList<SafetyItem> Safety, IReadOnlyList<Interaction> Interactions);

/// <summary>A list whose length is known at once and whose items are made the first time one is read.</summary>
internal sealed class DeferredList<T>(int count, Func<IReadOnlyList<T>> items) : IReadOnlyList<T>
{
    private readonly Lazy<IReadOnlyList<T>> _items = new(items, LazyThreadSafetyMode.ExecutionAndPublication);

    public int Count => count;

    public T this[int index] => _items.Value[index];

    public IEnumerator<T> GetEnumerator() => _items.Value.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(KnowledgeSnapshot))]
[JsonSerializable(typeof(LabelBody))]
internal sealed partial class KnowledgeSnapshotJsonContext : JsonSerializerContext;
