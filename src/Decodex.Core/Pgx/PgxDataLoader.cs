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
    public static PgxData Load(ReadOnlySpan<byte> utf8)
    {
        // The drugs (CPIC recommendations) are read on first use: the rest is read without them, and
        // their bytes are kept aside.
        var drugs = FindDrugs(utf8);
        PgxData? data;
        try
        {
            if (drugs is { } range)
            {
                var rest = new byte[utf8.Length - (range.End - range.Start) + 2];
                utf8[..range.Start].CopyTo(rest);
                "[]"u8.CopyTo(rest.AsSpan(range.Start));
                utf8[range.End..].CopyTo(rest.AsSpan(range.Start + 2));
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

        Validate(data);
        if (drugs is { } found)
        {
            var bytes = utf8[found.Start..found.End].ToArray();
            data.ReadDrugsOnFirstUse(() =>
            {
                try
                {
                    return JsonSerializer.Deserialize(bytes, PgxJsonContext.Default.ImmutableArrayPgxDrug);
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException("The drugs of the PGx data file are not valid JSON of the expected shape.", ex);
                }
            });
        }

        data.EnsureIndexed();
        return data;
    }

    /// <summary>The bytes of the top-level <c>drugs</c> array; null when there is none or the JSON is broken (the full read then reports it).</summary>
    private static (int Start, int End)? FindDrugs(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isDrugs = reader.ValueTextEquals("drugs"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isDrugs && reader.TokenType == JsonTokenType.StartArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    return (start, (int)reader.BytesConsumed);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static PgxData LoadEmbeddedCore()
    {
        using var stream = typeof(PgxDataLoader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"The embedded resource {ResourceName} is missing from Decodex.Core.");
        return Load(stream);
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

            foreach (var allele in gene.Alleles)
            {
                if (allele.Alleles.Length != gene.Variants.Length)
                {
                    throw new InvalidDataException($"{gene.Symbol} {allele.Name}: {allele.Alleles.Length} allele slots for {gene.Variants.Length} variants.");
                }
            }

            var references = gene.Alleles.Where(a => a.IsReference).ToArray();
            if (references.Length != 1 || !string.Equals(references[0].Name, gene.ReferenceAllele, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{gene.Symbol}: the reference allele must be exactly one allele named '{gene.ReferenceAllele}'.");
            }
        }
    }
}
