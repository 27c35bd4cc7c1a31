using System.Globalization;
using Decodex.Core.Genomics;

namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// Finds a gene's defining positions in a genome, by position in the genome's own build (GRCh37 or
/// GRCh38, from the compiled data, never lifted over) and otherwise by rsID. Letters are compared as
/// the file writes them on the plus strand; nothing is strand-flipped, because at some positions the
/// GRCh37 reference base is the variant allele (rs776746, rs16947).
/// </summary>
public static class PgxObservationReader
{
    /// <summary>
    /// One observation per <see cref="PgxGene.Variants"/> index, null where the file has nothing
    /// usable. <paramref name="notes"/> receives plain-language notes (never a genotype).
    /// </summary>
    public static PgxObservation?[] Read(Genome genome, PgxGene gene, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(gene);
        ArgumentNullException.ThrowIfNull(notes);
        var chromosome = Chromosome.Parse(gene.Chromosome);
        var observations = new PgxObservation?[gene.Variants.Length];
        var unreadIndels = 0;
        foreach (var variant in gene.Variants)
        {
            var observation = ByPosition(genome, chromosome, variant) ?? ByRsId(genome, chromosome, variant, ref unreadIndels);
            observations[variant.Index] = observation;
        }

        if (unreadIndels > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{unreadIndels} insertion/deletion position(s) were in the file as I/D letters that cannot be tied to one defined allele; they count as missing."));
        }

        return observations;
    }

    private static PgxLocus? LocusIn(PgxVariant variant, GenomeBuild build) => build switch
    {
        GenomeBuild.Grch38 => variant.Grch38,
        GenomeBuild.Grch37 => variant.Grch37,
        _ => null,
    };

    private static bool IsSnv(PgxVariant variant) => variant.Grch38.Ref.Length == 1 && variant.Grch38.Alts.All(a => a.Length == 1);

    private static PgxObservation? ByPosition(Genome genome, Chromosome chromosome, PgxVariant variant)
    {
        if (LocusIn(variant, genome.Build) is not { } locus)
        {
            return null;
        }

        var position = new GenomicPosition(genome.Build, chromosome, locus.Position);
        var foundBy = genome.Build == GenomeBuild.Grch38 ? "grch38-position" : "grch37-position";
        if (IsSnv(variant))
        {
            // A phased or half call is kept with its order; every other call is an unordered genotype.
            if (genome.FindSequenceCall(position) is { } ordered)
            {
                return FromCall(ordered, foundBy);
            }

            var row = genome.FindPosition(position);
            return row < 0 ? null : FromLetters(genome.Genotype(row), foundBy);
        }

        // An indel or multi-base variant: only a VCF sequence call can say which allele is there. The
        // sequences are those of the file's build, so they are compared in GRCh38 notation only.
        if (genome.Build != GenomeBuild.Grch38 || genome.FindSequenceCall(position) is not { } call)
        {
            return null;
        }

        return FromCall(call, foundBy);
    }

    /// <summary>
    /// A VCF call with its order and phase. A half call counts as missing when its known allele is the
    /// reference, as PharmCAT reads it; a known non-reference allele is kept with the other half unknown.
    /// </summary>
    private static PgxObservation? FromCall(SequenceCall call, string foundBy)
    {
        if (call.IsHaploid)
        {
            return call.First is null ? null : new PgxObservation(call.First, null, foundBy);
        }

        if (call.First is null && call.Second is null)
        {
            return null;
        }

        if (call.First is null || call.Second is null)
        {
            var known = call.First ?? call.Second!;
            if (string.Equals(known, call.Reference, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return new PgxObservation(call.First ?? PgxObservation.Unknown, call.Second ?? PgxObservation.Unknown, foundBy)
        {
            IsPhased = call.IsPhased,
            PhaseSet = call.PhaseSet,
        };
    }

    private static PgxObservation? ByRsId(Genome genome, Chromosome chromosome, PgxVariant variant, ref int unreadIndels)
    {
        if (variant.RsId is not { } rsId || !ulong.TryParse(rsId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var row = genome.FindRsId(number);
        if (row < 0 || genome.Chromosome(row) != chromosome)
        {
            return null;
        }

        var genotype = genome.Genotype(row);
        if (genotype.IsNoCall)
        {
            return null;
        }

        if (IsSnv(variant))
        {
            return FromLetters(genotype, "rsid");
        }

        // Arrays write indels as I (insertion: the allele with the extra bases) and D (deletion: the one
        // without), whichever of them is the reference (23andMe, "How 23andMe Reports Genotypes",
        // customercare.23andme.com/hc/en-us/articles/212883677). That names one allele only when the
        // variant has a single alternate of a different length.
        var alts = variant.Grch38.Alts;
        var reference = variant.Grch38.Ref;
        if (alts.Length != 1 || alts[0].Length == reference.Length || genotype.Count('A') + genotype.Count('C') + genotype.Count('G') + genotype.Count('T') > 0)
        {
            unreadIndels++;
            return null;
        }

        var longer = alts[0].Length > reference.Length ? alts[0] : reference;
        var shorter = alts[0].Length > reference.Length ? reference : alts[0];
        string Allele(char letter) => letter == 'I' ? longer : shorter;
        return new PgxObservation(Allele(genotype.First), genotype.IsHaploid ? null : Allele(genotype.Second), "rsid");
    }

    private static PgxObservation? FromLetters(Genotype genotype, string foundBy)
    {
        if (genotype.IsNoCall || genotype.First is 'D' or 'I' || (!genotype.IsHaploid && genotype.Second is 'D' or 'I'))
        {
            return null;
        }

        return new PgxObservation(genotype.First.ToString(), genotype.IsHaploid ? null : genotype.Second.ToString(), foundBy);
    }
}
