namespace Decodex.Core.Genomics;

/// <summary>
/// Calls APOE from rs429358 and rs7412, read directly on the plus strand (both sites are C/T, not
/// palindromic, and consumer files report the plus strand). ε2 = T+T, ε3 = T+C, ε4 = C+C, ε1 = C+T
/// (rs429358 + rs7412 on one chromosome). A missing or no-call site gives "undetermined", never ε3;
/// letters other than C/T give "error". Table and semantics: genome notes of the shared reference
/// material (bradwiki "APOE", citing SNPedia and dbSNP).
/// </summary>
public static class ApoeCaller
{
    private const ulong Rs429358 = 429358;
    private const ulong Rs7412 = 7412;

    public static ApoeResult Call(Genome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var (a, foundA) = Find(genome, Rs429358);
        var (b, foundB) = Find(genome, Rs7412);
        var foundBy = foundA is null && foundB is null ? null : string.Join("; ", new[] { foundA is null ? null : "rs429358 " + foundA, foundB is null ? null : "rs7412 " + foundB }.OfType<string>());
        foreach (var site in new[] { a, b })
        {
            if (site is { IsNoCall: false } g && !OnlyCT(g) && !g.IsHaploid)
            {
                return Error(OnlyAG(g)
                    ? "A or G letters were reported where the plus strand has only C or T: the file reports another strand or is corrupt. Decodex does not flip strands to guess."
                    : "letters that cannot occur at these sites were reported; the file may be corrupt.", a ?? Genotype.NoCall, b ?? Genotype.NoCall, foundBy, a is null || b is null);
            }
        }

        if (a is null || b is null)
        {
            var missing = string.Join(" and ", new[] { a is null ? "rs429358" : null, b is null ? "rs7412" : null }.OfType<string>());
            return new ApoeResult
            {
                Status = ApoeStatus.Undetermined,
                Explanation = $"{missing} {(a is null && b is null ? "are" : "is")} not in the file{(genome.IsComplete ? string.Empty : " (or not in the regions read)")}; APOE cannot be told. A missing site is unknown, not ε3. A clinical APOE test would settle it.",
                Rs429358 = a?.ToString(),
                Rs7412 = b?.ToString(),
                FoundBy = foundBy,
            };
        }

        var x = a.Value;
        var y = b.Value;
        if (x.IsNoCall || y.IsNoCall)
        {
            return new ApoeResult
            {
                Status = ApoeStatus.Undetermined,
                Explanation = $"{(x.IsNoCall ? "rs429358" : "rs7412")} was not called (a no-call); APOE cannot be told. A no-call is unknown, not ε3.",
                Rs429358 = x.ToString(),
                Rs7412 = y.ToString(),
                FoundBy = foundBy,
            };
        }

        if (x.IsHaploid || y.IsHaploid)
        {
            return Error("a single allele was reported at a site on chromosome 19, where everyone has two copies; the file is inconsistent.", x, y, foundBy);
        }

        if (!OnlyCT(x) || !OnlyCT(y))
        {
            var strand = (OnlyAG(x) || OnlyCT(x)) && (OnlyAG(y) || OnlyCT(y));
            return Error(strand
                ? "A or G letters were reported where the plus strand has only C or T: the file reports another strand or is corrupt. Decodex does not flip strands to guess."
                : "letters that cannot occur at these sites were reported; the file may be corrupt.", x, y, foundBy);
        }

        var c429 = x.Count('C');
        var c7412 = y.Count('C');
        var (genotype, status, alternatives, note) = (c429, c7412) switch
        {
            (0, 0) => ("e2/e2", ApoeStatus.Called, Array.Empty<string>(), "rs429358 TT, rs7412 TT."),
            (0, 1) => ("e2/e3", ApoeStatus.Called, [], "rs429358 TT, rs7412 CT."),
            (0, 2) => ("e3/e3", ApoeStatus.Called, [], "rs429358 TT, rs7412 CC."),
            (1, 0) => ("e1/e2", ApoeStatus.Ambiguous, [], "rs429358 CT with rs7412 TT needs the rare ε1 allele; treat with caution and confirm clinically."),
            (1, 1) => ("e2/e4", ApoeStatus.Ambiguous, ["e1/e3"], "Both sites heterozygous: without phase this is most likely ε2/ε4, but ε1/ε3 (rare) fits the same letters."),
            (1, 2) => ("e3/e4", ApoeStatus.Called, [], "rs429358 CT, rs7412 CC."),
            (2, 0) => ("e1/e1", ApoeStatus.Ambiguous, [], "rs429358 CC with rs7412 TT would be ε1/ε1, which is extremely rare: more likely a genotyping error. Confirm clinically."),
            (2, 1) => ("e1/e4", ApoeStatus.Ambiguous, [], "rs429358 CC with rs7412 CT needs the rare ε1 allele; confirm clinically."),
            _ => ("e4/e4", ApoeStatus.Called, [], "rs429358 CC, rs7412 CC."),
        };
        return new ApoeResult
        {
            Genotype = genotype,
            Status = status,
            Alternatives = alternatives,
            Explanation = note,
            Rs429358 = x.ToString(),
            Rs7412 = y.ToString(),
            FoundBy = foundBy,
            CarriesE4 = genotype.Contains("e4", StringComparison.Ordinal) || alternatives.Any(alt => alt.Contains("e4", StringComparison.Ordinal)) ? true : status == ApoeStatus.Called ? false : null,
        };
    }

    private static ApoeResult Error(string why, Genotype x, Genotype y, string? foundBy, bool oneMissing = false) => new()
    {
        Status = ApoeStatus.Error,
        Explanation = "No APOE call: " + why,
        Rs429358 = oneMissing && x.IsNoCall ? null : x.ToString(),
        Rs7412 = oneMissing && y.IsNoCall ? null : y.ToString(),
        FoundBy = foundBy,
    };

    private static (Genotype? Genotype, string? How) Find(Genome genome, ulong rs)
    {
        var row = genome.FindRsId(rs);
        if (row >= 0)
        {
            return (genome.Genotype(row), "by rsID");
        }

        if (genome.Build == GenomeBuild.Unknown)
        {
            return (null, null);
        }

        var marker = BuildMarkers.All.First(m => m.RsId == rs);
        var position = marker.PositionIn(genome.Build);
        if (position == 0)
        {
            return (null, null);
        }

        row = genome.FindPosition(new GenomicPosition(genome.Build, marker.Chromosome!.Value, position));
        return row >= 0 ? (genome.Genotype(row), $"by position {marker.Chromosome}:{position} in {GenomeAssembler.Name(genome.Build)}") : (null, null);
    }

    private static bool OnlyCT(Genotype g) => g.Count('C') + g.Count('T') == 2;

    private static bool OnlyAG(Genotype g) => g.Count('A') + g.Count('G') == 2;
}
