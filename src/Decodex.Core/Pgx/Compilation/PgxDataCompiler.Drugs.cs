using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Decodex.Core.Pgx.Compilation;

public static partial class PgxDataCompiler
{
    private static ImmutableArray<PgxGeneDrugPair> CompilePairs(string path)
    {
        var csv = CsvTable.Read(path);
        int gene = csv.Column("Gene"), drug = csv.Column("Drug"), rxNorm = csv.Column("RxNorm"), atc = csv.Column("ATC");
        int guideline = csv.Column("Guideline"), level = csv.Column("CPICLevel"), status = csv.Column("CPICLevelStatus");
        int pharmGkb = csv.Column("PharmGKBLevel"), fda = csv.Column("FDALabel"), pmid = csv.Column("PMID");
        return
        [
            .. csv.Rows
                .Select(cells => new PgxGeneDrugPair
                {
                    Gene = cells[gene],
                    Drug = cells[drug],
                    RxNorm = Cell(cells[rxNorm]),
                    Atc = Cell(cells[atc]),
                    GuidelineUrl = Cell(cells[guideline]),
                    CpicLevel = Cell(cells[level]) ?? throw new InvalidDataException($"{path}: {cells[gene]}–{cells[drug]} has no CPIC level."),
                    CpicLevelStatus = Cell(cells[status]),
                    PharmGkbLevel = Cell(cells[pharmGkb]),
                    FdaLabel = Cell(cells[fda]),
                    Pmids = [.. cells[pmid].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                })
                .OrderBy(p => p.Drug, StringComparer.Ordinal)
                .ThenBy(p => p.Gene, StringComparer.Ordinal),
        ];
    }

    private static string? Cell(string text) => text.Length == 0 ? null : text;

    private static (ImmutableArray<PgxDrug> Drugs, string CpicVersion) CompileDrugs(string root, ImmutableArray<PgxGeneDrugPair> pairs, List<string> notes)
    {
        var files = Directory.GetFiles(Path.Combine(root, RecommendationFolder), "*.json").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"No recommendation exports in {RecommendationFolder}.");
        }

        var levels = pairs.ToDictionary(p => (p.Gene, p.Drug), p => p);
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        var drugs = new List<PgxDrug>();
        foreach (var file in files)
        {
            using var document = SourceJson.Open(file);
            var export = document.RootElement;
            var name = SourceJson.RequiredString(export, "drugname");
            versions.Add(SourceJson.RequiredString(export, "cpicVersion"));

            var genes = new List<PgxDrugGene>();
            foreach (var gene in SourceJson.StringSlots(export, "genes").OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var pair = levels.GetValueOrDefault((gene, name));
                if (pair is null)
                {
                    notes.Add($"{name}: the pair table has no level for {gene}.");
                }

                genes.Add(new PgxDrugGene { Gene = gene, CpicLevel = pair?.CpicLevel, CpicLevelStatus = pair?.CpicLevelStatus });
            }

            drugs.Add(new PgxDrug
            {
                Name = name,
                DrugId = SourceJson.String(export, "drugid"),
                GuidelineName = SourceJson.RequiredString(export, "guidelinename"),
                GuidelineUrl = SourceJson.String(export, "url"),
                Citations = [.. SourceJson.Array(export, "citations").Select(ReadCitation)],
                Genes = [.. genes],
                NotesOnUsage = SourceJson.String(export, "notesonusage"),
                Recommendations = ReadRecommendations(export),
            });
        }

        if (versions.Count != 1)
        {
            throw new InvalidDataException($"The recommendation exports mix CPIC versions: {string.Join(", ", versions)}.");
        }

        var byName = drugs.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (byName.Length > 0)
        {
            throw new InvalidDataException($"Two recommendation exports name the same drug: {string.Join(", ", byName)}.");
        }

        var withoutFile = pairs.Select(p => p.Drug).Distinct(StringComparer.Ordinal).Count(d => !drugs.Any(x => string.Equals(x.Name, d, StringComparison.Ordinal)));
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{drugs.Count} drugs with recommendation exports; {withoutFile} drugs of the pair table have none (kept in pairs only)."));
        return ([.. drugs.OrderBy(d => d.Name, StringComparer.Ordinal)], versions.Min!);
    }

    private static PgxCitation ReadCitation(JsonElement citation) => new()
    {
        Pmid = SourceJson.String(citation, "pmid"),
        Title = SourceJson.String(citation, "title"),
        Journal = SourceJson.String(citation, "journal"),
        Year = SourceJson.Int(citation, "year"),
    };

    /// <summary>
    /// The export's rows in source order, rows with identical texts merged into one recommendation with
    /// several lookups (the TCA exports repeat one text for dozens of score combinations).
    /// </summary>
    private static ImmutableArray<PgxRecommendation> ReadRecommendations(JsonElement export)
    {
        var groups = new List<(PgxRecommendation Text, List<PgxLookup> Lookups)>();
        foreach (var row in SourceJson.Array(export, "recommendations"))
        {
            var text = new PgxRecommendation
            {
                Implications = SourceJson.StringMap(row, "implications"),
                DrugRecommendation = SourceJson.RequiredString(row, "drugrecommendation"),
                Classification = SourceJson.RequiredString(row, "classification"),
                Comments = SourceJson.String(row, "comments"),
                Population = SourceJson.String(row, "population"),
            };
            var lookup = new PgxLookup
            {
                LookupKey = SourceJson.StringMap(row, "lookupkey"),
                Phenotypes = SourceJson.StringMap(row, "phenotypes"),
                ActivityScores = SourceJson.StringMap(row, "activityscore"),
                AlleleStatus = SourceJson.StringMap(row, "allelestatus"),
            };

            var group = groups.FindIndex(g => SameText(g.Text, text));
            if (group < 0)
            {
                groups.Add((text, [lookup]));
            }
            else
            {
                groups[group].Lookups.Add(lookup);
            }
        }

        return [.. groups.Select(g => g.Text with { Lookups = [.. g.Lookups] })];
    }

    private static bool SameText(PgxRecommendation a, PgxRecommendation b) =>
        string.Equals(a.DrugRecommendation, b.DrugRecommendation, StringComparison.Ordinal)
        && string.Equals(a.Classification, b.Classification, StringComparison.Ordinal)
        && string.Equals(a.Comments, b.Comments, StringComparison.Ordinal)
        && string.Equals(a.Population, b.Population, StringComparison.Ordinal)
        && a.Implications.Count == b.Implications.Count
        && a.Implications.All(p => b.Implications.TryGetValue(p.Key, out var v) && string.Equals(p.Value, v, StringComparison.Ordinal));
}
