using System.Net;
using Decodex.Web.Components.Layout;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Decodex.Web;

/// <summary>
/// Pages still built as strings by their endpoints (/my and /account), shown in the same layout,
/// navigation and stylesheet as the component pages (<see cref="StringPage"/>). No inline script;
/// every form carries an antiforgery token.
/// </summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>The page <paramref name="title"/> with <paramref name="body"/> (already encoded HTML) in the site layout.</summary>
    public static IResult Page(HttpContext context, string title, string body, string? script = null, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RazorComponentResult<StringPage>(new Dictionary<string, object?>
        {
            [nameof(StringPage.Title)] = title,
            [nameof(StringPage.Body)] = new MarkupString(ScrollingTables(body)),
            [nameof(StringPage.Script)] = script,
        })
        {
            StatusCode = statusCode,
            ContentType = "text/html; charset=utf-8",
        };
    }

    /// <summary>
    /// Each table in its own box that scrolls sideways when the table is wider than the screen, so the
    /// page itself never does; the box is focusable (and named) so it can be scrolled by keyboard.
    /// </summary>
    private static string ScrollingTables(string body) => body
        .Replace("<table", "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table, scrolls sideways\" tabindex=\"0\"><table", StringComparison.Ordinal)
        .Replace("</table>", "</table></div>", StringComparison.Ordinal);

    /// <summary>
    /// The status-code page: a bare 404 outside <c>/api</c> is the not-found page in the site layout;
    /// everything else (the API, other codes) keeps the default ProblemDetails body.
    /// </summary>
    public static async Task StatusCodePageAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (http.Response.StatusCode == StatusCodes.Status404NotFound && !http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await Page(http, "Page not found", "<p>There is no page at this address.</p><p><a href=\"/kb\">Search the knowledge base</a> or go to the <a href=\"/\">home page</a>.</p>", statusCode: StatusCodes.Status404NotFound)
                .ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await new StatusCodePagesOptions().HandleAsync(context).ConfigureAwait(false);
    }

    public static string Form(HttpContext context, IAntiforgery antiforgery, string action, string fields, string submit, bool multipart = false)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<form method=\"post\" action=\"{E(action)}\"{(multipart ? " enctype=\"multipart/form-data\" data-progress" : string.Empty)}><input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">{fields}<button type=\"submit\">{E(submit)}</button></form>";
    }
}
