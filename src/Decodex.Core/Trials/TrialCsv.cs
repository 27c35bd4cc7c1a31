using System.Globalization;

namespace Decodex.Core.Trials;

/// <summary>One measurement of a trial's long-format file.</summary>
public sealed record TrialRow(DateOnly Date, int Period, TrialArm Arm, string Outcome, double Value, int Line);

/// <summary>The measurements read from a file, or why it was refused (then <see cref="Rows"/> is empty).</summary>
public sealed record TrialData(IReadOnlyList<TrialRow> Rows, IReadOnlyList<Issue> Issues)
{
    /// <summary>True when the file cannot be used: nothing of it is kept.</summary>
    public bool Refused => Issues.Any(i => i.Severity == IssueSeverity.Error);
}

/// <summary>
/// Reads the long format of <c>decodex trial analyze</c>: a header <c>date,period,condition,outcome,value</c>
/// (any order, other columns ignored), then one row per measurement: ISO date, period number (the
/// randomised block the day belongs to), condition <c>A</c> (the intervention) or <c>B</c> (the comparator),
/// outcome name and numeric value. A file with any error is refused whole, with a coded message and its
/// line; messages never repeat a value from the file.
/// </summary>
public static class TrialCsv
{
    /// <summary>The header names, in the documented order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["date", "period", "condition", "outcome", "value"];

    /// <summary>More rows than this are refused (ten years of daily values for a dozen outcomes fit).</summary>
    public const int MaxRows = 200_000;

    /// <summary>More distinct outcomes than this are refused.</summary>
    public const int MaxOutcomes = 50;

    /// <summary>Longest outcome name.</summary>
    public const int MaxOutcomeLength = 64;

    /// <summary>Largest period number.</summary>
    public const int MaxPeriod = 10_000;

    /// <summary>Longest span of dates, in days.</summary>
    public const int MaxSpanDays = 3_660;

    /// <summary>Largest file read, in bytes.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    public const string NoHeader = "TRIAL001";
    public const string MissingColumn = "TRIAL002";
    public const string BadDate = "TRIAL003";
    public const string BadPeriod = "TRIAL004";
    public const string BadCondition = "TRIAL005";
    public const string BadOutcome = "TRIAL006";
    public const string BadValue = "TRIAL007";
    public const string TooLarge = "TRIAL008";
    public const string Conflict = "TRIAL009";
    public const string WrongFieldCount = "TRIAL010";
    public const string SpanTooLong = "TRIAL011";

    /// <summary>Reads a file; <paramref name="name"/> is how issues name it.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TrialData ReadFile(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        if (stream.CanSeek && stream.Length > MaxBytes)
        {
            return Refuse(TooLarge, $"The file is larger than {MaxBytes / (1024 * 1024)} MB.", name, null);
        }

        // Read at most one character past the limit, whether or not the stream knows its length (a pipe does not).
        using var reader = new StreamReader(stream);
        var buffer = new char[Math.Min(MaxBytes + 1, stream.CanSeek ? stream.Length + 1 : MaxBytes + 1)];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = reader.Read(buffer, read, buffer.Length - read)) > 0)
        {
            read += n;
        }

        return read > MaxBytes
            ? Refuse(TooLarge, $"The file is larger than {MaxBytes / (1024 * 1024)} MB.", name, null)
            : Read(new string(buffer, 0, read), name);
    }

    /// <summary>Reads the text of a file.</summary>
    public static TrialData Read(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxBytes)
        {
            return Refuse(TooLarge, $"The file is larger than {MaxBytes / (1024 * 1024)} MB.", name, null);
        }

        var records = CsvRecords.Parse(text, ',', MaxRows + 1);
        if (records.Count == 0)
        {
            return Refuse(NoHeader, "The file is empty: it needs the header date,period,condition,outcome,value and one row per measurement.", name, null);
        }

        if (records.Count > MaxRows + 1)
        {
            return Refuse(TooLarge, $"The file has more than {MaxRows:N0} rows.", name, records[MaxRows + 1].Line);
        }

        var (headerLine, header) = records[0];
        var names = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var index = new int[Columns.Count];
        for (var c = 0; c < Columns.Count; c++)
        {
            index[c] = names.IndexOf(Columns[c]);
            if (index[c] < 0)
            {
                return Refuse(MissingColumn, $"The header has no column '{Columns[c]}'; it must name date, period, condition, outcome and value.", name, headerLine);
            }
        }

        var issues = new List<Issue>();
        var rows = new List<TrialRow>(records.Count - 1);
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        var days = new Dictionary<DateOnly, (int Period, TrialArm Arm, int Line)>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Length == 1 && string.IsNullOrWhiteSpace(fields[0]))
            {
                continue;
            }

            if (fields.Length != header.Length)
            {
                issues.Add(Error(WrongFieldCount, $"The row has {fields.Length} fields; the header has {header.Length}.", name, line));
                continue;
            }

            var dateText = fields[index[0]].Trim();
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                issues.Add(Error(BadDate, "The date is not an ISO date (YYYY-MM-DD).", name, line));
                continue;
            }

            if (!int.TryParse(fields[index[1]].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var period) || period < 1 || period > MaxPeriod)
            {
                issues.Add(Error(BadPeriod, $"The period is not a whole number from 1 to {MaxPeriod:N0}.", name, line));
                continue;
            }

            TrialArm arm;
            switch (fields[index[2]].Trim())
            {
                case "A" or "a":
                    arm = TrialArm.A;
                    break;
                case "B" or "b":
                    arm = TrialArm.B;
                    break;
                default:
                    issues.Add(Error(BadCondition, "The condition must be A (the intervention) or B (the comparator).", name, line));
                    continue;
            }

            var outcome = fields[index[3]].Trim();
            if (outcome.Length == 0 || outcome.Length > MaxOutcomeLength || outcome.Any(char.IsControl))
            {
                issues.Add(Error(BadOutcome, $"The outcome name is empty, longer than {MaxOutcomeLength} characters, or holds control characters.", name, line));
                continue;
            }

            if (!double.TryParse(fields[index[4]].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || Math.Abs(value) > 1e12)
            {
                issues.Add(Error(BadValue, "The value is not a number (use a dot for decimals, no thousands separators).", name, line));
                continue;
            }

            if (days.TryGetValue(date, out var seen))
            {
                if (seen.Period != period || seen.Arm != arm)
                {
                    issues.Add(Error(Conflict, $"This date was given another period or condition on line {seen.Line}; a day belongs to one period and one condition.", name, line));
                    continue;
                }
            }
            else
            {
                days[date] = (period, arm, line);
            }

            if (outcomes.Add(outcome) && outcomes.Count > MaxOutcomes)
            {
                return Refuse(TooLarge, $"The file has more than {MaxOutcomes} outcomes.", name, line);
            }

            rows.Add(new TrialRow(date, period, arm, outcome, value, line));
        }

        if (issues.Count == 0 && rows.Count == 0)
        {
            issues.Add(Error(NoHeader, "The file has a header but no measurements.", name, headerLine));
        }

        if (issues.Count == 0 && rows.Max(r => r.Date).DayNumber - rows.Min(r => r.Date).DayNumber > MaxSpanDays)
        {
            issues.Add(Error(SpanTooLong, $"The dates span more than {MaxSpanDays:N0} days.", name, null));
        }

        return issues.Count > 0 ? new TrialData([], issues) : new TrialData(rows, issues);
    }

    private static Issue Error(string code, string message, string name, int? line) => new(code, IssueSeverity.Error, message, name, line);

    private static TrialData Refuse(string code, string message, string name, int? line) => new([], [Error(code, message, name, line)]);
}
