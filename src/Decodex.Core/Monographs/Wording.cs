using System.Globalization;
using System.Text;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Monographs;

/// <summary>Plain-language words for knowledge-model values, shared by every renderer.</summary>
public static class Wording
{
    public static string Verification(VerificationStatus status) => status switch
    {
        VerificationStatus.VerifiedFullText => "Verified (full text)",
        VerificationStatus.VerifiedAbstract => "Verified (abstract or record)",
        VerificationStatus.IdentifiersOnly => "Identifiers only",
        VerificationStatus.Secondary => "Secondary source only",
        VerificationStatus.Unverified => "Unverified",
        VerificationStatus.NotFound => "Study not found",
        VerificationStatus.ImportedLabel => "Imported from the label by machine; not yet read by a curator",
        _ => "Contradicted",
    };

    public static string Assertion(AssertionStatus status) => status switch
    {
        AssertionStatus.Supported => "supported by the study found",
        AssertionStatus.PartlySupported => "a study was found, but it differs from the claim",
        AssertionStatus.NotSupported => "not supported by the evidence",
        _ => "the study behind it was not found",
    };

    public static string Direction(EffectDirection direction) => direction switch
    {
        EffectDirection.Benefit => "benefit",
        EffectDirection.Harm => "harm",
        EffectDirection.NoEffect => "no difference",
        _ => "mixed",
    };

    public static string Consistency(ModifierConsistency consistency) => consistency switch
    {
        ModifierConsistency.Consistent => "Consistent",
        ModifierConsistency.Conflicting => "Conflicting evidence",
        ModifierConsistency.SingleStudy => "Single study",
        _ => "No verifiable study",
    };

    public static string Scope(EvidenceScope scope) => scope switch
    {
        EvidenceScope.Human => "human",
        EvidenceScope.Animal => "animal",
        EvidenceScope.InVitro => "in vitro",
        EvidenceScope.Mechanism => "mechanism",
        _ => "label",
    };

    public static string SafetyType(SafetyType type) => type switch
    {
        Knowledge.SafetyType.Contraindication => "Contraindication",
        Knowledge.SafetyType.Precaution => "Precaution",
        Knowledge.SafetyType.AdverseEffect => "Adverse effect",
        Knowledge.SafetyType.BoxedWarning => "Boxed warning",
        _ => "Warning",
    };

    public static string Term(Enum value) => TermText.Of(value).Replace('-', ' ');

    /// <summary>Participants as "n = 109" or "n = 158 randomised, 120 analysed"; empty when not reported.</summary>
    public static string Size(EvidenceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (item.NRandomised, item.NAnalysed) switch
        {
            ({ } r, { } a) when r != a => string.Create(CultureInfo.InvariantCulture, $"{r} randomised, {a} analysed"),
            ({ } r, _) => r.ToString(CultureInfo.InvariantCulture),
            (null, { } a) => a.ToString(CultureInfo.InvariantCulture),
            _ => "not reported",
        };
    }

    /// <summary>A citation as one line: authors, title, journal year;volume:pages, identifiers.</summary>
    public static string CitationLine(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var text = new StringBuilder();
        if (citation.Authors.Count > 0)
        {
            text.Append(string.Join(", ", citation.Authors.Take(6)));
            text.Append(citation.Authors.Count > 6 ? " et al. " : ". ");
        }

        text.Append(citation.Title.TrimEnd('.')).Append('.');
        var published = text.Length;
        if (citation.Journal is not null)
        {
            text.Append(' ').Append(citation.Journal);
        }

        if (citation.Year is { } year)
        {
            text.Append(' ').Append(year.ToString(CultureInfo.InvariantCulture));
        }

        if (citation.Volume is not null)
        {
            text.Append(';').Append(citation.Volume);
        }

        if (citation.Pages is not null)
        {
            text.Append(':').Append(citation.Pages);
        }

        // The title's full stop ends it when no journal, year, volume or pages follow.
        if (text.Length > published)
        {
            text.Append('.');
        }

        if (citation.Pmid is not null)
        {
            text.Append(" PMID ").Append(citation.Pmid).Append('.');
        }

        if (citation.Doi is not null)
        {
            text.Append(" doi:").Append(citation.Doi).Append('.');
        }

        if (citation.Pmcid is not null)
        {
            text.Append(' ').Append(citation.Pmcid).Append('.');
        }

        if (citation.Registry is not null)
        {
            text.Append(' ').Append(citation.Registry).Append('.');
        }

        return text.ToString();
    }

    /// <summary>
    /// The reviewers' own certainty beside a computed grade, when it differs (" (review authors: very low)"),
    /// or an empty string.
    /// </summary>
    public static string ReportedCertainty(EvidenceGrade grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return grade.Scale == GradeScale.Human && grade.ReportedCertainty is { } reported && reported != grade.Level
            ? " (review authors' own rating: " + (reported switch
            {
                GradeLevel.High => "high",
                GradeLevel.Moderate => "moderate",
                GradeLevel.Low => "low",
                _ => "very low",
            }) + ")"
            : string.Empty;
    }

    /// <summary>Whom a safety item is about: its condition's name, else its ages ("people aged 11 or under"), else everyone.</summary>
    public static string Population(SafetyItem item, Func<string, string> name)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(name);
        return item switch
        {
            { ConditionId: { } id } => name(id),
            { MinAge: { } min, MaxAge: { } max } => $"people aged {min} to {max}",
            { MinAge: { } min } => $"people aged {min} or over",
            { MaxAge: { } max } => $"people aged {max} or under",
            _ => "everyone who takes it",
        };
    }
}
