using Ganss.Xss;
using Markdig;

namespace Decodex.Web.Community;

/// <summary>
/// Turns a community text (an experience report, a comment, a question or an answer) written in Markdown
/// into HTML that is safe to put in a page. Markdig renders it with raw HTML switched off (written HTML
/// shows as text); HtmlSanitizer then keeps only plain text markup and links to http, https or mailto
/// addresses, which carry <c>rel="nofollow ugc noopener noreferrer"</c>; a link with a seller's or
/// affiliate's tracking mark loses its address (<see cref="IsSellerLink"/>). No image, no style, no script,
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

    /// <summary>
    /// Query parameters that mark a link as an affiliate's or a seller's campaign link (Amazon's
    /// <c>tag</c>, the common <c>ref</c>, <c>aff</c>/<c>affiliate</c>/<c>affid</c>, <c>partner</c>, click ids and
    /// UTM campaign marks). Community reports may link to sources, never to a sale.
    /// </summary>
    private static readonly HashSet<string> SellerMarks = new(["tag", "ref", "aff", "affiliate", "affid", "aff_id", "affiliate_id", "partner", "partnerid", "clickid", "irclickid", "gclid", "fbclid", "coupon", "discount", "promo", "promocode", "utm_source", "utm_medium", "utm_campaign"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="href"/> carries a seller's or affiliate's tracking mark in its query.</summary>
    public static bool IsSellerLink(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        var query = href.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? href[(q + 1)..] : string.Empty;
        var fragment = query.IndexOf('#', StringComparison.Ordinal);
        query = fragment >= 0 ? query[..fragment] : query;
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Uri.UnescapeDataString(p.Split('=', 2)[0]))
            .Any(SellerMarks.Contains);
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
            if (e.Node is not AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                return;
            }

            if (link.GetAttribute("href") is { } href && IsSellerLink(href))
            {
                // A seller's link keeps its words and loses its address, with a note of why.
                link.RemoveAttribute("href");
                link.SetAttribute("title", "Link removed: it carried a seller's or affiliate's tracking mark.");
            }

            link.SetAttribute("rel", "nofollow ugc noopener noreferrer");
        };
        return sanitizer;
    }
}
