using System.Globalization;

namespace Decodex.Core.Genomics;

/// <summary>
/// Collects reading issues: the first few of each code individually with their line numbers, then a
/// count, so a broken million-line file gives a readable report and bounded memory.
/// </summary>
internal sealed class IssueLog
{
    private const int PerCodeLimit = 10;
    private readonly List<Issue> _issues = [];
    private readonly Dictionary<string, (int Count, string Message)> _overflow = new(StringComparer.Ordinal);

    public void Add(string code, IssueSeverity severity, string message, long? line = null)
    {
        var shown = _issues.Count(i => i.Code == code);
        if (shown < PerCodeLimit)
        {
            _issues.Add(new Issue(code, severity, message, null, line is null ? null : (int)Math.Min(line.Value, int.MaxValue)));
            return;
        }

        _overflow[code] = (_overflow.GetValueOrDefault(code).Count + 1, message);
    }

    public bool Any(string code) => _issues.Any(i => i.Code == code);

    public IReadOnlyList<Issue> ToList()
    {
        var all = new List<Issue>(_issues);
        foreach (var (code, (count, _)) in _overflow)
        {
            var severity = _issues.First(i => i.Code == code).Severity;
            all.Add(new Issue(code, severity, string.Create(CultureInfo.InvariantCulture, $"{count} more rows with the same problem ({code}) were not listed one by one.")));
        }

        return all;
    }
}
