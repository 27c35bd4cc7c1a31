namespace Decodex.Core.Genomics;

/// <summary>
/// Stable codes of genome-reading issues. Messages never contain genotypes, names or raw lines;
/// they give the line number and what was wrong.
/// </summary>
public static class GenomeIssueCodes
{
    /// <summary>The file is not a genotype file (image, PDF, lab CSV, binary…): refused as a whole.</summary>
    public const string NotAGenotypeFile = "GEN001";

    /// <summary>The file is empty: refused.</summary>
    public const string Empty = "GEN002";

    /// <summary>
    /// A zip or gzip container that cannot be opened: refused. Also, as a warning, an index beside a VCF
    /// that cannot be read or does not fit its file: it is not used and the whole file is read.
    /// </summary>
    public const string BadContainer = "GEN003";

    /// <summary>A data row with too few columns; the row is skipped.</summary>
    public const string MalformedRow = "GEN004";

    /// <summary>A position that is not a positive whole number; the row is skipped.</summary>
    public const string BadPosition = "GEN005";

    /// <summary>A chromosome Decodex does not place (unplaced contig, unknown name); the row is skipped.</summary>
    public const string UnknownChromosome = "GEN006";

    /// <summary>Genotype letters that are not A, C, G, T, D, I or a no-call; the row is kept as a no-call.</summary>
    public const string BadGenotype = "GEN007";

    /// <summary>A line longer than Decodex accepts; skipped without reading it into memory.</summary>
    public const string LineTooLong = "GEN008";

    /// <summary>Rows repeating an id already seen; the first is kept, the rest counted.</summary>
    public const string Duplicates = "GEN009";

    /// <summary>The build claimed by the header disagrees with the build the data shows, or the header names two builds.</summary>
    public const string BuildConflict = "GEN010";

    /// <summary>The build could not be told from the data; positions cannot be used.</summary>
    public const string BuildUndetermined = "GEN011";

    /// <summary>The build comes from the header only; no marker SNP in the data confirms it.</summary>
    public const string BuildFromHeaderOnly = "GEN012";

    /// <summary>Heterozygous calls on a male's X or Y outside the pseudo-autosomal regions: set to no-call.</summary>
    public const string HeterozygousHaploid = "GEN013";

    /// <summary>Heterozygous mitochondrial calls: set to no-call.</summary>
    public const string HeterozygousMitochondrial = "GEN014";

    /// <summary>A multi-sample VCF: only the first sample is read.</summary>
    public const string MultiSampleVcf = "GEN015";

    /// <summary>A zip holding several files: which one was read is in the result.</summary>
    public const string ZipMember = "GEN016";

    /// <summary>Bytes that are not ASCII in a data row; the row is skipped.</summary>
    public const string NonAscii = "GEN017";

    /// <summary>Sex could not be inferred, or X and Y disagree.</summary>
    public const string SexUndetermined = "GEN018";

    /// <summary>Alleles reported on a strand other than plus (Illumina Forward/Top) that cannot be oriented here.</summary>
    public const string StrandNotPlus = "GEN019";

    /// <summary>Rows on the minus strand (deCODEme) were complemented to the plus strand.</summary>
    public const string MinusStrandComplemented = "GEN020";

    /// <summary>Too many malformed rows for a genotype file: refused.</summary>
    public const string TooManyBadRows = "GEN021";

    /// <summary>
    /// VCF records skipped: not SNVs (indels, symbolic or multi-base alleles, whatever their call), calls
    /// of more than two alleles, or records without a GT field. Skipped positions count as unknown.
    /// </summary>
    public const string VcfRecordSkipped = "GEN022";

    /// <summary>An index beside the VCF was used: only the regions Decodex needs were read.</summary>
    public const string IndexedRead = "GEN023";

    /// <summary>A merge refused: the files come from different builds or different people.</summary>
    public const string MergeRefused = "GEN024";

    /// <summary>Calls that disagreed between merged files were set to no-call.</summary>
    public const string MergeDiscrepancies = "GEN025";

    /// <summary>Decompressing the file produced more bytes than the limit allows (a decompression bomb or an oversized file): refused.</summary>
    public const string ExpandedTooLarge = "GEN026";

    /// <summary>A container expands far more than genotype data can (a decompression bomb): refused.</summary>
    public const string CompressionRatioTooHigh = "GEN027";

    /// <summary>Containers nested deeper than the limit (a zip inside a zip inside a gzip…): refused.</summary>
    public const string NestedTooDeep = "GEN028";

    /// <summary>More genotype rows than the limit: refused.</summary>
    public const string TooManyRows = "GEN029";

    /// <summary>A BCF file (binary VCF), which Decodex does not read: refused with the bcftools command that converts it.</summary>
    public const string BcfNotSupported = "GEN030";
}
