namespace Decodex.Core.Knowledge;

/// <summary>
/// Stable codes of knowledge-base diagnostics. A code never changes meaning; new problems get new
/// codes. The README lists them with examples.
/// </summary>
public static class KnowledgeIssueCodes
{
    /// <summary>The file is not valid YAML.</summary>
    public const string UnparseableYaml = "KB001";

    /// <summary>A required key is missing, or a value has the wrong shape (mapping, list, number…).</summary>
    public const string Structure = "KB002";

    /// <summary>A key the format does not know; usually a typo that would silently drop data.</summary>
    public const string UnknownKey = "KB003";

    /// <summary>Two entities of one kind share an id.</summary>
    public const string DuplicateId = "KB004";

    /// <summary>A reference to a compound, condition, outcome, class, marker, claim or citation that does not exist.</summary>
    public const string DanglingReference = "KB005";

    /// <summary>A value outside a closed vocabulary (design, status, route, direction…).</summary>
    public const string UnknownTerm = "KB006";

    /// <summary>A claim, interaction or modifier without any evidence item.</summary>
    public const string NoEvidence = "KB007";

    /// <summary>A citation without any identifier or address, although its status says it was seen.</summary>
    public const string CitationWithoutIdentifier = "KB008";

    /// <summary>A citation without a verification status.</summary>
    public const string CitationWithoutVerification = "KB009";

    /// <summary>A PMID that is not 1–9 digits.</summary>
    public const string MalformedPmid = "KB010";

    /// <summary>A DOI that does not have the form <c>10.NNNN/suffix</c>.</summary>
    public const string MalformedDoi = "KB011";

    /// <summary>Animal or in-vitro evidence placed on a human claim.</summary>
    public const string PreclinicalOnHumanScale = "KB012";

    /// <summary>Human evidence placed on an animal or in-vitro claim.</summary>
    public const string HumanOnPreclinicalScale = "KB013";

    /// <summary>An id that is not lowercase kebab-case.</summary>
    public const string MalformedId = "KB014";

    /// <summary>Modifier evidence that does not say how carriers responded.</summary>
    public const string MissingCarrierResponse = "KB015";

    /// <summary>A PMCID or trial-registry id of the wrong form.</summary>
    public const string MalformedIdentifier = "KB016";

    /// <summary>A parent chain of conditions or classes that loops.</summary>
    public const string ParentCycle = "KB017";

    /// <summary>An interaction severity without its basis (warning).</summary>
    public const string SeverityWithoutBasis = "KB018";

    /// <summary>A compound file whose name does not match the id inside it (warning).</summary>
    public const string FileNameMismatch = "KB019";

    /// <summary>A drug-class monograph without <c>represents</c>, or <c>represents</c> on another kind.</summary>
    public const string ClassMonograph = "KB020";

    /// <summary>A contraindication that names no condition.</summary>
    public const string ContraindicationWithoutCondition = "KB021";

    /// <summary>The knowledge-base folder is missing or holds no compound.</summary>
    public const string NoKnowledgeBase = "KB022";
    public const string UnreadableUnit = "KB023";

    /// <summary>A boxed warning without its level, or a level that departs from its type without a basis.</summary>
    public const string SafetyLevel = "KB024";

    /// <summary>A safety item population with impossible or missing ages.</summary>
    public const string SafetyPopulation = "KB025";

    /// <summary>
    /// A written <c>sponsorLinked</c> that contradicts the citation's recorded maker links, or a citation
    /// whose authors include someone the knowledge base records as the maker's staff but that records no maker link.
    /// </summary>
    public const string SponsorContradiction = "KB026";

    /// <summary>
    /// A meta-analysis or systematic review that does not record what it pooled, <c>pooled</c> on another
    /// design, or a review of pharmacokinetic studies not marked indirect for a clinical outcome.
    /// </summary>
    public const string PooledDesigns = "KB027";

    /// <summary>A recorded trial at or above the large-trial size that a claim on its outcome neither attaches nor excludes with a reason.</summary>
    public const string LargeTrialMissing = "KB028";

    /// <summary>A claim of no harm that leaves out harm evidence the same compound's page carries, or a review's risk of bias or heterogeneity recorded on one use and not carried to another.</summary>
    public const string HarmsNotCarried = "KB029";

    /// <summary>A guideline item with a strength on a non-guideline design.</summary>
    public const string GuidelineStrength = "KB030";

    /// <summary>An imported label file that cannot be read, or whose item names an unknown condition, class or compound, or has a malformed passage.</summary>
    public const string ImportedLabel = "KB031";
}
