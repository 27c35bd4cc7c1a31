using System.Net;
using System.Text;

namespace Decodex.Core.Reports;

/// <summary>
/// The report as one self-contained HTML page that prints well: the verdicts first, then each
/// compound's findings with their trail, then the effects for the person's goals. No scripts and no
/// external files; the disclaimer is repeated on every printed page.
/// </summary>
public static class ReportHtml
{
    public static string Render(PersonalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new StringBuilder();
        h.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Decodex personal report</title>
            <style>
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem 4rem;color:#1b1b1b}
            h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:1px solid #ccc;margin-top:2rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
            .disclaimer{background:#fff7e0;border:1px solid #e0c060;padding:.5rem .8rem;font-size:.9rem}
            .verdict{display:inline-block;padding:.1rem .55rem;border-radius:.3rem;font-weight:700;color:#fff}
            .avoid{background:#a4161a}.caution{background:#b5651d}.no-known-issue{background:#2d6a4f}
            table{border-collapse:collapse;width:100%;margin:.4rem 0}td,th{border:1px solid #ddd;padding:.3rem .45rem;text-align:left;vertical-align:top}
            .finding{border-left:4px solid #999;padding:.2rem .8rem;margin:.6rem 0}.finding.l-avoid{border-color:#a4161a}.finding.l-caution{border-color:#b5651d}
            .trail{color:#444;font-size:.9rem}.muted{color:#666}.references{overflow-wrap:anywhere;font-size:.9rem}
            footer{position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:1px solid #ccc;font-size:.8rem;padding:.2rem 1rem}
            @media print{body{margin:0;max-width:none}h2{break-after:avoid}.finding,tr{break-inside:avoid}}
            </style></head><body>
            """);
        h.Append("<header><h1>Decodex personal report</h1>");
        h.Append($"<p class=\"disclaimer\">{E(report.Disclaimer)}</p></header>\n");
        if (report.Notices.Count > 0)
        {
            h.Append("<h2>What Decodex could not use from your profile</h2><p>Check these first: anything listed here was not taken into account, so the verdicts below cannot cover it.</p><ul>");
            foreach (var n in report.Notices)
            {
                h.Append($"<li><b>{E(n.Written)}</b> <span class=\"muted\">({E(n.Field)}{(n.Line is { } line ? $", line {line}" : string.Empty)})</span>: {E(n.Message)}{(n.Suggestions.Count > 0 ? " Did you mean: " + E(string.Join(", ", n.Suggestions)) + "?" : string.Empty)}</li>");
            }

            h.Append("</ul>");
        }

        h.Append("<h2>Summary</h2>");
        if (report.UncheckedMedications.Count > 0)
        {
            h.Append($"<p><b>Medicines not checked</b> (not recognised, so their interactions are unknown): {E(string.Join(", ", report.UncheckedMedications))}.</p>");
        }

        h.Append("<table><tr><th>Compound</th><th>Verdict</th><th>Why</th></tr>");
        foreach (var c in report.Compounds)
        {
            h.Append($"<tr><td>{E(c.Name)}</td><td><span class=\"verdict {c.Verdict}\">{E(VerdictText(c.Verdict))}</span></td><td>{string.Join("<br>", c.Reasons.Select(E))}</td></tr>");
        }

        h.Append("</table>");
        h.Append("<h2>You and what is on file</h2><ul>");
        foreach (var line in report.Person.Concat(report.OnFile))
        {
            h.Append($"<li>{E(line)}</li>");
        }

        h.Append("</ul>");
        if (report.Medications.Count > 0)
        {
            h.Append($"<h2>Your medications and your genes (CPIC)</h2><p class=\"muted\">{E(report.CpicDataVersion)}</p><table><tr><th>Drug</th><th>Gene</th><th>Your result</th><th>CPIC recommendation</th></tr>");
            foreach (var m in report.Medications)
            {
                var result = ResultText(m);
                var advice = m.Recommendation is { } r
                    ? $"{E(r)} <b>[{E(m.Strength ?? string.Empty)}]</b>" + (m.Probability is not null ? $"<br><i>{E(m.Note ?? string.Empty)}</i>" : string.Empty)
                    : E(m.Note ?? string.Empty) + (m.SettlingTest is { } t ? $"<br><i>To settle it: {E(t)}</i>" : string.Empty);
                h.Append($"<tr><td>{E(m.Drug ?? m.Requested)}</td><td>{E(m.Gene ?? "—")}{(m.CpicLevel is { } l ? $" (level {E(l)})" : string.Empty)}</td><td>{E(result)}</td><td>{advice}{(m.Guideline is { } g ? $"<div class=\"trail\">CPIC: {E(g.Name)}{(g.Pmids.Count > 0 ? ", PMID " + E(string.Join(", ", g.Pmids)) : string.Empty)} {Cites(report, ["cpic:" + g.Name])}</div>" : string.Empty)}</td></tr>");
            }

            h.Append("</table>");
        }

        foreach (var c in report.Compounds)
        {
            h.Append($"<h2>{E(c.Name)} <span class=\"verdict {c.Verdict}\">{E(VerdictText(c.Verdict))}</span></h2>");
            foreach (var f in c.Findings)
            {
                h.Append($"<div class=\"finding l-{LevelText(f.Level)}\"><h3>{E(f.Title)}</h3><p>{E(f.Explanation)}</p>");
                if (f.Action is { } action)
                {
                    h.Append($"<p><b>What to do:</b> {E(action)}</p>");
                }

                h.Append($"<div class=\"trail\">Certainty: {E(f.Certainty)}.{(f.Inputs.Count > 0 ? " Inputs: " + E(string.Join("; ", f.Inputs.Select(ReportText.Clause))) + "." : string.Empty)} Rule: {E(ReportText.Clause(f.Rule))}.{SourcesText(report, f)}{(f.WouldSettle is { } w ? " Would settle it: " + E(ReportText.Clause(w)) + "." : string.Empty)}</div></div>");
            }

            if (c.Effects.Count > 0)
            {
                h.Append("<h3>For your goals</h3><table><tr><th>Goal</th><th>Claim</th><th>Evidence</th></tr>");
                foreach (var e in c.Effects)
                {
                    h.Append($"<tr><td>{E(e.Goal)}</td><td>{E(e.Title)} <span class=\"muted\">({E(e.Direction)}, {E(e.Scope)})</span></td><td><b>{E(e.Grade)}</b><div class=\"trail\">{E(string.Join(" ", e.GradeReasons))}{(Cites(report, e.Citations) is { Length: > 0 } cites ? " " + cites : string.Empty)}</div></td></tr>");
                }

                h.Append("</table>");
            }

            if (c.Dosing.Count > 0)
            {
                h.Append("<h3>Dosing and routes</h3><ul>" + string.Concat(c.Dosing.Select(d => $"<li>{E(d)}</li>")) + "</ul>");
            }

            if (c.SideEffects.Count > 0)
            {
                h.Append("<h3>Side effects</h3><ul>" + string.Concat(c.SideEffects.Select(d => $"<li>{E(d)}</li>")) + "</ul>");
            }

            if (c.UserReports is { } u)
            {
                h.Append($"<h3>User reports</h3><p class=\"muted\">{E(u)}</p>");
            }
        }

        if (report.Issues.Count > 0)
        {
            h.Append("<h2>Input issues</h2><ul>" + string.Concat(report.Issues.Select(i => $"<li>{E(i.ToString())}</li>")) + "</ul>");
        }

        if (report.References.Count > 0)
        {
            h.Append("<h2 id=\"references\">References</h2><ol class=\"references\">");
            foreach (var r in report.References)
            {
                // Only a web address is made a link; anything else in the record stays text.
                var link = r.Link is { Scheme: "https" or "http" } uri ? $" <a href=\"{E(uri.AbsoluteUri)}\">{E(uri.AbsoluteUri)}</a>" : string.Empty;
                var text = ReportPdf.ReferenceText(r with { Link = null });
                h.Append($"<li id=\"ref-{r.Number}\" value=\"{r.Number}\">{E(text)}{link}</li>");
            }

            h.Append("</ol>");
        }

        h.Append($"<p class=\"muted\">Knowledge base {E(report.KnowledgeBaseVersion)}.</p>");
        h.Append($"<footer>{E(report.Disclaimer)}</footer></body></html>\n");
        return h.ToString();
    }

    /// <summary>
    /// A finding's sources as numbered links to the references (<c>[2], [5]</c>); its source text when none
    /// of its citations is numbered.
    /// </summary>
    private static string SourcesText(PersonalReport report, Finding f)
    {
        var cites = Cites(report, f.Citations);
        return cites.Length > 0 ? " Sources: " + cites + "."
            : f.Sources.Count > 0 ? " Sources: " + E(string.Join("; ", f.Sources)) + "."
            : string.Empty;
    }

    /// <summary>The numbers of these citations, each a link to its reference; empty when none is numbered.</summary>
    private static string Cites(PersonalReport report, IEnumerable<string> keys) =>
        string.Join(", ", keys.Select(report.ReferenceNumber).OfType<int>().Distinct().Order().Select(n => $"<a href=\"#ref-{n}\">[{n}]</a>"));

    /// <summary>The person's gene result for a medicine, saying when it is probable rather than tested.</summary>
    public static string ResultText(Pgx.Calling.PgxDrugAdvice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        return advice.Phenotype is { } known && advice.Probability is { } probability ? $"{known} (probable, {probability}; not a complete test)"
            : advice.Phenotype ?? (advice.PossiblePhenotypes.Count > 0 ? "unknown: " + string.Join(" or ", advice.PossiblePhenotypes) : "unknown");
    }

    public static string VerdictText(string verdict) => verdict switch
    {
        "avoid" => "Avoid",
        "caution" => "Caution",
        _ => "No known issue for you",
    };

    internal static string LevelText(FindingLevel level) => level switch
    {
        FindingLevel.Avoid => "avoid",
        FindingLevel.Caution => "caution",
        _ => "info",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
