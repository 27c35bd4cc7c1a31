using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Decodex.Core.Trials;

namespace Decodex.Core.Community;

/// <summary>An experience report as shared: under a pseudonym, with no account, profile, DNA or lab data.</summary>
public sealed record SharedReport(string Pseudonym, ExperienceReport Report, DateTimeOffset WrittenAt);

/// <summary>
/// One outcome of a person's completed, registered self-experiment, as shared for pooling: the effect in
/// the person's day-to-day SDs (positive is better), its standard error, and what the pooling must
/// stratify by (compound, outcome, instrument, design).
/// </summary>
public sealed record SharedTrialSummary(string CompoundId, string Outcome, OutcomeKind Instrument, bool Blinded, int AnalysedDays, double Effect, double StandardError, string PlanSha256)
{
    /// <summary>
    /// The summary of <paramref name="outcome"/> in an unblinded trial of a knowledge-base compound; null
    /// when the trial has no such outcome, no compound or no posterior. The standard error is the 95 %
    /// interval's width over 2 × 1.96 (the posterior is a t mixture, near normal with these sizes).
    /// </summary>
    public static SharedTrialSummary? From(SelfExperiment record, string outcome)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Plan.Intervention.CompoundId is not { } compound || record.Plan.Outcomes.FirstOrDefault(o => o.Name == outcome) is not { } planned
            || record.Analyze()?.Outcomes.FirstOrDefault(a => a.Outcome == outcome) is not { Posterior: { Sigma: > 0 } posterior } analysis)
        {
            return null;
        }

        var sign = planned.LowerIsBetter ? -1 : 1;
        return new SharedTrialSummary(compound, outcome, planned.Kind, record.Plan.Blinded, analysis.N,
            sign * posterior.Effect.Estimate / posterior.Sigma, (posterior.Effect.Upper - posterior.Effect.Lower) / (2 * 1.959964) / posterior.Sigma, record.PlanSha256);
    }
}

/// <summary>What a community bundle carries.</summary>
public sealed record CommunityBundleContent(string Format, DateTimeOffset Created, IReadOnlyList<SharedReport> Reports, IReadOnlyList<SharedTrialSummary> Trials);

/// <summary>A verified bundle: its content and the fingerprint of the key that signed it.</summary>
public sealed record VerifiedBundle(CommunityBundleContent Content, string KeyFingerprint);

/// <summary>
/// A person's reports and shared trial summaries as one signed file that another Decodex instance can
/// import without an account there. The file is JSON: the format, the signer's public key (ECDSA P-256,
/// SubjectPublicKeyInfo), the content as base64 of its UTF-8 JSON, and the signature over exactly those
/// bytes (SHA-256, IEEE P1363). An importer checks the signature before reading the content, reads it
/// within fixed limits, and refuses items it already holds by their content id.
/// </summary>
public static class CommunityBundle
{
    /// <summary>The format name in every bundle.</summary>
    public const string Format = "decodex-community/1";

    /// <summary>The largest bundle read.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>Most items (reports plus trials) in a bundle.</summary>
    public const int MaxItems = 5_000;

    /// <summary>Signs <paramref name="content"/> with <paramref name="key"/> (a P-256 key kept by the instance).</summary>
    public static byte[] Sign(CommunityBundleContent content, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(key);
        var payload = JsonSerializer.SerializeToUtf8Bytes(content with { Format = Format }, CommunityJsonContext.Default.CommunityBundleContent);
        var file = new BundleFile(Format, Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(payload), Convert.ToBase64String(key.SignData(payload, HashAlgorithmName.SHA256)));
        return JsonSerializer.SerializeToUtf8Bytes(file, CommunityJsonContext.Default.BundleFile);
    }

    /// <summary>Checks and reads a bundle; null with the reason (never a value from the file) when it cannot be trusted.</summary>
    public static (VerifiedBundle? Bundle, string? Problem) Verify(ReadOnlySpan<byte> file)
    {
        if (file.Length > MaxBytes)
        {
            return (null, $"A bundle has at most {MaxBytes / (1024 * 1024)} MB.");
        }

        try
        {
            var outer = JsonSerializer.Deserialize(file, CommunityJsonContext.Default.BundleFile);
            if (outer is not { Format: Format, PublicKey: not null, Payload: not null, Signature: not null })
            {
                return (null, "Not a Decodex community bundle.");
            }

            var payload = Convert.FromBase64String(outer.Payload);
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(outer.PublicKey), out _);
            if (key.KeySize != 256 || !key.VerifyData(payload, Convert.FromBase64String(outer.Signature), HashAlgorithmName.SHA256))
            {
                return (null, "The bundle's signature does not match its content: it was changed after signing, or signed by another key.");
            }

            var content = JsonSerializer.Deserialize(payload, CommunityJsonContext.Default.CommunityBundleContent);
            if (content is not { Format: Format, Reports: not null, Trials: not null } || content.Reports.Count + content.Trials.Count > MaxItems
                || content.Reports.Any(r => r?.Report is null || string.IsNullOrWhiteSpace(r.Pseudonym) || r.Pseudonym.Length > 40) || content.Trials.Any(t => t is null))
            {
                return (null, $"The bundle's content is incomplete or holds more than {MaxItems:N0} items.");
            }

            return (new VerifiedBundle(content, Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(outer.PublicKey)))[..16]), null);
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException)
        {
            return (null, "The bundle cannot be read: it is damaged or not a Decodex community bundle.");
        }
    }

    /// <summary>An item's content id: SHA-256 (hex) of its JSON. The same report or trial imported twice has the same id.</summary>
    public static string ItemId(SharedReport report) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(report, CommunityJsonContext.Default.SharedReport)));

    /// <inheritdoc cref="ItemId(SharedReport)"/>
    public static string ItemId(SharedTrialSummary trial) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(trial, CommunityJsonContext.Default.SharedTrialSummary)));

    /// <summary>The items of <paramref name="bundle"/> not yet in <paramref name="held"/> (content ids), and how many were duplicates.</summary>
    public static (IReadOnlyList<SharedReport> Reports, IReadOnlyList<SharedTrialSummary> Trials, int Duplicates) NewItems(VerifiedBundle bundle, IReadOnlySet<string> held)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(held);
        var seen = new HashSet<string>(held, StringComparer.Ordinal);
        var reports = bundle.Content.Reports.Where(r => seen.Add(ItemId(r))).ToList();
        var trials = bundle.Content.Trials.Where(t => seen.Add(ItemId(t))).ToList();
        return (reports, trials, bundle.Content.Reports.Count + bundle.Content.Trials.Count - reports.Count - trials.Count);
    }

    /// <summary>The file around the signed content.</summary>
    internal sealed record BundleFile(string? Format, string? PublicKey, string? Payload, string? Signature);
}

// A missing or null value where the types say there is one is a JSON error (the bundle is refused), never a null that a check would trip over.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, MaxDepth = 16, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(CommunityBundleContent))]
[JsonSerializable(typeof(CommunityBundle.BundleFile))]
[JsonSerializable(typeof(SharedReport))]
[JsonSerializable(typeof(SharedTrialSummary))]
[JsonSerializable(typeof(CommunityPostBody))]
internal sealed partial class CommunityJsonContext : JsonSerializerContext;
