using System.Text;

namespace Decodex.Core;

/// <summary>
/// RFC 4180 CSV records: quoted fields, doubled quotes, separators and line breaks inside quotes, a
/// leading byte-order mark, LF or CRLF. Each record carries the 1-based line it starts on, so issues
/// can name it. Blank lines give no record.
/// </summary>
internal static class CsvRecords
{
    /// <summary>
    /// Parses <paramref name="text"/>; stops once it holds one record more than <paramref name="maxRecords"/>,
    /// so a caller that refuses beyond a row limit never holds more than that.
    /// </summary>
    public static List<(int Line, string[] Fields)> Parse(string text, char separator = ',', int maxRecords = int.MaxValue)
    {
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordLine = 1;
        var blank = true;
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
                blank = false;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                blank = false;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (!blank)
                {
                    fields.Add(field.ToString());
                    records.Add((recordLine, [.. fields]));
                    if (records.Count > maxRecords)
                    {
                        return records;
                    }
                }

                field.Clear();
                fields.Clear();
                blank = true;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                blank = false;
            }
        }

        if (!blank)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, [.. fields]));
        }

        return records;
    }
}
