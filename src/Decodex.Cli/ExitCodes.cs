namespace Decodex.Cli;

/// <summary>The documented exit codes of every <c>decodex</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The job ran and found nothing the user must see.</summary>
    public const int Success = 0;

    /// <summary>The job ran and found problems the user must see (e.g. an invalid knowledge base).</summary>
    public const int Problems = 1;

    /// <summary>The input could not be used: bad arguments, unknown id, unreadable file.</summary>
    public const int UnusableInput = 2;
}
