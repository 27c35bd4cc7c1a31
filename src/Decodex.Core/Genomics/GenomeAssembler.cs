using System.Globalization;

namespace Decodex.Core.Genomics;

/// <summary>
/// Turns parsed rows into a <see cref="Genome"/>: drops duplicate ids (first kept), decides the
/// build from the data with the header as corroboration, infers sex, and makes male X/Y and MT
/// calls haploid, setting heterozygous calls there to no-call and reporting them.
/// </summary>
internal static class GenomeAssembler
{
    /// <summary>Heterozygous share of called non-PAR X SNPs above which the sample is female (snps uses 3%).</summary>
    public const double FemaleXHeterozygosity = 0.03;

    /// <summary>Share of Y rows called above which Y is present (snps' alternative method uses 30%).</summary>
    public const double MaleYCallRate = 0.30;

    /// <summary>
    /// Fewer called non-PAR X SNPs than this and X alone says nothing about sex. Consumer arrays call
    /// 16,000–25,000; a VCF of a few hundred targeted or variant-only sites is too few, and a woman's
    /// handful of X sites that happen to be homozygous would otherwise read as male.
    /// </summary>
    public const int MinimumXCalls = 1000;

    /// <summary>Fewer Y rows than this and Y says nothing about sex.</summary>
    public const int MinimumYRows = 20;

    public static (Genome Genome, BuildDecision Build, SexDecision Sex) Assemble(
        GenomeRows rows,
        (GenomeBuild Build, string Evidence)? headerClaim,
        IssueLog issues,
        Func<GenomeBuild, Sex?, GenomeCounts> streamed,
        bool isComplete,
        Sex? statedSex = null,
        int threads = 1)
    {
        var duplicates = RemoveDuplicates(rows, out var index, issues, threads);
        var build = DecideBuild(rows, index, headerClaim, issues);
        var before = streamed(build.Build, null);
        var counts = before with { Duplicates = before.Duplicates + duplicates };
        if (isComplete)
        {
            counts = Tally(rows, build.Build, counts);
        }

        var sex = Decide(statedSex, InferSex(counts, issues), issues);
        counts = MakeHaploid(rows, build.Build, sex.Sex, counts, isComplete ? issues : new IssueLog());
        if (!isComplete)
        {
            // A streamed file counted every record, kept or not, sex-dependent discrepancies included.
            counts = streamed(build.Build, sex.Sex) with { Duplicates = counts.Duplicates };
            if (counts.Discrepant > 0)
            {
                issues.Add(GenomeIssueCodes.HeterozygousHaploid, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"{counts.Discrepant} heterozygous calls on haploid chromosomes (a male's X or Y outside the pseudo-autosomal regions, or MT) are impossible; they were counted as no-calls."));
            }
        }

        return (new Genome(rows, index, build.Build, sex.Sex, counts, isComplete), build, sex);
    }

    private static long RemoveDuplicates(GenomeRows rows, out RsIdIndex index, IssueLog issues, int threads)
    {
        var duplicate = new bool[rows.Count];
        index = RsIdIndex.Build(rows.Ids, rows.Count, duplicate, threads);
        var count = duplicate.Count(d => d);
        if (count > 0)
        {
            rows.Compact(duplicate);
            index = RsIdIndex.Build(rows.Ids, rows.Count, null, threads);
            issues.Add(GenomeIssueCodes.Duplicates, IssueSeverity.Info, string.Create(CultureInfo.InvariantCulture, $"{count} rows repeat an id already seen; the first row of each was kept."));
        }

        return count;
    }

    private static BuildDecision DecideBuild(GenomeRows rows, RsIdIndex index, (GenomeBuild Build, string Evidence)? header, IssueLog issues)
    {
        var votes = new Dictionary<GenomeBuild, int>();
        foreach (var marker in BuildMarkers.All)
        {
            var row = index.Find(VariantId.RsId(marker.RsId).Value);
            if (row >= 0)
            {
                foreach (var build in BuildMarkers.Builds)
                {
                    if (marker.PositionIn(build) == rows.Positions[row] && (marker.Chromosome is null || marker.Chromosome.Value.Code == rows.Chromosomes[row]))
                    {
                        votes[build] = votes.GetValueOrDefault(build) + 1;
                    }
                }
            }
        }

        if (votes.Count == 0)
        {
            // Files without rsIDs (many VCFs): a row exactly at a marker's position in one build is evidence too.
            VotePositions(rows, votes);
        }

        var total = votes.Values.Sum();
        if (total == 0)
        {
            if (header is { } claim)
            {
                issues.Add(GenomeIssueCodes.BuildFromHeaderOnly, IssueSeverity.Warning, $"No build-marker SNP was found in the data, so the build ({Name(claim.Build)}) rests on the header alone.");
                return new BuildDecision(claim.Build, claim.Evidence + "; no marker SNP in the data to confirm it", "header-only", 0, 0);
            }

            issues.Add(GenomeIssueCodes.BuildUndetermined, IssueSeverity.Warning, "The genome build could not be told: no build-marker SNP in the data and no build in the header. Positions will not be used.");
            return new BuildDecision(GenomeBuild.Unknown, "no marker SNP and no header claim", "undetermined", 0, 0);
        }

        var (best, matched) = votes.MaxBy(v => v.Value);
        var conflicting = total - matched;
        if (matched * 3 < total * 2)
        {
            issues.Add(GenomeIssueCodes.BuildUndetermined, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"Build-marker SNPs disagree ({matched} of {total} point to one build); the build is left undetermined."));
            return new BuildDecision(GenomeBuild.Unknown, "marker SNPs disagree", "undetermined", matched, conflicting);
        }

        var evidence = string.Create(CultureInfo.InvariantCulture, $"{matched} of {total} marker SNPs at {Name(best)} positions");
        if (header is { } h)
        {
            if (h.Build != best)
            {
                issues.Add(GenomeIssueCodes.BuildConflict, IssueSeverity.Warning, $"The header claims {Name(h.Build)} but the data show {Name(best)}; the data were believed.");
                return new BuildDecision(best, evidence + $"; {h.Evidence}, which conflicts", "data", matched, conflicting);
            }

            return new BuildDecision(best, evidence + $"; {h.Evidence}", "data+header", matched, conflicting);
        }

        return new BuildDecision(best, evidence, "data", matched, conflicting);
    }

    private static void VotePositions(GenomeRows rows, Dictionary<GenomeBuild, int> votes)
    {
        var markers = new List<(byte Chromosome, int Position, GenomeBuild Build)>();
        foreach (var marker in BuildMarkers.All.Where(m => m.Chromosome is not null))
        {
            foreach (var build in BuildMarkers.Builds.Where(b => marker.PositionIn(b) > 0))
            {
                markers.Add((marker.Chromosome!.Value.Code, marker.PositionIn(build), build));
            }
        }

        var table = markers.ToArray();
        var onMarkerChromosome = new bool[27];
        foreach (var m in table)
        {
            onMarkerChromosome[m.Chromosome] = true;
        }

        var chromosomes = rows.Chromosomes;
        var positions = rows.Positions;
        for (var row = 0; row < rows.Count; row++)
        {
            var c = chromosomes[row];
            if (!onMarkerChromosome[c])
            {
                continue;
            }

            var p = positions[row];
            foreach (var m in table)
            {
                if (m.Position == p && m.Chromosome == c)
                {
                    votes[m.Build] = votes.GetValueOrDefault(m.Build) + 1;
                }
            }
        }
    }

    private static GenomeCounts Tally(GenomeRows rows, GenomeBuild build, GenomeCounts counts)
    {
        long called = 0, xCalled = 0, xHet = 0, yRows = 0, yCalled = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var g = new Genotype(rows.Genotypes[i]);
            if (!g.IsNoCall)
            {
                called++;
            }

            switch (rows.Chromosomes[i])
            {
                case 23 when !PseudoautosomalRegions.ContainsX(build, rows.Positions[i]) && !g.IsNoCall:
                    xCalled++;
                    xHet += g.IsHeterozygous ? 1 : 0;
                    break;
                case 24:
                    yRows++;
                    yCalled += g.IsNoCall ? 0 : 1;
                    break;
            }
        }

        return counts with { Variants = rows.Count, Called = called, NoCalls = rows.Count - called, XCalled = xCalled, XHeterozygous = xHet, YRows = yRows, YCalled = yCalled };
    }

    /// <summary>
    /// Infers sex from X heterozygosity (at least <see cref="MinimumXCalls"/> called non-PAR X SNPs) and
    /// the Y call rate (at least <see cref="MinimumYRows"/> Y rows). With both, they must agree; with one,
    /// the other must not contradict it (a few X SNPs with heterozygous calls rule out male). Too little
    /// of either leaves sex undetermined, so no heterozygous X call is ever set to no-call on weak evidence.
    /// </summary>
    private static SexDecision InferSex(GenomeCounts c, IssueLog issues)
    {
        var het = c.XCalled == 0 ? 0 : (double)c.XHeterozygous / c.XCalled;
        var yRate = c.YRows == 0 ? (double?)null : (double)c.YCalled / c.YRows;
        var figures = string.Create(CultureInfo.InvariantCulture, $"X heterozygosity {het:P1} of {c.XCalled} called non-PAR X SNPs; Y called {(yRate is { } y ? y.ToString("P1", CultureInfo.InvariantCulture) : "n/a")} of {c.YRows} Y SNPs");
        var xSaysFemale = het > FemaleXHeterozygosity;
        Sex? fromX = c.XCalled >= MinimumXCalls ? (xSaysFemale ? Sex.Female : Sex.Male) : null;
        Sex? fromY = yRate is { } rate && c.YRows >= MinimumYRows ? (rate > MaleYCallRate ? Sex.Male : Sex.Female) : null;
        if (fromX is null && fromY is null)
        {
            issues.Add(GenomeIssueCodes.SexUndetermined, IssueSeverity.Info, string.Create(CultureInfo.InvariantCulture, $"Too few X-chromosome SNPs (at least {MinimumXCalls:N0} called are needed) and too few Y SNPs (at least {MinimumYRows}) to infer sex."));
            return new SexDecision(Sex.Undetermined, figures);
        }

        // Heterozygous calls on X outside the PARs, even a few, rule out a male reading of Y alone.
        if ((fromX is { } xSex && fromY is { } ySex && xSex != ySex) || (fromX is null && fromY == Sex.Male && xSaysFemale))
        {
            issues.Add(GenomeIssueCodes.SexUndetermined, IssueSeverity.Warning, "X heterozygosity and Y calls disagree about sex; it was left undetermined.");
            return new SexDecision(Sex.Undetermined, figures);
        }

        return new SexDecision(fromX ?? fromY!.Value, figures);
    }

    /// <summary>The stated sex (a profile's) when given, else the inferred one; a disagreement is reported.</summary>
    private static SexDecision Decide(Sex? stated, SexDecision inferred, IssueLog issues)
    {
        if (stated is not (Sex.Female or Sex.Male))
        {
            return inferred;
        }

        var name = stated == Sex.Female ? "female" : "male";
        if (inferred.Sex != Sex.Undetermined && inferred.Sex != stated)
        {
            issues.Add(GenomeIssueCodes.SexUndetermined, IssueSeverity.Warning, $"The stated sex ({name}) and the sex the data show disagree; the stated sex was used.");
        }

        return new SexDecision(stated.Value, $"stated as {name}; the data: {inferred.Evidence}");
    }

    private static GenomeCounts MakeHaploid(GenomeRows rows, GenomeBuild build, Sex sex, GenomeCounts counts, IssueLog issues)
    {
        long haploidHet = 0, mtHet = 0, newNoCalls = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var chromosome = rows.Chromosomes[i];
            var haploid = chromosome == 26
                || (sex == Sex.Male && (chromosome == 24 || (chromosome == 23 && build != GenomeBuild.Unknown && !PseudoautosomalRegions.ContainsX(build, rows.Positions[i]))));
            if (!haploid)
            {
                continue;
            }

            var g = new Genotype(rows.Genotypes[i]);
            if (g.IsHeterozygous)
            {
                rows.Genotypes[i] = 0;
                newNoCalls++;
                if (chromosome == 26)
                {
                    mtHet++;
                }
                else
                {
                    haploidHet++;
                }
            }
            else
            {
                rows.Genotypes[i] = g.ToHaploid().Code;
            }
        }

        if (haploidHet > 0)
        {
            issues.Add(GenomeIssueCodes.HeterozygousHaploid, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"{haploidHet} heterozygous calls on a male's X or Y outside the pseudo-autosomal regions are impossible; they were set to no-call."));
        }

        if (mtHet > 0)
        {
            issues.Add(GenomeIssueCodes.HeterozygousMitochondrial, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"{mtHet} heterozygous mitochondrial calls were set to no-call (mitochondrial DNA is read as one allele)."));
        }

        return counts with { Discrepant = haploidHet + mtHet, Called = counts.Called - newNoCalls, NoCalls = counts.NoCalls + newNoCalls };
    }

    internal static string Name(GenomeBuild build) => build switch
    {
        GenomeBuild.Grch36 => "NCBI36 (build 36)",
        GenomeBuild.Grch37 => "GRCh37 (build 37)",
        GenomeBuild.Grch38 => "GRCh38",
        _ => "unknown",
    };
}
