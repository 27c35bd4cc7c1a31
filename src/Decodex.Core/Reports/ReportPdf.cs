using System.Globalization;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Decodex.Core.Reports;

/// <summary>
/// The report as a PDF (A4, DejaVu Sans embedded, so ε, ≥, µ and dashes print as themselves): the date
/// and knowledge-base version, the same findings as the HTML, summary first, the sources as numbered
/// references at the end, the disclaimer at the foot of every page. Text is wrapped by the font's own
/// widths.
/// </summary>
public static class ReportPdf
{
    private const double PageWidth = 595;
    private const double Margin = 50;
    private const double Top = 800;
    private const double Bottom = 70;

    /// <summary>The width of the text column in points.</summary>
    internal const double TextWidth = PageWidth - (2 * Margin);

    public static byte[] Render(PersonalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var builder = new PdfDocumentBuilder();
        var regular = new Face(builder, ReportFont.Regular);
        var bold = new Face(builder, ReportFont.Bold);
        PdfPageBuilder? page = null;
        var y = 0.0;

        void NewPage()
        {
            page = builder.AddPage(PageSize.A4);
            foreach (var (line, i) in Wrap(regular, report.Disclaimer, 8, TextWidth).Select((l, i) => (l, i)))
            {
                page.AddText(line, 8, new PdfPoint(Margin, 40 - (i * 10)), regular.Added);
            }

            y = Top;
        }

        // The label (a reference number) hangs in the indent of the first line.
        void Write(string text, double size = 10, bool strong = false, double indent = 0, string? label = null)
        {
            var face = strong ? bold : regular;
            var first = true;
            foreach (var line in Wrap(face, text, size, TextWidth - indent))
            {
                if (page is null || y < Bottom)
                {
                    NewPage();
                }

                if (first && label is not null)
                {
                    page!.AddText(face.Fit(label), size, new PdfPoint(Margin, y), face.Added);
                }

                page!.AddText(line, size, new PdfPoint(Margin + indent, y), face.Added);
                y -= size * 1.35;
                first = false;
            }
        }

        void Gap(double points = 6) => y -= points;

        string Cites(IEnumerable<string> keys) =>
            string.Join(", ", keys.Select(k => report.ReferenceNumber(k)).OfType<int>().Distinct().Order().Select(n => $"[{n}]"));

        Write("Decodex personal report", 18, strong: true);
        Gap(2);
        Write($"Date: {report.AsOf.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}. Knowledge base version {report.KnowledgeBaseVersion} (a hash of its files){(report.GradingVersion.Length > 0 ? $"; evidence grades by {report.GradingVersion}" : string.Empty)}.", 9);
        Gap();
        Write(report.Disclaimer, 9);
        Gap(10);
        if (report.Notices.Count > 0)
        {
            Write("What Decodex could not use from your profile", 13, strong: true);
            Write("Check these first: anything listed here was not taken into account, so the verdicts below cannot cover it.", 10);
            foreach (var n in report.Notices)
            {
                Write($"– {n.Written} ({n.Field}{(n.Line is { } line ? $", line {line}" : string.Empty)}): {n.Message}{(n.Suggestions.Count > 0 ? " Did you mean: " + string.Join(", ", n.Suggestions) + "?" : string.Empty)}", 10, indent: 12);
            }

            Gap(10);
        }

        Write("Summary", 13, strong: true);
        if (report.UncheckedMedications.Count > 0)
        {
            Write($"Medicines not checked (not recognised, so their interactions are unknown): {string.Join(", ", report.UncheckedMedications)}.", 10);
        }

        foreach (var c in report.Compounds)
        {
            Write($"{c.Name}: {ReportHtml.VerdictText(c.Verdict)}", 11, strong: true);
            foreach (var reason in c.Reasons)
            {
                Write("– " + reason, 10, indent: 12);
            }
        }

        Gap(10);
        Write("You and what is on file", 13, strong: true);
        foreach (var line in report.Person.Concat(report.OnFile))
        {
            Write(line, 10);
        }

        if (report.Medications.Count > 0)
        {
            Gap(10);
            Write("Your medications and your genes (CPIC)", 13, strong: true);
            Write(report.CpicDataVersion, 8);
            foreach (var m in report.Medications)
            {
                Write($"{m.Drug ?? m.Requested} × {m.Gene ?? "—"}{(m.CpicLevel is { } l ? $" (CPIC level {l})" : string.Empty)}: {m.Phenotype ?? "result unknown"}{(m.Probability is { } p ? $" (probable, {p}; not a complete test)" : string.Empty)}", 10, strong: true);
                Write(m.Recommendation is { } r ? $"{r} [{m.Strength}]{(m.Probability is not null ? " " + m.Note : string.Empty)}" : $"{m.Note} {(m.SettlingTest is { } t ? "To settle it: " + t : string.Empty)}", 10, indent: 12);
                if (m.Guideline is { } g)
                {
                    Write($"CPIC guideline: {g.Name} {Cites(["cpic:" + g.Name])}", 8.5, indent: 12);
                }
            }
        }

        foreach (var c in report.Compounds)
        {
            Gap(12);
            Write($"{c.Name}: {ReportHtml.VerdictText(c.Verdict)}", 13, strong: true);
            foreach (var f in c.Findings)
            {
                Gap(4);
                Write(f.Title, 10.5, strong: true);
                Write(f.Explanation, 9.5, indent: 12);
                if (f.Action is { } action)
                {
                    Write("What to do: " + action, 9.5, indent: 12);
                }

                var sources = Cites(f.Citations);
                Write($"Certainty: {f.Certainty}.{(f.Inputs.Count > 0 ? " Inputs: " + string.Join("; ", f.Inputs.Select(ReportText.Clause)) + "." : string.Empty)} Rule: {ReportText.Clause(f.Rule)}.{(sources.Length > 0 ? " Sources: " + sources + "." : string.Empty)}{(f.WouldSettle is { } w ? " Would settle it: " + ReportText.Clause(w) + "." : string.Empty)}", 8.5, indent: 12);
            }

            if (c.Effects.Count > 0)
            {
                Gap(4);
                Write("For your goals", 11, strong: true);
                foreach (var e in c.Effects)
                {
                    var sources = Cites(e.Citations);
                    Write($"{e.Goal}: {e.Title} ({e.Direction}, {e.Scope}) – evidence {e.Grade}{(sources.Length > 0 ? " " + sources : string.Empty)}", 9.5, indent: 12);
                }
            }

            if (c.Dosing.Count > 0)
            {
                Gap(4);
                Write("Dosing and routes", 11, strong: true);
                foreach (var d in c.Dosing)
                {
                    Write("– " + d, 9.5, indent: 12);
                }
            }

            if (c.SideEffects.Count > 0)
            {
                Gap(4);
                Write("Side effects", 11, strong: true);
                foreach (var d in c.SideEffects)
                {
                    Write("– " + d, 9.5, indent: 12);
                }
            }

            if (c.UserReports is { } u)
            {
                Gap(4);
                Write("User reports", 11, strong: true);
                Write(u, 9.5, indent: 12);
            }
        }

        if (report.Issues.Count > 0)
        {
            Gap(10);
            Write("Input issues", 13, strong: true);
            foreach (var i in report.Issues)
            {
                Write("– " + i, 9.5, indent: 12);
            }
        }

        if (report.References.Count > 0)
        {
            Gap(12);
            Write("References", 13, strong: true);
            foreach (var r in report.References)
            {
                Write(ReferenceText(r), 8.5, indent: 24, label: $"[{r.Number}]");
            }
        }

        Gap(10);
        Write($"Knowledge base version {report.KnowledgeBaseVersion}. Made by Decodex on {report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.", 8);
        return builder.Build();
    }

    /// <summary>A reference as a reader sees it: author, year, title, journal, identifiers, address and how far it was checked.</summary>
    public static string ReferenceText(ReportReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parts = new[] { reference.Authors, reference.Year?.ToString(CultureInfo.InvariantCulture), reference.Title, reference.Journal, reference.Identifiers.Count > 0 ? string.Join("; ", reference.Identifiers) : null, reference.Link?.AbsoluteUri }
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => ReportText.Clause(p));
        return string.Join(". ", parts) + (reference.Verification is { } v ? $" ({ReportText.Verification(v)})" : ".");
    }

    /// <summary>Lines that fit the width at the size, by the font's widths; a word longer than a line is cut.</summary>
    private static IEnumerable<string> Wrap(Face face, string text, double size, double width)
    {
        var fitted = face.Fit(text);
        var space = face.Font.Width(" ", size);
        var line = new StringBuilder();
        var lineWidth = 0.0;
        foreach (var whole in fitted.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var word in Pieces(face.Font, whole, size, width))
            {
                var wordWidth = face.Font.Width(word, size);
                if (line.Length > 0 && lineWidth + space + wordWidth > width)
                {
                    yield return line.ToString();
                    line.Clear();
                    lineWidth = 0;
                }

                if (line.Length > 0)
                {
                    line.Append(' ');
                    lineWidth += space;
                }

                line.Append(word);
                lineWidth += wordWidth;
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>The word, cut into pieces no wider than the line (a long address); usually the word itself.</summary>
    private static IEnumerable<string> Pieces(ReportFont font, string word, double size, double width)
    {
        if (font.Width(word, size) <= width)
        {
            yield return word;
            yield break;
        }

        var start = 0;
        var pieceWidth = 0.0;
        for (var i = 0; i < word.Length; i++)
        {
            var w = font.Width(word[i].ToString(), size);
            if (i > start && pieceWidth + w > width)
            {
                yield return word[start..i];
                start = i;
                pieceWidth = 0;
            }

            pieceWidth += w;
        }

        yield return word[start..];
    }

    /// <summary>
    /// One embedded font of one document. A simple TrueType font in PdfPig holds at most 255 distinct
    /// characters, so past 250 a new character prints as '?' rather than failing the report; a
    /// character the font has no glyph for prints as '?' too (line breaks and tabs as spaces).
    /// </summary>
    private sealed class Face(PdfDocumentBuilder builder, ReportFont font)
    {
        private const int MaxCharacters = 250;
        private readonly HashSet<char> _used = [' ', '?'];

        public ReportFont Font { get; } = font;

        public PdfDocumentBuilder.AddedFont Added { get; } = builder.AddTrueTypeFont(font.Bytes);

        public string Fit(string text)
        {
            var s = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                var c = rune.IsBmp ? (char)rune.Value : '?';
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    c = ' ';
                }
                else if (!Font.Has(c) || (!_used.Contains(c) && _used.Count >= MaxCharacters))
                {
                    c = '?';
                }

                _used.Add(c);
                s.Append(c);
            }

            return s.ToString();
        }
    }
}
