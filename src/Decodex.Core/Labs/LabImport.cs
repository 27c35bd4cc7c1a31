using System.Globalization;

namespace Decodex.Core.Labs;

/// <summary>Reads lab files of any supported layout, detected by content.</summary>
public static class LabImport
{
    /// <summary>Reads one file: FHIR JSON when it starts with <c>{</c>, else CSV; issues name it by its file name.</summary>
    public static LabImportResult ReadFile(string path) => ReadFile(path, Path.GetFileName(path));

    /// <summary>
    /// Reads one file, naming it in issues and sources by <paramref name="name"/>: the name the user gave
    /// it, so a temporary or stored copy never appears under its own name.
    /// </summary>
    public static LabImportResult ReadFile(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(name);
        var text = File.ReadAllText(path);
        return Read(text, name);
    }

    /// <summary>Reads text of any supported layout; <paramref name="file"/> names it in issues.</summary>
    public static LabImportResult Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            return LabFhirReader.Read(text, file);
        }

        using var reader = new StringReader(text);
        return LabCsvReader.Read(reader, file);
    }

    /// <summary>Removes exact duplicates, drops conflicting pairs, and refuses the file on any error.</summary>
    internal static LabImportResult Finish(string format, List<LabResult> results, LabDemographics demographics, List<Issue> issues)
    {
        var kept = new List<LabResult>();
        foreach (var group in results.GroupBy(r => (r.Subject, r.Date, Key: (r.Loinc ?? r.TestName ?? string.Empty).ToLowerInvariant())))
        {
            var first = group.First();
            var others = group.Skip(1).ToList();
            if (others.Count == 0)
            {
                kept.Add(first);
                continue;
            }

            if (others.All(o => o.Value == first.Value && string.Equals(o.Unit, first.Unit, StringComparison.Ordinal)))
            {
                kept.Add(first);
                issues.Add(new Issue(LabIssueCodes.DuplicateResult, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"The same test at the same time appears {group.Count()} times with the same value; it was kept once."), first.Source));
            }
            else if (group.All(g => g.Context is not null) && group.Select(g => g.Context).Distinct(StringComparer.Ordinal).Count() == group.Count())
            {
                // Separate specimens or orders (different encounters or resources) at one time: both stand.
                kept.AddRange(group);
                issues.Add(new Issue(LabIssueCodes.ConflictingResult, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"The same test at the same time has {group.Count()} different values from separate orders or resources ({string.Join(", ", group.Select(g => g.Source))}); all are kept."), first.Source));
            }
            else
            {
                issues.Add(new Issue(LabIssueCodes.ConflictingResult, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture, $"The same test at the same time has {group.Count()} different values ({string.Join(", ", group.Select(g => g.Source))}); correct the file."), first.Source));
            }
        }

        if (issues.Any(i => i.Severity == IssueSeverity.Error))
        {
            return new LabImportResult { Format = format, Refused = true, Issues = issues };
        }

        return new LabImportResult { Format = format, Results = [.. kept.OrderBy(r => r.Date)], Demographics = demographics, Issues = issues };
    }
}
