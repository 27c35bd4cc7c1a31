using System.Globalization;
using Decodex.Core.Knowledge;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace Decodex.Web;

/// <summary>
/// Builds a user's report from what is stored: the profile and the uploads are decrypted into a
/// private temporary folder for the report engine and deleted right after.
/// </summary>
internal sealed class ReportService(DecodexStore store, KnowledgeBase knowledgeBase, PgxData pgx, IMemoryCache cache)
{
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
            cache.Set(key, loaded, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5) });
        }

        return loaded.Inputs is null
            ? (null, loaded.Issues)
            : (ReportEngine.Build(knowledgeBase, pgx, loaded.Inputs, compounds), loaded.Issues);
    }

    private async Task<(ReportInputs? Inputs, IReadOnlyList<Core.Issue> Issues)> LoadAsync(string owner, CancellationToken cancel)
    {
        var folder = Directory.CreateTempSubdirectory("decodex-report-");
        try
        {
            var profile = await store.GetProfileAsync(owner, cancel).ConfigureAwait(false) ?? new ProfileEntity { OwnerId = owner };
            var yaml = DecodexStore.ProfileYaml(profile);
            var uploads = await store.ListUploadsAsync(owner, cancel).ConfigureAwait(false);
            var genome = uploads.FirstOrDefault(u => u.Kind == UploadKind.Genome);
            if (genome is not null && await store.ReadUploadAsync(owner, genome.Id, cancel).ConfigureAwait(false) is { } g)
            {
                var name = "genome" + Path.GetExtension(genome.FileName);
                await File.WriteAllBytesAsync(Path.Combine(folder.FullName, name), g.Content, cancel).ConfigureAwait(false);
                yaml += $"genome: {name}\n";
            }

            var labNames = new List<string>();
            var shownNames = new Dictionary<string, string>(StringComparer.Ordinal);
            if (genome is not null)
            {
                shownNames["genome" + Path.GetExtension(genome.FileName)] = genome.FileName;
            }

            foreach (var lab in uploads.Where(u => u.Kind == UploadKind.Labs))
            {
                if (await store.ReadUploadAsync(owner, lab.Id, cancel).ConfigureAwait(false) is { } l)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"labs-{labNames.Count}{Path.GetExtension(lab.FileName)}");
                    await File.WriteAllBytesAsync(Path.Combine(folder.FullName, name), l.Content, cancel).ConfigureAwait(false);
                    labNames.Add(name);
                    shownNames[name] = lab.FileName;
                }
            }

            if (labNames.Count > 0)
            {
                yaml += $"labs: [{string.Join(", ", labNames)}]\n";
            }

            var path = Path.Combine(folder.FullName, "profile.yaml");
            await File.WriteAllTextAsync(path, yaml, cancel).ConfigureAwait(false);
            var (loaded, issues) = ProfileLoader.Load(path, knowledgeBase);
            if (loaded is null)
            {
                return (null, issues);
            }

            // Issues name the files as the person uploaded them, never by the names used here.
            var inputs = ReportInputs.Load(loaded, knowledgeBase, pgx);
            var named = inputs.Issues.Select(i => i.File is { } f && shownNames.TryGetValue(f, out var shown) ? i with { File = shown } : i).ToList();
            return (inputs with { Issues = [.. issues, .. named], Profile = inputs.Profile with { FileName = "your profile" } }, issues);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
