namespace Decodex.Core.Knowledge.Labels;

/// <summary>Base generic names: lower case, salt and hydrate words removed ("sertraline hydrochloride" → "sertraline").</summary>
public static class LabelNames
{
    private static readonly HashSet<string> SaltWords = new(StringComparer.Ordinal)
    {
        "hydrochloride", "hcl", "dihydrochloride", "sulfate", "sulphate", "bisulfate", "maleate", "mesylate", "dimesylate", "besylate",
        "tartrate", "bitartrate", "citrate", "fumarate", "hemifumarate", "succinate", "acetate", "phosphate", "diphosphate",
        "bromide", "hydrobromide", "monohydrate", "dihydrate", "trihydrate", "hemihydrate", "sesquihydrate", "anhydrous",
        "tosylate", "malate", "lactate", "oxalate", "napsylate", "pamoate", "hyclate", "decanoate", "palmitate", "disodium",
        "sodium", "potassium", "calcium", "magnesium", "mononitrate", "nitrate", "chloride", "estolate", "stearate", "ethylsuccinate",
        "propionate", "valerate", "dipropionate", "hexahydrate", "benzoate", "camsylate", "edisylate", "gluconate", "medoxomil",
        "axetil", "pivoxil", "hydrate", "free", "base", "er", "xr",
    };

    /// <summary>The base name of one ingredient.</summary>
    public static string Base(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Trim().ToLowerInvariant().Replace('’', '\'').Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && SaltWords.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words);
    }

    /// <summary>A lower-case, dash-separated id fragment.</summary>
    public static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    /// <summary>"Sertraline", "Acetaminophen, caffeine and dihydrocodeine".</summary>
    public static string Display(IReadOnlyList<string> ingredients)
    {
        if (ingredients.Count == 0)
        {
            return string.Empty;
        }

        var first = ingredients[0].Length == 0 ? string.Empty : char.ToUpperInvariant(ingredients[0][0]) + ingredients[0][1..];
        return ingredients.Count switch
        {
            1 => first,
            _ => string.Join(", ", ingredients.Skip(1).Take(ingredients.Count - 2).Prepend(first)) + " and " + ingredients[^1],
        };
    }
}
