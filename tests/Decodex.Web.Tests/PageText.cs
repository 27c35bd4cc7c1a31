using System.Net;
using System.Text.RegularExpressions;

namespace Decodex.Web.Tests;

/// <summary>
/// Finds internal text that reached a rendered page: a record's <c>ToString</c> dump, a .NET type
/// name, a GUID or a knowledge-base id where a name belongs, a YAML term in snake case, a UCUM
/// annotation or code in a unit, and doubled or misplaced punctuation. It reads only what a person
/// sees: scripts, styles and markup are removed; inline elements are joined without a space, blocks
/// become separate lines.
/// </summary>
internal static partial class PageText
{
    /// <summary>The visible text of <paramref name="html"/>, one line per block.</summary>
    public static IReadOnlyList<string> Lines(string html)
    {
        var text = Hidden().Replace(html, " ");
        text = InlineTag().Replace(text, string.Empty);
        text = Tag().Replace(text, "\n");
        return [.. text.Split('\n')
            .Select(line => Space().Replace(WebUtility.HtmlDecode(line), " ").Trim())
            .Where(line => line.Length > 0)];
    }

    /// <summary>
    /// Each problem found in <paramref name="html"/>, as "what: the line"; <paramref name="ids"/> are
    /// internal ids (of claims, sources, outcomes) that must not stand in for a name.
    /// </summary>
    public static IReadOnlyList<string> Problems(string html, IReadOnlySet<string>? ids = null)
    {
        var problems = new List<string>();
        foreach (var shown in Lines(html))
        {
            // A web address is shown as written (it may hold ids, underscores, braces): checked as a word.
            var line = Address().Replace(shown, "URL");
            void Check(Regex pattern, string what)
            {
                if (pattern.Match(line) is { Success: true } match)
                {
                    problems.Add($"{what} \"{match.Value}\": {Shorten(line)}");
                }
            }

            Check(RecordDump(), "record dump");
            Check(TypeName(), ".NET type name");

            // A label's SPL set id is a source identifier, named as such ("SPL set …", "set id …").
            foreach (Match id in Guid().Matches(line))
            {
                if (!LabelledId().IsMatch(line[Math.Max(0, id.Index - 12)..id.Index]))
                {
                    problems.Add($"GUID \"{id.Value}\": {Shorten(line)}");
                }
            }

            Check(SnakeCase(), "snake-case term");
            Check(Ucum(), "UCUM annotation or code");
            Check(Doubled(), "doubled punctuation");
            Check(SpaceBefore(), "space before punctuation");
            Check(EmptyBrackets(), "empty brackets");
            if (ids is not null)
            {
                foreach (Match word in IdLike().Matches(line))
                {
                    if (ids.Contains(word.Value))
                    {
                        problems.Add($"internal id \"{word.Value}\": {Shorten(line)}");
                    }
                }
            }
        }

        return problems;
    }

    private static string Shorten(string line) => line.Length <= 160 ? line : line[..160] + "…";

    // What a person never sees: scripts, styles, templates, comments, and the head.
    [GeneratedRegex("<(script|style|template|head|noscript)\\b.*?</\\1\\s*>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex("</?(?:a|span|b|i|em|strong|code|abbr|small|sup|sub|mark|time|data|q|cite|dfn|kbd|s|u|var|bdi|bdo)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineTag();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Space();

    // C#'s record ToString: "Name { Field = value, ... }", and collections printed by type.
    [GeneratedRegex("\\b[A-Z][A-Za-z0-9]+ \\{ [A-Z][A-Za-z0-9]* = |\\{ [A-Z][A-Za-z0-9]* = ")]
    private static partial Regex RecordDump();

    [GeneratedRegex("\\b(?:System|Decodex|Microsoft)\\.[A-Z][A-Za-z]+|`1\\[")]
    private static partial Regex TypeName();

    [GeneratedRegex("https?://[^\\s]+?(?=[.,;:)]?(?:\\s|$))")]
    private static partial Regex Address();

    [GeneratedRegex("\\b(?:set|sets|id|and)\\s+$|, $")]
    private static partial Regex LabelledId();

    [GeneratedRegex("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b")]
    private static partial Regex Guid();

    // partly_supported, in_vitro: a YAML term shown as written. (A file name, e.g. a data release's, may hold one.)
    [GeneratedRegex("(?<![/\\w.?=&%-])[a-z]+(?:_[a-z0-9]+)+\\b(?![/\\w.-]*\\.\\w)")]
    private static partial Regex SnakeCase();

    // mL/min/{1.73_m2}, 10*9/L, [IU]/L, {cells}/uL: units as UCUM codes, not as people write them.
    [GeneratedRegex("\\{[^}\\s]{1,30}\\}|\\b10\\*[0-9]|\\[(?:IU|iU|arb'U|ppm|ppb)\\]|_m2\\b")]
    private static partial Regex Ucum();

    // ".." (not an ellipsis "..."), ",,", ";;", ". ,", ",.", ";.", ":."
    [GeneratedRegex("(?<!\\.)\\.\\.(?!\\.)|,\\s*[,.;:]|;\\s*[;.,:]|:\\s*[:.,;]|\\.\\s+[,;:]|(?<![.\\d])\\.\\s+\\.(?!\\.)")]
    private static partial Regex Doubled();

    // "word ." or "word ," (a missing value between a space and its punctuation).
    [GeneratedRegex("\\w \\s*[,;.](?=\\s|$)")]
    private static partial Regex SpaceBefore();

    [GeneratedRegex("\\(\\s*\\)|\\[\\s*\\]")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex("\\b[a-z0-9]+(?:[-_][a-z0-9]+)+\\b")]
    private static partial Regex IdLike();
}
