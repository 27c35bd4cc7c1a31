namespace Decodex.Core.Text;

/// <summary>
/// Finds the names nearest to what a person typed, for "did you mean" suggestions. A suggestion is
/// only ever shown; it is never applied. Work is bounded: input is cut to 64 characters and the edit
/// distance is computed with a cut-off.
/// </summary>
public static class NearestNames
{
    private const int MaxInput = 64;

    /// <summary>Up to <paramref name="max"/> candidates within a small edit distance of <paramref name="written"/>, nearest first.</summary>
    public static IReadOnlyList<string> Find(string written, IEnumerable<string> candidates, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(candidates);
        var key = Fold(written);
        if (key.Length < 3)
        {
            return [];
        }

        var limit = key.Length <= 5 ? 1 : key.Length <= 9 ? 2 : 3;
        Span<int> rows = stackalloc int[192];
        var found = new List<(string Name, int Distance)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var folded = Fold(candidate);
            if (folded.Length == 0 || !seen.Add(folded))
            {
                continue;
            }

            var distance = Distance(key, folded, limit, rows);
            if (distance <= limit && distance > 0)
            {
                found.Add((candidate, distance));
            }
        }

        return [.. found.OrderBy(f => f.Distance).ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Take(max).Select(f => f.Name)];
    }

    /// <summary>Lower case, letters and digits only, single spaces, at most 64 characters.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new char[Math.Min(text.Length, MaxInput)];
        var length = 0;
        var space = false;
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, MaxInput * 2)))
        {
            if (length == buffer.Length)
            {
                break;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && length > 0)
                {
                    buffer[length++] = ' ';
                    if (length == buffer.Length)
                    {
                        break;
                    }
                }

                buffer[length++] = char.ToLowerInvariant(c);
                space = false;
            }
            else if (c is not ('\'' or '’'))
            {
                space = true;
            }
        }

        return new string(buffer, 0, length);
    }

    /// <summary>
    /// Optimal string alignment distance (edits and adjacent transpositions), or <c>limit + 1</c> once every
    /// cell of a row exceeds <paramref name="limit"/>. <paramref name="rows"/> is scratch space of 192
    /// cells; strings over 63 characters count as too far.
    /// </summary>
    internal static int Distance(string a, string b, int limit, Span<int> rows)
    {
        if (Math.Abs(a.Length - b.Length) > limit || a.Length > 63 || b.Length > 63)
        {
            return limit + 1;
        }

        var width = b.Length + 1;
        var previous2 = rows[..width];
        var previous = rows.Slice(64, width);
        var current = rows.Slice(128, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

}
