using System.Text;
using Decodex.Core.Genomics;
using Decodex.Storage;

namespace Decodex.Web;

/// <summary>
/// Tells a DNA file from a lab file by its first bytes, so the person need not say which it is. The
/// genome rules are the reader's own (<see cref="GenomeFormatRules"/>); lab files are FHIR JSON or a
/// table whose header names a test and a value. Never throws; null when the bytes say neither.
/// </summary>
internal static class UploadKindDetector
{
    /// <summary>How much of the file is looked at: enough for any vendor's header comments.</summary>
    public const int SampleBytes = 16 * 1024;

    /// <summary>The coded message when the kind cannot be told from the file.</summary>
    public const string Undecided = "upload.kind-undecided: Decodex could not tell whether this is a DNA file or a lab results file. Choose the kind of file and upload it again.";

    /// <summary>The coded message for a file chosen as one kind whose content is plainly the other (<paramref name="detected"/>).</summary>
    public static string Mismatch(string detected) => detected == "labs"
        ? "upload.kind-mismatch: This file looks like lab results, not DNA raw data. Upload it as lab results, or leave the kind on \"Detect automatically\"."
        : "upload.kind-mismatch: This file looks like DNA raw data, not lab results. Upload it as a DNA file, or leave the kind on \"Detect automatically\".";

    /// <summary>False for a gzip or zip container, whose first bytes do not show what it holds.</summary>
    public static bool IsPlainText(ReadOnlySpan<byte> head) =>
        !(head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b) && !(head.Length >= 4 && head[0] == 0x50 && head[1] == 0x4b && head[2] == 0x03 && head[3] == 0x04);

    /// <summary>The kind the <paramref name="head"/> of a file points to, or null when it is not clear.</summary>
    public static UploadKind? Detect(ReadOnlySpan<byte> head)
    {
        // gzip (a compressed VCF or raw data file): lab files are never compressed.
        if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return UploadKind.Genome;
        }

        // Zip archives (a vendor download left zipped) are read by the genome reader too.
        if (head.Length >= 4 && head[0] == 0x50 && head[1] == 0x4b && head[2] == 0x03 && head[3] == 0x04)
        {
            return UploadKind.Genome;
        }

        var sample = head[..Math.Min(head.Length, SampleBytes)];
        if (sample.StartsWith("\uFEFF"u8))
        {
            sample = sample[3..];
        }

        var text = Encoding.UTF8.GetString(sample);
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return text.Contains("\"resourceType\"", StringComparison.Ordinal) ? UploadKind.Labs : null;
        }

        // The last line may be cut off by the sample: it is left out.
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var whole = lines.Length > 1 ? lines[..^1] : lines;
        if (GenomeFormatRules.IsGenomeText(whole))
        {
            return UploadKind.Genome;
        }

        var header = whole.FirstOrDefault(l => l.Trim().Length > 0 && !l.StartsWith('#'));
        if (header is null)
        {
            return null;
        }

        var names = header.ToUpperInvariant().Split([',', ';', '\t'], StringSplitOptions.TrimEntries);
        // "test", "test_name", "Test name", "analyte", "LOINC"; "value", "result", "result_value".
        var hasTest = names.Any(n => n is "NAME" or "CODE" or "DESCRIPTION" || n.Contains("TEST", StringComparison.Ordinal) || n.Contains("ANALYTE", StringComparison.Ordinal) || n.Contains("LOINC", StringComparison.Ordinal) || n.Contains("MARKER", StringComparison.Ordinal));
        var hasValue = names.Any(n => n is "RESULT" || n.Contains("VALUE", StringComparison.Ordinal));
        return hasTest && hasValue ? UploadKind.Labs : null;
    }
}
