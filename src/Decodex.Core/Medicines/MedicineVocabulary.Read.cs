using System.Text.Json;

namespace Decodex.Core.Medicines;

public sealed partial class MedicineVocabulary
{
    // The file is read with a forward-only reader: the 60,000 name entries would otherwise be built as a
    // document first and copied afterwards. The small sections (sources, classes) go through JsonDocument.
    private static MedicineVocabulary Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16 });
        Expect(ref reader, JsonTokenType.StartObject);
        string? format = null, version = null;
        MedicineSource[]? sources = null;
        MedicineClass[]? classes = null;
        List<(string Name, string? Rxcui)>? ingredients = null;
        List<(int Ingredient, string ClassId, string System, string Term, string Source, string Detail)>? memberships = null;
        Dictionary<string, NameEntry[]>? names = null;
        while (Read(ref reader) != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            Read(ref reader);
            switch (property)
            {
                case "format":
                    format = reader.GetString();
                    if (format != "decodex-medicines/1")
                    {
                        throw new InvalidDataException("The medicine vocabulary file is not in the decodex-medicines/1 format.");
                    }

                    break;
                case "version":
                    version = reader.GetString();
                    break;
                case "tiers":
                    using (var tiers = JsonDocument.ParseValue(ref reader))
                    {
                        if (!tiers.RootElement.EnumerateArray().Select(t => t.GetString()).SequenceEqual(TierNames))
                        {
                            throw new InvalidDataException("The medicine vocabulary file lists unexpected match tiers.");
                        }
                    }

                    break;
                case "sources":
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        sources = [.. document.RootElement.EnumerateArray().Select(s => new MedicineSource(
                            s.GetProperty("id").GetString()!, s.GetProperty("name").GetString()!, s.GetProperty("short").GetString()!, s.GetProperty("date").GetString()!,
                            s.GetProperty("licence").GetString()!, s.GetProperty("attribution").GetString()!,
                            s.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray()))];
                    }

                    break;
                case "classes":
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        classes = [.. document.RootElement.EnumerateArray().Select(c => new MedicineClass(
                            c.GetProperty("id").GetString()!, c.GetProperty("name").GetString()!, c.GetProperty("parentId").GetString(), c.GetProperty("definition").GetString()!,
                            c.GetProperty("terms").EnumerateArray().Select(t => new MedicineClassTerm(t.GetProperty("system").GetString()!, t.GetProperty("term").GetString()!)).ToArray(),
                            c.GetProperty("includes").EnumerateArray().Select(i => i.GetString()!).ToArray(),
                            c.GetProperty("exceptions").EnumerateArray().Select(e => new MedicineClassExclusion(e.GetProperty("ingredient").GetString()!, e.GetProperty("reason").GetString()!)).ToArray(),
                            c.GetProperty("memberCount").GetInt32()))];
                    }

                    break;
                case "ingredients":
                    ingredients = ReadIngredients(ref reader);
                    break;
                case "memberships":
                    memberships = ReadMemberships(ref reader);
                    break;
                case "names":
                    names = ReadNames(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (format is null || version is null || sources is null || classes is null || ingredients is null || memberships is null || names is null)
        {
            throw new InvalidDataException("The medicine vocabulary file lacks a required section.");
        }

        var sourceShort = sources.ToDictionary(s => s.Id, s => s.ShortName, StringComparer.Ordinal);
        var classNames = classes.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var byIngredient = new List<ClassMembership>?[ingredients.Count];
        foreach (var m in memberships)
        {
            if ((uint)m.Ingredient >= (uint)ingredients.Count)
            {
                throw new InvalidDataException("The medicine vocabulary file has a membership that points nowhere.");
            }

            (byIngredient[m.Ingredient] ??= []).Add(new ClassMembership(m.ClassId, classNames[m.ClassId], m.System, m.Term, $"{m.Detail} ({sourceShort[m.Source]})"));
        }

        foreach (var entries in names.Values)
        {
            foreach (var entry in entries)
            {
                if (!sourceShort.ContainsKey(entry.Source) || Array.Exists(entry.Ingredients, i => (uint)i >= (uint)ingredients.Count))
                {
                    throw new InvalidDataException("The medicine vocabulary file has a name entry that points nowhere.");
                }
            }
        }

        return new MedicineVocabulary(version, sources, classes, [.. ingredients.Select(i => i.Name)], [.. ingredients.Select(i => i.Rxcui)],
            [.. byIngredient.Select(m => m is null ? (IReadOnlyList<ClassMembership>)[] : m.AsReadOnly())], names);
    }

    private static List<(string, string?)> ReadIngredients(ref Utf8JsonReader reader)
    {
        Is(ref reader, JsonTokenType.StartArray);
        var list = new List<(string, string?)>(8_192);
        while (Read(ref reader) != JsonTokenType.EndArray)
        {
            Is(ref reader, JsonTokenType.StartArray);
            var name = ReadString(ref reader);
            var rxcui = ReadNullableString(ref reader);
            ReadString(ref reader);
            Expect(ref reader, JsonTokenType.EndArray);
            list.Add((name, rxcui));
        }

        return list;
    }

    private static List<(int, string, string, string, string, string)> ReadMemberships(ref Utf8JsonReader reader)
    {
        Is(ref reader, JsonTokenType.StartArray);
        var list = new List<(int, string, string, string, string, string)>(512);
        while (Read(ref reader) != JsonTokenType.EndArray)
        {
            Is(ref reader, JsonTokenType.StartArray);
            Expect(ref reader, JsonTokenType.Number);
            var ingredient = reader.GetInt32();
            list.Add((ingredient, ReadString(ref reader), ReadString(ref reader), ReadString(ref reader), ReadString(ref reader), ReadString(ref reader)));
            Expect(ref reader, JsonTokenType.EndArray);
        }

        return list;
    }

    private static Dictionary<string, NameEntry[]> ReadNames(ref Utf8JsonReader reader)
    {
        Is(ref reader, JsonTokenType.StartArray);
        var names = new Dictionary<string, NameEntry[]>(65_536, StringComparer.Ordinal);
        var targets = new List<int>(8);
        while (Read(ref reader) != JsonTokenType.EndArray)
        {
            Is(ref reader, JsonTokenType.StartObject);
            var tier = byte.MaxValue;
            string? source = null;
            while (Read(ref reader) != JsonTokenType.EndObject)
            {
                var property = reader.GetString();
                Read(ref reader);
                switch (property)
                {
                    case "tier":
                        var index = Array.IndexOf(TierNames, reader.GetString());
                        tier = index < 0 ? throw new InvalidDataException("The medicine vocabulary file has a name table with an unknown tier.") : (byte)index;
                        break;
                    case "source":
                        source = reader.GetString();
                        break;
                    case "entries":
                        if (tier == byte.MaxValue || source is null)
                        {
                            throw new InvalidDataException("A name table of the medicine vocabulary file gives its entries before its tier and source.");
                        }

                        Is(ref reader, JsonTokenType.StartArray);
                        while (Read(ref reader) != JsonTokenType.EndArray)
                        {
                            Is(ref reader, JsonTokenType.StartArray);
                            var key = ReadString(ref reader);
                            int[] ingredients;
                            if (Read(ref reader) == JsonTokenType.Number)
                            {
                                ingredients = [reader.GetInt32()];
                            }
                            else
                            {
                                Is(ref reader, JsonTokenType.StartArray);
                                targets.Clear();
                                while (Read(ref reader) != JsonTokenType.EndArray)
                                {
                                    Is(ref reader, JsonTokenType.Number);
                                    targets.Add(reader.GetInt32());
                                }

                                ingredients = [.. targets];
                            }

                            string? display = null, note = null;
                            if (Read(ref reader) != JsonTokenType.EndArray)
                            {
                                display = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                                if (Read(ref reader) != JsonTokenType.EndArray)
                                {
                                    note = reader.GetString();
                                    Expect(ref reader, JsonTokenType.EndArray);
                                }
                            }

                            if (ingredients.Length == 0 || key.Length is 0 or > MedicineNames.MaxInputLength)
                            {
                                throw new InvalidDataException("The medicine vocabulary file has an empty name entry.");
                            }

                            Add(names, key, new NameEntry(tier, source, display, ingredients, note));
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        return names;
    }

    // Tables come in tier order, so each key's entries are already best first; a file that breaks the
    // order is refused rather than read differently.
    private static void Add(Dictionary<string, NameEntry[]> names, string key, NameEntry entry)
    {
        if (!names.TryGetValue(key, out var existing))
        {
            names[key] = [entry];
        }
        else if (existing[^1].Tier > entry.Tier)
        {
            throw new InvalidDataException("The medicine vocabulary file's name tables are not in tier order.");
        }
        else
        {
            names[key] = [.. existing, entry];
        }
    }

    private static JsonTokenType Read(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new InvalidDataException("The medicine vocabulary file ends early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        Read(ref reader);
        Is(ref reader, type);
    }

    private static void Is(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new InvalidDataException($"The medicine vocabulary file has {reader.TokenType} where {type} belongs.");
        }
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }

    private static string? ReadNullableString(ref Utf8JsonReader reader) =>
        Read(ref reader) == JsonTokenType.Null ? null : reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new InvalidDataException("The medicine vocabulary file has a value where a string belongs.");
}
