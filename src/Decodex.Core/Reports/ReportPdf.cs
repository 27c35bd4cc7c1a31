using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Decodex.Core.Reports;

/// <summary>
/// The report as a PDF (A4, Helvetica): the same findings as the HTML, summary first, the disclaimer
/// at the foot of every page. Text outside the PDF standard fonts' character set is spelled out
/// (ε → e, ≥ → &gt;=) rather than dropped.
/// </summary>
public static class ReportPdf
{
    private const double Margin = 50;
    private const double Top = 800;
    private const double Bottom = 70;

    public static byte[] Render(PersonalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        PdfPageBuilder? page = null;
        var y = 0.0;

        void NewPage()
        {
            page = builder.AddPage(PageSize.A4);
            foreach (var (line, i) in Wrap(report.Disclaimer, 8).Select((l, i) => (l, i)))
            {
                page.AddText(line, 8, new PdfPoint(Margin, 40 - (i * 10)), regular);
            }

            y = Top;
        }

        void Write(string text, double size = 10, bool strong = false, double indent = 0)
        {
            foreach (var line in Wrap(text, size, indent))
            {
                if (page is null || y < Bottom)
                {
                    NewPage();
                }

                page!.AddText(line, size, new PdfPoint(Margin + indent, y), strong ? bold : regular);
                y -= size * 1.35;
            }
        }

        void Gap(double points = 6) => y -= points;

        Write("Decodex personal report", 18, strong: true);
        Gap();
        Write(report.Disclaimer, 9);
        Gap(10);
        if (report.Notices.Count > 0)
        {
            Write("What Decodex could not use from your profile", 13, strong: true);
            foreach (var n in report.Notices)
            {
                Write($"- {n.Written} ({n.Field}{(n.Line is { } line ? $", line {line}" : string.Empty)}): {n.Message}{(n.Suggestions.Count > 0 ? " Did you mean: " + string.Join(", ", n.Suggestions) + "?" : string.Empty)}", 10, indent: 12);
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
                Write("- " + reason, 10, indent: 12);
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
                Write($"{m.Drug ?? m.Requested} x {m.Gene}{(m.CpicLevel is { } l ? $" (CPIC level {l})" : string.Empty)}: {m.Phenotype ?? "result unknown"}{(m.Probability is { } p ? $" (probable, {p})" : string.Empty)}", 10, strong: true);
                Write(m.Recommendation is { } r ? $"{r} [{m.Strength}]{(m.Probability is not null ? " " + m.Note : string.Empty)}" : $"{m.Note} {(m.SettlingTest is { } t ? "To settle it: " + t : string.Empty)}", 10, indent: 12);
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

                Write($"Certainty: {f.Certainty}.{(f.Inputs.Count > 0 ? " Inputs: " + string.Join("; ", f.Inputs.Select(ReportText.Clause)) + "." : string.Empty)} Rule: {ReportText.Clause(f.Rule)}.{(f.Sources.Count > 0 ? " Sources: " + string.Join("; ", f.Sources) + "." : string.Empty)}{(f.WouldSettle is { } w ? " Would settle it: " + ReportText.Clause(w) + "." : string.Empty)}", 8.5, indent: 12);
            }

            if (c.Effects.Count > 0)
            {
                Gap(4);
                Write("For your goals", 11, strong: true);
                foreach (var e in c.Effects)
                {
                    Write($"{e.Goal}: {e.Title} ({e.Direction}, {e.Scope}) - {e.Grade}", 9.5, indent: 12);
                }
            }
        }

        Gap(10);
        Write($"Knowledge base {report.KnowledgeBaseVersion}.", 8);
        return builder.Build();
    }

    private static IEnumerable<string> Wrap(string text, double size, double indent = 0)
    {
        var clean = Clean(text);
        var width = (int)((595 - (2 * Margin) - indent) / (size * 0.5));
        var line = new StringBuilder();
        foreach (var word in clean.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>Text the standard PDF fonts can show: common symbols spelled out, other characters outside Latin-1 replaced by '?'.</summary>
    internal static string Clean(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            s.Append(c switch
            {
                'ε' => "e",
                '≥' => ">=",
                '≤' => "<=",
                '–' or '—' or '−' => "-",
                '‘' or '’' => "'",
                '“' or '”' => "\"",
                '→' => "->",
                '×' => "x",
                '±' => "+/-",
                '…' => "...",
                '≈' => "~",
                '\n' or '\r' or '\t' => " ",
                '²' => "2",
                '⁶' => "6",
                '⁹' => "9",
                '¹' => "1",
                _ when c < 256 => c.ToString(),
                _ => "?",
            });
        }

        return s.ToString();
    }
}
