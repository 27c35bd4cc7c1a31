using Decodex.Core.Genomics;
using Decodex.Core.Knowledge;
using Decodex.Core.Labs;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace Decodex.Web;

/// <summary>
/// The DNA sites a report reads (<see cref="ReportInputs.Targets"/>), kept in memory between reports, and the
/// wider set a streamed VCF keeps while it is read (those plus the health variants, the ancestry markers and
/// the shipped polygenic scores, which are worked out once from the whole file). Worked out once per process.
/// </summary>
internal sealed class ReportTargets(KnowledgeBase knowledgeBase, PgxData pgx)
{
    private readonly Lazy<GenomeTargets> _targets = new(() => ReportInputs.Targets(knowledgeBase, pgx));

    private readonly Lazy<GenomeTargets> _read = new(() =>
    {
        var report = ReportInputs.Targets(knowledgeBase, pgx);
        var health = Core.Genomics.Health.HealthReport.Targets(knowledgeBase, null);
        return new GenomeTargets(report.RsIds.Concat(health.RsIds), report.Positions.Concat(health.Positions));
    });

    /// <summary>The rows kept between reports.</summary>
    public GenomeTargets Genome => _targets.Value;

    /// <summary>The rows a streamed VCF keeps while it is read.</summary>
    public GenomeTargets Read => _read.Value;
}

/// <summary>
/// Ties each user's cached report inputs to their data key: when the key leaves memory (sign-out, 12
/// idle hours, account deletion), what was decrypted with it leaves the cache too.
/// </summary>
internal sealed class ReportCacheOwners
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CancellationTokenSource> _owners = new(StringComparer.Ordinal);

    public ReportCacheOwners(UserKeyRing ring) => ring.OnRemove(Forget);

    /// <summary>A token that ends when the owner's key is removed; every cache entry of the owner carries it.</summary>
    public Microsoft.Extensions.Primitives.IChangeToken Token(string owner) =>
        new Microsoft.Extensions.Primitives.CancellationChangeToken(_owners.GetOrAdd(owner, _ => new CancellationTokenSource()).Token);

    public void Forget(string owner)
    {
        // Not disposed: a request may have just taken this source to read its token (a source without a
        // timer holds nothing that needs disposing); its entries expire as soon as it is cancelled.
        if (_owners.TryRemove(owner, out var source))
        {
            source.Cancel();
        }
    }
}

/// <summary>
/// Builds a user's report from what is stored: the profile and the uploads are decrypted in memory and
/// read by the report engine from there; nothing is written to disk and no path comes from a user.
/// What was read is kept in memory (<see cref="CacheKibibytes"/> in all, least recently used first out):
/// per DNA upload only APOE, the pharmacogene calls and the few hundred rows a report reads, not the file;
/// per lab upload its results; per user the assembled inputs for the current profile and uploads.
/// </summary>
internal sealed class ReportService(DecodexStore store, KnowledgeBase knowledgeBase, PgxData pgx, ReportTargets targets, Core.ReadLimits limits, IMemoryCache cache, ReportCacheOwners owners)
{
    /// <summary>The cache's budget, in KiB (entries are sized by estimate): 128 MiB.</summary>
    public const int CacheKibibytes = 128 * 1024;

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The owner's report for <paramref name="compounds"/>. A report is built once per set of inputs and
    /// compounds and kept beside its inputs (it is a pure function of them, the knowledge base and the
    /// CPIC data, all immutable while the app runs); any change to the profile or the uploads makes a new key.
    /// </summary>
    public async Task<(PersonalReport? Report, IReadOnlyList<Core.Issue> Issues)> BuildAsync(string owner, IReadOnlyList<string> compounds, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(compounds);
        var (inputsKey, loaded) = await InputsAsync(owner, cancel).ConfigureAwait(false);
        if (loaded.Inputs is null)
        {
            return (null, loaded.Issues);
        }

        var key = $"report:{inputsKey}:{string.Join(",", compounds)}";
        if (!cache.TryGetValue(key, out PersonalReport? report) || report is null)
        {
            report = ReportEngine.Build(knowledgeBase, pgx, loaded.Inputs, compounds);

            // About a KiB per finding with its trail, and as much again per compound for its texts.
            cache.Set(key, report, Entry(owner, 1 + report.Compounds.Sum(c => 1 + c.Findings.Count)));
        }

        return (report, loaded.Issues);
    }

    /// <summary>
    /// The owner's lab results as the report reads them (interpreted against the catalogue for the
    /// profile's sex and age), from the same cache as the report; null when there are none or the
    /// profile cannot be used.
    /// </summary>
    public async Task<LabReport?> LabsAsync(string owner, CancellationToken cancel) =>
        (await InputsAsync(owner, cancel).ConfigureAwait(false)).Loaded.Inputs?.Labs;

    /// <summary>
    /// Prepares the owner's report inputs after a change (an upload, a profile save), in the
    /// request that made it, so the next report page finds them ready. Preparing is an optimisation: if it
    /// fails, the report page prepares them again and shows the failure there, with its own handling.
    /// </summary>
    public async Task PrepareAsync(string owner, CancellationToken cancel)
    {
        try
        {
            await InputsAsync(owner, cancel).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See the summary: the change itself is saved; the report page handles the failure.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
        }
    }

    private async Task<(string Key, (ReportInputs? Inputs, IReadOnlyList<Core.Issue> Issues) Loaded)> InputsAsync(string owner, CancellationToken cancel)
    {
        // The key changes when the profile or any upload changes, so a report is never stale.
        var profile = await store.GetProfileAsync(owner, cancel).ConfigureAwait(false);
        var uploads = await store.ListUploadsAsync(owner, cancel).ConfigureAwait(false);
        var key = $"report-inputs:{owner}:{profile?.Updated.UtcTicks ?? 0}:{string.Join(",", uploads.Select(u => u.Id.ToString("N")))}";
        if (!cache.TryGetValue(key, out (ReportInputs? Inputs, IReadOnlyList<Core.Issue> Issues) loaded))
        {
            loaded = await LoadAsync(owner, profile, uploads, cancel).ConfigureAwait(false);
            cache.Set(key, loaded, Entry(owner, 1 + ((loaded.Inputs?.Labs?.Results.Count ?? 0) / 2)));
        }

        return (key, loaded);
    }

    /// <summary>
    /// Keeps what a DNA upload's read gave (the upload request has just read it), so the next report does
    /// not read the file again. <paramref name="statedSex"/> is the sex it was read with (the profile's,
    /// see <see cref="StatedSex"/>).
    /// </summary>
    public async Task RememberAsync(UploadEntity upload, GenomeReadResult read, Core.Genomics.Sex? statedSex, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(upload);
        try
        {
            Keep(upload, statedSex, await BackgroundCpu.Shared.RunAsync(() => GenomeFindings.From(read, upload.FileName, targets.Genome, pgx, knowledgeBase), cancel).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // The upload is stored; keeping its findings is an optimisation, and a report reads the file again with its own handling.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The sex stated in the stored profile, which the genome reader believes over the data; null when not stated.</summary>
    public static Core.Genomics.Sex? StatedSex(ProfileEntity? profile) => profile?.Sex switch
    {
        "female" => Core.Genomics.Sex.Female,
        "male" => Core.Genomics.Sex.Male,
        _ => null,
    };

    /// <summary>Keeps a lab upload's results (the upload request has just read them).</summary>
    public void Remember(UploadEntity upload, LabImportResult import)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(import);
        cache.Set(LabKey(upload.Id), import, Entry(upload.OwnerId, 1 + (import.Results.Count / 2)));
    }

    private async Task<(ReportInputs? Inputs, IReadOnlyList<Core.Issue> Issues)> LoadAsync(string owner, ProfileEntity? stored, IReadOnlyList<UploadEntity> uploads, CancellationToken cancel)
    {
        // Everything is read in memory from the owner's own rows: the profile YAML has no file keys, and
        // an upload's file name is only a label for issues; no path is built from it, nothing is written.
        var (parsed, issues) = ProfileLoader.Parse(DecodexStore.ProfileYaml(stored ?? new ProfileEntity { OwnerId = owner }), "your profile", knowledgeBase);
        if (parsed is null)
        {
            return (null, issues);
        }

        GenomeFindings? genome = null;
        if (DecodexStore.ActiveGenome(stored, uploads) is { } g)
        {
            genome = await GenomeAsync(owner, g, StatedSex(stored), cancel).ConfigureAwait(false);
        }

        var labs = new List<(string Name, LabImportResult Import)>();
        foreach (var lab in uploads.Where(u => u.Kind == UploadKind.Labs))
        {
            if (await LabsAsync(owner, lab, cancel).ConfigureAwait(false) is { } import)
            {
                labs.Add((lab.FileName, import));
            }
        }

        // Interpreting thousands of lab results takes tens of milliseconds: below the priority of page requests.
        var inputs = await BackgroundCpu.Shared.RunAsync(() => ReportInputs.Combine(parsed, knowledgeBase, genome, labs), cancel).ConfigureAwait(false);
        // The APOE result stays out of the report until the person chooses to see it (on /my/genome).
        var revealed = (stored?.RevealedHealthTopics ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var hidden = knowledgeBase.HealthVariants.Where(v => v.Sensitive && !revealed.Contains(v.Topic, StringComparer.Ordinal)).Select(v => v.Topic).ToHashSet(StringComparer.Ordinal);
        return (inputs with { Issues = [.. issues, .. inputs.Issues], HideApoe = !(stored?.ShowApoe ?? false), HiddenHealthTopics = hidden }, issues);
    }

    /// <summary>
    /// The DNA upload the owner's reports read (<see cref="DecodexStore.ActiveGenome"/>) and what was read
    /// from it; both null without a DNA upload, findings null when the stored file cannot be read.
    /// </summary>
    public async Task<(UploadEntity? Upload, GenomeFindings? Findings)> ActiveGenomeAsync(string owner, CancellationToken cancel)
    {
        var profile = await store.GetProfileAsync(owner, cancel).ConfigureAwait(false);
        var uploads = await store.ListUploadsAsync(owner, cancel).ConfigureAwait(false);
        return DecodexStore.ActiveGenome(profile, uploads) is { } active
            ? (active, await GenomeAsync(owner, active, StatedSex(profile), cancel).ConfigureAwait(false))
            : (null, null);
    }

    private async Task<GenomeFindings?> GenomeAsync(string owner, UploadEntity upload, Core.Genomics.Sex? statedSex, CancellationToken cancel)
    {
        if (cache.TryGetValue(GenomeKey(upload.Id, statedSex), out GenomeFindings? kept))
        {
            return kept;
        }

        if (await store.ReadUploadAsync(owner, upload.Id, cancel).ConfigureAwait(false) is not { } content)
        {
            return null;
        }

        // A DNA file not read since the server started: read it once, within the upload limits it passed,
        // below the priority of page requests.
        var findings = await BackgroundCpu.Shared.RunAsync(
            () =>
            {
                using var stream = new MemoryStream(content.Content, writable: false);
                return GenomeFindings.From(GenomeReader.Read(stream, new GenomeReadOptions { Limits = limits, Targets = targets.Read, StatedSex = statedSex }), upload.FileName, targets.Genome, pgx, knowledgeBase);
            },
            cancel).ConfigureAwait(false);
        return Keep(upload, statedSex, findings);
    }

    private async Task<LabImportResult?> LabsAsync(string owner, UploadEntity upload, CancellationToken cancel)
    {
        if (cache.TryGetValue(LabKey(upload.Id), out LabImportResult? kept))
        {
            return kept;
        }

        if (await store.ReadUploadAsync(owner, upload.Id, cancel).ConfigureAwait(false) is not { } content)
        {
            return null;
        }

        var import = await BackgroundCpu.Shared.RunAsync(() => LabImport.Read(content.Content, upload.FileName, limits), cancel).ConfigureAwait(false);
        Remember(upload, import);
        return import;
    }

    private GenomeFindings Keep(UploadEntity upload, Core.Genomics.Sex? statedSex, GenomeFindings findings) =>
        cache.Set(GenomeKey(upload.Id, statedSex), findings, Entry(upload.OwnerId, 1 + ((findings.Genome?.Count ?? 0) / 32)));

    // Sizes are rough KiB: a kept genome row is about 32 bytes, a lab result about 512 bytes.
    private MemoryCacheEntryOptions Entry(string owner, long kibibytes) =>
        new MemoryCacheEntryOptions { SlidingExpiration = Idle, Size = kibibytes }.AddExpirationToken(owners.Token(owner));

    // A genome read with another stated sex (the profile changed) is read again: the sex decides which
    // X calls are haploid, and so G6PD.
    private static string GenomeKey(Guid upload, Core.Genomics.Sex? statedSex) => $"genome:{upload:N}:{statedSex}";

    private static string LabKey(Guid upload) => $"labs:{upload:N}";
}
