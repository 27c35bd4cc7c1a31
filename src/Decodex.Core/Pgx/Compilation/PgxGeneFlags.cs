using System.Collections.Immutable;

namespace Decodex.Core.Pgx.Compilation;

/// <summary>
/// The per-gene conventions and limits from the shared PGx notes (<c>NOTES.md</c>, which cites
/// PharmCAT's <c>Gene-Definition-Exceptions.md</c> and <c>NamedAlleleMatcher-101.md</c>), as data for the caller.
/// </summary>
internal static class PgxGeneFlags
{
    private static readonly HashSet<string> ToxicityGenes = new(["CACNA1S", "DPYD", "G6PD", "NUDT15", "RYR1", "TPMT"], StringComparer.Ordinal);

    public static ImmutableArray<PgxGeneFlag> For(string gene, PhenotypeMap? phenotype)
    {
        var flags = new List<PgxGeneFlag>();
        switch (gene)
        {
            case "CYP2C19":
                flags.Add(Flag("reference-allele-star38", "The reference allele is *38, not *1: *1 is itself defined by rs3758581. Calling *1 needs rs3758581; a missing rs3758581 must not be read as reference."));
                break;
            case "CYP2D6":
                flags.Add(Flag("cyp2d6-arrays-only-limits", "Copy-number and structural variants (*5 deletion, duplications such as *1x2, hybrid alleles) cannot be seen in array or VCF SNP genotypes, so an activity score summed from SNP-defined alleles ignores copy number. PharmCAT calls CYP2D6 only from outside calls or in research mode."));
                flags.Add(Flag("cyp2d6-phenotype-map-v2.15.0", "Allele functions, activity values and the activity score → phenotype pairs come from PharmCAT v2.15.0 (CPIC data 2024-07-31) because the current CYP2D6 map is missing from the snapshot; alleles defined since then have no function. The 15,051-row diplotype map is left out: sum the two alleles' activity values."));
                break;
            case "DPYD":
                flags.Add(Flag("dpyd-lowest-two-activity", "With unphased data PharmCAT makes no DPYD diplotype: it lists the variants found and takes the activity score from the two lowest-activity alleles. HapB3 is read from intronic rs75017182, falling back to exonic rs56038477 with a warning."));
                break;
            case "SLCO1B1":
                flags.Add(Flag("slco1b1-rs4149056-fallback", "When no star-allele diplotype can be called, PharmCAT bases the CPIC recommendation on the rs4149056 (c.521T>C) genotype alone; this matters for array data."));
                break;
            case "CYP3A4":
                flags.Add(Flag("dpwg-phenotypes", "CYP3A4 follows PharmVar/DPWG: its functions and phenotypes are DPWG's, and CPIC has no CYP3A4 recommendations here."));
                break;
        }

        if (ToxicityGenes.Contains(gene))
        {
            flags.Add(Flag("unlisted-variant-as-reference", "PharmCAT treats a variant found at a defining position that is in no allele definition as reference for this gene (for other genes the gene is 'Not called'). Missing positions are still missing, never reference."));
        }

        if (phenotype is null)
        {
            flags.Add(Flag("no-phenotype-map", gene is "G6PD" or "RYR1"
                ? "PharmCAT's phenotype map for this gene is over 4 MiB and missing from the shared snapshot: allele functions and the phenotype table are absent."
                : "PharmCAT ships no phenotype map for this gene: allele functions and the phenotype table are absent."));
        }
        else if (phenotype.FunctionPhenotypes.IsEmpty && phenotype.ActivityPhenotypes.IsEmpty)
        {
            flags.Add(Flag("no-diplotype-phenotypes", "The phenotype map gives allele functions but lists no diplotype phenotypes."));
        }

        return [.. flags];
    }

    private static PgxGeneFlag Flag(string code, string text) => new() { Code = code, Text = text };
}
