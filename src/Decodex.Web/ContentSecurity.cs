namespace Decodex.Web;

/// <summary>
/// The Content-Security-Policy of every response: everything from this server only (scripts, styles,
/// fonts, images, requests), nothing framed. No inline script is allowed, except one that carries the
/// response's nonce (the start of the API reference at /api/reference).
/// </summary>
internal static class ContentSecurity
{
    /// <summary>The policy, naming the nonce of an inline script when there is one.</summary>
    public static string Policy(string? nonce) =>
        $"default-src 'self'; script-src 'self'{(nonce is null ? string.Empty : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
}
