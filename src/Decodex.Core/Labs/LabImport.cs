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
    public static LabImportResult ReadFile(string path, string name) => ReadFile(path, name, ReadLimits.Default);

    /// <summary>
    /// Reads one file within <paramref name="limits"/>: a file larger than <see cref="ReadLimits.MaxLabFileBytes"/>
    /// (or a pipe or device that goes on past it) is refused with LAB017 after reading at most that many
    /// bytes, so memory stays bounded whatever the path names.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static LabImportResult ReadFile(string path, string name, ReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(limits);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var cap = Math.Min(limits.MaxLabFileBytes, Array.MaxLength - 1);
        if (file.CanSeek && file.Length > cap)
        {
            return TooLarge(name, limits);
        }

        // Length is 0 for pipes and devices (/dev/zero), so the read is bounded whatever it says.
        using var content = new MemoryStream(file.CanSeek ? (int)file.Length : 1 << 16);
        var chunk = new byte[1 << 16];
        int n;
        while ((n = file.Read(chunk)) > 0)
        {
            if (content.Length + n > cap)
            {
                return TooLarge(name, limits);
            }

            content.Write(chunk, 0, n);
        }

        return Read(content.GetBuffer().AsSpan(0, (int)content.Length), name, limits);
    }

    /// <summary>Reads text of any supported layout; <paramref name="file"/> names it in issues.</summary>
    public static LabImportResult Read(string text, string file) => Read(text, file, ReadLimits.Default);

    /// <summary>Reads text of any supported layout within <paramref name="limits"/>; <paramref name="file"/> names it in issues.</summary>
    public static LabImportResult Read(string text, string file, ReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > limits.MaxLabFileBytes)
        {
            return TooLarge(file, limits);
        }

        var trimmed = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            return LabFhirReader.Read(System.Text.Encoding.UTF8.GetBytes(text), file, limits);
        }

        return LabCsvReader.Read(text, file, limits);
    }

    /// <summary>
    /// Reads UTF-8 bytes of any supported layout within <paramref name="limits"/>, without copying them
    /// for FHIR JSON (CSV is decoded once); <paramref name="file"/> names it in issues.
    /// </summary>
    public static LabImportResult Read(ReadOnlySpan<byte> utf8, string file, ReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        limits ??= ReadLimits.Default;
        if (utf8.Length > limits.MaxLabFileBytes)
        {
            return TooLarge(file, limits);
        }

        var body = utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.Length > 0 && trimmed[0] == (byte)'{')
        {
            return LabFhirReader.Read(trimmed, file, limits);
        }

        return LabCsvReader.Read(System.Text.Encoding.UTF8.GetString(body), file, limits);
    }

    /// <summary>The refusal (LAB017) of a file larger than <see cref="ReadLimits.MaxLabFileBytes"/>, for a host that knows the size before reading.</summary>
    public static LabImportResult TooLarge(string file, ReadLimits limits) => new()
    {
        Refused = true,
        Issues = [new Issue(LabIssueCodes.FileTooLarge, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture, $"The file is larger than {limits.MaxLabFileBytes / (1024 * 1024):N0} MiB, the limit for one lab file; it was not read. Split it, or export only laboratory results."), file)],
    };

    /// <summary>The refusal of a file with more results than one upload may hold.</summary>
    internal static LabImportResult TooMany(string file, ReadLimits limits, int? line) => new()
    {
        Refused = true,
        Issues = [new Issue(LabIssueCodes.TooManyResults, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture, $"The file holds more than {limits.MaxLabResults:N0} rows or results, the limit for one lab file; nothing from it was kept. Split it by year, or export one person's laboratory results only."), file, line)],
    };

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
