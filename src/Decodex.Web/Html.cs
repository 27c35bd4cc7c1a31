using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace Decodex.Web;

/// <summary>Server-rendered pages: one stylesheet, no script, every form with an antiforgery token.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static IResult Page(HttpContext context, string title, string body, string? script = null) =>
        Results.Content(Document(context, title, body, script), "text/html; charset=utf-8");

    public static string Document(HttpContext context, string title, string body, string? script = null)
    {
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var nav = new StringBuilder("<nav><a href=\"/\">Decodex</a> <a href=\"/kb\">Knowledge base</a>");
        nav.Append(signedIn
            ? $" <a href=\"/my\">My data</a> <a href=\"/my/labs\">My labs</a> <a href=\"/my/report\">My report</a> <a href=\"/account\">Account</a> <span class=\"who\">{E(context.User.Identity!.Name)}</span>"
            : " <a href=\"/account/sign-in\">Sign in</a> <a href=\"/account/register\">Create account</a>");
        nav.Append("</nav>");
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · Decodex</title><link rel="stylesheet" href="/site.css"></head>
            <body>{nav}<main><h1>{E(title)}</h1>{body}</main>
            <footer>Decodex runs on your machine. Nothing here is medical advice.</footer>{(script is null ? string.Empty : $"<script src=\"{E(script)}\" defer></script>")}</body></html>
            """;
        return html;
    }

    public static string Form(HttpContext context, IAntiforgery antiforgery, string action, string fields, string submit, bool multipart = false)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<form method=\"post\" action=\"{E(action)}\"{(multipart ? " enctype=\"multipart/form-data\" data-progress" : string.Empty)}><input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">{fields}<button type=\"submit\">{E(submit)}</button></form>";
    }
}
