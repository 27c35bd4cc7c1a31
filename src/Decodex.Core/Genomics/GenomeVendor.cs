namespace Decodex.Core.Genomics;

/// <summary>Who produced a genotype file, as recognised from its content.</summary>
public enum GenomeVendor
{
    Unknown,
    TwentyThreeAndMe,
    AncestryDna,
    FamilyTreeDna,
    MyHeritage,
    LivingDna,
    DecodeMe,
    IlluminaFinalReport,
    Vcf,
    Generic,
}
