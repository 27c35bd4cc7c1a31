using System.Net;
using Decodex.Web.Components.Layout;
using Microsoft.AspNetCore.Antiforgery;
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
            [nameof(StringPage.Body)] = new MarkupString(body),
            [nameof(StringPage.Script)] = script,
        })
        {
            StatusCode = statusCode,
            ContentType = "text/html; charset=utf-8",
        };
    }

    public static string Form(HttpContext context, IAntiforgery antiforgery, string action, string fields, string submit, bool multipart = false)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<form method=\"post\" action=\"{E(action)}\"{(multipart ? " enctype=\"multipart/form-data\" data-progress" : string.Empty)}><input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">{fields}<button type=\"submit\">{E(submit)}</button></form>";
    }
}
