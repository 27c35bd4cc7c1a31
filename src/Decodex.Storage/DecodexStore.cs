using System.IO.Compression;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Decodex.Storage;

/// <summary>
/// Every data access of the app, scoped to one owner: a row of another user is never returned,
/// changed or deleted, whatever id is asked for. Uploaded and report content is compressed, then
/// encrypted with ASP.NET Data Protection; it is decoded only on demand.
/// </summary>
public sealed class DecodexStore(DecodexDbContext db, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Decodex.Storage.Content.v1");

    public Task<ProfileEntity?> GetProfileAsync(string owner, CancellationToken cancel = default) =>
        db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.OwnerId == owner, cancel);

    public async Task<ProfileEntity> SaveProfileAsync(string owner, Action<ProfileEntity> update, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.OwnerId == owner, cancel).ConfigureAwait(false);
        if (profile is null)
        {
            profile = new ProfileEntity { OwnerId = owner };
            db.Profiles.Add(profile);
        }

        update(profile);
        profile.Updated = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        return profile;
    }

    public async Task<IReadOnlyList<UploadEntity>> ListUploadsAsync(string owner, CancellationToken cancel = default) =>
        // Ordered in memory: SQLite cannot order by DateTimeOffset, and a user's uploads are few.
        [.. (await db.Uploads.AsNoTracking().Where(u => u.OwnerId == owner)
            .Select(u => new UploadEntity { Id = u.Id, OwnerId = u.OwnerId, Kind = u.Kind, FileName = u.FileName, Size = u.Size, Created = u.Created, Summary = u.Summary, Content = Array.Empty<byte>() })
            .ToListAsync(cancel).ConfigureAwait(false)).OrderByDescending(u => u.Created)];

    /// <summary>The upload with its decoded content; null when it does not exist or belongs to someone else.</summary>
    public async Task<(UploadEntity Upload, byte[] Content)?> ReadUploadAsync(string owner, Guid id, CancellationToken cancel = default)
    {
        var upload = await db.Uploads.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.OwnerId == owner, cancel).ConfigureAwait(false);
        return upload is null ? null : (upload, Unprotect(upload.Content));
    }

    /// <summary>
    /// Stores an upload that was already read successfully, with its lab results when it is a lab file:
    /// one SaveChanges (one transaction), so a failure or a killed process leaves nothing.
    /// </summary>
    public async Task<UploadEntity> AddUploadAsync(string owner, UploadKind kind, string fileName, byte[] content, string summary, IEnumerable<StoredLabResult>? results = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var upload = new UploadEntity { OwnerId = owner, Kind = kind, FileName = Path.GetFileName(fileName), Size = content.LongLength, Summary = summary, Content = Protect(content) };
        db.Uploads.Add(upload);
        foreach (var result in results ?? [])
        {
            db.LabResults.Add(new LabResultEntity
            {
                OwnerId = owner,
                UploadId = upload.Id,
                Date = result.Date,
                MarkerId = result.MarkerId,
                Payload = Protect(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result, StoredLabResultJson.Default.StoredLabResult)),
            });
        }

        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        return upload;
    }

    /// <summary>The owner's stored lab results, decrypted, oldest first; optionally one marker only.</summary>
    public async Task<IReadOnlyList<StoredLabResult>> LabResultsAsync(string owner, string? markerId = null, CancellationToken cancel = default)
    {
        var rows = await db.LabResults.AsNoTracking().Where(r => r.OwnerId == owner && (markerId == null || r.MarkerId == markerId)).ToListAsync(cancel).ConfigureAwait(false);
        return [.. rows.Select(r => System.Text.Json.JsonSerializer.Deserialize(Unprotect(r.Payload), StoredLabResultJson.Default.StoredLabResult)!).OrderBy(r => r.Date)];
    }

    public async Task<bool> DeleteUploadAsync(string owner, Guid id, CancellationToken cancel = default)
    {
        // Bulk deletes skip EF's cascade: the results go first, then the upload.
        await db.LabResults.Where(r => r.UploadId == id && r.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        return await db.Uploads.Where(u => u.Id == id && u.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false) > 0;
    }

    public async Task<ReportEntity> AddReportAsync(string owner, string compoundId, string verdict, byte[] json, CancellationToken cancel = default)
    {
        var report = new ReportEntity { OwnerId = owner, CompoundId = compoundId, Verdict = verdict, Content = Protect(json) };
        db.Reports.Add(report);
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
        return report;
    }

    public async Task<IReadOnlyList<ReportEntity>> ListReportsAsync(string owner, CancellationToken cancel = default) =>
        [.. (await db.Reports.AsNoTracking().Where(r => r.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false)).OrderByDescending(r => r.Created)];

    /// <summary>Deletes the user's profile, uploads and reports (the account stays).</summary>
    public async Task DeleteAllDataAsync(string owner, CancellationToken cancel = default)
    {
        await db.LabResults.Where(r => r.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        await db.Uploads.Where(u => u.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        await db.Reports.Where(r => r.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
        await db.Profiles.Where(p => p.OwnerId == owner).ExecuteDeleteAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Everything of the user as a zip: the profile, each upload as uploaded, each report's JSON.</summary>
    public async Task<byte[]> ExportAsync(string owner, CancellationToken cancel = default)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (await GetProfileAsync(owner, cancel).ConfigureAwait(false) is { } p)
            {
                var entry = zip.CreateEntry("profile.yaml");
                await using var writer = new StreamWriter(await entry.OpenAsync(cancel).ConfigureAwait(false));
                await writer.WriteAsync(ProfileYaml(p)).ConfigureAwait(false);
            }

            foreach (var upload in await db.Uploads.AsNoTracking().Where(u => u.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false))
            {
                var entry = zip.CreateEntry($"uploads/{upload.Id:N}-{upload.FileName}");
                await using var stream = await entry.OpenAsync(cancel).ConfigureAwait(false);
                await stream.WriteAsync(Unprotect(upload.Content), cancel).ConfigureAwait(false);
            }

            foreach (var report in await db.Reports.AsNoTracking().Where(r => r.OwnerId == owner).ToListAsync(cancel).ConfigureAwait(false))
            {
                var entry = zip.CreateEntry($"reports/{report.Created:yyyyMMddHHmmss}-{report.CompoundId}.json");
                await using var stream = await entry.OpenAsync(cancel).ConfigureAwait(false);
                await stream.WriteAsync(Unprotect(report.Content), cancel).ConfigureAwait(false);
            }
        }

        return buffer.ToArray();
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

        yaml.Append("conditions: ").Append(List(profile.Conditions)).Append('\n');
        yaml.Append("allergies: ").Append(List(profile.Allergies)).Append('\n');
        yaml.Append("medications: ").Append(List(profile.Medications)).Append('\n');
        yaml.Append("goals: ").Append(List(profile.Goals)).Append('\n');
        return yaml.ToString();
    }

    private byte[] Protect(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(content);
        }

        return _protector.Protect(buffer.ToArray());
    }

    private byte[] Unprotect(byte[] stored)
    {
        using var input = new MemoryStream(_protector.Unprotect(stored));
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
