using System.Text.Json.Serialization;

namespace Decodex.Storage;

/// <summary>A lab result as stored (inside the encrypted payload): what the file said, verbatim.</summary>
public sealed record StoredLabResult(
    DateTimeOffset Date,
    bool DateOnly,
    string? TestName,
    string? Loinc,
    decimal Value,
    string Comparator,
    string? Unit,
    decimal? RangeLow,
    decimal? RangeHigh,
    string? Flag,
    string? MarkerId,
    string Source);

[JsonSerializable(typeof(StoredLabResult))]
[JsonSerializable(typeof(ProfileFields))]
internal sealed partial class StoredLabResultJson : JsonSerializerContext;
