using Decodex.Web.Components.Shared;
using Microsoft.AspNetCore.Diagnostics;

namespace Decodex.Web;

/// <summary>
/// The status-code page: a bare 404 outside <c>/api</c> is the not-found page in the site layout;
/// everything else (the API, other codes) keeps the default ProblemDetails body.
/// </summary>
internal static class StatusPages
{
    public static async Task HandleAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (http.Response.StatusCode == StatusCodes.Status404NotFound && !http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await Screens.Show<NotFoundContent>("Page not found", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await new StatusCodePagesOptions().HandleAsync(context).ConfigureAwait(false);
    }
}
