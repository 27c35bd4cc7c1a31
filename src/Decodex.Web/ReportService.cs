using Decodex.Core.Knowledge;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace Decodex.Web;

/// <summary>
/// Builds a user's report from what is stored: the profile and the uploads are decrypted in memory and
/// read by the report engine from there; nothing is written to disk and no path comes from a user.
/// </summary>
internal sealed class ReportService(DecodexStore store, KnowledgeBase knowledgeBase, PgxData pgx, IMemoryCache cache)
{
    /// <summary>How many users' loaded report inputs the cache holds at most (each is one entry).</summary>
    public const int CachedReportInputs = 64;

    public async Task<(PersonalReport? Report, IReadOnlyList<Core.Issue> Issues)> BuildAsync(string owner, IReadOnlyList<string> compounds, CancellationToken cancel)
    {
        // The loaded inputs (genome, labs, pharmacogenes) are kept for a few minutes per user and data
        // version: the key changes when the profile or any upload changes, so a report is never stale.
        var profileVersion = (await store.GetProfileAsync(owner, cancel).ConfigureAwait(false))?.Updated.UtcTicks ?? 0;
        var uploadsVersion = string.Join(",", (await store.ListUploadsAsync(owner, cancel).ConfigureAwait(false)).Select(u => u.Id.ToString("N")));
        var key = $"report-inputs:{owner}:{profileVersion}:{uploadsVersion}";
        if (!cache.TryGetValue(key, out (ReportInputs? Inputs, IReadOnlyList<Core.Issue> Issues) loaded))
        {
            loaded = await LoadAsync(owner, cancel).ConfigureAwait(false);
            cache.Set(key, loaded, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5), Size = 1 });
        }

        return loaded.Inputs is null
            ? (null, loaded.Issues)
            : (ReportEngine.Build(knowledgeBase, pgx, loaded.Inputs, compounds), loaded.Issues);
    }

    private async Task<(ReportInputs? Inputs, IReadOnlyList<Core.Issue> Issues)> LoadAsync(string owner, CancellationToken cancel)
    {
        // Everything is read in memory from the owner's own rows: the profile YAML has no file keys, and
        // an upload's file name is only a label for issues; no path is built from it, nothing is written.
        var profile = await store.GetProfileAsync(owner, cancel).ConfigureAwait(false) ?? new ProfileEntity { OwnerId = owner };
        var (parsed, issues) = ProfileLoader.Parse(DecodexStore.ProfileYaml(profile), "your profile", knowledgeBase);
        if (parsed is null)
        {
            return (null, issues);
        }

        var uploads = await store.ListUploadsAsync(owner, cancel).ConfigureAwait(false);
        (string Name, byte[] Content)? genome = null;
        if (uploads.FirstOrDefault(u => u.Kind == UploadKind.Genome) is { } g && await store.ReadUploadAsync(owner, g.Id, cancel).ConfigureAwait(false) is { } gc)
        {
            genome = (g.FileName, gc.Content);
        }

        var labs = new List<(string Name, byte[] Content)>();
        foreach (var lab in uploads.Where(u => u.Kind == UploadKind.Labs))
        {
            if (await store.ReadUploadAsync(owner, lab.Id, cancel).ConfigureAwait(false) is { } l)
            {
                labs.Add((lab.FileName, l.Content));
            }
        }

        var inputs = ReportInputs.Load(parsed, knowledgeBase, pgx, genome, labs);
        return (inputs with { Issues = [.. issues, .. inputs.Issues] }, issues);
    }
}
