namespace Decodex.Core;

/// <summary>
/// A problem found in input, reported as data rather than thrown. Every reader in Decodex returns its
/// values together with a list of these.
/// </summary>
/// <param name="Code">A stable code such as <c>KB004</c>; codes never change meaning.</param>
/// <param name="Severity">Whether the input is unusable or only worth a look.</param>
/// <param name="Message">
/// Plain-language description. It never contains personal data (no genotype, lab value or name),
/// so it is safe to log.
/// </param>
/// <param name="File">The file the problem is in, when there is one.</param>
/// <param name="Line">1-based line number, when known.</param>
public sealed record Issue(string Code, IssueSeverity Severity, string Message, string? File = null, int? Line = null)
{
    /// <summary>Formats as <c>file:line: severity CODE: message</c>, the form compilers use.</summary>
    public override string ToString()
    {
        var where = File is null ? string.Empty : Line is { } line ? $"{File}:{line}: " : $"{File}: ";
        var severity = Severity switch
        {
            IssueSeverity.Error => "error",
            IssueSeverity.Warning => "warning",
            _ => "info",
        };
        return $"{where}{severity} {Code}: {Message}";
    }
}
