namespace Decodex.Core.Genomics;

/// <summary>
/// The format a file was recognised as: the vendor, the rule that matched (see
/// <see cref="GenomeFormatRules"/>), and a version when the header gives one.
/// </summary>
public sealed record GenomeFormat(GenomeVendor Vendor, string Rule, string? Version)
{
    /// <summary>The stable name used in JSON: <c>23andme</c>, <c>ancestrydna</c>, <c>ftdna</c>…</summary>
    public string Name => Vendor switch
    {
        GenomeVendor.TwentyThreeAndMe => "23andme",
        GenomeVendor.AncestryDna => "ancestrydna",
        GenomeVendor.FamilyTreeDna => "ftdna",
        GenomeVendor.MyHeritage => "myheritage",
        GenomeVendor.LivingDna => "livingdna",
        GenomeVendor.DecodeMe => "decodeme",
        GenomeVendor.IlluminaFinalReport => "illumina-final-report",
        GenomeVendor.Vcf => "vcf",
        GenomeVendor.Generic => "generic",
        _ => "unknown",
    };

    /// <summary>The name a person knows the format by: <c>23andMe</c>, <c>AncestryDNA</c>, <c>VCF</c>…</summary>
    public string DisplayName => Vendor switch
    {
        GenomeVendor.TwentyThreeAndMe => "23andMe",
        GenomeVendor.AncestryDna => "AncestryDNA",
        GenomeVendor.FamilyTreeDna => "FamilyTreeDNA",
        GenomeVendor.MyHeritage => "MyHeritage",
        GenomeVendor.LivingDna => "LivingDNA",
        GenomeVendor.DecodeMe => "deCODEme",
        GenomeVendor.IlluminaFinalReport => "Illumina final report",
        GenomeVendor.Vcf => "VCF",
        GenomeVendor.Generic => "genotype table",
        _ => "unknown format",
    };
}
