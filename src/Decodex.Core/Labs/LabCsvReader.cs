using System.Globalization;

namespace Decodex.Core.Labs;

/// <summary>
/// Reads lab results from CSV by the names in its header row: the Decodex layout
/// (<c>date,test,loinc,value,unit,low,high,flag</c>), the lab-report layout
/// (<c>collected_date,panel,test_name,loinc,value,unit,ref_low,ref_high,flag</c>) and Synthea's
/// <c>observations.csv</c>. Comma, semicolon or tab separated; quotes as RFC 4180. Any error refuses
/// the whole file, so nothing partial is stored.
/// </summary>
public static class LabCsvReader
{
    private static readonly string[] DateNames = ["date", "collected_date", "collection_date", "effective", "datetime", "drawn"];
    private static readonly string[] TestNames = ["test", "test_name", "name", "description", "analyte", "marker"];
    private static readonly string[] LoincNames = ["loinc", "loinc_code", "code"];
    private static readonly string[] ValueNames = ["value", "result"];
    private static readonly string[] UnitNames = ["unit", "units"];
    private static readonly string[] LowNames = ["low", "ref_low", "range_low", "reference_low"];
    private static readonly string[] HighNames = ["high", "ref_high", "range_high", "reference_high"];
    private static readonly string[] FlagNames = ["flag", "interpretation"];

    public static LabImportResult Read(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader.ReadToEnd(), file, ReadLimits.Default);
    }

    /// <summary>
    /// Reads CSV <paramref name="text"/>; more data rows than <see cref="ReadLimits.MaxLabResults"/> refuse
    /// the file with LAB018 at the first row beyond, without parsing further.
    /// </summary>
    public static LabImportResult Read(string text, string file, ReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        var issues = new List<Issue>();
        var firstLine = text.TrimStart('\uFEFF').Split('\n').FirstOrDefault(l => l.Trim().Length > 0 && !l.StartsWith('#')) ?? string.Empty;
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : firstLine.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        // The header and at most one row beyond the limit are parsed.
        var parsed = CsvRecords.Parse(text, separator, maxRecords: limits.MaxLabResults + 1);
        var records = parsed.Where(r => !r.Fields[0].TrimStart().StartsWith('#')).ToList();
        if (records.Count == 0)
        {
            return Refuse(file, "The file is empty.", null);
        }

        if (parsed.Count > limits.MaxLabResults + 1)
        {
            // Parsing stopped at the row beyond the limit (comment rows count as rows).
            return LabImport.TooMany(file, limits, parsed[^1].Line);
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string[] names) => header.FindIndex(h => names.Contains(h));
        var synthea = header.Contains("patient") && header.Contains("category") && header.Contains("type");
        var format = synthea ? "synthea-csv" : header.Contains("collected_date") ? "lab-report-csv" : "decodex-csv";
        var (date, test, loinc, value, unit, low, high, flag) = (Column(DateNames), Column(TestNames), Column(LoincNames), Column(ValueNames), Column(UnitNames), Column(LowNames), Column(HighNames), Column(FlagNames));
        var (patient, category, type, encounter) = (header.IndexOf("patient"), header.IndexOf("category"), header.IndexOf("type"), header.IndexOf("encounter"));
        if (date < 0 || value < 0 || (test < 0 && loinc < 0))
        {
            return Refuse(file, "The header names no date, value and test (or LOINC) column; see the README for the layouts Decodex reads.", records[0].Line);
        }

        var results = new List<LabResult>();
        foreach (var (lineNumber, fields) in records.Skip(1))
        {
            if (fields.Length != header.Count)
            {
                issues.Add(new Issue(LabIssueCodes.MalformedRow, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture, $"The row has {fields.Length} fields; the header has {header.Count}."), file, lineNumber));
                continue;
            }

            string? Field(int i) => i >= 0 && fields[i].Trim().Length > 0 ? fields[i].Trim() : null;
            if (synthea && Field(category) is { } cat && !string.Equals(cat, "laboratory", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (synthea && Field(type) is { } t && !string.Equals(t, "numeric", StringComparison.OrdinalIgnoreCase))
            {
                issues.Add(new Issue(LabIssueCodes.NotQuantitative, IssueSeverity.Info, "A text or coded result was skipped; only numeric results are interpreted.", file, lineNumber));
                continue;
            }

            if (!LabText.TryParseDate(Field(date), out var when, out var dateOnly))
            {
                issues.Add(new Issue(LabIssueCodes.BadDate, IssueSeverity.Error, "The date is missing or not written as YYYY-MM-DD (with an optional time), or DD.MM.YYYY.", file, lineNumber));
                continue;
            }

            if (Field(test) is null && Field(loinc) is null)
            {
                issues.Add(new Issue(LabIssueCodes.MalformedRow, IssueSeverity.Error, "The row names no test and no LOINC code.", file, lineNumber));
                continue;
            }

            if (!LabText.TryParseValue(Field(value), out var number))
            {
                issues.Add(new Issue(LabIssueCodes.BadValue, IssueSeverity.Error, "The value is not a number (decimal point or comma; a leading <, >, ≤ or ≥ for censored values).", file, lineNumber));
                continue;
            }

            decimal? Bound(int i, string what)
            {
                if (Field(i) is not { } text)
                {
                    return null;
                }

                if (LabText.TryParseValue(text, out var b) && !b.IsCensored)
                {
                    return b.Number;
                }

                issues.Add(new Issue(LabIssueCodes.BadValue, IssueSeverity.Error, $"The reference range {what} is not a number.", file, lineNumber));
                return null;
            }

            var code = Field(loinc);
            results.Add(new LabResult
            {
                Date = when,
                DateOnly = dateOnly,
                TestName = Field(test),
                Loinc = code is not null && LabText.IsLoinc(code) ? code : null,
                Value = number,
                Unit = Field(unit),
                RangeLow = Bound(low, "low"),
                RangeHigh = Bound(high, "high"),
                Flag = Field(flag),
                Source = string.Create(CultureInfo.InvariantCulture, $"{file}:{lineNumber}"),
                Subject = synthea ? Field(patient) : null,
                Context = Field(encounter),
            });
        }

        return LabImport.Finish(format, results, LabDemographics.Unknown, issues);
    }

    private static LabImportResult Refuse(string file, string message, int? line) =>
        new() { Refused = true, Issues = [new Issue(LabIssueCodes.UnreadableFile, IssueSeverity.Error, message, file, line)] };
}
