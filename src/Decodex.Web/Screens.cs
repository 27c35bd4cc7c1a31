using Decodex.Web.Components.Layout;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Decodex.Web;

/// <summary>Shows a screen component (Components/Pages) from a minimal-API GET, in the site layout.</summary>
internal static class Screens
{
    /// <summary>The screen <typeparamref name="T"/> with <paramref name="parameters"/>, titled <paramref name="title"/>; it loads <paramref name="script"/> and then <paramref name="scripts"/> (this site's, in order) when given.</summary>
    public static IResult Show<T>(string title, object? parameters = null, string? script = null, int statusCode = StatusCodes.Status200OK, IReadOnlyList<string>? scripts = null)
    {
        var values = parameters is null
            ? new Dictionary<string, object?>()
            : parameters.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(parameters));
        return new RazorComponentResult<ScreenHost>(new Dictionary<string, object?>
        {
            [nameof(ScreenHost.Title)] = title,
            [nameof(ScreenHost.Screen)] = typeof(T),
            [nameof(ScreenHost.Parameters)] = values,
            [nameof(ScreenHost.Scripts)] = script is null ? scripts : [script, .. scripts ?? []],
        })
        {
            StatusCode = statusCode,
            ContentType = "text/html; charset=utf-8",
        };
    }
}
