namespace Decodex.Core.Genomics;

/// <summary>
/// SNPs whose positions differ between builds, used to decide a file's build from its data.
/// Sources: the build-marker table of the snps library (apriha/snps, src/snps/build_constants.py,
/// BSD-3-Clause, citing dbSNP build 151) and, for APOE, the positions in the genome notes of the
/// shared reference material (bradwiki/SNPedia/dbSNP).
/// </summary>
public static class BuildMarkers
{
    /// <summary>One marker: rsID number, chromosome (null when sources disagree), and its position per build (0 = unknown).</summary>
    public sealed record Marker(ulong RsId, Chromosome? Chromosome, int Grch36, int Grch37, int Grch38)
    {
        public int PositionIn(GenomeBuild build) => build switch
        {
            GenomeBuild.Grch36 => Grch36,
            GenomeBuild.Grch37 => Grch37,
            GenomeBuild.Grch38 => Grch38,
            _ => 0,
        };
    }

    public static IReadOnlyList<Marker> All { get; } =
    [
        new(3094315, new Chromosome(1), 742429, 752566, 817186),
        // The snps table lists chromosome 1 for rs11928389; its tests and dbSNP put it on 3. Match by rsID and position only.
        new(11928389, null, 50908372, 50927009, 50889578),
        new(2500347, new Chromosome(1), 143649677, 144938320, 148946169),
        new(964481, new Chromosome(20), 27566744, 27656823, 27638706),
        new(2341354, new Chromosome(1), 908436, 918573, 983193),
        new(3850290, new Chromosome(2), 22315141, 23245301, 22776092),
        new(1329546, new Chromosome(1), 135302086, 135474420, 136392261),
        // rs429358's NCBI36 position was seen only in secondary sources (several public files agree; the
        // 138 bp spacing to rs7412 matches all builds); see tests/Decodex.Core.Tests/Genomics/Expected/reference-facts.md.
        new(429358, new Chromosome(19), 50103781, 45411941, 44908684),
        new(7412, new Chromosome(19), 50103919, 45412079, 44908822),
    ];

    internal static readonly GenomeBuild[] Builds = [GenomeBuild.Grch37, GenomeBuild.Grch38, GenomeBuild.Grch36];
}
