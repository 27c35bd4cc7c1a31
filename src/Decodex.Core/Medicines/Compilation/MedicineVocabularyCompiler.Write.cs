using System.Text;
using System.Text.Json;

namespace Decodex.Core.Medicines.Compilation;

public static partial class MedicineVocabularyCompiler
{
    private sealed partial class Build
    {
        public byte[] Write(string version, string hash)
        {
            var ingredientIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in _ingredients.Keys)
            {
                ingredientIndex[name] = ingredientIndex.Count;
            }

            var counts = _memberships.Keys.GroupBy(k => k.ClassId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var text = new StringBuilder();
            text.Append("{\n");
            text.Append("\"format\": ").Append(JsonLine(w => w.WriteStringValue(Format))).Append(",\n");
            text.Append("\"version\": ").Append(JsonLine(w => w.WriteStringValue(version))).Append(",\n");
            text.Append("\"inputsSha256\": ").Append(JsonLine(w => w.WriteStringValue(hash))).Append(",\n");
            text.Append("\"tiers\": ").Append(JsonLine(w => WriteStrings(w, Tiers))).Append(",\n");

            AppendArray(text, "sources", curation.Sources.Select(s => JsonLine(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", s.Id);
                w.WriteString("name", s.Name);
                w.WriteString("short", s.Short);
                w.WriteString("date", s.Date);
                w.WritePropertyName("files");
                WriteStrings(w, s.Files);
                w.WriteString("licence", s.Licence);
                w.WriteString("attribution", s.Attribution);
                w.WriteEndObject();
            })));

            AppendArray(text, "classes", curation.Classes.Select(c => JsonLine(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("name", c.Name);
                w.WriteString("parentId", c.Parent);
                w.WriteString("definition", c.Definition);
                w.WriteStartArray("terms");
                foreach (var term in c.Terms)
                {
                    w.WriteStartObject();
                    w.WriteString("system", term.System);
                    w.WriteString("term", term.Term);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WritePropertyName("includes");
                WriteStrings(w, c.Includes);
                w.WriteStartArray("exceptions");
                foreach (var exception in c.Exceptions)
                {
                    w.WriteStartObject();
                    w.WriteString("ingredient", exception.Ingredient);
                    w.WriteString("reason", exception.Reason);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("memberCount", counts.GetValueOrDefault(c.Id));
                w.WriteEndObject();
            })));

            AppendArray(text, "ingredients", _ingredients.Select(i => JsonLine(w =>
            {
                w.WriteStartArray();
                w.WriteStringValue(i.Key);
                w.WriteStringValue(i.Value.Rxcui);
                w.WriteStringValue(i.Value.Source);
                w.WriteEndArray();
            })));

            var classOrder = curation.Classes.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
            AppendArray(text, "memberships", _memberships
                .OrderBy(m => m.Key.Ingredient, StringComparer.Ordinal).ThenBy(m => classOrder[m.Key.ClassId])
                .Select(m => JsonLine(w =>
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(ingredientIndex[m.Key.Ingredient]);
                    w.WriteStringValue(m.Key.ClassId);
                    w.WriteStringValue(m.Value.System);
                    w.WriteStringValue(m.Value.Term);
                    w.WriteStringValue(m.Value.Source);
                    w.WriteStringValue(m.Value.Detail);
                    w.WriteEndArray();
                })));

            // Names are grouped by (tier, source) so each line holds only the name, its ingredients, and
            // the display form or a note where they add something.
            text.Append("\"names\": [\n");
            var tables = FinalNames().GroupBy(n => (n.Tier, n.Source)).OrderBy(g => Array.IndexOf(Tiers, g.Key.Tier)).ThenBy(g => Array.IndexOf(SourceOrder, g.Key.Source)).ToList();
            for (var t = 0; t < tables.Count; t++)
            {
                text.Append("{\"tier\": \"").Append(tables[t].Key.Tier).Append("\", \"source\": \"").Append(tables[t].Key.Source).Append("\", \"entries\": [\n");
                var entries = tables[t].OrderBy(n => n.Key, StringComparer.Ordinal).ToList();
                for (var i = 0; i < entries.Count; i++)
                {
                    var n = entries[i];
                    text.Append(JsonLine(w =>
                    {
                        w.WriteStartArray();
                        w.WriteStringValue(n.Key);
                        if (n.Ingredients.Count == 1)
                        {
                            w.WriteNumberValue(ingredientIndex[n.Ingredients.Min!]);
                        }
                        else
                        {
                            w.WriteStartArray();
                            foreach (var ingredient in n.Ingredients)
                            {
                                w.WriteNumberValue(ingredientIndex[ingredient]);
                            }

                            w.WriteEndArray();
                        }

                        if (n.Display != n.Key || n.Note is not null)
                        {
                            w.WriteStringValue(n.Display == n.Key ? null : n.Display);
                        }

                        if (n.Note is not null)
                        {
                            w.WriteStringValue(n.Note);
                        }

                        w.WriteEndArray();
                    }));
                    text.Append(i + 1 < entries.Count ? ",\n" : "\n");
                }

                text.Append("]}").Append(t + 1 < tables.Count ? ",\n" : "\n");
            }

            text.Append("]\n");
            text.Append("}\n");
            return new UTF8Encoding(false).GetBytes(text.ToString());
        }

        private static void WriteStrings(Utf8JsonWriter w, IEnumerable<string> values)
        {
            w.WriteStartArray();
            foreach (var value in values)
            {
                w.WriteStringValue(value);
            }

            w.WriteEndArray();
        }

        private static void AppendArray(StringBuilder text, string name, IEnumerable<string> lines, bool last = false)
        {
            text.Append('"').Append(name).Append("\": [\n");
            var first = true;
            foreach (var line in lines)
            {
                if (!first)
                {
                    text.Append(",\n");
                }

                text.Append(line);
                first = false;
            }

            text.Append("\n]").Append(last ? "\n" : ",\n");
        }
    }
}
