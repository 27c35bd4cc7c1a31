using System.Diagnostics;
using System.Text;
using Decodex.Core.Medicines;

namespace Decodex.Core.Tests.Medicines;

public sealed class MedicineVocabularyTests
{
    private static MedicineVocabulary Vocabulary => MedicineVocabulary.Embedded;

    private static string Ingredients(string written) => string.Join(" + ", Vocabulary.Resolve(written).Ingredients.Select(i => i.Name).Order(StringComparer.Ordinal));

    [Theory]
    // NSAIDs
    [InlineData("ibuprofen", "ibuprofen", "ingredient")]
    [InlineData("Advil", "ibuprofen", "brand")]
    [InlineData("Motrin", "ibuprofen", "brand")]
    [InlineData("Brufen", "ibuprofen", "synonym")]
    [InlineData("naproxen", "naproxen", "ingredient")]
    [InlineData("Aleve", "naproxen", "brand")]
    [InlineData("diclofenac", "diclofenac", "ingredient")]
    [InlineData("meloxicam", "meloxicam", "ingredient")]
    [InlineData("aspirin", "aspirin", "ingredient")]
    [InlineData("celecoxib", "celecoxib", "ingredient")]
    // ACE inhibitors and ARBs
    [InlineData("lisinopril", "lisinopril", "ingredient")]
    [InlineData("Zestril", "lisinopril", "brand")]
    [InlineData("Prinivil", "lisinopril", "brand")]
    [InlineData("ramipril", "ramipril", "ingredient")]
    [InlineData("enalapril", "enalapril", "ingredient")]
    [InlineData("losartan", "losartan", "ingredient")]
    [InlineData("Cozaar", "losartan", "brand")]
    [InlineData("valsartan", "valsartan", "ingredient")]
    [InlineData("candesartan", "candesartan", "ingredient")]
    // Diuretics
    [InlineData("hydrochlorothiazide", "hydrochlorothiazide", "ingredient")]
    [InlineData("chlorthalidone", "chlorthalidone", "ingredient")]
    [InlineData("furosemide", "furosemide", "ingredient")]
    [InlineData("Lasix", "furosemide", "brand")]
    [InlineData("Frusemide", "furosemide", "synonym")]
    [InlineData("bumetanide", "bumetanide", "ingredient")]
    [InlineData("torsemide", "torsemide", "ingredient")]
    // Opioids
    [InlineData("tramadol", "tramadol", "ingredient")]
    [InlineData("Ultram", "tramadol", "brand")]
    [InlineData("tramadol hydrochloride", "tramadol", "salt")]
    [InlineData("codeine", "codeine", "ingredient")]
    [InlineData("oxycodone", "oxycodone", "ingredient")]
    [InlineData("fentanyl", "fentanyl", "ingredient")]
    [InlineData("methadone", "methadone", "ingredient")]
    [InlineData("meperidine", "meperidine", "ingredient")]
    [InlineData("dextromethorphan", "dextromethorphan", "ingredient")]
    // Antidepressants
    [InlineData("sertraline", "sertraline", "ingredient")]
    [InlineData("Zoloft", "sertraline", "brand")]
    [InlineData("fluoxetine", "fluoxetine", "ingredient")]
    [InlineData("Prozac", "fluoxetine", "brand")]
    [InlineData("escitalopram", "escitalopram", "ingredient")]
    [InlineData("Lexapro", "escitalopram", "brand")]
    [InlineData("citalopram", "citalopram", "ingredient")]
    [InlineData("paroxetine", "paroxetine", "ingredient")]
    [InlineData("venlafaxine", "venlafaxine", "ingredient")]
    [InlineData("duloxetine", "duloxetine", "ingredient")]
    [InlineData("Cymbalta", "duloxetine", "brand")]
    [InlineData("amitriptyline", "amitriptyline", "ingredient")]
    [InlineData("nortriptyline", "nortriptyline", "ingredient")]
    [InlineData("phenelzine", "phenelzine", "ingredient")]
    [InlineData("Nardil", "phenelzine", "brand")]
    [InlineData("tranylcypromine", "tranylcypromine", "ingredient")]
    [InlineData("Parnate", "tranylcypromine", "brand")]
    [InlineData("selegiline", "selegiline", "ingredient")]
    [InlineData("Emsam", "selegiline", "brand")]
    [InlineData("isocarboxazid", "isocarboxazid", "ingredient")]
    [InlineData("linezolid", "linezolid", "ingredient")]
    [InlineData("methylene blue", "methylene blue", "ingredient")]
    [InlineData("sumatriptan", "sumatriptan", "ingredient")]
    [InlineData("Imitrex", "sumatriptan", "brand")]
    // Lithium and antipsychotics
    [InlineData("lithium", "lithium", "ingredient")]
    [InlineData("lithium carbonate", "lithium", "salt")]
    [InlineData("Lithobid", "lithium", "brand")]
    [InlineData("risperidone", "risperidone", "ingredient")]
    [InlineData("Risperdal", "risperidone", "brand")]
    [InlineData("haloperidol", "haloperidol", "ingredient")]
    [InlineData("olanzapine", "olanzapine", "ingredient")]
    [InlineData("quetiapine", "quetiapine", "ingredient")]
    [InlineData("aripiprazole", "aripiprazole", "ingredient")]
    // Herbs and others
    [InlineData("St John's wort", "st john's wort", "curated")]
    [InlineData("St. John's Wort", "st john's wort", "curated")]
    [InlineData("Saint John's wort", "st john's wort", "curated")]
    [InlineData("St Johns wort", "st john's wort", "curated")]
    [InlineData("St John’s Wort", "st john's wort", "curated")]
    [InlineData("hypericum", "st john's wort", "curated")]
    [InlineData("warfarin", "warfarin", "ingredient")]
    [InlineData("clopidogrel", "clopidogrel", "ingredient")]
    [InlineData("omeprazole", "omeprazole", "ingredient")]
    [InlineData("fluconazole", "fluconazole", "ingredient")]
    [InlineData("clarithromycin", "clarithromycin", "ingredient")]
    [InlineData("ketoconazole", "ketoconazole", "ingredient")]
    [InlineData("carbamazepine", "carbamazepine", "ingredient")]
    [InlineData("rifampin", "rifampin", "ingredient")]
    [InlineData("rifampicin", "rifampin", "synonym")]
    [InlineData("bupropion", "bupropion", "ingredient")]
    [InlineData("metformin", "metformin", "ingredient")]
    [InlineData("atorvastatin", "atorvastatin", "ingredient")]
    [InlineData("amlodipine", "amlodipine", "ingredient")]
    [InlineData("levothyroxine", "levothyroxine", "ingredient")]
    [InlineData("acetaminophen", "acetaminophen", "ingredient")]
    [InlineData("paracetamol", "acetaminophen", "synonym")]
    [InlineData("metoprolol", "metoprolol", "ingredient")]
    public void Resolve_ImportantName_GivesBaseIngredient(string written, string ingredient, string matchedBy)
    {
        var result = Vocabulary.Resolve(written);

        var resolved = Assert.Single(result.Ingredients);
        Assert.Equal(ingredient, resolved.Name);
        Assert.Equal(matchedBy, resolved.MatchedBy);
        Assert.False(result.IsAmbiguous);
        Assert.Empty(result.Suggestions);
        Assert.NotEmpty(resolved.Hops);
        Assert.False(string.IsNullOrEmpty(resolved.Source));
    }

    [Theory]
    [InlineData("ibuprofen", "5640")]
    [InlineData("lisinopril", "29046")]
    [InlineData("Lasix", "4603")]
    [InlineData("tramadol hydrochloride", "10689")]
    [InlineData("lithium carbonate", "6448")]
    [InlineData("amitriptyline", "704")]
    public void Resolve_KnownName_CarriesRxNormIngredientId(string written, string rxcui) =>
        Assert.Equal(rxcui, Assert.Single(Vocabulary.Resolve(written).Ingredients).Rxcui);

    [Fact]
    public void Resolve_NameRxNormLacksHere_HasNoInventedRxcui() =>
        Assert.Null(Assert.Single(Vocabulary.Resolve("acetaminophen").Ingredients).Rxcui);

    [Theory]
    [InlineData("Tylenol with codeine", "acetaminophen + codeine")]
    [InlineData("Tylenol with Codeine 300/30", "acetaminophen + codeine")]
    [InlineData("Zestoretic", "hydrochlorothiazide + lisinopril")]
    [InlineData("lisinopril/hydrochlorothiazide", "hydrochlorothiazide + lisinopril")]
    [InlineData("lisinopril / hydrochlorothiazide 20/12.5 mg", "hydrochlorothiazide + lisinopril")]
    [InlineData("lisinopril and hydrochlorothiazide", "hydrochlorothiazide + lisinopril")]
    [InlineData("lithium + ibuprofen", "ibuprofen + lithium")]
    [InlineData("Percocet", "acetaminophen + oxycodone")]
    [InlineData("sertraline with St John's wort", "sertraline + st john's wort")]
    [InlineData("Tylenol PM", "acetaminophen + diphenhydramine")]
    [InlineData("Advil PM", "diphenhydramine + ibuprofen")]
    [InlineData("Augmentin", "amoxicillin + clavulanate")]
    [InlineData("Excedrin", "acetaminophen + aspirin + caffeine")]
    [InlineData("Paxlovid", "nirmatrelvir + ritonavir")]
    public void Resolve_Combination_GivesEveryIngredient(string written, string ingredients) =>
        Assert.Equal(ingredients, Ingredients(written));

    [Theory]
    [InlineData("ibuprofen 400 mg tablets", "ibuprofen")]
    [InlineData("lisinopril 10mg", "lisinopril")]
    [InlineData("Advil 200mg", "ibuprofen")]
    [InlineData("Lasix 40 mg tab", "furosemide")]
    [InlineData("sertraline 50 mg daily", "sertraline")]
    [InlineData("  LITHIUM CARBONATE 300 MG CAPSULES ", "lithium")]
    [InlineData("Seroquel XR", "quetiapine")]
    [InlineData("venlafaxine ER 75 mg", "venlafaxine")]
    [InlineData("Advil®", "ibuprofen")]
    [InlineData("Zoloft™ 100 mg", "sertraline")]
    public void Resolve_DoseText_IsIgnored(string written, string ingredient) =>
        Assert.Equal(ingredient, Ingredients(written));

    [Theory]
    [InlineData("tramadol hydrochloride", "tramadol")]
    [InlineData("ibuprofen sodium", "ibuprofen")]
    [InlineData("naproxen sodium", "naproxen")]
    [InlineData("sertraline hydrochloride", "sertraline")]
    [InlineData("amitriptyline hydrochloride", "amitriptyline")]
    [InlineData("escitalopram oxalate", "escitalopram")]
    [InlineData("lithium citrate", "lithium")]
    [InlineData("metoprolol succinate", "metoprolol")]
    public void Resolve_Salt_GivesBase(string written, string ingredient)
    {
        var resolved = Assert.Single(Vocabulary.Resolve(written).Ingredients);

        Assert.Equal(ingredient, resolved.Name);
        Assert.Equal("salt", resolved.MatchedBy);
    }

    [Theory]
    [InlineData("ibuprophen", "ibuprofen")]
    [InlineData("lisinipril", "lisinopril")]
    [InlineData("sertaline", "sertraline")]
    [InlineData("furosemid 40 mg", "furosemide")]
    public void Resolve_Misspelling_IsNotResolvedButSuggested(string written, string suggestion)
    {
        var result = Vocabulary.Resolve(written);

        Assert.Empty(result.Ingredients);
        Assert.False(result.IsRecognised);
        Assert.InRange(result.Suggestions.Count, 1, 3);
        Assert.Equal(suggestion, result.Suggestions[0], ignoreCase: true);
    }

    [Theory]
    [InlineData("Norvasc", "amlodipine", "product")]
    [InlineData("Lipitor", "atorvastatin", "product")]
    [InlineData("Xanax", "alprazolam", "product")]
    [InlineData("Abasaglar", "insulin glargine", "ema")]
    public void Resolve_NameOnlyNdcOrEmaHold_GivesIngredient(string written, string ingredient, string matchedBy)
    {
        var resolved = Assert.Single(Vocabulary.Resolve(written).Ingredients);

        Assert.Equal(ingredient, resolved.Name);
        Assert.Equal(matchedBy, resolved.MatchedBy);
    }

    [Fact]
    public void Resolve_RandomText_NeverThrows()
    {
        var random = new Random(11);
        const string alphabet = "abcdeilmnoprstuvwxyz AEIOU0123456789/+-.,;'’®™#%()&\t\n\u0000\u00e9\u2192\ud83d\ude00";
        for (var i = 0; i < 2_000; i++)
        {
            var text = new char[random.Next(0, 260)];
            for (var j = 0; j < text.Length; j++)
            {
                text[j] = alphabet[random.Next(alphabet.Length)];
            }

            var result = Vocabulary.Resolve(new string(text));
            Assert.True(result.Suggestions.Count <= 3);
        }
    }

    [Fact]
    public void Resolve_NumberedCombinationBrand_IsNotReadAsItsPlainBrand() =>
        // "Tylenol #3" contains codeine; stripping "#3" would leave acetaminophen alone.
        Assert.Empty(Vocabulary.Resolve("Tylenol #3").Ingredients);

    [Fact]
    public void Resolve_BrandOfSeveralProducts_KeepsWhatEveryProductShares()
    {
        var resolved = Assert.Single(Vocabulary.Resolve("Tylenol").Ingredients);

        Assert.Equal("acetaminophen", resolved.Name);
        Assert.Equal("product", resolved.MatchedBy);
        Assert.Contains(resolved.Hops, h => h.Contains("some also contain", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_IngredientNameThatIsAlsoAnotherBrand_ListsEveryReading()
    {
        // "Cortisone" is an ingredient, and NDC 2017 lists products named so that contain hydrocortisone.
        var result = Vocabulary.Resolve("cortisone");

        Assert.True(result.IsAmbiguous);
        Assert.Equal(["cortisone", "hydrocortisone"], result.Ingredients.Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\0\u0001\u001f\u007f")]
    [InlineData("®™")]
    [InlineData("400 mg")]
    [InlineData("xyzzy")]
    [InlineData("/ + / with and")]
    public void Resolve_NoName_GivesNoIngredient(string written) =>
        Assert.Empty(Vocabulary.Resolve(written).Ingredients);

    [Fact]
    public void Resolve_Null_GivesNoIngredient() => Assert.Empty(Vocabulary.Resolve(null!).Ingredients);

    [Fact]
    public void Resolve_HostileInput_ReturnsQuicklyWithNothing()
    {
        var random = new Random(7);
        var noise = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            noise.Append((char)random.Next(0, 0xD7FF));
        }

        string[] inputs =
        [
            new string('a', 10_000),
            string.Concat(Enumerable.Repeat("ibuprofen ", 1_000)),
            noise.ToString(),
            string.Concat(Enumerable.Repeat("a/b+c with ", 18)),
            new string('/', 199),
            string.Concat(Enumerable.Repeat("\u0301", 150)),
        ];
        var clock = Stopwatch.StartNew();
        foreach (var input in inputs)
        {
            var result = Vocabulary.Resolve(input);
            if (input.Length > 200)
            {
                Assert.Empty(result.Ingredients);
                Assert.Empty(result.Suggestions);
            }
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Hostile inputs took {clock.Elapsed}.");
    }

    [Theory]
    [InlineData("ibuprofen", "nsaids")]
    [InlineData("naproxen", "nsaids")]
    [InlineData("diclofenac", "nsaids")]
    [InlineData("meloxicam", "nsaids")]
    [InlineData("celecoxib", "nsaids")]
    [InlineData("indomethacin", "nsaids")]
    [InlineData("piroxicam", "nsaids")]
    [InlineData("aspirin", "nsaids")]
    [InlineData("aspirin", "antiplatelet-agents")]
    [InlineData("lisinopril", "ace-inhibitors")]
    [InlineData("ramipril", "ace-inhibitors")]
    [InlineData("enalapril", "ace-inhibitors")]
    [InlineData("losartan", "angiotensin-receptor-blockers")]
    [InlineData("valsartan", "angiotensin-receptor-blockers")]
    [InlineData("candesartan", "angiotensin-receptor-blockers")]
    [InlineData("hydrochlorothiazide", "thiazide-diuretics")]
    [InlineData("chlorthalidone", "thiazide-diuretics")]
    [InlineData("indapamide", "thiazide-diuretics")]
    [InlineData("furosemide", "loop-diuretics")]
    [InlineData("bumetanide", "loop-diuretics")]
    [InlineData("torsemide", "loop-diuretics")]
    [InlineData("spironolactone", "potassium-sparing-diuretics")]
    [InlineData("amiloride", "potassium-sparing-diuretics")]
    [InlineData("tramadol", "opioids")]
    [InlineData("codeine", "opioids")]
    [InlineData("oxycodone", "opioids")]
    [InlineData("fentanyl", "opioids")]
    [InlineData("methadone", "opioids")]
    [InlineData("meperidine", "opioids")]
    [InlineData("sertraline", "ssri")]
    [InlineData("fluoxetine", "ssri")]
    [InlineData("escitalopram", "ssri")]
    [InlineData("citalopram", "ssri")]
    [InlineData("paroxetine", "ssri")]
    [InlineData("sertraline", "antidepressants")]
    [InlineData("venlafaxine", "snri")]
    [InlineData("duloxetine", "snri")]
    [InlineData("amitriptyline", "tca")]
    [InlineData("nortriptyline", "tca")]
    [InlineData("phenelzine", "maoi")]
    [InlineData("tranylcypromine", "maoi")]
    [InlineData("selegiline", "maoi")]
    [InlineData("isocarboxazid", "maoi")]
    [InlineData("linezolid", "maoi")]
    [InlineData("methylene blue", "maoi")]
    [InlineData("sumatriptan", "triptans")]
    [InlineData("lithium", "mood-stabilisers")]
    [InlineData("haloperidol", "first-generation-antipsychotics")]
    [InlineData("haloperidol", "antipsychotics")]
    [InlineData("risperidone", "second-generation-antipsychotics")]
    [InlineData("olanzapine", "second-generation-antipsychotics")]
    [InlineData("quetiapine", "second-generation-antipsychotics")]
    [InlineData("aripiprazole", "antipsychotics")]
    [InlineData("sertraline", "serotonergic-drugs")]
    [InlineData("venlafaxine", "serotonergic-drugs")]
    [InlineData("amitriptyline", "serotonergic-drugs")]
    [InlineData("sumatriptan", "serotonergic-drugs")]
    [InlineData("tramadol", "serotonergic-drugs")]
    [InlineData("fentanyl", "serotonergic-drugs")]
    [InlineData("lithium", "serotonergic-drugs")]
    [InlineData("buspirone", "serotonergic-drugs")]
    [InlineData("st john's wort", "serotonergic-drugs")]
    [InlineData("warfarin", "anticoagulants")]
    [InlineData("apixaban", "anticoagulants")]
    [InlineData("heparin", "anticoagulants")]
    [InlineData("enoxaparin", "anticoagulants")]
    [InlineData("clopidogrel", "antiplatelet-agents")]
    [InlineData("fluconazole", "cyp3a4-inhibitors")]
    [InlineData("clarithromycin", "cyp3a4-inhibitors")]
    [InlineData("ketoconazole", "cyp3a4-inhibitors")]
    [InlineData("carbamazepine", "cyp3a4-inducers")]
    [InlineData("rifampin", "cyp3a4-inducers")]
    [InlineData("st john's wort", "cyp3a4-inducers")]
    [InlineData("alprazolam", "benzodiazepines")]
    [InlineData("lamotrigine", "antiepileptics")]
    public void ClassesOf_Member_IsInClass(string ingredient, string classId) =>
        Assert.Contains(Vocabulary.ClassesOf(ingredient), m => m.ClassId == classId);

    [Theory]
    [InlineData("acetaminophen", "nsaids")]
    [InlineData("sertraline", "opioids")]
    [InlineData("dextromethorphan", "opioids")]
    [InlineData("lisinopril", "angiotensin-receptor-blockers")]
    [InlineData("losartan", "ace-inhibitors")]
    [InlineData("furosemide", "thiazide-diuretics")]
    [InlineData("hydrochlorothiazide", "loop-diuretics")]
    [InlineData("venlafaxine", "ssri")]
    [InlineData("sertraline", "snri")]
    [InlineData("bupropion", "ssri")]
    [InlineData("lithium", "antipsychotics")]
    [InlineData("haloperidol", "second-generation-antipsychotics")]
    [InlineData("risperidone", "first-generation-antipsychotics")]
    [InlineData("phenelzine", "serotonergic-drugs")]
    [InlineData("codeine", "serotonergic-drugs")]
    [InlineData("oxycodone", "serotonergic-drugs")]
    [InlineData("warfarin", "antiplatelet-agents")]
    [InlineData("clopidogrel", "anticoagulants")]
    [InlineData("ibuprofen", "anticoagulants")]
    [InlineData("metformin", "nsaids")]
    [InlineData("omeprazole", "cyp3a4-inducers")]
    [InlineData("sumatriptan", "ssri")]
    [InlineData("st john's wort", "ssri")]
    [InlineData("potassium citrate", "anticoagulants")]
    [InlineData("d&c yellow no. 10", "ace-inhibitors")]
    public void ClassesOf_NonMember_IsNotInClass(string ingredient, string classId) =>
        Assert.DoesNotContain(Vocabulary.ClassesOf(ingredient), m => m.ClassId == classId);

    [Fact]
    public void ClassesOf_ThiazideLike_KeepsItsOwnFdaTerm()
    {
        var membership = Assert.Single(Vocabulary.ClassesOf("chlorthalidone"), m => m.ClassId == "thiazide-diuretics");

        Assert.Equal("FDA-EPC", membership.System);
        Assert.Equal("Thiazide-like Diuretic", membership.Term);
    }

    [Fact]
    public void Classes_WrittenException_IsListedWithItsReason()
    {
        var exclusion = Assert.Single(Vocabulary.FindClass("ace-inhibitors")!.Exclusions);

        Assert.Equal("d&c yellow no. 10", exclusion.Ingredient);
        Assert.Contains("Indexing error", exclusion.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassesOf_Aspirin_CitesMeshRatherThanOneProduct()
    {
        var membership = Assert.Single(Vocabulary.ClassesOf("aspirin"), m => m.ClassId == "nsaids");

        Assert.Equal("MeSH-PA", membership.System);
        Assert.Contains("D001241", membership.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassesOf_SerotonergicNamedDrug_CitesTheLabelSentence()
    {
        var membership = Assert.Single(Vocabulary.ClassesOf("lithium"), m => m.ClassId == "serotonergic-drugs");

        Assert.Equal("FDA-label", membership.System);
        Assert.Contains("13bb8267-1cab-43e5-acae-55a4d957630a version 43, effective 2023-11-17", membership.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassesOf_UnknownOrHostile_IsEmpty()
    {
        Assert.Empty(Vocabulary.ClassesOf("xyzzy"));
        Assert.Empty(Vocabulary.ClassesOf(""));
        Assert.Empty(Vocabulary.ClassesOf(new string('x', 10_000)));
    }

    [Fact]
    public void Memberships_EveryOne_CarriesSystemTermAndSource()
    {
        var systems = new HashSet<string>(StringComparer.Ordinal) { "FDA-EPC", "FDA-MoA", "FDA-PE", "FDA-label", "MeSH-PA", "ONC-2012", "Decodex" };
        var count = 0;
        foreach (var medicineClass in Vocabulary.Classes)
        {
            foreach (var ingredient in Vocabulary.MembersOf(medicineClass.Id))
            {
                foreach (var membership in Vocabulary.ClassesOf(ingredient))
                {
                    count++;
                    Assert.Contains(membership.System, systems);
                    Assert.False(string.IsNullOrWhiteSpace(membership.Term));
                    Assert.False(string.IsNullOrWhiteSpace(membership.ClassName));
                    Assert.Matches(@"(file \S+|member of ).*\)$|^member of ", membership.Source);
                }
            }
        }

        Assert.True(count > 300);
    }

    [Fact]
    public void Resolve_Brand_HopsShowEveryStep()
    {
        var furosemide = Assert.Single(Vocabulary.Resolve("Lasix").Ingredients);

        Assert.Equal("Lasix → furosemide (brand name, RxNorm release 2025-10-06)", furosemide.Hops[0]);
        Assert.StartsWith("furosemide → Loop diuretics (FDA-EPC \"Loop Diuretic\", substance \"furosemide\"", furosemide.Hops[1], StringComparison.Ordinal);
        Assert.EndsWith("(FDA NDC directory c. 2017))", furosemide.Hops[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Classes_KnowledgeBaseIds_AreDefinedWithParents()
    {
        string[] ids =
        [
            "nsaids", "ace-inhibitors", "angiotensin-receptor-blockers", "thiazide-diuretics", "loop-diuretics", "ssri", "snri", "tca", "maoi",
            "antipsychotics", "first-generation-antipsychotics", "second-generation-antipsychotics", "mood-stabilisers", "opioids",
            "serotonergic-drugs", "triptans", "potassium-sparing-diuretics", "anticoagulants", "antiplatelet-agents", "cyp2d6-inhibitors",
            "cyp3a4-inhibitors", "cyp3a4-inducers", "benzodiazepines", "antiepileptics",
        ];

        foreach (var id in ids)
        {
            var medicineClass = Vocabulary.FindClass(id);
            Assert.NotNull(medicineClass);
            Assert.False(string.IsNullOrWhiteSpace(medicineClass.Definition));
            Assert.True(medicineClass.MemberCount > 0, id);
        }

        Assert.Equal("antidepressants", Vocabulary.FindClass("ssri")!.ParentId);
        Assert.Equal("antidepressants", Vocabulary.FindClass("maoi")!.ParentId);
        Assert.Equal("antipsychotics", Vocabulary.FindClass("first-generation-antipsychotics")!.ParentId);
        Assert.Null(Vocabulary.FindClass("opioids")!.ParentId);
    }

    [Fact]
    public void Sources_CarryLicenceAndAttribution()
    {
        Assert.Equal(["rxnorm", "ndc2017", "mesh2024", "openfda", "ema", "onc2012", "cpic", "curated"], Vocabulary.Sources.Select(s => s.Id));
        Assert.All(Vocabulary.Sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Attribution)));
        Assert.Contains("National Library of Medicine", Vocabulary.Sources[0].Attribution, StringComparison.Ordinal);
        Assert.Matches("^decodex-medicines/1 2026-12-03 [0-9a-f]{12}$", Vocabulary.Version);
    }

    [Fact]
    public void Embedded_IsOneInstance() => Assert.Same(MedicineVocabulary.Embedded, MedicineVocabulary.Embedded);

    [Fact]
    public void Load_NotTheFormat_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => MedicineVocabulary.Load(new MemoryStream("{\"format\":\"other\"}"u8.ToArray())));
        Assert.Throws<InvalidDataException>(() => MedicineVocabulary.Load(new MemoryStream("not json"u8.ToArray())));
    }

    [Fact]
    public void Suggest_Limit_IsRespected()
    {
        Assert.Single(Vocabulary.Suggest("ibuprophen", 1));
        Assert.Empty(Vocabulary.Suggest("ibuprophen", 0));
        Assert.Empty(Vocabulary.Suggest(new string('q', 500)));
    }
}
