using System.Globalization;

namespace Decodex.Core.Pgx.Compilation;

/// <summary>
/// The pypgx variant table indexed by GRCh38 position and by rsID, for joining GRCh37 coordinates to
/// definition variants. Coordinates are only copied, never lifted over.
/// </summary>
internal sealed class Grch37Table
{
    private readonly Dictionary<(string Chromosome, int Position), List<Row>> _byGrch38 = [];
    private readonly Dictionary<string, List<Row>> _byRsId = new(StringComparer.Ordinal);

    private Grch37Table()
    {
    }

    public static Grch37Table Read(string path)
    {
        var csv = CsvTable.Read(path);
        int rsId = csv.Column("rsID"), chromosome = csv.Column("Chromosome"), grch37Name = csv.Column("GRCh37Name");
        int grch38Position = csv.Column("GRCh38Position"), grch38Allele = csv.Column("GRCh38Allele");
        var table = new Grch37Table();
        foreach (var cells in csv.Rows)
        {
            // GRCh37Name is chromosome-position-ref-alt in GRCh37; rows without it (N/A) cannot help.
            var name = cells[grch37Name].Split('-');
            if (name.Length != 4 || !int.TryParse(name[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position37)
                || !int.TryParse(cells[grch38Position], NumberStyles.None, CultureInfo.InvariantCulture, out var position38))
            {
                continue;
            }

            var row = new Row(cells[chromosome], position37, name[2], name[3], cells[grch38Allele]);
            Add(table._byGrch38, (row.Chromosome, position38), row);
            if (cells[rsId].StartsWith("rs", StringComparison.Ordinal))
            {
                Add(table._byRsId, cells[rsId], row);
            }
        }

        return table;
    }

    /// <summary>
    /// GRCh37 coordinates for a definition variant: rows at the same chromosome and GRCh38 position
    /// (those with the same GRCh38 reference preferred), else rows with the same rsID on the same
    /// chromosome. Null when nothing matches or the matching rows disagree on GRCh37 position or reference.
    /// </summary>
    public (PgxLocus? Locus, PgxCoordinateMatch? MatchedBy) Find(string chromosome, PgxLocus grch38, string? rsId)
    {
        var bare = chromosome.StartsWith("chr", StringComparison.Ordinal) ? chromosome[3..] : chromosome;
        if (_byGrch38.TryGetValue((bare, grch38.Position), out var rows))
        {
            var sameRef = rows.Where(r => string.Equals(r.Grch38Ref, grch38.Ref, StringComparison.Ordinal)).ToList();
            var locus = Merge(sameRef.Count > 0 ? sameRef : rows);
            return locus is null ? (null, null) : (locus, PgxCoordinateMatch.Grch38Position);
        }

        if (rsId is not null && _byRsId.TryGetValue(rsId, out var byId))
        {
            var locus = Merge(byId.Where(r => string.Equals(r.Chromosome, bare, StringComparison.Ordinal)).ToList());
            return locus is null ? (null, null) : (locus, PgxCoordinateMatch.RsId);
        }

        return (null, null);
    }

    private static PgxLocus? Merge(List<Row> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var first = rows[0];
        if (rows.Any(r => r.Position != first.Position || !string.Equals(r.Ref, first.Ref, StringComparison.Ordinal)))
        {
            return null;
        }

        return new PgxLocus
        {
            Position = first.Position,
            Ref = first.Ref,
            Alts = [.. rows.Select(r => r.Alt).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
    }

    private static void Add<TKey>(Dictionary<TKey, List<Row>> map, TKey key, Row row)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(row);
    }

    private sealed record Row(string Chromosome, int Position, string Ref, string Alt, string Grch38Ref);
}
