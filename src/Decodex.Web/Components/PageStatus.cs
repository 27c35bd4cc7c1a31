using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Diagnostics;

namespace Decodex.Web.Components;

/// <summary>Status codes set by component pages, which render their own HTML body for them.</summary>
internal static class PageStatus
{
    /// <summary>
    /// Answers 404 with the router's not-found page in the layout, and keeps the status-code middleware
    /// from replacing that HTML with the API's ProblemDetails body.
    /// </summary>
    public static void NotFound(NavigationManager navigation, HttpContext? context)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        if (context?.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        navigation.NotFound();
    }
}
