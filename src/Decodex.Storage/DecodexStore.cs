using System.IO.Compression;
using Microsoft.AspNetCore.DataProtection;
using Decodex.Storage.Crypto;
using Microsoft.EntityFrameworkCore;

namespace Decodex.Storage;

/// <summary>
/// Every data access of the app, scoped to one owner: a row of another user is never returned,
/// changed or deleted, whatever id is asked for. Everything about the person — the profile, upload
/// names, summaries and content, lab results (their dates and markers too) and reports — is
/// compressed where large, then sealed with the owner's own data key (AES-256-GCM, bound to the owner
/// and the column). That key exists in clear only in this process's memory while the owner is signed
/// in (<see cref="UserKeyRing"/>); on disk it is wrapped by their password and their recovery key
/// (<see cref="UserKeys"/>). Without it a call throws <see cref="DataLockedException"/>. Content stored
/// before per-user keys (under the server's Data Protection key) is still read, and re-sealed with the
/// user's key when it is first unlocked.
/// </summary>
public sealed class DecodexStore(DecodexDbContext db, IDataProtectionProvider protection, UserKeyRing keys)
{
    /// <summary>Marks a text column whose value is sealed (base64 after the prefix).</summary>
    private const string SealedText = "s1:";

    private readonly IDataProtector _legacy = protection.CreateProtector("Decodex.Storage.Content.v1");

    public async Task<ProfileEntity?> GetProfileAsync(string owner, CancellationToken cancel = default)
    {
        var row = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.OwnerId == owner, cancel).ConfigureAwait(false);
        return row is null ? null : OpenProfile(owner, row, Key(owner));
    }

    public async Task<ProfileEntity> SaveProfileAsync(string owner, Action<ProfileEntity> update, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var key = Key(owner);
        var row = await db.Profiles.SingleOrDefaultAsync(p => p.OwnerId == owner, cancel).ConfigureAwait(false);
        if (row is null)
        {
            row = new ProfileEntity { OwnerId = owner };
            db.Profiles.Add(row);
        }

        var profile = OpenProfile(owner, row, key);
        update(profile);
        profile.Updated = DateTimeOffset.UtcNow;
        SealProfile(owner, row, profile, key);
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        return profile;
    }

    /// <summary>
    /// The DNA upload a report reads: the one the user chose (<see cref="ProfileEntity.ActiveGenome"/>) while
    /// it exists, otherwise the newest; null when there is none. <paramref name="uploads"/> newest first.
    /// </summary>
    public static UploadEntity? ActiveGenome(ProfileEntity? profile, IReadOnlyList<UploadEntity> uploads)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        var genomes = uploads.Where(u => u.Kind == UploadKind.Genome);
        return (profile?.ActiveGenome is { } chosen ? genomes.FirstOrDefault(u => u.Id == chosen) : null) ?? genomes.FirstOrDefault();
    }

    // A static field, not Array.Empty<byte>(): EF reads a field's value directly but interprets a method
    // call in a query afresh on every execution.
    private static readonly byte[] NoContent = [];

    public async Task<IReadOnlyList<UploadEntity>> ListUploadsAsync(string owner, CancellationToken cancel = default)
    {
        var key = Key(owner);
        var rows = await db.Uploads.AsNoTracking().Where(u => u.OwnerId == owner)
            .Select(u => new UploadEntity { Id = u.Id, OwnerId = u.OwnerId, Kind = u.Kind, FileName = u.FileName, Size = u.Size, Created = u.Created, Summary = u.Summary, Content = NoContent })
            .ToListAsync(cancel).ConfigureAwait(false);

        // Ordered in memory: SQLite cannot order by DateTimeOffset, and a user's uploads are few.
        return [.. rows.Select(u => Named(owner, u, key)).OrderByDescending(u => u.Created)];
    }

    /// <summary>The upload with its decoded content; null when it does not exist or belongs to someone else.</summary>
    public async Task<(UploadEntity Upload, byte[] Content)?> ReadUploadAsync(string owner, Guid id, CancellationToken cancel = default)
    {
        var key = Key(owner);
        var upload = await db.Uploads.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.OwnerId == owner, cancel).ConfigureAwait(false);
        return upload is null ? null : (Named(owner, upload, key), Open(owner, "upload", upload.Content, key, compressed: true));
    }

    /// <summary>
    /// Stores an upload that was already read successfully, with its lab results when it is a lab file:
    /// one SaveChanges (one transaction), so a failure or a killed process leaves nothing.
    /// </summary>
    public async Task<UploadEntity> AddUploadAsync(string owner, UploadKind kind, string fileName, byte[] content, string summary, IEnumerable<StoredLabResult>? results = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = Key(owner);
        var name = Path.GetFileName(fileName);
        var upload = new UploadEntity { OwnerId = owner, Kind = kind, FileName = SealText(owner, "upload-name", name, key), Size = content.LongLength, Summary = SealText(owner, "upload-summary", summary, key), Content = Seal(owner, "upload", content, key, compress: true) };
        db.Uploads.Add(upload);
        foreach (var result in results ?? [])
        {
            db.LabResults.Add(new LabResultEntity
            {
                OwnerId = owner,
                UploadId = upload.Id,
                Date = DateTimeOffset.UnixEpoch,
                MarkerId = null,
                Payload = Seal(owner, "lab", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result, StoredLabResultJson.Default.StoredLabResult), key, compress: false),
            });
        }

        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        return Named(owner, upload, key);
    }

    /// <summary>The owner's stored lab results, decrypted, oldest first; optionally one marker only.</summary>
    public async Task<IReadOnlyList<StoredLabResult>> LabResultsAsync(string owner, string? markerId = null, CancellationToken cancel = default)
    {
        var key = Key(owner);
        var rows = await db.LabResults.AsNoTracking().Where(r => r.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false);
        return [.. rows.Select(r => System.Text.Json.JsonSerializer.Deserialize(Open(owner, "lab", r.Payload, key, compressed: false), StoredLabResultJson.Default.StoredLabResult)!)
            .Where(r => markerId == null || r.MarkerId == markerId)
            .OrderBy(r => r.Date)];
    }

    public async Task<bool> DeleteUploadAsync(string owner, Guid id, CancellationToken cancel = default)
    {
        // Bulk deletes skip EF's cascade: the results go first, then the upload.
        await db.LabResults.Where(r => r.UploadId == id && r.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        return await db.Uploads.Where(u => u.Id == id && u.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false) > 0;
    }

    public async Task<ReportEntity> AddReportAsync(string owner, string compoundId, string verdict, byte[] json, CancellationToken cancel = default)
    {
        var key = Key(owner);
        var report = new ReportEntity { OwnerId = owner, CompoundId = SealText(owner, "report-compound", compoundId, key), Verdict = SealText(owner, "report-verdict", verdict, key), Content = Seal(owner, "report", json, key, compress: true) };
        db.Reports.Add(report);
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        return Opened(owner, report, key);
    }

    public async Task<IReadOnlyList<ReportEntity>> ListReportsAsync(string owner, CancellationToken cancel = default)
    {
        var key = Key(owner);
        return [.. (await db.Reports.AsNoTracking().Where(r => r.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false)).Select(r => Opened(owner, r, key)).OrderByDescending(r => r.Created)];
    }

    /// <summary>The owner's trials, newest first: (id, record JSON in clear, created).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Json, DateTimeOffset Created)>> ListTrialsAsync(string owner, CancellationToken cancel = default)
    {
        var key = Key(owner);
        var rows = await db.Trials.AsNoTracking().Where(t => t.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false);
        return [.. rows.OrderByDescending(t => t.Created).Select(t => (t.Id, System.Text.Encoding.UTF8.GetString(Open(owner, "trial", t.Content, key, compressed: true)), t.Created))];
    }

    /// <summary>One trial's record JSON; null when it does not exist or belongs to someone else.</summary>
    public async Task<string?> ReadTrialAsync(string owner, Guid id, CancellationToken cancel = default)
    {
        var key = Key(owner);
        var row = await db.Trials.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.OwnerId == owner, cancel).ConfigureAwait(false);
        return row is null ? null : System.Text.Encoding.UTF8.GetString(Open(owner, "trial", row.Content, key, compressed: true));
    }

    /// <summary>Stores a trial's record (new, or replacing the owner's trial with that id), sealed.</summary>
    public async Task SaveTrialAsync(string owner, Guid id, string json, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var key = Key(owner);
        var content = Seal(owner, "trial", System.Text.Encoding.UTF8.GetBytes(json), key, compress: true);
        var row = await db.Trials.SingleOrDefaultAsync(t => t.Id == id, cancel).ConfigureAwait(false);
        if (row is null)
        {
            db.Trials.Add(new TrialEntity { Id = id, OwnerId = owner, Content = content });
        }
        else if (row.OwnerId == owner)
        {
            row.Content = content;
            row.Updated = DateTimeOffset.UtcNow;
        }
        else
        {
            throw new InvalidOperationException("That trial belongs to someone else.");
        }

        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
    }

    public async Task<bool> DeleteTrialAsync(string owner, Guid id, CancellationToken cancel = default) =>
        await db.Trials.Where(t => t.Id == id && t.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false) > 0;

    /// <summary>Deletes the user's profile, uploads, reports and trials (the account stays).</summary>
    public async Task DeleteAllDataAsync(string owner, CancellationToken cancel = default)
    {
        await db.LabResults.Where(r => r.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        await db.Uploads.Where(u => u.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        await db.Reports.Where(r => r.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        await db.Trials.Where(t => t.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        await db.Profiles.Where(p => p.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ExportJson = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly System.Text.Json.JsonSerializerOptions CommunityExportJson = new(ExportJson) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>
    /// Everything of the user as a zip: the profile (<c>profile.yaml</c>, and <c>settings.json</c> for what the
    /// web app keeps beside it), each upload as uploaded, each report's JSON, each trial's record.
    /// </summary>
    public async Task<byte[]> ExportAsync(string owner, CancellationToken cancel = default)
    {
        var key = Key(owner);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (await GetProfileAsync(owner, cancel).ConfigureAwait(false) is { } p)
            {
                // One entry open at a time: each is closed before the next is made.
                await using (var writer = new StreamWriter(await zip.CreateEntry("profile.yaml").OpenAsync(cancel).ConfigureAwait(false)))
                {
                    await writer.WriteAsync(ProfileYaml(p)).ConfigureAwait(false);
                }

                // What the web app keeps beside the profile, which the profile format has no place for.
                var settings = zip.CreateEntry("settings.json");
                await using var json = await settings.OpenAsync(cancel).ConfigureAwait(false);
                await System.Text.Json.JsonSerializer.SerializeAsync(
                    json,
                    new ExportedSettings(p.Following.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), p.ShowApoe, p.ActiveGenome),
                    ExportJson,
                    cancel).ConfigureAwait(false);
            }

            foreach (var upload in await db.Uploads.AsNoTracking().Where(u => u.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false))
            {
                var entry = zip.CreateEntry($"uploads/{upload.Id:N}-{Path.GetFileName(OpenText(owner, "upload-name", upload.FileName, key))}");
                await using var stream = await entry.OpenAsync(cancel).ConfigureAwait(false);
                await stream.WriteAsync(Open(owner, "upload", upload.Content, key, compressed: true), cancel).ConfigureAwait(false);
            }

            foreach (var trial in await db.Trials.AsNoTracking().Where(t => t.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false))
            {
                var entry = zip.CreateEntry($"trials/{trial.Id:N}.json");
                await using var stream = await entry.OpenAsync(cancel).ConfigureAwait(false);
                await stream.WriteAsync(Open(owner, "trial", trial.Content, key, compressed: true), cancel).ConfigureAwait(false);
            }

            // What the person wrote in the community and their ratings, decrypted (the same as the pages show them).
            var community = new CommunityStore(db, protection);
            var posts = await community.PostsOfAsync(owner, cancel).ConfigureAwait(false);
            var ratings = await community.RatingsOfAsync(owner, cancel).ConfigureAwait(false);
            var shared = await community.SharedTrialsOfAsync(owner, cancel).ConfigureAwait(false);
            if (posts.Count + ratings.Count + shared.Count > 0)
            {
                await using var json = await zip.CreateEntry("community.json").OpenAsync(cancel).ConfigureAwait(false);
                await System.Text.Json.JsonSerializer.SerializeAsync(
                    json,
                    new ExportedCommunity(
                        [.. posts.Select(p => new ExportedPost(p.Row.Id, p.Row.Kind, p.Row.CompoundId, p.Row.ParentId, p.Row.State, p.Row.Created, p.Body.Text, p.Body.Report))],
                        [.. ratings.Select(r => new ExportedRating(r.CompoundId, r.Value, r.RatedAt, r.Excluded))],
                        [.. shared.Select(t => new ExportedSharedTrial(t.TrialId, t.CompoundId, t.Outcome, t.Instrument, t.Blinded, t.AnalysedDays, t.Effect, t.StandardError))]),
                    CommunityExportJson,
                    cancel).ConfigureAwait(false);
            }

            foreach (var report in await db.Reports.AsNoTracking().Where(r => r.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false))
            {
                var entry = zip.CreateEntry($"reports/{report.Created:yyyyMMddHHmmss}-{OpenText(owner, "report-compound", report.CompoundId, key)}.json");
                await using var stream = await entry.OpenAsync(cancel).ConfigureAwait(false);
                await stream.WriteAsync(Open(owner, "report", report.Content, key, compressed: true), cancel).ConfigureAwait(false);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Re-seals with <paramref name="key"/> whatever the owner has from before per-user keys (content under
    /// the server's Data Protection key, a profile, names and lab dates in clear). Changes are tracked,
    /// not saved: the caller saves them with the new key in one transaction.
    /// </summary>
    public async Task ResealLegacyAsync(string owner, byte[] key, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (await db.Profiles.SingleOrDefaultAsync(p => p.OwnerId == owner, cancel).ConfigureAwait(false) is { Sealed: null } profile)
        {
            SealProfile(owner, profile, OpenProfile(owner, profile, key), key);
        }

        foreach (var upload in await db.Uploads.Where(u => u.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false))
        {
            upload.Content = Seal(owner, "upload", Open(owner, "upload", upload.Content, key, compressed: true), key, compress: true);
            upload.FileName = SealText(owner, "upload-name", OpenText(owner, "upload-name", upload.FileName, key), key);
            upload.Summary = SealText(owner, "upload-summary", OpenText(owner, "upload-summary", upload.Summary, key), key);
        }

        foreach (var result in await db.LabResults.Where(r => r.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false))
        {
            result.Payload = Seal(owner, "lab", Open(owner, "lab", result.Payload, key, compressed: false), key, compress: false);
            result.Date = DateTimeOffset.UnixEpoch;
            result.MarkerId = null;
        }

        foreach (var report in await db.Reports.Where(r => r.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false))
        {
            report.Content = Seal(owner, "report", Open(owner, "report", report.Content, key, compressed: true), key, compress: true);
            report.CompoundId = SealText(owner, "report-compound", OpenText(owner, "report-compound", report.CompoundId, key), key);
            report.Verdict = SealText(owner, "report-verdict", OpenText(owner, "report-verdict", report.Verdict, key), key);
        }
    }

    /// <summary>The profile as the YAML <c>decodex report</c> reads (without file paths).</summary>
    public static string ProfileYaml(ProfileEntity profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        // Single-quoted YAML scalars: nothing is an escape in them except a doubled quote.
        static string List(string lines) => "[" + string.Join(", ", lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => "'" + l.Replace("'", "''", StringComparison.Ordinal) + "'")) + "]";
        var yaml = new System.Text.StringBuilder();
        if (profile.Sex is { } sex)
        {
            yaml.Append("sex: ").Append(sex).Append('\n');
        }

        if (profile.BirthDate is { } birth)
        {
            yaml.Append("birthDate: ").Append(birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        if (profile.Pregnant is "yes" or "no")
        {
            yaml.Append("pregnant: ").Append(profile.Pregnant).Append('\n');
        }

        if (profile.Breastfeeding is "yes" or "no")
        {
            yaml.Append("breastfeeding: ").Append(profile.Breastfeeding).Append('\n');
        }

        if (profile.Ancestry is { Length: > 0 } ancestry)
        {
            yaml.Append("ancestry: '").Append(ancestry.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
        }

        yaml.Append("conditions: ").Append(List(profile.Conditions)).Append('\n');
        yaml.Append("allergies: ").Append(List(profile.Allergies)).Append('\n');
        yaml.Append("medications: ").Append(List(profile.Medications)).Append('\n');
        yaml.Append("goals: ").Append(List(profile.Goals)).Append('\n');
        return yaml.ToString();
    }

    private byte[] Key(string owner) => keys.Get(owner) ?? throw new DataLockedException();

    private static byte[] Purpose(string owner, string column) => System.Text.Encoding.UTF8.GetBytes($"decodex/{column}/{owner}");

    private static byte[] Seal(string owner, string column, byte[] content, byte[] key, bool compress)
    {
        if (!compress)
        {
            return SealedBox.Seal(key, content, Purpose(owner, column));
        }

        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(content);
        }

        return SealedBox.Seal(key, buffer.ToArray(), Purpose(owner, column));
    }

    /// <summary>Opens a sealed value; a value from before per-user keys is read with the server's Data Protection key.</summary>
    private byte[] Open(string owner, string column, byte[] stored, byte[] key, bool compressed)
    {
        var plain = stored.Length > 0 && stored[0] == 1 ? SealedBox.Open(key, stored, Purpose(owner, column)) : LegacyUnprotect(stored);
        if (!compressed || (stored.Length > 0 && stored[0] != 1))
        {
            return plain;
        }

        using var input = new MemoryStream(plain);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        brotli.CopyTo(output);
        return output.ToArray();
    }

    private byte[] LegacyUnprotect(byte[] stored)
    {
        // Before per-user keys, content was Brotli-compressed, then protected with Data Protection.
        using var input = new MemoryStream(_legacy.Unprotect(stored));
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        brotli.CopyTo(output);
        return output.ToArray();
    }

    private static string SealText(string owner, string column, string text, byte[] key) =>
        SealedText + Convert.ToBase64String(SealedBox.Seal(key, System.Text.Encoding.UTF8.GetBytes(text), Purpose(owner, column)));

    /// <summary>A sealed text column's value; a value from before per-user keys is returned as stored.</summary>
    private static string OpenText(string owner, string column, string stored, byte[] key) =>
        stored.StartsWith(SealedText, StringComparison.Ordinal)
            ? System.Text.Encoding.UTF8.GetString(SealedBox.Open(key, Convert.FromBase64String(stored[SealedText.Length..]), Purpose(owner, column)))
            : stored;

    private static UploadEntity Named(string owner, UploadEntity upload, byte[] key) => new()
    {
        Id = upload.Id,
        OwnerId = upload.OwnerId,
        Kind = upload.Kind,
        FileName = OpenText(owner, "upload-name", upload.FileName, key),
        Size = upload.Size,
        Created = upload.Created,
        Summary = OpenText(owner, "upload-summary", upload.Summary, key),
        Content = Array.Empty<byte>(),
    };

    private static ReportEntity Opened(string owner, ReportEntity report, byte[] key) => new()
    {
        Id = report.Id,
        OwnerId = report.OwnerId,
        CompoundId = OpenText(owner, "report-compound", report.CompoundId, key),
        Verdict = OpenText(owner, "report-verdict", report.Verdict, key),
        Created = report.Created,
        Content = report.Content,
    };

    /// <summary>The profile a row holds: its sealed fields, or (from before per-user keys) its clear columns.</summary>
    private static ProfileEntity OpenProfile(string owner, ProfileEntity row, byte[] key)
    {
        if (row.Sealed is not { } sealedFields)
        {
            return new ProfileEntity { Id = row.Id, OwnerId = row.OwnerId, Sex = row.Sex, BirthDate = row.BirthDate, Pregnant = row.Pregnant, Breastfeeding = row.Breastfeeding, Conditions = row.Conditions, Allergies = row.Allergies, Medications = row.Medications, Goals = row.Goals, Updated = row.Updated };
        }

        var fields = System.Text.Json.JsonSerializer.Deserialize(SealedBox.Open(key, sealedFields, Purpose(owner, "profile")), StoredLabResultJson.Default.ProfileFields)!;
        return new ProfileEntity { Id = row.Id, OwnerId = row.OwnerId, Sex = fields.Sex, BirthDate = fields.BirthDate, Pregnant = fields.Pregnant, Breastfeeding = fields.Breastfeeding, Conditions = fields.Conditions, Allergies = fields.Allergies, Medications = fields.Medications, Goals = fields.Goals, Ancestry = fields.Ancestry, ActiveGenome = fields.ActiveGenome, ShowApoe = fields.ShowApoe, Following = fields.Following ?? string.Empty, RevealedHealthTopics = fields.RevealedHealthTopics ?? string.Empty, Updated = row.Updated };
    }

    /// <summary>Seals the profile's fields into the row and clears its clear columns.</summary>
    private static void SealProfile(string owner, ProfileEntity row, ProfileEntity profile, byte[] key)
    {
        var fields = new ProfileFields(profile.Sex, profile.BirthDate, profile.Pregnant, profile.Breastfeeding, profile.Conditions, profile.Allergies, profile.Medications, profile.Goals, profile.Ancestry, profile.ActiveGenome, profile.ShowApoe, profile.Following, profile.RevealedHealthTopics);
        row.Sealed = SealedBox.Seal(key, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(fields, StoredLabResultJson.Default.ProfileFields), Purpose(owner, "profile"));
        row.Sex = null;
        row.BirthDate = null;
        row.Pregnant = null;
        row.Breastfeeding = null;
        row.Conditions = string.Empty;
        row.Allergies = string.Empty;
        row.Medications = string.Empty;
        row.Goals = string.Empty;
        row.Updated = profile.Updated;
    }
}

/// <summary>The profile's fields as sealed in one value (values sealed before the optional fields existed read them as their defaults).</summary>
internal sealed record ProfileFields(string? Sex, DateOnly? BirthDate, string? Pregnant, string? Breastfeeding, string Conditions, string Allergies, string Medications, string Goals, string? Ancestry = null, Guid? ActiveGenome = null, bool ShowApoe = false, string? Following = null, string? RevealedHealthTopics = null);

/// <summary>
/// The export's <c>settings.json</c>: the compounds followed on the dashboard, whether the APOE result is
/// shown, and the DNA upload the reports read (null: the newest).
/// </summary>
internal sealed record ExportedSettings(IReadOnlyList<string> Following, bool ShowApoe, Guid? ActiveGenome);

/// <summary>The community part of a person's data export: their posts (decrypted), ratings and shared trial effects.</summary>
internal sealed record ExportedCommunity(IReadOnlyList<ExportedPost> Posts, IReadOnlyList<ExportedRating> Ratings, IReadOnlyList<ExportedSharedTrial> SharedTrials);

internal sealed record ExportedPost(Guid Id, string Kind, string Compound, Guid? Parent, string State, DateTimeOffset Created, string Text, Decodex.Core.Community.ExperienceReport? Report);

internal sealed record ExportedRating(string Compound, int Value, DateTimeOffset RatedAt, string? Excluded);

internal sealed record ExportedSharedTrial(Guid? Trial, string Compound, string Outcome, string Instrument, bool Blinded, int AnalysedDays, double Effect, double StandardError);
