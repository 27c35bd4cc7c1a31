using System.Globalization;

namespace Decodex.Core.Knowledge;

public static partial class KnowledgeBaseLoader
{
    private static readonly string[] ChromosomeNames =
        [.. Enumerable.Range(1, 22).Select(i => i.ToString(CultureInfo.InvariantCulture)), "X", "Y", "MT"];

    private static void ReadHealth(YamlMap root, LoadState state)
    {
        foreach (var map in root.Maps("healthVariants"))
        {
            var variant = ReadHealthVariant(map, state);
            Register(state.HealthVariants, variant.Id, variant, map, "health variant", v => v.Location);
        }

        foreach (var map in root.Maps("healthCombinations"))
        {
            var combination = new HealthCombination
            {
                Id = Id(map, "health combination"),
                Name = map.RequiredString("name"),
                Parts = [.. map.Maps("parts").Select(p =>
                {
                    var part = new HealthCombinationPart(p.RequiredString("variant"), p.Int("copies") ?? 0);
                    if (part.Copies is < 1 or > 2)
                    {
                        p.ReportAt(KnowledgeIssueCodes.Structure, "'copies' must be 1 or 2.", "copies");
                    }

                    p.Finish();
                    return part;
                })],
                Text = map.RequiredString("text"),
                CitationIds = HealthCitations(map, state, "health combination"),
                Location = map.Location,
            };
            if (combination.Parts.Count < 2)
            {
                map.ReportAt(KnowledgeIssueCodes.Structure, "A health combination needs at least two 'parts'.", "parts");
            }

            map.Finish();
            if (Register(state.HealthCombinations, combination.Id, combination, map, "health combination", c => c.Location))
            {
                state.HealthCombinationRefs.Add((combination, map));
            }
        }
    }

    private static HealthVariant ReadHealthVariant(YamlMap map, LoadState state)
    {
        var chromosome = map.RequiredString("chromosome");
        if (chromosome.Length > 0 && !ChromosomeNames.Contains(chromosome, StringComparer.Ordinal))
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, "'chromosome' must be 1-22, X, Y or MT.", "chromosome");
        }

        ulong rs = 0;
        if (map.String("rsid") is { } rsid && (!rsid.StartsWith("rs", StringComparison.Ordinal) || !ulong.TryParse(rsid.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out rs)))
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, "'rsid' must be written rs followed by digits.", "rsid");
        }

        var risk = Allele(map, "riskAllele");
        var other = Allele(map, "otherAllele");
        var variant = new HealthVariant
        {
            Id = Id(map, "health variant"),
            Gene = map.RequiredString("gene"),
            Name = map.RequiredString("name"),
            Hgvs = map.String("hgvs"),
            Condition = map.RequiredString("condition"),
            Kind = map.RequiredTerm("kind", HealthVariantKind.Risk),
            Inheritance = map.RequiredTerm("inheritance", HealthInheritance.Recessive),
            Topic = map.RequiredString("topic"),
            Sensitive = map.Bool("sensitive"),
            RsId = rs,
            VendorIds = [.. map.Strings("vendorIds").Select(v => v.ToLowerInvariant())],
            Chromosome = chromosome,
            Grch37 = Site(map.Map("grch37")),
            Grch38 = Site(map.Map("grch38")),
            RiskAllele = risk,
            OtherAllele = other,
            Frequencies = [.. map.Maps("frequencies").Select(f =>
            {
                var frequency = new HealthFrequency(f.RequiredString("population"), f.Decimal("frequency") ?? -1, HealthCitations(f, state, "frequency"));
                if (frequency.Frequency is < 0 or > 1)
                {
                    f.ReportAt(KnowledgeIssueCodes.Structure, "'frequency' must be a number from 0 to 1.", "frequency");
                }

                f.Finish();
                return frequency;
            })],
            Meanings = [.. map.Maps("meanings").Select(m =>
            {
                var meaning = new HealthMeaning(m.RequiredTerm("genotype", HealthGenotypeClass.NoCopies), m.RequiredString("text"), HealthCitations(m, state, "meaning", required: false))
                {
                    ConditionIds = m.Strings("conditions"),
                    PossibleConditionIds = m.Strings("possibleConditions"),
                };
                state.ReferAll(RefKind.Condition, meaning.ConditionIds, m, "conditions", "health meaning condition");
                state.ReferAll(RefKind.Condition, meaning.PossibleConditionIds, m, "possibleConditions", "health meaning condition");
                m.Finish();
                return meaning;
            })],
            NotMeaning = map.RequiredString("notMeaning"),
            Confirm = map.RequiredString("confirm"),
            CitationIds = HealthCitations(map, state, "health variant"),
            Location = map.Location,
        };

        if (variant.RsId == 0 && variant.VendorIds.Count == 0 && variant.Grch37 is null && variant.Grch38 is null)
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, "A health variant needs an rsid, a vendor id or a site in a build.", "id");
        }

        if (risk.Length > 0 && risk == other)
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, "'riskAllele' and 'otherAllele' must differ.", "otherAllele");
        }

        if (variant.Grch37 is null && variant.Grch38 is null && risk.Length > 0 && risk != "D")
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, "A single-base variant needs its site in at least one build ('grch37' or 'grch38'), so a file can be checked by position.", "id");
        }

        // A site whose bases are not the risk and usual alleles would be read against the wrong letters.
        foreach (var (site, key) in new[] { (variant.Grch37, "grch37"), (variant.Grch38, "grch38") })
        {
            if (site is not null && risk.Length == 1 && risk != "D"
                && !(new[] { site.Reference, site.Alternate }.Order(StringComparer.Ordinal).SequenceEqual(new[] { risk, other }.Order(StringComparer.Ordinal))))
            {
                map.ReportAt(KnowledgeIssueCodes.Structure, $"The {key} reference and alternate bases must be the risk and usual alleles.", key);
            }
        }

        var classes = variant.Meanings.Select(m => m.Genotype).ToArray();
        if (classes.Distinct().Count() != classes.Length)
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, "Each genotype may have one meaning only.", "meanings");
        }

        HealthGenotypeClass[] needed = variant.Inheritance == HealthInheritance.XLinked
            ? [HealthGenotypeClass.NoCopies, HealthGenotypeClass.OneCopy, HealthGenotypeClass.TwoCopies, HealthGenotypeClass.Hemizygous, HealthGenotypeClass.HemizygousUsual]
            : [HealthGenotypeClass.NoCopies, HealthGenotypeClass.OneCopy, HealthGenotypeClass.TwoCopies];
        foreach (var missing in needed.Except(classes))
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, $"A meaning for the genotype '{TermText.Of(missing)}' is required.", "meanings");
        }

        map.Finish();
        return variant;
    }

    private static string Allele(YamlMap map, string key)
    {
        var allele = map.RequiredString(key);
        if (allele.Length > 0 && allele is not ("A" or "C" or "G" or "T" or "D" or "I"))
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, $"'{key}' must be one of A, C, G, T, or D/I for an indel as vendor files write it.", key);
        }

        return allele;
    }

    private static HealthSite? Site(YamlMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var site = new HealthSite(map.Int("position") ?? 0, map.RequiredString("reference").ToUpperInvariant(), map.RequiredString("alternate").ToUpperInvariant());
        if (site.Position <= 0)
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, "'position' must be a whole number above 0.", "position");
        }

        foreach (var (bases, key) in new[] { (site.Reference, "reference"), (site.Alternate, "alternate") })
        {
            if (bases.Length > 0 && bases.AsSpan().IndexOfAnyExcept("ACGT") >= 0)
            {
                map.ReportAt(KnowledgeIssueCodes.Structure, $"'{key}' must be written in the bases A, C, G and T.", key);
            }
        }

        map.Finish();
        return site;
    }

    private static IReadOnlyList<string> HealthCitations(YamlMap map, LoadState state, string what, bool required = true)
    {
        var ids = map.Strings("citations");
        if (required && ids.Count == 0)
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, $"A {what} needs its source in 'citations'.", "citations");
        }

        state.ReferAll(RefKind.Citation, ids, map, "citations", $"{what} citation");
        return ids;
    }

    /// <summary>A combination may name only variants of the allow-list.</summary>
    private static void CheckHealthCombinations(LoadState state)
    {
        foreach (var (combination, map) in state.HealthCombinationRefs)
        {
            foreach (var part in combination.Parts.Where(p => !state.HealthVariants.ContainsKey(p.VariantId)))
            {
                state.Issues.Add(new Issue(KnowledgeIssueCodes.DanglingReference, IssueSeverity.Error, $"The health combination part '{part.VariantId}' is not a known health variant.", map.File, map.LineOf("parts")));
            }
        }
    }
}
