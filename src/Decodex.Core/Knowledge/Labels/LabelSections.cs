namespace Decodex.Core.Knowledge.Labels;

/// <summary>The openFDA label fields the importer reads, with the words a page shows for each.</summary>
public static class LabelSections
{
    /// <summary>Every field read, in the order the importer reads them.</summary>
    public static readonly string[] Read =
    [
        "boxed_warning", "contraindications", "warnings_and_cautions", "warnings", "precautions", "general_precautions",
        "drug_interactions", "use_in_specific_populations", "pregnancy", "nursing_mothers", "pediatric_use", "geriatric_use",
    ];

    /// <summary>The section in words ("Boxed warning").</summary>
    public static string Title(string field) => field switch
    {
        "boxed_warning" => "Boxed warning",
        "contraindications" => "Contraindications",
        "warnings_and_cautions" => "Warnings and precautions",
        "warnings" => "Warnings",
        "precautions" => "Precautions",
        "general_precautions" => "General precautions",
        "drug_interactions" => "Drug interactions",
        "use_in_specific_populations" => "Use in specific populations",
        "pregnancy" => "Pregnancy",
        "nursing_mothers" => "Nursing mothers",
        "pediatric_use" => "Pediatric use",
        "geriatric_use" => "Geriatric use",
        _ => field,
    };
}
