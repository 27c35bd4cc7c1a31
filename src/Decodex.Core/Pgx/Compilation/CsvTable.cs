using System.Text;

namespace Decodex.Core.Pgx.Compilation;

/// <summary>A source table read with <see cref="CsvRecords"/> (RFC 4180), by column name.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        _columns = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        Rows = rows;
    }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Read(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8));
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{path}: no header row.");
        }

        var header = records[0];
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Length != header.Length)
            {
                throw new InvalidDataException($"{path}: row {i + 1} has {records[i].Length} fields, the header {header.Length}.");
            }
        }

        return new CsvTable(header, records.Skip(1).ToArray());
    }

    /// <summary>The column's index; throws when the table lacks it.</summary>
    public int Column(string name) =>
        _columns.TryGetValue(name, out var index) ? index : throw new InvalidDataException($"The table has no column '{name}'.");

    private static List<string[]> Parse(string text) => [.. CsvRecords.Parse(text).Select(r => r.Fields)];
}
