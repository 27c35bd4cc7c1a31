using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Decodex.Core.Pgx.Compilation;

/// <summary>
/// Compiles the shared PGx sources (PharmCAT definitions and phenotype maps, pypgx GRCh37
/// coordinates, CPIC pairs and recommendation exports) into one <see cref="PgxData"/>. Deterministic:
/// inputs are read in ordinal order and every list is in a defined order, so the same folder always
/// gives the same bytes through <see cref="PgxDataWriter"/>. Used by <c>tools/Decodex.PgxCompiler</c>.
/// </summary>
public static partial class PgxDataCompiler
{
    internal const string PharmcatResources = "pharmcat/src/main/resources/org/pharmgkb/pharmcat";
    internal const string DefinitionFolder = PharmcatResources + "/definition/alleles";
    internal const string PhenotypeFolder = PharmcatResources + "/phenotype";
    internal const string Cyp2d6HistoryPhenotype = "pharmcat/_history/v2.15.0/phenotype/cpic/CYP2D6.json";
    internal const string VariantTable = "pypgx/variant-table.csv";
    internal const string RecommendationFolder = "cpic/cpic-recommendations_via_pharmcat-v2.6.0";
    internal const string RecommendationTag = "v2.6.0";

    // The releases behind the pinned commits. A new snapshot with another commit must update this
    // table (and PROVENANCE.md) on purpose, so the file never claims a release it does not hold.
    private static readonly Dictionary<string, string> KnownReleases = new(StringComparer.Ordinal)
    {
        ["5431bf1187e50383df7e7db18ef67b36fc8b562e"] = "PharmCAT v3.1.1 (2025-11-19)",
        ["b7e66ea45b9f1cd64c8f4834144db4628ce2bd84"] = "PharmCAT v2.15.0 (2024-08-06)",
        ["5079453bb9b4e4371686fdd62541eabf09e380c5"] = "PharmCAT v2.6.0 (2023-08-08)",
        ["fa6b9f70747bdf1b6566adc5c21bb17276ae9f52"] = "pypgx HEAD (2026-01-04)",
        ["459e3ebdccdccbe515a71dacf038ec532d1bc68d"] = "cpic-data v1.56.0 (2026-04-30)",
    };

    /// <summary>
    /// Compiles the folder <paramref name="pgxDirectory"/> (the shared <c>data/pgx/</c>). Throws
    /// <see cref="DirectoryNotFoundException"/> or <see cref="FileNotFoundException"/> when an input is
    /// missing, and <see cref="InvalidDataException"/> when one does not have the expected shape.
    /// </summary>
    public static PgxCompileResult Compile(string pgxDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pgxDirectory);
        if (!Directory.Exists(pgxDirectory))
        {
            throw new DirectoryNotFoundException($"The PGx source folder {pgxDirectory} does not exist.");
        }

        var notes = new List<string>();
        var pharmcatCommit = ReadCommit(pgxDirectory, "pharmcat/SOURCE_COMMIT.txt");
        var pypgxCommit = ReadCommit(pgxDirectory, "pypgx/SOURCE_COMMIT.txt");
        var cpicRepoCommit = ReadCommit(pgxDirectory, "cpic/cpic-data-repo/SOURCE_COMMIT.txt");
        var tags = ReadTags(pgxDirectory);

        var genes = CompileGenes(pgxDirectory, notes);
        var pairTable = FindPairTable(pgxDirectory);
        var pairs = CompilePairs(Path.Combine(pgxDirectory, pairTable.RelativePath));
        var (drugs, cpicVersion) = CompileDrugs(pgxDirectory, pairs, notes);

        var (recommendationCommit, recommendationDate) = tags.TryGetValue(RecommendationTag, out var tag)
            ? tag
            : throw new InvalidDataException($"pharmcat/_history/SOURCE_TAGS.txt does not name the tag {RecommendationTag}.");
        var (cyp2d6Commit, _) = tags.TryGetValue("v2.15.0", out var cyp2d6Tag)
            ? cyp2d6Tag
            : throw new InvalidDataException("pharmcat/_history/SOURCE_TAGS.txt does not name the tag v2.15.0.");

        var cpicDataVersion = new PgxCpicDataVersion
        {
            Recommendations = string.Create(CultureInfo.InvariantCulture, $"CPIC {cpicVersion} (PharmCAT {RecommendationTag} export, {recommendationDate.ToString("MMM yyyy", CultureInfo.InvariantCulture)})"),
            CpicVersion = cpicVersion,
            PairTableDate = pairTable.Date,
        };

        var data = new PgxData
        {
            Version = PgxData.FormatVersion,
            CpicDataVersion = cpicDataVersion,
            Sources = BuildSources(pharmcatCommit, cyp2d6Commit, recommendationCommit, pypgxCommit, cpicRepoCommit, genes, cpicDataVersion, pairTable.RelativePath),
            Genes = genes,
            Drugs = drugs,
            Pairs = pairs,
        };
        return new PgxCompileResult { Data = data, Notes = [.. notes] };
    }

    private static string ReadCommit(string root, string relativePath)
    {
        var path = Path.Combine(root, relativePath);
        var first = File.ReadLines(path).FirstOrDefault()?.Trim() ?? string.Empty;
        if (!CommitPattern().IsMatch(first))
        {
            throw new InvalidDataException($"{relativePath}: the first line is not a 40-digit commit.");
        }

        return first;
    }

    private static Dictionary<string, (string Commit, DateOnly Date)> ReadTags(string root)
    {
        var result = new Dictionary<string, (string, DateOnly)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(root, "pharmcat/_history/SOURCE_TAGS.txt")))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 3 && CommitPattern().IsMatch(parts[1]) && DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                result[parts[0]] = (parts[1], date);
            }
        }

        return result;
    }

    private static (string RelativePath, string Date) FindPairTable(string root)
    {
        var candidates = Directory.GetFiles(Path.Combine(root, "cpic"), "cpic_gene-drug_pairs_via_pypgx_*.csv")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (candidates.Length != 1)
        {
            throw new InvalidDataException($"Expected one cpic/cpic_gene-drug_pairs_via_pypgx_<date>.csv, found {candidates.Length}.");
        }

        var match = PairTableName().Match(candidates[0]);
        if (!match.Success)
        {
            throw new InvalidDataException($"cpic/{candidates[0]}: the file name does not end in an ISO date.");
        }

        return ("cpic/" + candidates[0], match.Groups[1].Value);
    }

    private static string Release(string commit) =>
        KnownReleases.TryGetValue(commit, out var release)
            ? release
            : throw new InvalidDataException($"Commit {commit} is not in PgxDataCompiler.KnownReleases; record its release there and in PROVENANCE.md.");

    private static ImmutableArray<PgxSource> BuildSources(
        string pharmcatCommit,
        string cyp2d6Commit,
        string recommendationCommit,
        string pypgxCommit,
        string cpicRepoCommit,
        ImmutableArray<PgxGene> genes,
        PgxCpicDataVersion cpic,
        string pairTable)
    {
        var definitionVersions = string.Join(", ", genes.Select(g => g.DefinitionVersion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        const string PharmcatLicence = "MPL-2.0 (PharmCAT repository). The definitions and phenotype maps are ClinPGx data (\"source\": \"CLINPGX\") curated from CPIC (CC0-1.0), PharmVar, ClinPGx/PharmGKB and DPWG; terms for the non-CPIC parts were not checked from a licence file.";
        return
        [
            new PgxSource
            {
                Id = "pharmcat",
                Name = "PharmCAT allele definitions and phenotype maps",
                Url = "https://github.com/PharmGKB/PharmCAT",
                Version = pharmcatCommit,
                Release = Release(pharmcatCommit) + "; ClinPGx data version " + definitionVersions,
                Licence = PharmcatLicence,
                LicenceFile = "licenses/PharmCAT-LICENSE.txt",
                Files = [DefinitionFolder + "/*_translation.json", PhenotypeFolder + "/*.json", "pharmcat/SOURCE_COMMIT.txt"],
                Taken = "Per gene: variants (GRCh38 position, rsID, ref, alts, HGVS), named alleles (name, reference flag, allele vector), allele function and activity value, and the diplotype table reduced to function pair → phenotype or activity score → phenotype.",
            },
            new PgxSource
            {
                Id = "pharmcat-v2.15.0-cyp2d6",
                Name = "PharmCAT CPIC CYP2D6 phenotype map (historical)",
                Url = "https://github.com/PharmGKB/PharmCAT/tree/v2.15.0",
                Version = cyp2d6Commit,
                Release = Release(cyp2d6Commit) + "; CPIC data 2024-07-31",
                Licence = PharmcatLicence,
                LicenceFile = "licenses/PharmCAT-LICENSE.txt",
                Files = [Cyp2d6HistoryPhenotype, "pharmcat/_history/SOURCE_TAGS.txt"],
                Taken = "CYP2D6 allele functions and activity values, and the activity score → phenotype pairs of its 15,051-row diplotype table (the table itself is left out). Stands in for the current CYP2D6.json, missing from the snapshot (over 4 MiB).",
            },
            new PgxSource
            {
                Id = "cpic-recommendations",
                Name = "CPIC recommendation exports via PharmCAT " + RecommendationTag,
                Url = "https://github.com/PharmGKB/PharmCAT/tree/" + RecommendationTag + "/src/main/resources/org/pharmgkb/pharmcat/reporter/guidelines/cpic",
                Version = recommendationCommit,
                Release = Release(recommendationCommit) + "; " + cpic.Recommendations,
                Licence = "CC0-1.0 (CPIC content; the PharmCAT repository that carried the files is MPL-2.0)",
                LicenceFile = "licenses/CPIC-LICENSE.md",
                Attribution = CpicAttribution,
                Files = [RecommendationFolder + "/*.json", "pharmcat/_history/SOURCE_TAGS.txt"],
                Taken = "Per drug: name, drug id, guideline name and URL, citations (PMID, title, journal, year), genes, notes on usage, and every recommendation row (lookup key, phenotypes, activity scores, allele status, implications, recommendation, classification, comments, population), text copied exactly.",
            },
            new PgxSource
            {
                Id = "cpic-pairs",
                Name = "CPIC gene–drug pairs (via pypgx cpic-table.csv)",
                Url = "https://github.com/sbslee/pypgx/blob/master/pypgx/api/data/cpic-table.csv",
                Version = cpic.PairTableDate,
                Release = "pypgx commit \"Refresh the CPIC table\", " + cpic.PairTableDate,
                Licence = "CC0-1.0 (CPIC content; the pypgx repository is MIT)",
                LicenceFile = "licenses/CPIC-LICENSE.md",
                Attribution = CpicAttribution,
                Files = [pairTable],
                Taken = "Every gene–drug pair with CPIC level and status, PharmGKB level, FDA label, RxNorm, ATC, guideline URL and PMIDs; the levels of the drugs' genes.",
            },
            new PgxSource
            {
                Id = "pypgx",
                Name = "pypgx variant table",
                Url = "https://github.com/sbslee/pypgx",
                Version = pypgxCommit,
                Release = Release(pypgxCommit),
                Licence = "MIT (content from PharmVar, CPIC and PharmGKB)",
                LicenceFile = "licenses/pypgx-LICENSE.txt",
                Files = [VariantTable, "pypgx/SOURCE_COMMIT.txt"],
                Taken = "GRCh37 position, reference and alternate alleles of definition variants, joined by chromosome and GRCh38 position, else by rsID on the same chromosome.",
            },
            new PgxSource
            {
                Id = "cpic-data",
                Name = "CPIC data repository (licence only)",
                Url = "https://github.com/cpicpgx/cpic-data",
                Version = cpicRepoCommit,
                Release = Release(cpicRepoCommit),
                Licence = "CC0-1.0",
                LicenceFile = "licenses/CPIC-LICENSE.md",
                Attribution = CpicAttribution,
                Files = ["cpic/cpic-data-repo/LICENSE.md", "cpic/cpic-data-repo/SOURCE_COMMIT.txt"],
                Taken = "The licence and attribution terms for CPIC content; no data (the seed SQL with drug synonyms is not in the snapshot).",
            },
        ];
    }

    private const string CpicAttribution = "Clinical Pharmacogenetics Implementation Consortium (CPIC®), https://cpicpgx.org/; primary source www.clinpgx.org. CPIC guidelines and content are subject to updates; refer to cpicpgx.org for the most current content. Cite the guideline publications listed per drug.";

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();

    [GeneratedRegex(@"^cpic_gene-drug_pairs_via_pypgx_(\d{4}-\d{2}-\d{2})\.csv$")]
    private static partial Regex PairTableName();
}
