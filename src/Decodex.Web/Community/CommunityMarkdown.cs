using Ganss.Xss;
using Markdig;

namespace Decodex.Web.Community;

/// <summary>
/// Turns a community text (an experience report, a comment, a question or an answer) written in Markdown
/// into HTML that is safe to put in a page. Markdig renders it with raw HTML switched off (written HTML
/// shows as text); HtmlSanitizer then keeps only plain text markup and links to http, https or mailto
/// addresses, which carry <c>rel="nofollow ugc noopener noreferrer"</c>. No image, no style, no script,
/// no event attribute, no other scheme survives, and the page's Content-Security-Policy stays as a second
/// wall. The input is limited to <see cref="MaxLength"/> characters.
/// </summary>
public static class CommunityMarkdown
{
    /// <summary>The longest text accepted.</summary>
    public const int MaxLength = 20_000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The safe HTML of <paramref name="markdown"/>.</summary>
    /// <exception cref="ArgumentException">The text is longer than <see cref="MaxLength"/>.</exception>
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (markdown.Length > MaxLength)
        {
            throw new ArgumentException($"A text has at most {MaxLength:N0} characters.", nameof(markdown));
        }

        return Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "h5", "h6", "hr", "del"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow ugc noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
