namespace Decodex.Core.Knowledge;

/// <summary>Design of the study behind an evidence item. The first group is human; Animal and InVitro are preclinical.</summary>
public enum StudyDesign
{
    /// <summary>A meta-analysis.</summary>
    MetaAnalysis,
    /// <summary>A systematic review.</summary>
    SystematicReview,
    /// <summary>A double-blind randomised controlled trial.</summary>
    DoubleBlindRct,
    /// <summary>A randomised controlled trial whose blinding was not stated.</summary>
    Rct,
    /// <summary>An open (unblinded) randomised trial.</summary>
    OpenRct,
    /// <summary>A controlled study without randomisation.</summary>
    NonRandomisedControlled,
    /// <summary>A cohort study.</summary>
    Cohort,
    /// <summary>A case-control study.</summary>
    CaseControl,
    /// <summary>A human pharmacokinetic study.</summary>
    Pharmacokinetic,
    /// <summary>An uncontrolled series of patients.</summary>
    CaseSeries,
    /// <summary>A single case.</summary>
    CaseReport,
    /// <summary>A congress abstract with too little detail to judge the design.</summary>
    CongressAbstract,
    /// <summary>A non-systematic review.</summary>
    NarrativeReview,
    /// <summary>A clinical practice guideline.</summary>
    Guideline,
    /// <summary>Product labelling.</summary>
    Label,
    /// <summary>Expert opinion.</summary>
    ExpertOpinion,
    /// <summary>An animal study.</summary>
    Animal,
    /// <summary>A cell or tissue study.</summary>
    InVitro,
}
