using System.Globalization;

namespace Decodex.Core.Reports;

/// <summary>
/// The report as a PDF (A4, DejaVu Sans embedded, so ε, ≥, µ and dashes print as themselves): the date
/// and knowledge-base version, the same findings as the HTML, summary first, the sources as numbered
/// references at the end, the disclaimer at the foot of every page. Text is wrapped by the font's own
/// widths.
/// </summary>
public static class ReportPdf
{
    /// <summary>The width of the text column in points.</summary>
    internal const double TextWidth = PdfTextDocument.TextWidth;

    public static byte[] Render(PersonalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var document = new PdfTextDocument(report.Disclaimer);
        void Write(string text, double size = 10, bool strong = false, double indent = 0, string? label = null) => document.Write(text, size, strong, indent, label);
        void Gap(double points = 6) => document.Gap(points);

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
        return document.Build();
    }

    /// <summary>A reference as a reader sees it: author, year, title, journal, identifiers, address and how far it was checked.</summary>
    public static string ReferenceText(ReportReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parts = new[] { reference.Authors, reference.Year?.ToString(CultureInfo.InvariantCulture), reference.Title, reference.Journal, reference.Identifiers.Count > 0 ? string.Join("; ", reference.Identifiers) : null, reference.Link?.AbsoluteUri }
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => ReportText.Clause(p));
        return string.Join(". ", parts) + (reference.Verification is { } v ? $" ({ReportText.Verification(v)})" : ".");
    }
}
