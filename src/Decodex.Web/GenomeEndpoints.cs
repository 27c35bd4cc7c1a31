using System.Security.Claims;
using Decodex.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Decodex.Web;

/// <summary>
/// The two forms of <c>/my/genome</c> (Components/Pages/MyGenomePage.razor): whether the person sees their
/// APOE result, and which DNA file their reports read. Both post with antiforgery tokens and go back to the page.
/// </summary>
internal static class GenomeEndpoints
{
    public static void Map(WebApplication web)
    {
        var my = web.MapGroup("/my/genome").ExcludeFromDescription()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());

        // Opting in or out changes only what is shown: a finding that rests on APOE counts in the verdict either way.
        my.MapPost("/apoe", async (ClaimsPrincipal user, [FromForm] string? show, DecodexStore store, ReportService reports, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);
            await store.SaveProfileAsync(owner, p => p.ShowApoe = show == "yes", cancel);
            await reports.PrepareAsync(owner, cancel);
            return Results.Redirect("/my/genome");
        });

        // A sensitive health topic (thrombophilia …) is shown only after the person chooses to see it, one topic at a time.
        web.MapPost("/my/health/reveal", async (ClaimsPrincipal user, [FromForm] string? topic, [FromForm] string? show, DecodexStore store, ReportService reports, Core.Knowledge.KnowledgeBase knowledge, CancellationToken cancel) =>
        {
            if (topic is null || (topic != HealthTopics.Scores && !knowledge.HealthVariants.Any(v => v.Sensitive && v.Topic == topic)))
            {
                return Results.NotFound();
            }

            var owner = ApiEndpoints.Owner(user);
            await store.SaveProfileAsync(owner, p =>
            {
                var topics = p.RevealedHealthTopics.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(t => t != topic).ToList();
                if (show == "yes")
                {
                    topics.Add(topic);
                }

                p.RevealedHealthTopics = string.Join('\n', topics);
            }, cancel);

            // A report finding that rests on the topic names it, or not, from now on.
            await reports.PrepareAsync(owner, cancel);
            return Results.Redirect("/my/health#" + topic);
        }).ExcludeFromDescription().RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());

        my.MapPost("/active", async (ClaimsPrincipal user, [FromForm] string? upload, DecodexStore store, ReportService reports, CancellationToken cancel) =>
        {
            var owner = ApiEndpoints.Owner(user);

            // Only one of the person's own DNA uploads can be chosen; anything else is answered as not found
            // (the site's not-found page), so an id says nothing about whether it exists for someone else.
            var uploads = await store.ListUploadsAsync(owner, cancel);
            if (!Guid.TryParse(upload, out var id) || !uploads.Any(u => u.Id == id && u.Kind == UploadKind.Genome))
            {
                return Results.NotFound();
            }

            await store.SaveProfileAsync(owner, p => p.ActiveGenome = id, cancel);
            await reports.PrepareAsync(owner, cancel);
            return Results.Redirect("/my/genome");
        });
    }
}

/// <summary>Opt-in topics of the health page that are not variant topics of the knowledge base.</summary>
internal static class HealthTopics
{
    /// <summary>The polygenic scores (a breast-cancer score among them): shown only after the person chooses to see them.</summary>
    public const string Scores = "polygenic-scores";
}
