using System.Globalization;
using System.Text;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Genomics.Health;

/// <summary>
/// Reads the allow-listed health variants of the knowledge base from a genome. Letters are read on the plus
/// strand as the file reports them and never flipped. A site missing from the file, a no-call or letters that
/// cannot occur there give <see cref="HealthCallStatus.NotRead"/>, never "not detected"; a reference base is
/// never taken to mean the usual allele (at factor V Leiden the GRCh37 reference base is the risk allele).
/// </summary>
public static class HealthVariantCaller
{
    /// <summary>Reads every allow-listed variant of <paramref name="knowledge"/>, in the knowledge base's order.</summary>
    public static IReadOnlyList<HealthVariantResult> Call(Genome genome, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(knowledge);
        return [.. knowledge.HealthVariants.Select(v => Call(genome, v))];
    }

    /// <summary>The combinations whose every part was read with exactly the copies it needs.</summary>
    public static IReadOnlyList<HealthCombinationResult> Combinations(IReadOnlyList<HealthVariantResult> results, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(knowledge);
        var byId = results.ToDictionary(r => r.Variant.Id, StringComparer.Ordinal);
        return [.. knowledge.HealthCombinations
            .Where(c => c.Parts.All(p => byId.TryGetValue(p.VariantId, out var r) && r.Status != HealthCallStatus.NotRead && r.RiskCopies == p.Copies))
            .Select(c => new HealthCombinationResult(c))];
    }

    /// <summary>The genome positions and ids a large file must keep for the allow-list.</summary>
    public static GenomeTargets Targets(KnowledgeBase knowledge, IEnumerable<GenomicPosition>? extra = null, IEnumerable<ulong>? extraRsIds = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var positions = new List<GenomicPosition>(extra ?? []);
        foreach (var v in knowledge.HealthVariants)
        {
            var chromosome = ChromosomeOf(v);
            foreach (var build in new[] { GenomeBuild.Grch37, GenomeBuild.Grch38 })
            {
                if (v.SiteIn(build) is { } site)
                {
                    positions.Add(new GenomicPosition(build, chromosome, site.Position));
                }
            }
        }

        return GenomeTargets.FromMarkers(positions, knowledge.HealthVariants.Where(v => v.RsId > 0).Select(v => v.RsId).Concat(extraRsIds ?? []));
    }

    /// <summary>Reads one variant.</summary>
    public static HealthVariantResult Call(Genome genome, HealthVariant variant)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(variant);
        var (letters, foundBy) = Find(genome, variant);
        if (letters is null)
        {
            return NotRead(variant, Missing(genome, variant));
        }

        if (letters.Length == 0)
        {
            return NotRead(variant, $"The file has {Label(variant)} ({foundBy}) but did not call it (a no-call). A no-call is unknown, not \"not detected\".", foundBy);
        }

        var allowed = new[] { variant.RiskAllele[0], variant.OtherAllele[0] };
        if (letters.Any(c => !allowed.Contains(c)))
        {
            var indel = variant.RiskAllele == "D";
            var why = indel
                ? "letters other than I and D were reported where the file should write the insertion/deletion as I or D"
                : letters.All(c => allowed.Contains(Complement(c)))
                    ? "the letters are those of the other strand; Decodex does not flip strands to guess"
                    : "letters that cannot occur at this site were reported; the file may be corrupt or map another variant to this id";
            return NotRead(variant, $"{Label(variant)} could not be read: {why}. It is unknown, not \"not detected\".", foundBy);
        }

        var copies = letters.Count(c => c == variant.RiskAllele[0]);
        var onX = variant.Chromosome == "X";
        HealthGenotypeClass genotypeClass;
        string? caution = null;
        if (letters.Length == 1)
        {
            if (!onX || genome.Sex == Sex.Female)
            {
                return NotRead(variant, $"The file reports a single allele at {Label(variant)}, where {(onX ? "a female genome has" : "everyone has")} two copies: the file is inconsistent, so the site is unknown.", foundBy);
            }

            genotypeClass = copies == 1 ? HealthGenotypeClass.Hemizygous : HealthGenotypeClass.HemizygousUsual;
        }
        else if (onX && genome.Sex == Sex.Male)
        {
            if (letters[0] != letters[1])
            {
                return NotRead(variant, $"The file reports two different alleles at {Label(variant)} on the X chromosome of a genome read as male, which has one X: the call is inconsistent, so the site is unknown.", foundBy);
            }

            // Vendors write a male's X calls as two equal letters.
            genotypeClass = copies == 2 ? HealthGenotypeClass.Hemizygous : HealthGenotypeClass.HemizygousUsual;
            copies /= 2;
        }
        else
        {
            genotypeClass = copies switch { 0 => HealthGenotypeClass.NoCopies, 1 => HealthGenotypeClass.OneCopy, _ => HealthGenotypeClass.TwoCopies };
            if (onX && genome.Sex == Sex.Undetermined && letters[0] == letters[1])
            {
                caution = "The file's sex could not be told from its data. Two equal letters on the X chromosome are two copies in a female and one copy in a male, who has one X; both readings are given by the same letters.";
            }
        }

        if (IsStrandAmbiguous(variant))
        {
            caution = Join(caution, $"The two alleles here ({variant.OtherAllele} and {variant.RiskAllele}) are complementary bases, so a file written on the other strand could not be told apart. 23andMe, AncestryDNA and VCF files write the plus strand, which is how this was read.");
        }

        var meaning = variant.MeaningFor(genotypeClass);
        return new HealthVariantResult
        {
            Variant = variant,
            Status = copies > 0 ? HealthCallStatus.Detected : HealthCallStatus.NotDetected,
            Genotype = new string(letters),
            RiskCopies = copies,
            GenotypeClass = genotypeClass,
            FoundBy = foundBy,
            Meaning = meaning?.Text ?? string.Empty,
            CitationIds = meaning is { CitationIds.Count: > 0 } ? meaning.CitationIds : variant.CitationIds,
            Caution = caution,
        };
    }

    /// <summary>Whether the two alleles are complementary bases (A/T or C/G).</summary>
    public static bool IsStrandAmbiguous(HealthVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return variant.RiskAllele.Length == 1 && variant.RiskAllele != "D" && Complement(variant.RiskAllele[0]) == variant.OtherAllele[0];
    }

    /// <summary>The variant's chromosome as Decodex codes it.</summary>
    public static Chromosome ChromosomeOf(HealthVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return Chromosome.Parse(Encoding.ASCII.GetBytes(variant.Chromosome));
    }

    private static string Label(HealthVariant v) => v.RsId > 0 ? $"{v.Gene} {v.Name} (rs{v.RsId.ToString(CultureInfo.InvariantCulture)})" : $"{v.Gene} {v.Name}";

    /// <summary>
    /// The letters at the variant (empty for a no-call) and how they were found; null letters when the file
    /// does not have the site. An rsID or vendor id comes first, then the position in the file's build.
    /// </summary>
    private static (char[]? Letters, string? FoundBy) Find(Genome genome, HealthVariant variant)
    {
        var ids = (variant.RsId > 0 ? [$"rs{variant.RsId.ToString(CultureInfo.InvariantCulture)}"] : Array.Empty<string>()).Concat(variant.VendorIds);
        foreach (var id in ids)
        {
            var row = genome.FindId(id);
            if (row >= 0)
            {
                return (Letters(genome.Genotype(row)), $"by id {id}");
            }
        }

        if (variant.SiteIn(genome.Build) is not { } site)
        {
            return (null, null);
        }

        var position = new GenomicPosition(genome.Build, ChromosomeOf(variant), site.Position);
        var where = $"by position {variant.Chromosome}:{site.Position.ToString(CultureInfo.InvariantCulture)} in {GenomeAssembler.Name(genome.Build)}";
        if (genome.FindSequenceCall(position) is { } call)
        {
            return (SequenceLetters(call, site, variant), where);
        }

        var at = genome.FindPosition(position);
        return at >= 0 ? (Letters(genome.Genotype(at)), where) : (null, null);
    }

    private static char[] Letters(Genotype genotype) =>
        genotype.IsNoCall ? [] : genotype.IsHaploid ? [genotype.First] : [genotype.First, genotype.Second];

    /// <summary>A VCF call kept with its sequences: each allele becomes the risk or usual letter, or '?' when it is neither.</summary>
    private static char[] SequenceLetters(SequenceCall call, HealthSite site, HealthVariant variant)
    {
        char Letter(string allele) =>
            string.Equals(allele, site.Alternate, StringComparison.OrdinalIgnoreCase) ? AlternateLetter(site, variant)
            : string.Equals(allele, site.Reference, StringComparison.OrdinalIgnoreCase) ? ReferenceLetter(site, variant)
            : '?';

        if (call.First is null || (!call.IsHaploid && call.Second is null))
        {
            return [];
        }

        return call.IsHaploid ? [Letter(call.First)] : [Letter(call.First), Letter(call.Second!)];
    }

    private static char AlternateLetter(HealthSite site, HealthVariant variant) =>
        variant.RiskAllele == "D" ? (site.Alternate.Length < site.Reference.Length ? 'D' : 'I') : site.Alternate[0];

    private static char ReferenceLetter(HealthSite site, HealthVariant variant) =>
        variant.RiskAllele == "D" ? (site.Alternate.Length < site.Reference.Length ? 'I' : 'D') : site.Reference[0];

    private static string Missing(Genome genome, HealthVariant variant)
    {
        var what = $"{Label(variant)} is not in the file{(genome.IsComplete ? string.Empty : " (or not in the regions read)")}.";
        if (variant.SiteIn(genome.Build) is null && genome.Build != GenomeBuild.Unknown)
        {
            what += $" The knowledge base has no {GenomeAssembler.Name(genome.Build)} position for it, so it could be found only by its id.";
        }
        else if (genome.Build == GenomeBuild.Unknown)
        {
            what += " The file's build could not be told, so it could not be looked for by position.";
        }

        return what + " A site missing from the file is unknown, not \"not detected\": a file that lists only differences from the reference genome says nothing about the sites it leaves out.";
    }

    private static HealthVariantResult NotRead(HealthVariant variant, string why, string? foundBy = null) => new()
    {
        Variant = variant,
        Status = HealthCallStatus.NotRead,
        FoundBy = foundBy,
        Meaning = why,
        CitationIds = variant.CitationIds,
    };

    private static char Complement(char c) => c switch { 'A' => 'T', 'T' => 'A', 'C' => 'G', 'G' => 'C', _ => c };

    private static string Join(string? a, string b) => a is null ? b : a + " " + b;
}
