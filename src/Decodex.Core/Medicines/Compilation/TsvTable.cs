namespace Decodex.Core.Medicines.Compilation;

/// <summary>
/// A shared-data TSV as the drug folder writes them: one header line, tab-separated, no quoting (the
/// producer replaced tabs and newlines inside values). Columns are found by header name, so a column
/// added upstream does not shift the reading.
/// </summary>
internal sealed class TsvTable
{
    private readonly Dictionary<string, int> _columns;

    private TsvTable(string name, Dictionary<string, int> columns, List<string[]> rows)
    {
        Name = name;
        _columns = columns;
        Rows = rows;
    }

    public string Name { get; }

    public List<string[]> Rows { get; }

    public static TsvTable Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is empty.");
        }

        var header = lines[0].TrimStart('\uFEFF').Split('\t');
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            columns[header[i]] = i;
        }

        var rows = new List<string[]>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                rows.Add(lines[i].Split('\t'));
            }
        }

        return new TsvTable(Path.GetFileName(path), columns, rows);
    }

    /// <summary>Returns the index of <paramref name="column"/>; throws <see cref="InvalidDataException"/> when the header lacks it.</summary>
    public int Column(string column) =>
        _columns.TryGetValue(column, out var index) ? index : throw new InvalidDataException($"{Name} has no column '{column}'.");

    public static string Cell(string[] row, int column) => column < row.Length ? row[column] : "";
}
