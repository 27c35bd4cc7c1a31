namespace Decodex.Core.Genomics;

/// <summary>
/// Human reference assembly a position refers to. <see cref="Unknown"/> (the default) means the
/// build could not be told; positions in such a genome are never compared with positions of a
/// known build.
/// </summary>
public enum GenomeBuild : byte
{
    /// <summary>Not determined.</summary>
    Unknown = 0,

    /// <summary>NCBI36 / hg18.</summary>
    Grch36 = 36,

    /// <summary>GRCh37 / hg19.</summary>
    Grch37 = 37,

    /// <summary>GRCh38 / hg38.</summary>
    Grch38 = 38,
}

/// <summary>How a build is written for people: <c>GRCh37</c>, or <c>unknown</c>.</summary>
public static class GenomeBuildText
{
    public static string Of(GenomeBuild build) => build switch
    {
        GenomeBuild.Grch36 => "GRCh36",
        GenomeBuild.Grch37 => "GRCh37",
        GenomeBuild.Grch38 => "GRCh38",
        _ => "unknown",
    };
}
