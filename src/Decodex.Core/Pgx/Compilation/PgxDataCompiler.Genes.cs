using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Decodex.Core.Pgx.Compilation;

public static partial class PgxDataCompiler
{
    private static ImmutableArray<PgxGene> CompileGenes(string root, List<string> notes)
    {
        var coordinates = Grch37Table.Read(Path.Combine(root, VariantTable));
        var files = Directory.GetFiles(Path.Combine(root, DefinitionFolder), "*_translation.json").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"No *_translation.json in {DefinitionFolder}.");
        }

        var genes = new List<PgxGene>();
        foreach (var file in files)
        {
            using var definition = SourceJson.Open(file);
            genes.Add(CompileGene(root, definition.RootElement, coordinates, notes));
        }

        return [.. genes.OrderBy(g => g.Symbol, StringComparer.Ordinal)];
    }

    private static PgxGene CompileGene(string root, JsonElement definition, Grch37Table coordinates, List<string> notes)
    {
        var symbol = SourceJson.RequiredString(definition, "gene");
        var chromosome = SourceJson.RequiredString(definition, "chromosome");

        var variants = new List<PgxVariant>();
        var unmatched = 0;
        foreach (var element in SourceJson.Array(definition, "variants"))
        {
            var rsId = SourceJson.String(element, "rsid");
            var grch38 = new PgxLocus
            {
                Position = SourceJson.Int(element, "position") ?? throw new InvalidDataException($"{symbol}: a variant has no position."),
                Ref = SourceJson.RequiredString(element, "ref"),
                Alts = [.. SourceJson.StringSlots(element, "alts").OfType<string>()],
            };
            var (grch37, matchedBy) = coordinates.Find(chromosome, grch38, rsId);
            if (grch37 is null)
            {
                unmatched++;
            }

            variants.Add(new PgxVariant
            {
                Index = variants.Count,
                RsId = rsId,
                Grch38 = grch38,
                Grch37 = grch37,
                Grch37MatchedBy = matchedBy,
                Hgvs = SourceJson.String(element, "chromosomeHgvsName"),
            });
        }

        if (unmatched > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{symbol}: {unmatched} of {variants.Count} variants have no GRCh37 coordinates in pypgx (left null)."));
        }

        var phenotype = PhenotypeMap.Read(root, symbol, notes);

        // A sub-allele (SLCO1B1 *45.001, *45.002) is listed in the phenotype map under its core name.
        var subAlleles = SourceJson.StringMap(definition, "suballelesMap");
        var alleles = new List<PgxAllele>();
        var withoutFunction = new List<string>();
        foreach (var element in SourceJson.Array(definition, "namedAlleles"))
        {
            var name = SourceJson.RequiredString(element, "name");
            var slots = SourceJson.StringSlots(element, "alleles");
            if (slots.Length != variants.Count)
            {
                throw new InvalidDataException($"{symbol} {name}: {slots.Length} allele slots for {variants.Count} variants.");
            }

            var known = phenotype?.Alleles.GetValueOrDefault(name)
                ?? (subAlleles.TryGetValue(name, out var core) ? phenotype?.Alleles.GetValueOrDefault(core) : null);
            if (phenotype is not null && known is null)
            {
                withoutFunction.Add(name);
            }

            alleles.Add(new PgxAllele
            {
                Name = name,
                IsReference = SourceJson.Bool(element, "reference"),
                Alleles = slots,
                Function = known?.Function,
                ActivityValue = known?.ActivityValue,
            });
        }

        if (withoutFunction.Count > 0)
        {
            notes.Add($"{symbol}: {withoutFunction.Count} defined allele(s) not in the phenotype map (function left null): {string.Join(", ", withoutFunction)}.");
        }

        var reference = alleles.Where(a => a.IsReference).Select(a => a.Name).ToArray();
        if (reference.Length != 1)
        {
            throw new InvalidDataException($"{symbol}: expected one reference allele, found {reference.Length}.");
        }

        return new PgxGene
        {
            Symbol = symbol,
            Chromosome = chromosome,
            GenomeBuild = SourceJson.RequiredString(definition, "genomeBuild"),
            RefSeqChromosomeId = SourceJson.String(definition, "refSeqChromosomeId"),
            DefinitionVersion = SourceJson.RequiredString(definition, "version"),
            ReferenceAllele = reference[0],
            Variants = [.. variants],
            Alleles = [.. alleles],
            PhenotypeMethod = phenotype?.Method,
            PhenotypeVersion = phenotype?.Version,
            FunctionPhenotypes = phenotype?.FunctionPhenotypes ?? [],
            ActivityPhenotypes = phenotype?.ActivityPhenotypes ?? [],
            Flags = PgxGeneFlags.For(symbol, phenotype),
        };
    }
}
