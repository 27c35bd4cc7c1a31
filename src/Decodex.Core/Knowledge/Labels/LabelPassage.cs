namespace Decodex.Core.Knowledge.Labels;

/// <summary>
/// Where exactly an imported item was read: the label section (openFDA field name), the index of the
/// string in that field, the character range in it, and the SHA-256 (lower-case hex) of the passage's
/// UTF-8 bytes, so anyone can find the words in the label and check they have not changed.
/// </summary>
public sealed record LabelPassage(string Section, int Index, int Start, int Length, string Sha256)
{
    /// <summary>The label section in words ("Contraindications").</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string SectionTitle => LabelSections.Title(Section);
}

/// <summary>A curator's reading of one imported item against the label: who, when, and what they noted.</summary>
public sealed record LabelReview(string Reviewer, string Date, string? Note);
