using System.Text.Json;
using System.Text.RegularExpressions;

namespace Decodex.Core.Community;

/// <summary>
/// What a community post holds, as stored (encrypted) and shown: an experience report's fields for a
/// report, and the Markdown text of any post. <see cref="Pseudonym"/> is set only for an imported report,
/// whose author has no account here.
/// </summary>
public sealed record CommunityPostBody(string Text, ExperienceReport? Report = null, string? Pseudonym = null)
{
    /// <summary>The body as UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, CommunityJsonContext.Default.CommunityPostBody);

    /// <summary>A stored body read back; it was written by <see cref="ToJson"/>, so a failure is a damaged database.</summary>
    public static CommunityPostBody FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, CommunityJsonContext.Default.CommunityPostBody) ?? throw new JsonException("An empty community post.");
}

/// <summary>The rules for a public name in the community.</summary>
public static partial class Pseudonyms
{
    /// <summary>What a deleted account's kept posts are shown under.</summary>
    public const string Former = "a former member";

    /// <summary>The longest comment, question or answer.</summary>
    public const int MaxPostLength = 10_000;

    private static readonly string[] Reserved = ["system", "admin", "administrator", "moderator", "owner", "decodex", "clinician", "former member", "anonymous"];

    /// <summary>Why <paramref name="name"/> cannot be a pseudonym (never echoing it); null when it can.</summary>
    public static string? Problem(string? name)
    {
        var n = name?.Trim() ?? string.Empty;
        if (!Allowed().IsMatch(n))
        {
            return "A public name has 3 to 30 letters, digits, spaces, dots, hyphens or underscores, and starts with a letter or digit.";
        }

        if (Reserved.Contains(n.ToLowerInvariant()) || n.Contains('@', StringComparison.Ordinal))
        {
            return "That public name is reserved: choose another.";
        }

        return null;
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd} ._-]{2,29}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Allowed();
}
