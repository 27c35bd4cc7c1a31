using System.Globalization;

namespace Decodex.Core.Genomics;

/// <summary>
/// Merges two files of the same person (e.g. 23andMe and AncestryDNA). Rows are matched by id, as in
/// the snps library. The first file's positions win; a no-call is filled from the other file; calls
/// that disagree (allele order aside) become no-calls and are counted. Refused when the files are of
/// different builds or evidently of different people (<see cref="GenomeMergeOptions"/>).
/// </summary>
public static class GenomeMerger
{
    public static GenomeMergeResult Merge(Genome first, Genome second, GenomeMergeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        options ??= new GenomeMergeOptions();
        if (first.Build != GenomeBuild.Unknown && second.Build != GenomeBuild.Unknown && first.Build != second.Build)
        {
            return Refuse($"The files are of different genome builds ({GenomeAssembler.Name(first.Build)} and {GenomeAssembler.Name(second.Build)}); Decodex does not lift positions over, so they cannot be merged.");
        }

        var rows = new GenomeRows(first.Count + second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            rows.Add(CopyId(first, i, rows), first.Chromosome(i), first.Position(i), first.Genotype(i));
        }

        int common = 0, positions = 0, compared = 0, genotypes = 0;
        var index = RsIdIndex.Build(rows.Ids, rows.Count, null);
        for (var j = 0; j < second.Count; j++)
        {
            var id = CopyId(second, j, rows);
            var row = id.Kind == VariantIdKind.Position ? -1 : index.Find(id.Value);
            if (row < 0)
            {
                rows.Add(id, second.Chromosome(j), second.Position(j), second.Genotype(j));
                continue;
            }

            common++;
            if (rows.Chromosomes[row] != second.Chromosome(j).Code || rows.Positions[row] != second.Position(j))
            {
                positions++;
            }

            var a = new Genotype(rows.Genotypes[row]);
            var b = second.Genotype(j);
            if (a.IsNoCall)
            {
                rows.Genotypes[row] = b.Code;
            }
            else if (!b.IsNoCall)
            {
                compared++;
                if (a != b)
                {
                    genotypes++;
                    rows.Genotypes[row] = Genotype.NoCall.Code;
                }
            }
        }

        if (positions >= options.PositionDiscrepancyLimit)
        {
            return Refuse(string.Create(CultureInfo.InvariantCulture, $"{positions} shared SNPs sit at different positions in the two files (limit {options.PositionDiscrepancyLimit}): they are evidently of different builds.")) with { Common = common, PositionDiscrepancies = positions };
        }

        var discordance = compared == 0 ? 0 : (double)genotypes / compared;
        if ((options.GenotypeDiscrepancyLimit is { } limit && genotypes >= limit)
            || (compared >= options.MinimumComparedForDiscordance && discordance > options.MaxGenotypeDiscordance))
        {
            return Refuse(string.Create(CultureInfo.InvariantCulture, $"{genotypes} of {compared} SNPs called in both files disagree ({discordance:P1}): the files evidently come from different people.")) with { Common = common, PositionDiscrepancies = positions, GenotypeDiscrepancies = genotypes, Compared = compared };
        }

        var issues = new IssueLog();
        if (positions > 0)
        {
            issues.Add(GenomeIssueCodes.MergeDiscrepancies, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"{positions} shared SNPs sit at different positions; the first file's positions were kept."));
        }

        if (genotypes > 0)
        {
            issues.Add(GenomeIssueCodes.MergeDiscrepancies, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"{genotypes} of {compared} SNPs called in both files disagree; they were set to no-call."));
        }

        var build = first.Build != GenomeBuild.Unknown ? first.Build : second.Build;
        var claim = build == GenomeBuild.Unknown ? ((GenomeBuild, string)?)null : (build, "the build of the merged files");
        var (genome, _, _) = GenomeAssembler.Assemble(rows, claim, issues, (_, _) => new GenomeCounts(), isComplete: first.IsComplete && second.IsComplete);
        return new GenomeMergeResult { Merged = genome, Common = common, PositionDiscrepancies = positions, GenotypeDiscrepancies = genotypes, Compared = compared, Issues = issues.ToList() };

        static GenomeMergeResult Refuse(string message) => new() { Issues = [new Issue(GenomeIssueCodes.MergeRefused, IssueSeverity.Error, message)] };
    }

    private static VariantId CopyId(Genome genome, int row, GenomeRows rows)
    {
        var id = genome.Id(row);
        return id.Kind == VariantIdKind.Name ? rows.NameId(System.Text.Encoding.ASCII.GetBytes(genome.IdText(row))) : id;
    }
}
