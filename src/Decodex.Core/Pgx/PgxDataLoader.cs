using System.Collections.Immutable;
using System.Text.Json;

namespace Decodex.Core.Pgx;

/// <summary>
/// Loads the PGx data file. <see cref="LoadEmbedded"/> reads the copy compiled into Decodex.Core once
/// per process and returns the same instance afterwards (thread-safe).
/// </summary>
public static class PgxDataLoader
{
    /// <summary>Manifest name of the embedded data file.</summary>
    public const string ResourceName = "Decodex.Core.Pgx.Data.pgx-data.json";

    private static readonly Lazy<PgxData> Embedded = new(LoadEmbeddedCore, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The data shipped inside Decodex.Core, loaded and indexed on first call. Throws
    /// <see cref="InvalidDataException"/> if the embedded file is missing or broken (a build defect, not user input).
    /// </summary>
    public static PgxData LoadEmbedded() => Embedded.Value;

    /// <summary>
    /// Reads a data file from <paramref name="stream"/> and checks its shape: the format version, one
    /// allele slot per variant, variant indices in order, one reference allele. Throws
    /// <see cref="InvalidDataException"/> when the file is not a valid <c>decodex-pgx/1</c> file.
    /// </summary>
    public static PgxData Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // Parse from one buffer, not from the stream: the list converters need whole arrays, and a
        // streamed read re-scans a growing buffer for each of them (RYR1's alleles are 600 KB).
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            return Load(segment.AsSpan((int)memory.Position));
        }

        byte[] bytes;
        if (stream.CanSeek)
        {
            bytes = new byte[checked((int)(stream.Length - stream.Position))];
            stream.ReadExactly(bytes);
        }
        else
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }

        return Load(bytes);
    }

    /// <summary>Reads a data file from UTF-8 bytes; see <see cref="Load(Stream)"/>.</summary>
    public static PgxData Load(ReadOnlySpan<byte> utf8) => Load(utf8, default);

    /// <summary>
    /// Reads the data; given <paramref name="keep"/> (the embedded copy, whose every part the tests read,
    /// and whose bytes stay where they are for the life of the process), the drugs (CPIC recommendations)
    /// and each gene's allele definitions are read and checked on first use from slices of it: the rest is
    /// read without them.
    /// </summary>
    private static PgxData Load(ReadOnlySpan<byte> utf8, ReadOnlyMemory<byte> keep)
    {
        var deferred = keep.IsEmpty ? null : FindDeferred(utf8);
        PgxData? data;
        try
        {
            if (deferred is { } parts)
            {
                var ranges = parts.Alleles.Where(r => r.End > r.Start).Append(parts.Drugs).OrderBy(r => r.Start).ToList();
                var rest = new byte[utf8.Length - ranges.Sum(r => r.End - r.Start) + (2 * ranges.Count)];
                var from = 0;
                var to = 0;
                foreach (var (start, end) in ranges)
                {
                    utf8[from..start].CopyTo(rest.AsSpan(to));
                    to += start - from;
                    "[]"u8.CopyTo(rest.AsSpan(to));
                    to += 2;
                    from = end;
                }

                utf8[from..].CopyTo(rest.AsSpan(to));
                data = JsonSerializer.Deserialize(rest, PgxJsonContext.Default.PgxData);
            }
            else
            {
                data = JsonSerializer.Deserialize(utf8, PgxJsonContext.Default.PgxData);
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The PGx data file is not valid JSON of the expected shape.", ex);
        }

        if (data is null)
        {
            throw new InvalidDataException("The PGx data file is empty.");
        }

        if (deferred is { } found && found.Alleles.Count != data.Genes.Length)
        {
            // Not the shape the ranges were found for: read it whole, so nothing set aside is lost.
            return Load(utf8, default);
        }

        Validate(data);
        if (deferred is { } parts2)
        {
            for (var i = 0; i < data.Genes.Length; i++)
            {
                var gene = data.Genes[i];
                var (start, end) = parts2.Alleles[i];
                if (end > start)
                {
                    var bytes = keep[start..end];
                    gene.ReadAllelesOnFirstUse(() => ValidateAlleles(gene, Deferred(bytes, PgxJsonContext.Default.ImmutableArrayPgxAllele, gene.Symbol + "'s alleles")));
                }
                else
                {
                    ValidateAlleles(gene, gene.Alleles);
                }
            }

            var drugs = keep[parts2.Drugs.Start..parts2.Drugs.End];
            data.ReadDrugsOnFirstUse(() => Deferred(drugs, PgxJsonContext.Default.ImmutableArrayPgxDrug, "the drugs"));
        }
        else
        {
            foreach (var gene in data.Genes)
            {
                ValidateAlleles(gene, gene.Alleles);
            }
        }

        data.EnsureIndexed();
        return data;
    }

    private static ImmutableArray<T> Deferred<T>(ReadOnlyMemory<byte> bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<ImmutableArray<T>> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes.Span, type);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"In the PGx data file, {what} are not valid JSON of the expected shape.", ex);
        }
    }

    /// <summary>
    /// The bytes of the top-level <c>drugs</c> array and of each gene's <c>alleles</c> array (an empty
    /// range when a gene has none); null when the file does not have that shape or the JSON is broken
    /// (the full read then reports it).
    /// </summary>
    private static (List<(int Start, int End)> Alleles, (int Start, int End) Drugs)? FindDeferred(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            List<(int, int)>? alleles = null;
            (int, int)? drugs = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isDrugs = reader.ValueTextEquals("drugs"u8);
                var isGenes = reader.ValueTextEquals("genes"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isDrugs && reader.TokenType == JsonTokenType.StartArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    drugs = (start, (int)reader.BytesConsumed);
                }
                else if (isGenes && reader.TokenType == JsonTokenType.StartArray)
                {
                    alleles = [];
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        (int, int) range = (0, 0);
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var isAlleles = reader.ValueTextEquals("alleles"u8);
                            if (!reader.Read())
                            {
                                return null;
                            }

                            var start = (int)reader.TokenStartIndex;
                            reader.Skip();
                            if (isAlleles && reader.TokenType == JsonTokenType.EndArray)
                            {
                                range = (start, (int)reader.BytesConsumed);
                            }
                        }

                        alleles.Add(range);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            return alleles is null || drugs is null ? null : (alleles, drugs.Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static PgxData LoadEmbeddedCore()
    {
        var bytes = EmbeddedBytes.Read(typeof(PgxDataLoader).Assembly, ResourceName);
        return Load(bytes.Span, bytes);
    }

    private static void Validate(PgxData data)
    {
        if (!string.Equals(data.Version, PgxData.FormatVersion, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Unsupported PGx data version '{data.Version}'; expected '{PgxData.FormatVersion}'.");
        }

        foreach (var gene in data.Genes)
        {
            for (var i = 0; i < gene.Variants.Length; i++)
            {
                if (gene.Variants[i].Index != i)
                {
                    throw new InvalidDataException($"{gene.Symbol}: variant {i} has index {gene.Variants[i].Index}.");
                }
            }
        }
    }

    /// <summary>One allele slot per variant and exactly one reference allele, named as the gene says.</summary>
    private static ImmutableArray<PgxAllele> ValidateAlleles(PgxGene gene, ImmutableArray<PgxAllele> alleles)
    {
        foreach (var allele in alleles)
        {
            if (allele.Alleles.Length != gene.Variants.Length)
            {
                throw new InvalidDataException($"{gene.Symbol} {allele.Name}: {allele.Alleles.Length} allele slots for {gene.Variants.Length} variants.");
            }
        }

        var references = alleles.Where(a => a.IsReference).ToArray();
        if (references.Length != 1 || !string.Equals(references[0].Name, gene.ReferenceAllele, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{gene.Symbol}: the reference allele must be exactly one allele named '{gene.ReferenceAllele}'.");
        }

        return alleles;
    }
}
