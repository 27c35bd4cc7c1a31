using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Decodex.Core.Medicines.Compilation;

/// <summary>
/// Compiles the shared drug vocabulary sources (<c>shared/data/drugs</c>: RxNorm, NDC 2017, MeSH 2024,
/// openFDA labels, EMA, the ONC list; plus the CPIC pair table in <c>shared/data/pgx</c>) and the
/// curated definitions file into the <c>decodex-medicines/1</c> JSON that Decodex.Core embeds.
/// Deterministic: every input is read whole, every list is sorted ordinally, and the version label is
/// built from the curation date and a hash of the inputs, so the same inputs give the same bytes.
/// Used by <c>tools/Decodex.MedicineCompiler</c>.
/// </summary>
public static partial class MedicineVocabularyCompiler
{
    /// <summary>Format name written to (and required in) every file.</summary>
    public const string Format = "decodex-medicines/1";

    internal const string CpicPairTable = "cpic/cpic_gene-drug_pairs_via_pypgx_2023-08-19.csv";

    private static readonly string[] DrugFiles =
    [
        "rxnorm_20251006_ingredients.tsv",
        "rxnorm_20251006_brand_ingredient.tsv",
        "ndc2017_products.tsv",
        "ndc2017_substance_classes.tsv",
        "mesh2024_drug_entry_terms.tsv",
        "mesh2024_pharmacological_actions.tsv",
        "openfda_labels_pharmgkb_2024-01.jsonl",
        "ema_human_medicines_2025-10-27.tsv",
        "onc_high_priority_ddi_phansalkar2012.tsv",
    ];

    // EMA rows for medicines that were on the market at some point; refusals, withdrawn applications and
    // pending opinions name products nobody can be taking.
    private static readonly HashSet<string> EmaMarketedStatuses = new(StringComparer.Ordinal)
    {
        "Authorised", "Withdrawn", "Expired", "Lapsed", "Suspended", "Revoked",
    };

    /// <summary>
    /// Compiles <paramref name="drugsDirectory"/> (the shared <c>data/drugs</c>), <paramref name="pgxDirectory"/>
    /// (the shared <c>data/pgx</c>, for the CPIC drug list) and <paramref name="curationFile"/>. Throws
    /// <see cref="FileNotFoundException"/> or <see cref="DirectoryNotFoundException"/> when an input is
    /// missing and <see cref="InvalidDataException"/> when one has an unexpected shape or a curated
    /// citation is not found in its source.
    /// </summary>
    public static MedicineCompileResult Compile(string drugsDirectory, string pgxDirectory, string curationFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(drugsDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(pgxDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(curationFile);
        if (!Directory.Exists(drugsDirectory))
        {
            throw new DirectoryNotFoundException($"The drug source folder {drugsDirectory} does not exist.");
        }

        var curation = MedicineCuration.Read(curationFile);
        var build = new Build(drugsDirectory, Path.Combine(pgxDirectory, CpicPairTable), curation);
        build.Run();
        var hash = HashInputs(drugsDirectory, Path.Combine(pgxDirectory, CpicPairTable), curationFile);
        var version = $"{Format} {curation.DataDate} {hash[..12]}";
        var bytes = build.Write(version, hash);
        return new MedicineCompileResult(bytes, version, build.Notes, build.Summary(bytes.Length));
    }

    private static string HashInputs(string drugsDirectory, string cpicFile, string curationFile)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, path) in DrugFiles.Select(f => (f, Path.Combine(drugsDirectory, f))).Append(("cpic", cpicFile)).Append(("curation", curationFile)))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            sha.AppendData(File.ReadAllBytes(path));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    internal static string Lower(string text) => string.Join(' ', text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    internal static string FormatDate(string yyyymmdd) =>
        yyyymmdd.Length == 8 ? $"{yyyymmdd[..4]}-{yyyymmdd[4..6]}-{yyyymmdd[6..]}" : yyyymmdd;

    internal static string JsonLine(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
