using Decodex.Core.Genomics;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Testing;
using static Decodex.Testing.PgxTestGenomes;

namespace Decodex.Core.Tests.Reports;

/// <summary>
/// Known-answer profiles, written the way a clinical pharmacist would check the report: each names a
/// person, the compound asked about and the verdict a label or interaction list demands. The worst
/// failure is a "no known issue" where a contraindication, boxed warning, warning, precaution or
/// listed interaction applies; the second is "avoid" where the source says caution. Ages are computed
/// on <see cref="AsOf"/>.
/// </summary>
public sealed class KnownAnswerProfileTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    /// <summary>One case: the profile YAML, the compound asked about, the verdict, and a finding that must explain it.</summary>
    public sealed record Person(string Yaml, string Compound, string Verdict, string? Finding = null, string? Genome = null, string? Labs = null);

    private static readonly Dictionary<string, Person> Cases = new()
    {
        // Lithium with NSAIDs, ACE inhibitors, ARBs and diuretics, by generic, brand and dose text.
        ["lithium + ibuprofen"] = new("birthDate: 1970-01-01\nmedications: [lithium, ibuprofen]\n", "lithium", "avoid", "ibuprofen"),
        ["lithium + Advil 200 mg"] = new("medications: [Lithobid, Advil 200 mg]\n", "lithium", "avoid", "Advil"),
        ["lithium + naproxen"] = new("medications: [lithium carbonate 300 mg, naproxen]\n", "lithium", "avoid", "naproxen"),
        ["lithium + Brufen (UK brand)"] = new("medications: [lithium, Brufen]\n", "lithium", "avoid", "Brufen"),
        ["lithium + lisinopril"] = new("medications: [Lithobid, lisinopril 10mg]\n", "lithium", "avoid", "lisinopril"),
        ["lithium + Zestril"] = new("medications: [lithium, Zestril]\n", "lithium", "avoid", "Zestril"),
        ["lithium + ramipril"] = new("medications: [lithium, ramipril]\n", "lithium", "avoid", "ramipril"),
        ["lithium + losartan"] = new("medications: [lithium, losartan]\n", "lithium", "avoid", "losartan"),
        ["lithium + valsartan"] = new("medications: [lithium, valsartan]\n", "lithium", "avoid", "valsartan"),
        ["lithium + hydrochlorothiazide"] = new("medications: [lithium, hydrochlorothiazide]\n", "lithium", "avoid", "hydrochlorothiazide"),
        ["lithium + Lasix"] = new("medications: [lithium, Lasix 40 mg]\n", "lithium", "avoid", "Lasix"),
        ["lithium + Zestoretic (combination)"] = new("medications: [lithium, Zestoretic]\n", "lithium", "avoid", "Zestoretic"),
        ["lithium + ibuprofen as a comma list"] = new("medications: lithium, ibuprofen\n", "lithium", "avoid", "ibuprofen"),

        // Interactions from both sides.
        ["on Risperdal, asking about lithium"] = new("medications: [Risperdal]\n", "lithium", "caution", "Risperdal"),
        ["on Lithobid, asking about risperidone"] = new("medications: [Lithobid]\n", "risperidone", "caution", "Lithobid"),
        ["on sertraline, asking about lithium"] = new("medications: [sertraline]\n", "lithium", "caution", "sertraline"),
        ["on lithium, asking about SSRIs"] = new("medications: [lithium]\n", "ssris", "caution", "lithium"),

        ["on lithium and Risperdal, a kidney result on file, asking about lithium: monitor, not avoid"] = new("sex: male\nbirthDate: 1970-01-01\nmedications: [lithium, Risperdal]\nlabs: [l.csv]\n", "lithium", "caution", "Risperdal", Labs: "date,test,value,unit\n2026-09-01,Creatinine,0.9,mg/dL\n"),
        ["on fluoxetine, asking about SSRIs: no interaction with itself"] = new("birthDate: 1970-01-01\nmedications: [fluoxetine]\n", "ssris", "caution"),

        // Serotonergic combinations.
        ["MAOIs + sertraline"] = new("medications: [sertraline]\n", "mao-inhibitors", "avoid", "sertraline"),
        ["on Nardil, asking about SSRIs"] = new("medications: [Nardil]\n", "ssris", "avoid", "Nardil"),
        ["on Nardil as a mapping, asking about SSRIs"] = new("medications:\n  - name: Nardil\n    dose: 15 mg\n", "ssris", "avoid", "Nardil"),
        ["on phenelzine, asking about SNRIs"] = new("medications: [phenelzine]\n", "snris", "avoid", "phenelzine"),
        ["on Parnate, asking about tricyclics"] = new("medications: [Parnate]\n", "tricyclic-antidepressants", "avoid", "Parnate"),
        ["on linezolid, asking about SSRIs"] = new("medications: [linezolid]\n", "ssris", "avoid", "linezolid"),
        ["on venlafaxine, asking about MAOIs"] = new("medications: [Effexor XR]\n", "mao-inhibitors", "avoid", "Effexor"),
        ["MAOIs + tramadol"] = new("medications: [tramadol]\n", "mao-inhibitors", "avoid", "tramadol"),
        ["MAOIs + Ultram"] = new("medications: [Ultram]\n", "mao-inhibitors", "avoid", "Ultram"),
        ["SSRIs + tramadol"] = new("birthDate: 1970-01-01\nmedications: [tramadol hydrochloride]\n", "ssris", "caution", "tramadol"),
        ["SSRIs + St John's wort"] = new("birthDate: 1970-01-01\nmedications: [St John's wort]\n", "ssris", "caution", "St John's wort"),

        // Dementia with antipsychotics (boxed warning).
        ["risperidone, 82, Alzheimer's disease"] = new("birthDate: 1944-03-01\nconditions: [Alzheimer's disease]\n", "risperidone", "avoid", "Boxed warning"),
        ["risperidone, 79, dementia"] = new("birthDate: 1947-06-01\nconditions: [dementia]\n", "risperidone", "avoid", "Boxed warning"),
        ["risperidone, age unknown, dementia-related psychosis"] = new("conditions: [dementia-related psychosis]\n", "risperidone", "avoid", "Boxed warning"),
        ["risperidone, 40, schizophrenia"] = new("birthDate: 1986-01-01\nconditions: [schizophrenia]\n", "risperidone", "caution"),

        // Pregnancy and breastfeeding.
        ["lithium, pregnant"] = new("sex: female\nbirthDate: 1995-01-01\npregnant: yes\n", "lithium", "caution", "Pregnancy"),
        ["cerebrolysin, pregnant"] = new("sex: female\nbirthDate: 1995-01-01\npregnant: true\n", "cerebrolysin", "caution", "Pregnancy"),
        ["cerebrolysin, pregnancy written as a condition"] = new("sex: female\nbirthDate: 1995-01-01\nconditions: [pregnant]\n", "cerebrolysin", "caution", "Pregnancy"),

        // Children, adolescents and older adults.
        ["SSRIs, 16 years old"] = new("birthDate: 2010-05-01\n", "ssris", "caution", "aged 24 or under"),
        ["tricyclics, 21 years old"] = new("birthDate: 2005-05-01\n", "tricyclic-antidepressants", "caution", "aged 24 or under"),
        ["cerebrolysin, 8 years old: no adult eGFR, kidney function unknown"] = new("birthDate: 2018-05-01\nsex: male\nlabs: [l.csv]\n", "cerebrolysin", "caution", "Unknown: severe renal impairment", Labs: "date,test,value,unit\n2026-09-01,Creatinine,0.4,mg/dL\n"),

        // Renal impairment from labs, in both units.
        ["lithium, creatinine 5.1 mg/dL"] = new("sex: male\nbirthDate: 1955-01-01\nlabs: [l.csv]\n", "lithium", "avoid", "lab results", Labs: "date,test,value,unit\n2026-10-01,Creatinine,5.1,mg/dL\n"),
        ["lithium, creatinine 450 umol/L"] = new("sex: male\nbirthDate: 1955-01-01\nlabs: [l.csv]\n", "lithium", "avoid", "lab results", Labs: "date,test,value,unit\n2026-10-01,Creatinine,450,umol/L\n"),
        ["cerebrolysin, creatinine 4.8 mg/dL"] = new("sex: female\nbirthDate: 1950-01-01\nlabs: [l.csv]\n", "cerebrolysin", "avoid", "lab results", Labs: "date,test,value,unit\n2026-10-01,Creatinine,4.8,mg/dL\n"),
        ["cerebrolysin, no kidney result"] = new("sex: female\nbirthDate: 1950-01-01\n", "cerebrolysin", "caution", "Unknown: severe renal impairment"),

        // Seizures.
        ["cerebrolysin, seizure disorder"] = new("conditions: [seizure disorder]\nlabs: [l.csv]\nsex: male\nbirthDate: 1970-01-01\n", "cerebrolysin", "avoid", "Epilepsy", Labs: "date,test,value,unit\n2026-09-01,Creatinine,0.9,mg/dL\n"),
        ["risperidone, epilepsy"] = new("birthDate: 1980-01-01\nconditions: [epilepsy]\n", "risperidone", "caution", "Epilepsy"),

        // Recent and past myocardial infarction.
        ["tricyclics, recent heart attack"] = new("birthDate: 1960-01-01\nconditions: [recent myocardial infarction]\n", "tricyclic-antidepressants", "avoid", "myocardial infarction"),
        ["tricyclics, heart attack (timing unknown)"] = new("birthDate: 1960-01-01\nconditions: [heart attack]\n", "tricyclic-antidepressants", "avoid", "myocardial infarction"),

        // Allergies.
        ["risperidone, allergic to risperidone"] = new("allergies: [risperidone]\n", "risperidone", "avoid", "hypersensitivity"),
        ["risperidone, hypersensitivity written as a condition"] = new("conditions: [hypersensitivity to Risperdal]\n", "risperidone", "avoid", "hypersensitivity"),
        ["cerebrolysin, allergic to Cerebrolysin"] = new("allergies: [Cerebrolysin]\n", "cerebrolysin", "avoid", "hypersensitivity"),

        // Misspellings and unknown names: suggested, never guessed, never "no known issue".
        ["lithium + ibuprophen (misspelt)"] = new("medications: [lithium, ibuprophen]\n", "lithium", "caution", "Not checked: ibuprophen"),
        ["cerebrolysin + an unknown medicine"] = new("sex: male\nbirthDate: 1970-01-01\nmedications: [Zorblax]\nlabs: [l.csv]\n", "cerebrolysin", "caution", "Not checked: Zorblax", Labs: "date,test,value,unit\n2026-09-01,Creatinine,0.9,mg/dL\n"),

        // Pharmacogenes.
        ["SSRIs, CYP2C19 poor metaboliser"] = new("birthDate: 1970-01-01\nmedications: [escitalopram]\ngenome: g.txt\n", "ssris", "caution", "Applies to you: CYP2C19 poor", Genome: "CYP2C19 *2/*2"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Verdict(string name)
    {
        var c = Cases[name];
        var report = Build(c);

        var compound = Assert.Single(report.Compounds);
        Assert.True(c.Verdict == compound.Verdict, $"{name}: expected {c.Verdict}, got {compound.Verdict} ({string.Join(" | ", compound.Reasons)})");
        if (c.Finding is { } expected)
        {
            Assert.Contains(compound.Findings, f => f.Title.Contains(expected, StringComparison.OrdinalIgnoreCase) || f.Inputs.Any(i => i.Contains(expected, StringComparison.OrdinalIgnoreCase)));
        }

        Assert.All(compound.Findings, f => Assert.NotEmpty(f.Rule));
    }

    [Fact]
    public void GeneFindings_FireOnlyForTheKnownMatchingPhenotype()
    {
        var poor = Assert.Single(Build(new Person("medications: [escitalopram]\ngenome: g.txt\n", "ssris", "caution", Genome: "CYP2C19 *2/*2")).Compounds);
        var risperidone = Assert.Single(Build(new Person("genome: g.txt\n", "risperidone", "caution", Genome: "CYP2C19 *2/*2")).Compounds);

        Assert.Contains(poor.Findings, f => f.Kind == FindingKind.GeneModifier && f.Title.Contains("poor", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(poor.Findings, f => f.Kind == FindingKind.GeneModifier && f.Title.Contains("ultrarapid", StringComparison.OrdinalIgnoreCase));
        Assert.All(poor.Findings.Where(f => f.Kind == FindingKind.GeneModifier), f => Assert.Contains("CPIC level", f.Explanation, StringComparison.Ordinal));
        Assert.All(poor.Findings.Where(f => f.Kind == FindingKind.GeneModifier), f => Assert.DoesNotContain("single-study", f.Explanation, StringComparison.Ordinal));

        // CYP2D6 is never phenotyped from SNP data: its modifiers stay unknown, never "applies".
        Assert.DoesNotContain(risperidone.Findings, f => f.Kind == FindingKind.GeneModifier);
        Assert.Contains(risperidone.Findings, f => f.Kind == FindingKind.MissingData && f.Title.Contains("CYP2D6", StringComparison.Ordinal) && f.Inputs.Any(i => i.Contains("copy", StringComparison.OrdinalIgnoreCase) || i.Contains("deletion", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void AMedicineIsNeverReportedAsInteractingWithItsOwnClassMonograph()
    {
        var ssris = Assert.Single(Build(new Person("birthDate: 1970-01-01\nmedications: [fluoxetine]\n", "ssris", "caution")).Compounds);
        var maois = Assert.Single(Build(new Person("birthDate: 1970-01-01\nmedications: [Nardil]\n", "mao-inhibitors", "caution")).Compounds);

        Assert.DoesNotContain(ssris.Findings, f => f.Kind == FindingKind.Interaction);
        Assert.DoesNotContain(maois.Findings, f => f.Kind == FindingKind.Interaction);
    }

    [Fact]
    public void Ages_DecideWhichBoxedWarningsApply()
    {
        var adult = Assert.Single(Build(new Person("birthDate: 1980-01-01\n", "ssris", "caution")).Compounds);
        var unknown = Assert.Single(Build(new Person("sex: male\n", "ssris", "caution")).Compounds);
        var youngRisperidone = Assert.Single(Build(new Person("birthDate: 1980-01-01\nconditions: [dementia]\n", "risperidone", "caution")).Compounds);

        Assert.DoesNotContain(adult.Findings, f => f.Kind == FindingKind.BoxedWarning && f.Title.Contains("24", StringComparison.Ordinal));
        var possible = Assert.Single(unknown.Findings, f => f.Kind == FindingKind.BoxedWarning && f.Title.Contains("24", StringComparison.Ordinal));
        Assert.Equal("possible", possible.Certainty);
        Assert.Contains("birth date", possible.WouldSettle, StringComparison.Ordinal);
        Assert.DoesNotContain(youngRisperidone.Findings, f => f.Kind == FindingKind.BoxedWarning && f.Level == FindingLevel.Avoid);
    }

    [Fact]
    public void PastMyocardialInfarction_IsNotTheRecentOneTheContraindicationNames()
    {
        var past = Assert.Single(Build(new Person("birthDate: 1960-01-01\nconditions: [past myocardial infarction]\n", "tricyclic-antidepressants", "caution")).Compounds);

        Assert.DoesNotContain(past.Findings, f => f.Kind == FindingKind.Contraindication);
    }

    [Fact]
    public void Pregnancy_NotStated_IsUnknownForWomenOfChildbearingAge()
    {
        var woman = Assert.Single(Build(new Person("sex: female\nbirthDate: 1995-01-01\n", "lithium", "caution")).Compounds);
        var man = Assert.Single(Build(new Person("sex: male\nbirthDate: 1995-01-01\n", "lithium", "caution")).Compounds);

        Assert.Contains(woman.Findings, f => f.Kind == FindingKind.MissingData && f.Title.Contains("pregnancy", StringComparison.OrdinalIgnoreCase) && f.WouldSettle!.Contains("pregnant:", StringComparison.Ordinal));
        Assert.DoesNotContain(man.Findings, f => f.Kind == FindingKind.MissingData && f.Title.Contains("pregnancy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void DefaultReport_CoversEveryCompound_AndNamesUncheckedMedicines()
    {
        var kb = ShippedKnowledge.Base;
        var (profile, _) = ProfileLoader.Parse("medications: [lithium, Zorblax]\n", "profile.yaml", kb);
        var pgx = PgxDataLoader.LoadEmbedded();

        var report = ReportEngine.Build(kb, pgx, new ReportInputs { Profile = profile!, AsOf = AsOf });

        Assert.Equal(kb.Curated.Select(c => c.Id).Order(), report.Compounds.Select(c => c.CompoundId).Order());
        Assert.Contains("ssris", report.Compounds.Select(c => c.CompoundId));
        Assert.Equal(["Zorblax"], report.UncheckedMedications);
        Assert.DoesNotContain(report.Compounds, c => c.Verdict == "no-known-issue");
    }

    [Fact]
    public void ProfileMistakes_AreListedNotDropped()
    {
        var kb = ShippedKnowledge.Base;
        const string yaml = "medications:\n  - name: Nardil\n    dose: 15 mg\n  - lithium, ibuprofen\nconditions: [epilepsie]\ngenome: [a.txt, b.txt]\nallergies: risperidone\n";

        var (profile, issues) = ProfileLoader.Parse(yaml, "profile.yaml", kb, findFile: name => "/nonexistent/" + name);

        Assert.NotNull(profile);
        Assert.Equal(["Nardil", "lithium", "ibuprofen"], profile.Medications.Select(m => m.Written));
        Assert.Contains(profile.Notices, n => n.Field == "medications" && n.Message.Contains("dose", StringComparison.Ordinal));
        Assert.Contains(profile.Notices, n => n.Field == "medications" && n.Message.Contains("one line", StringComparison.Ordinal));
        var condition = Assert.Single(profile.Notices, n => n.Field == "conditions");
        Assert.Contains("Epilepsy", condition.Suggestions);
        Assert.Contains(profile.Notices, n => n.Field == "genome" && n.Written == "b.txt");
        Assert.Single(profile.Allergies);
        Assert.All(issues, i => Assert.DoesNotContain("epilepsie", i.Message, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Wording_NothingInternalReachesTheReader()
    {
        var kb = ShippedKnowledge.Base;
        var pgx = PgxDataLoader.LoadEmbedded();
        var (profile, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), kb);
        var report = ReportEngine.Build(kb, pgx, ReportInputs.Load(profile!, kb, pgx) with { AsOf = AsOf });

        var html = ReportHtml.Render(report);
        var body = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html[html.IndexOf("<body>", StringComparison.Ordinal)..], "<[^>]+>", " "));

        Assert.DoesNotContain("..", body.Replace("...", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("{", body, StringComparison.Ordinal);
        Assert.DoesNotContain("CommunityRating", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Collections", body, StringComparison.Ordinal);
        Assert.Contains("mL/min/1.73 m²", body, StringComparison.Ordinal);
        var words = System.Text.RegularExpressions.Regex.Split(body, @"[\s,;()\[\]]+").ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(kb.Citations, c => c.Id.Contains('-', StringComparison.Ordinal) && words.Contains(c.Id));
        Assert.DoesNotContain(kb.Conditions, c => c.Id.Contains('-', StringComparison.Ordinal) && (words.Contains(c.Id) || words.Contains(c.Id + ":")));
    }

    [Theory]
    [InlineData("medications: [Tylenol #3, lithium]\n")]
    [InlineData("medications: [a, [b\n")]
    [InlineData("conditions: {x: [y: z]]}\n")]
    [InlineData("\t- x\n")]
    public void MalformedProfiles_AreRefusedWithACode_NeverThrow(string yaml)
    {
        var (profile, issues) = ProfileLoader.Parse(yaml, "profile.yaml", ShippedKnowledge.Base);

        Assert.Null(profile);
        Assert.Contains(issues, i => i.Code == ReportIssueCodes.UnreadableProfile);
    }

    private static PersonalReport Build(Person c)
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "profile.yaml"), c.Yaml);
        if (c.Labs is { } labs)
        {
            File.WriteAllText(Path.Combine(folder.Path, "l.csv"), labs);
        }

        if (c.Genome is { } genome)
        {
            var gene = PgxDataLoader.LoadEmbedded().FindGene(genome.Split(' ')[0])!;
            var alleles = genome.Split(' ')[1].Split('/');
            var rows = Rows(gene, alleles[0], alleles[1], GenomeBuild.Grch37, "rs4244285", "rs4986893", "rs12248560").Concat(Markers(GenomeBuild.Grch37));
            File.WriteAllText(Path.Combine(folder.Path, "g.txt"), TwentyThreeAndMe(rows));
        }

        var kb = ShippedKnowledge.Base;
        var (profile, issues) = ProfileLoader.Load(Path.Combine(folder.Path, "profile.yaml"), kb);
        Assert.True(profile is not null, string.Join("; ", issues));
        var pgx = PgxDataLoader.LoadEmbedded();
        return ReportEngine.Build(kb, pgx, ReportInputs.Load(profile, kb, pgx) with { AsOf = AsOf }, [c.Compound]);
    }
}
