using System.CommandLine;
using Decodex.Core.Medicines;

namespace Decodex.Cli;

/// <summary><c>decodex meds resolve NAME... [--json]</c>: what the medicine vocabulary makes of names as a user writes them.</summary>
internal static class MedicineCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var names = new Argument<string[]>("name") { Description = "Medicine names as written on the box (quote names with spaces).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (names documented in the README)." };
        var resolve = new Command("resolve", "Resolve medicine names to ingredients and classes, showing every hop and its source. Exit 0 all recognised, 1 some not recognised or ambiguous, 2 no names.") { names, json };
        resolve.SetAction(parse =>
        {
            var written = parse.GetValue(names) ?? [];
            if (written.Length == 0)
            {
                error.WriteLine("decodex: give at least one medicine name.");
                return ExitCodes.UnusableInput;
            }

            var vocabulary = MedicineVocabulary.Embedded;
            var results = written.Select(vocabulary.Resolve).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(CliJson.Write(new MedsResolveOutput(vocabulary.Version, results, [.. vocabulary.Sources.Select(s => s.Attribution)])));
            }
            else
            {
                Text(output, vocabulary, results);
            }

            return results.All(r => r.IsRecognised && !r.IsAmbiguous) ? ExitCodes.Success : ExitCodes.Problems;
        });
        return new Command("meds", "Medicine names: resolve what is on a medicine box to ingredients and classes.") { resolve };
    }

    private static void Text(TextWriter o, MedicineVocabulary vocabulary, List<MedicineResolution> results)
    {
        foreach (var result in results)
        {
            if (!result.IsRecognised)
            {
                o.WriteLine(result.Suggestions.Count == 0
                    ? $"{result.Written}: not recognised."
                    : $"{result.Written}: not recognised. Nearest known names (not applied): {string.Join(", ", result.Suggestions)}.");
                continue;
            }

            var ingredients = string.Join(" + ", result.Ingredients.Select(i => i.Rxcui is null ? i.Name : $"{i.Name} (RxCUI {i.Rxcui})"));
            o.WriteLine(result.IsAmbiguous ? $"{result.Written}: more than one reading: {ingredients}" : $"{result.Written}: {ingredients}");
            foreach (var hop in result.Ingredients.SelectMany(i => i.Hops).Distinct())
            {
                o.WriteLine("  " + hop);
            }
        }

        o.WriteLine();
        o.WriteLine($"Medicine vocabulary {vocabulary.Version}. Sources: {string.Join("; ", vocabulary.Sources.Select(s => s.ShortName))}.");
    }
}

/// <summary>JSON of <c>decodex meds resolve --json</c>.</summary>
internal sealed record MedsResolveOutput(string Version, IReadOnlyList<MedicineResolution> Results, IReadOnlyList<string> Attributions);
