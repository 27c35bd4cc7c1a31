using System.Globalization;
using System.Net;
using System.Text;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Monographs;

/// <summary>
/// Renders a monograph as one self-contained HTML page: inline CSS, no scripts, no external
/// resources (links to PubMed and doi.org are plain links, never loaded). Prints well.
/// </summary>
public static class MonographHtmlRenderer
{
    private const string Css = """
        :root { --ink:#1b1f24; --muted:#57606a; --line:#d0d7de; --warn:#9a3412; --warnbg:#fff4e5; --ok:#116329; --okbg:#dafbe1; --bad:#a40e26; --badbg:#ffebe9; --mid:#7d4e00; --midbg:#fff8c5; }
        * { box-sizing: border-box; }
        body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 2rem; margin: 0 0 .25rem; } h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; } h3 { margin: 1.4rem 0 .3rem; }
        .sub, .muted { color: var(--muted); } .small { font-size: .875rem; }
        .disclaimer { border: 1px solid var(--line); background: #f6f8fa; padding: .6rem .9rem; border-radius: 6px; font-size: .9rem; }
        .safety { border-left: 4px solid var(--bad); background: var(--badbg); padding: .6rem .9rem; border-radius: 4px; }
        table { border-collapse: collapse; width: 100%; font-size: .875rem; margin: .5rem 0 1rem; }
        th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top; text-align: left; }
        th { background: #f6f8fa; }
        .badge { display: inline-block; padding: 0 .4rem; border-radius: 999px; font-size: .78rem; border: 1px solid currentColor; white-space: nowrap; }
        .layer { border: 1px solid var(--line); border-left: 4px solid var(--muted); padding: .5rem .8rem; border-radius: 4px; margin: .6rem 0; font-size: .9rem; }
        .layer-label { border-left-color: var(--mid); background: var(--midbg); } .layer-curated { border-left-color: var(--ok); }
        .badge.imported { color: var(--mid); background: var(--midbg); border-style: dashed; } .badge.curated { color: var(--ok); background: var(--okbg); }
        .v-ok { color: var(--ok); background: var(--okbg); } .v-mid { color: var(--mid); background: var(--midbg); } .v-bad { color: var(--bad); background: var(--badbg); }
        .grade { font-weight: 600; } .reasons { margin: .2rem 0 .4rem 1.1rem; padding: 0; font-size: .875rem; color: var(--muted); }
        .note { border-left: 4px solid var(--warn); background: var(--warnbg); padding: .4rem .7rem; margin: .4rem 0; font-size: .9rem; }
        .claim { margin-bottom: 1.5rem; } .anecdote { border: 1px dashed var(--muted); padding: .6rem .9rem; border-radius: 6px; }
        ol.refs li { margin-bottom: .45rem; } a { color: #0550ae; }
        footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .6rem; }
        @media print { body { max-width: none; padding: 0; font-size: 11pt; } a { color: inherit; text-decoration: none; } .claim, table, .safety { break-inside: avoid; } h2 { break-after: avoid; } }
        """;

    /// <summary>Renders <paramref name="document"/> as a complete HTML document.</summary>
    public static string Render(MonographDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var h = new StringBuilder(64 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        h.Append("<title>").Append(E(document.Compound.Name)).Append(" — Decodex monograph</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        Content(h, document);
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>
    /// Renders the monograph's content alone (header, sections, references, footer) for a page that
    /// supplies its own document, styles and navigation; each section is a <c>section</c> with an id and an <c>h2</c>.
    /// </summary>
    public static string RenderContent(MonographDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var h = new StringBuilder(64 * 1024);
        Content(h, document);
        return h.ToString();
    }

    private static void Content(StringBuilder h, MonographDocument document)
    {
        var c = document.Compound;

        h.Append("<header>\n<h1>").Append(E(c.Name)).Append("</h1>\n<p class=\"sub\">").Append(E(KindWords(c)));
        if (c.Synonyms.Count > 0)
        {
            h.Append(" · also called ").Append(E(string.Join(", ", c.Synonyms)));
        }

        if (c.ClassIds.Count > 0)
        {
            h.Append(" · class: ").Append(E(string.Join(", ", c.ClassIds.Select(document.Name))));
        }

        h.Append("</p>\n<p class=\"disclaimer\"><strong>Not medical advice.</strong> ").Append(E(document.Disclaimer));
        if (c.Disclaimer is not null)
        {
            h.Append(' ').Append(E(c.Disclaimer));
        }

        h.Append("</p>\n");
        Layer(h, document);
        h.Append("</header>\n");

        Summary(h, document);
        WhatItIs(h, document);
        var mechanisms = c.Claims.Where(x => x.Section == ClaimSection.Mechanism).ToList();
        if (mechanisms.Count > 0)
        {
            h.Append("<section id=\"mechanisms\">\n<h2>How it is said to work</h2>\n");
            foreach (var claim in mechanisms)
            {
                ClaimBlock(h, document, claim);
            }

            h.Append("</section>\n");
        }

        var effects = c.Claims.Where(x => x.Section == ClaimSection.Effect).ToList();
        if (effects.Count > 0)
        {
            h.Append("<section id=\"effects\">\n<h2>Effects</h2>\n<p class=\"muted small\">Human evidence comes first. Animal and cell studies are graded on a separate preclinical scale and never raise a human grade.</p>\n");
            foreach (var claim in effects.OrderBy(x => x.Scope == EvidenceScope.Human ? 0 : 1))
            {
                ClaimBlock(h, document, claim);
            }

            h.Append("</section>\n");
        }

        ProseSection(h, document, "limitations", "Limitations of the evidence");
        Dosing(h, document);
        Safety(h, document);
        Interactions(h, document);
        Modifiers(h, document);
        Related(h, document);
        UserReports(h, document);
        foreach (var (key, text) in c.Sections.Where(s => s.Key != "limitations"))
        {
            h.Append("<section id=\"").Append(E(key)).Append("\">\n<h2>").Append(E(Title(key))).Append("</h2>\n<p>").Append(P(document, text)).Append("</p>\n</section>\n");
        }

        References(h, document);
        h.Append("<footer class=\"small muted\"><p><strong>Not medical advice.</strong> ").Append(E(document.Disclaimer)).Append("</p>\n<p>Knowledge base ")
            .Append(E(document.KnowledgeBaseVersion)).Append(" · grades computed by ").Append(E(document.GradingAlgorithm))
            .Append(" · source ").Append(E(c.Label is { } l ? $"US label of {l.Date}, imported by machine" : c.Location.File)).Append("</p></footer>\n");
    }

    /// <summary>Who made the page: curators (cited, graded) or the label importer (machine-made, located, unread).</summary>
    private static void Layer(StringBuilder h, MonographDocument d)
    {
        var c = d.Compound;
        if (c.Label is { } label)
        {
            h.Append("<p class=\"layer layer-label\" data-layer=\"label\"><span class=\"badge imported\">Imported label layer</span> Every statement on this page was made by a machine from the <a href=\"")
                .Append(E(label.Url)).Append("\">US label of ").Append(E(label.Date)).Append("</a> (SPL set ").Append(E(label.SetId)).Append(", version ").Append(E(label.Version))
                .Append(") and is written in Decodex's words, each with the label section and passage it came from. No curator has read it yet; it covers safety, not how well the medicine works.");
            if (d.Curated.Count > 0)
            {
                h.Append(" Curated monograph: ").Append(string.Join(", ", d.Curated.Select(x => $"<a href=\"{E(x.Id)}\" data-monograph=\"{E(x.Id)}\">{E(x.Name)}</a>"))).Append('.');
            }

            h.Append("</p>\n");
            return;
        }

        h.Append("<p class=\"layer layer-curated\" data-layer=\"curated\"><span class=\"badge curated\">Curated</span> Written by people from the sources cited, each with how far it was checked; grades are computed from the evidence.");
        if (d.Labels.Count > 0)
        {
            h.Append(" What the US label says, imported by machine: ").Append(string.Join(", ", d.Labels.Select(x => $"<a href=\"{E(x.Id)}\" data-monograph=\"{E(x.Id)}\">{E(LabelLinkText(x))}</a>"))).Append('.');
        }

        h.Append("</p>\n");
    }

    /// <summary>"US label of 2023-01-31 (Provigil)".</summary>
    private static string LabelLinkText(Compound entry) =>
        $"US label of {entry.Label?.Date}" + (entry.Synonyms.Count > 0 ? $" ({entry.Synonyms[0]})" : string.Empty);

    /// <summary>"from the US label of 2023-01-31 · Contraindications, characters 10–120" for an imported item; nothing for a curated one.</summary>
    private static string Provenance(MonographDocument d, Knowledge.Labels.LabelPassage? passage, Knowledge.Labels.LabelReview? review)
    {
        if (passage is null || d.Compound.Label is not { } label)
        {
            return string.Empty;
        }

        var badge = review is null
            ? $"<span class=\"badge imported\" title=\"Machine-imported; not yet read by a curator\">from the US label of {E(label.Date)}</span>"
            : $"<span class=\"badge curated\" title=\"A curator read this item against the label\">from the US label of {E(label.Date)}, read by {E(review.Reviewer)} on {E(review.Date)}</span>";
        return string.Create(CultureInfo.InvariantCulture, $"<br>{badge} <a class=\"small\" href=\"{E(label.Url)}\">{E(passage.SectionTitle)}</a><span class=\"small muted\">, text {passage.Index + 1}, characters {passage.Start}–{passage.Start + passage.Length}, SHA-256 {E(passage.Sha256[..12])}…</span>");
    }

    private static void Summary(StringBuilder h, MonographDocument d)
    {
        var c = d.Compound;
        h.Append("<section id=\"summary\">\n<h2>Summary</h2>\n<p>").Append(P(d, c.Summary)).Append("</p>\n");
        var contraindications = c.Safety.Where(s => s.Type == SafetyType.Contraindication).ToList();
        var major = c.Interactions.Where(i => i.Severity is InteractionSeverity.Major or InteractionSeverity.Moderate).ToList();
        if (contraindications.Count > 0 || major.Count > 0)
        {
            h.Append("<div class=\"safety\"><strong>Safety first.</strong><ul>\n");
            foreach (var s in contraindications)
            {
                h.Append("<li>Contraindicated in <strong>").Append(E(Wording.Population(s, d.Name))).Append("</strong>: ").Append(P(d, s.Statement)).Append(' ').Append(Refs(d, s.CitationIds)).Append("</li>\n");
            }

            foreach (var i in major)
            {
                h.Append("<li>Interaction with <strong>").Append(E(d.Name(i.With.Key))).Append("</strong> (").Append(E(Wording.Term(i.Severity))).Append("): ").Append(P(d, i.Effect)).Append("</li>\n");
            }

            h.Append("</ul></div>\n");
        }

        if (c.Claims.Count > 0)
        {
            h.Append("<h3>Evidence at a glance</h3>\n<table><thead><tr><th>Claim</th><th>Scope</th><th>Direction</th><th>Grade</th></tr></thead><tbody>\n");
            foreach (var claim in EvidenceAtAGlance.Rows(c))
            {
                h.Append("<tr><td><a href=\"#").Append(E(claim.Id)).Append("\">").Append(E(claim.Title)).Append("</a></td><td>").Append(E(Wording.Scope(claim.Scope)))
                    .Append("</td><td>").Append(E(Wording.Direction(claim.Direction))).Append("</td><td class=\"grade\">").Append(E(claim.Grade.Label)).Append("</td></tr>\n");
            }

            h.Append("</tbody></table>\n");
        }

        h.Append("</section>\n");
    }

    private static void WhatItIs(StringBuilder h, MonographDocument d)
    {
        var c = d.Compound;
        h.Append("<section id=\"what\">\n<h2>What it is</h2>\n");
        if (c.Composition is not null)
        {
            h.Append("<p>").Append(P(d, c.Composition)).Append("</p>\n");
        }

        if (c.Routes.Count > 0)
        {
            h.Append("<p><strong>Routes:</strong> ").Append(E(string.Join(", ", c.Routes.Select(r => Wording.Term(r))))).Append("</p>\n");
        }

        if (c.Regulatory.Count > 0)
        {
            h.Append("<table><thead><tr><th>Region</th><th>Regulatory status</th><th>Source</th></tr></thead><tbody>\n");
            foreach (var r in c.Regulatory)
            {
                h.Append("<tr><td>").Append(E(r.Region)).Append("</td><td>").Append(E(r.Status)).Append("</td><td>").Append(Refs(d, r.CitationIds)).Append("</td></tr>\n");
            }

            h.Append("</tbody></table>\n");
        }

        if (c.ExternalIds.Count > 0)
        {
            h.Append("<p class=\"small muted\">Identifiers: ").Append(E(string.Join(" · ", c.ExternalIds.Select(kv => kv.Key.ToUpperInvariant() + " " + kv.Value)))).Append("</p>\n");
        }

        h.Append("</section>\n");
    }

    private static void ClaimBlock(StringBuilder h, MonographDocument d, Claim claim)
    {
        h.Append("<article class=\"claim\" id=\"").Append(E(claim.Id)).Append("\">\n<h3>").Append(E(claim.Title)).Append("</h3>\n<p>").Append(P(d, claim.Statement)).Append("</p>\n");
        h.Append("<p class=\"small\"><strong>Outcome:</strong> ").Append(E(d.Name(claim.OutcomeId)));
        if (claim.Population.ConditionId is { } condition)
        {
            h.Append(" · <strong>Population:</strong> ").Append(E(d.Name(condition)));
        }
        else if (claim.Population.Description is { } description)
        {
            h.Append(" · <strong>Population:</strong> ").Append(E(description));
        }

        h.Append(" · <strong>Evidence:</strong> ").Append(E(Wording.Scope(claim.Scope))).Append(" · <strong>Finding:</strong> ").Append(E(Wording.Direction(claim.Direction))).Append("</p>\n");
        if (claim.Intervention is not null || claim.Comparator is not null)
        {
            h.Append("<p class=\"small\">");
            if (claim.Intervention is not null)
            {
                h.Append("<strong>Intervention:</strong> ").Append(E(claim.Intervention)).Append(' ');
            }

            if (claim.Comparator is not null)
            {
                h.Append("<strong>Compared with:</strong> ").Append(E(claim.Comparator));
            }

            h.Append("</p>\n");
        }

        if (claim.Magnitude is not null)
        {
            h.Append("<p class=\"small\"><strong>Size of effect:</strong> ").Append(E(claim.Magnitude)).Append("</p>\n");
        }

        if (claim.Assertion is { } a)
        {
            h.Append("<p class=\"note\"><strong>As commonly claimed:</strong> “").Append(E(a.Text)).Append("” — <strong>")
                .Append(E(Wording.Assertion(a.Status))).Append("</strong>");
            if (a.Note is not null)
            {
                h.Append(". ").Append(P(d, a.Note));
            }

            h.Append("</p>\n");
        }

        GradeBlock(h, d, claim.Grade);
        EvidenceTable(h, d, claim.Evidence, modifier: false);
        Excluded(h, d, claim.Excluded);
        Discrepancies(h, d, claim.Evidence);
        h.Append("</article>\n");
    }

    private static void GradeBlock(StringBuilder h, MonographDocument d, EvidenceGrade grade)
    {
        h.Append("<p><span class=\"grade\">Grade: ").Append(E(grade.Label)).Append("</span>").Append(E(Wording.ReportedCertainty(grade))).Append("</p>\n<ul class=\"reasons\">\n");
        foreach (var reason in grade.Reasons)
        {
            h.Append("<li>").Append(P(d, reason)).Append("</li>\n");
        }

        h.Append("</ul>\n");
    }

    private static void Excluded(StringBuilder h, MonographDocument d, IReadOnlyList<EvidenceExclusion> excluded)
    {
        if (excluded.Count == 0)
        {
            return;
        }

        h.Append("<p>Found but not counted:</p>\n<ul class=\"excluded\">\n");
        foreach (var x in excluded)
        {
            var citation = d.References[d.ReferenceNumber(x.CitationId) - 1];
            h.Append("<li>").Append(Refs(d, [x.CitationId])).Append(' ').Append(E(Short(citation))).Append(": ").Append(P(d, x.Reason)).Append("</li>\n");
        }

        h.Append("</ul>\n");
    }

    private static void EvidenceTable(StringBuilder h, MonographDocument d, IReadOnlyList<EvidenceItem> items, bool modifier)
    {
        if (items.Count == 0)
        {
            return;
        }

        h.Append("<table><thead><tr><th>Study</th><th>Design</th><th>n</th><th>Population</th><th>")
            .Append(modifier ? "Carriers" : "Finding").Append("</th><th>Verification</th></tr></thead><tbody>\n");
        foreach (var e in items)
        {
            var citation = d.References[d.ReferenceNumber(e.CitationId) - 1];
            h.Append("<tr><td>").Append(Refs(d, [e.CitationId])).Append(' ').Append(E(Short(citation))).Append("</td><td>").Append(E(Wording.Term(e.Design)));
            if (e.Species != Species.Human)
            {
                h.Append(" (").Append(E(Wording.Term(e.Species))).Append(')');
            }

            if (e.SponsorLinked)
            {
                h.Append("<br><span class=\"small\">maker-linked</span>");
            }

            if (e.Indirect)
            {
                h.Append("<br><span class=\"small\">indirect</span>");
            }

            h.Append("</td><td>").Append(E(Wording.Size(e))).Append("</td><td>").Append(E(e.Population ?? string.Empty));
            if (e.Dose is not null)
            {
                h.Append("<br><span class=\"small muted\">").Append(E(e.Dose)).Append("</span>");
            }

            h.Append("</td><td>");
            h.Append(E(modifier && e.CarrierResponse is { } response ? "carriers " + Wording.Term(response) : Wording.Term(e.Role)));
            if (e.Effect is { } effect)
            {
                h.Append("<br><span class=\"small\">").Append(E(effect.Metric)).Append(' ').Append(E(effect.Value ?? string.Empty));
                if (effect.Interval is not null)
                {
                    h.Append(" (").Append(E(effect.Interval)).Append(')');
                }

                h.Append("</span>");
            }

            if (e.Note is not null)
            {
                h.Append("<br><span class=\"small muted\">").Append(P(d, e.Note)).Append("</span>");
            }

            h.Append("</td><td>").Append(Badge(citation.Verification.Status)).Append("</td></tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    private static void Discrepancies(StringBuilder h, MonographDocument d, IEnumerable<EvidenceItem> items)
    {
        foreach (var id in items.Select(e => e.CitationId).Distinct(StringComparer.Ordinal))
        {
            var citation = d.References[d.ReferenceNumber(id) - 1];
            foreach (var x in citation.Discrepancies)
            {
                h.Append("<p class=\"note\"><strong>Discrepancy</strong> ").Append(Refs(d, [id])).Append(": claimed — ").Append(E(x.Claim)).Append(" Found — ").Append(E(x.Finding)).Append("</p>\n");
            }

            if (citation.ConflictOfInterest is not null)
            {
                h.Append("<p class=\"note\"><strong>Conflict of interest</strong> ").Append(Refs(d, [id])).Append(": ").Append(E(citation.ConflictOfInterest)).Append("</p>\n");
            }
        }
    }

    private static void Dosing(StringBuilder h, MonographDocument d)
    {
        var c = d.Compound;
        if (c.Dosing.Count == 0 && c.Routes.Count == 0)
        {
            return;
        }

        h.Append("<section id=\"dosing\">\n<h2>Dosing and routes</h2>\n<p class=\"muted small\">Doses as their sources state them. Decodex reports doses; it does not recommend one.</p>\n");
        if (c.Dosing.Count > 0)
        {
            h.Append("<table><thead><tr><th>For</th><th>Dose</th><th>Route</th><th>How often</th><th>How long</th><th>Source</th></tr></thead><tbody>\n");
            foreach (var x in c.Dosing)
            {
                h.Append("<tr><td>").Append(E(x.Indication == "general" ? "General" : d.Name(x.Indication))).Append("</td><td>").Append(E(x.Dose));
                if (x.Note is not null)
                {
                    h.Append("<br><span class=\"small muted\">").Append(P(d, x.Note)).Append("</span>");
                }

                h.Append("</td><td>").Append(E(x.Route is { } r ? Wording.Term(r) : string.Empty)).Append("</td><td>").Append(E(x.Frequency ?? string.Empty))
                    .Append("</td><td>").Append(E(x.Duration ?? string.Empty)).Append("</td><td>").Append(E(Wording.Term(x.SourceType))).Append(' ').Append(Refs(d, x.CitationIds)).Append("</td></tr>\n");
            }

            h.Append("</tbody></table>\n");
        }

        h.Append("</section>\n");
    }

    private static void Safety(StringBuilder h, MonographDocument d)
    {
        var c = d.Compound;
        if (c.Safety.Count == 0)
        {
            return;
        }

        h.Append("<section id=\"risks\">\n<h2>Risks, contraindications and side effects</h2>\n<table><thead><tr><th>Type</th><th>Condition</th><th>What the source says</th><th>Source</th></tr></thead><tbody>\n");
        foreach (var s in c.Safety.OrderBy(s => s.Type))
        {
            h.Append("<tr><td><strong>").Append(E(Wording.SafetyType(s.Type))).Append("</strong></td><td>").Append(E(s.ConditionId is null && s.AppliesToEveryone ? "—" : Wording.Population(s, d.Name)))
                .Append("</td><td>").Append(P(d, s.Statement));
            if (s.Frequency is not null)
            {
                h.Append("<br><span class=\"small muted\">Frequency: ").Append(E(s.Frequency)).Append("</span>");
            }

            h.Append(Provenance(d, s.Passage, s.Review));
            h.Append("</td><td>").Append(E(Wording.Term(s.SourceType))).Append(' ').Append(Refs(d, s.CitationIds)).Append("<br>").Append(Badges(d, s.CitationIds)).Append("</td></tr>\n");
        }

        h.Append("</tbody></table>\n</section>\n");
    }

    private static void Interactions(StringBuilder h, MonographDocument d)
    {
        var c = d.Compound;
        if (c.Interactions.Count == 0)
        {
            return;
        }

        h.Append("<section id=\"interactions\">\n<h2>Interactions</h2>\n");
        foreach (var i in c.Interactions.OrderBy(i => i.Severity))
        {
            h.Append("<article class=\"claim\" id=\"").Append(E(i.Id)).Append("\">\n<h3>With ").Append(E(d.Name(i.With.Key)))
                .Append(" <span class=\"badge v-").Append(i.Severity is InteractionSeverity.Major ? "bad" : i.Severity is InteractionSeverity.Moderate ? "mid" : "ok").Append("\">")
                .Append(E(Wording.Term(i.Severity))).Append("</span></h3>\n<p>").Append(P(d, i.Effect)).Append(Provenance(d, i.Passage, i.Review)).Append("</p>\n<p class=\"small\"><strong>Mechanism:</strong> ")
                .Append(E(Wording.Term(i.Mechanism))).Append(" · <strong>Evidence:</strong> ").Append(E(Wording.Scope(i.Scope))).Append("</p>\n");
            if (i.Action is not null)
            {
                h.Append("<p><strong>What to do:</strong> ").Append(P(d, i.Action)).Append("</p>\n");
            }

            if (i.SeverityBasis is not null)
            {
                h.Append("<p class=\"small muted\">Severity is an editorial judgement. Basis: ").Append(P(d, i.SeverityBasis)).Append("</p>\n");
            }

            GradeBlock(h, d, i.Grade);
            EvidenceTable(h, d, i.Evidence, modifier: false);
            Discrepancies(h, d, i.Evidence);
            h.Append("</article>\n");
        }

        h.Append("</section>\n");
    }

    private static void Modifiers(StringBuilder h, MonographDocument d)
    {
        var c = d.Compound;
        if (c.Modifiers.Count == 0)
        {
            return;
        }

        h.Append("<section id=\"genes\">\n<h2>Genes and other personal factors</h2>\n");
        foreach (var m in c.Modifiers)
        {
            h.Append("<article class=\"claim\" id=\"").Append(E(m.Id)).Append("\">\n<h3>").Append(E(m.Factor.Description));
            var badge = m.Consistency == ModifierConsistency.Conflicting ? "bad" : m.Consistency == ModifierConsistency.Consistent ? "ok" : "mid";
            if (m.Grade.Scale != GradeScale.Guideline)
            {
                // A guideline's advice has no study consistency to show; its own level is in the grade.
                h.Append(" <span class=\"badge v-").Append(badge).Append("\">").Append(E(Wording.Consistency(m.Consistency))).Append("</span>");
            }

            h.Append("</h3>\n");
            if (m.Factor.Variants.Count > 0)
            {
                h.Append("<p class=\"small\">").Append(E(m.Factor.Gene ?? string.Empty)).Append(' ').Append(E(string.Join(" + ", m.Factor.Variants.Select(v => v.RsId + " " + v.Allele)))).Append(" (plus strand)</p>\n");
            }

            h.Append("<p>").Append(P(d, m.Effect)).Append("</p>\n");
            if (m.ClaimId is not null)
            {
                h.Append("<p class=\"small\">Modifies: <a href=\"#").Append(E(m.ClaimId)).Append("\">").Append(E(d.Name(m.ClaimId))).Append("</a></p>\n");
            }

            if (m.Level is not null)
            {
                h.Append("<p class=\"small\">Level (PharmGKB style): ").Append(E(m.Level)).Append("</p>\n");
            }

            GradeBlock(h, d, m.Grade);
            EvidenceTable(h, d, m.Evidence, modifier: true);
            Discrepancies(h, d, m.Evidence);
            h.Append("</article>\n");
        }

        h.Append("</section>\n");
    }

    private static void Related(StringBuilder h, MonographDocument d)
    {
        var c = d.Compound;
        if (c.Related.Count == 0)
        {
            return;
        }

        h.Append("<section id=\"related\">\n<h2>Related compounds</h2>\n<ul>\n");
        foreach (var r in c.Related)
        {
            h.Append("<li><strong>").Append(E(d.Name(r.CompoundId))).Append("</strong> (").Append(E(Wording.Term(r.Relation))).Append(')');
            if (r.Note is not null)
            {
                h.Append(": ").Append(P(d, r.Note));
            }

            h.Append("</li>\n");
        }

        h.Append("</ul>\n</section>\n");
    }

    private static void UserReports(StringBuilder h, MonographDocument d)
    {
        if (d.Compound.UserReports is not { } u)
        {
            return;
        }

        h.Append("<section id=\"experiences\">\n<h2>User-reported experiences</h2>\n<div class=\"anecdote\">\n<p class=\"small\"><strong>Anecdotes, not evidence.</strong> They are shown and counted, and never enter a grade.");
        if (u.CitationId is not null)
        {
            h.Append(" Source: ").Append(Refs(d, [u.CitationId]));
        }

        h.Append("</p>\n");
        if (u.Rating is { } rating)
        {
            h.Append("<p>Community rating on the source page: <strong>").Append(rating.Average.ToString("0.##", CultureInfo.InvariantCulture)).Append(" of ")
                .Append(rating.Scale.ToString(CultureInfo.InvariantCulture)).Append("</strong> from ").Append(rating.Votes.ToString(CultureInfo.InvariantCulture)).Append(" votes.</p>\n");
        }

        List(h, "Reported as positive", u.Positive);
        List(h, "Reported as negative", u.Negative);
        List(h, "Reader comments", u.Comments);
        h.Append("</div>\n</section>\n");

        static void List(StringBuilder h, string title, IReadOnlyList<string> items)
        {
            if (items.Count == 0)
            {
                return;
            }

            h.Append("<h3>").Append(E(title)).Append(" (").Append(items.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h3>\n<ul>\n");
            foreach (var item in items)
            {
                h.Append("<li>").Append(E(item)).Append("</li>\n");
            }

            h.Append("</ul>\n");
        }
    }

    private static void References(StringBuilder h, MonographDocument d)
    {
        h.Append("<section id=\"references\">\n<h2>References</h2>\n<ol class=\"refs\">\n");
        foreach (var c in d.References)
        {
            h.Append("<li id=\"ref-").Append(E(c.Id)).Append("\">").Append(E(Wording.CitationLine(c))).Append(' ');
            if (c.Pmid is not null)
            {
                h.Append("<a href=\"https://pubmed.ncbi.nlm.nih.gov/").Append(E(c.Pmid)).Append("/\">PubMed</a> ");
            }

            if (c.Doi is not null)
            {
                h.Append("<a href=\"https://doi.org/").Append(E(c.Doi)).Append("\">DOI</a> ");
            }

            if (c.Pmcid is not null)
            {
                h.Append("<a href=\"https://pmc.ncbi.nlm.nih.gov/articles/").Append(E(c.Pmcid)).Append("/\">PMC</a> ");
            }

            if (c.Pmid is null && c.Doi is null && c.Url is not null)
            {
                h.Append("<a href=\"").Append(E(c.Url)).Append("\">link</a> ");
            }

            h.Append(Badge(c.Verification.Status));
            var seen = c.Verification.SeenAt.Count > 0 ? "Seen at: " + string.Join(", ", c.Verification.SeenAt) + "." : string.Empty;
            var note = string.Join(' ', new[] { c.Verification.Note, seen, c.Verification.Checked is null ? null : "Checked " + c.Verification.Checked + "." }.OfType<string>().Where(s => s.Length > 0));
            if (note.Length > 0)
            {
                h.Append("<br><span class=\"small muted\">").Append(P(d, note)).Append("</span>");
            }

            h.Append("</li>\n");
        }

        h.Append("</ol>\n</section>\n");
    }

    private static void ProseSection(StringBuilder h, MonographDocument d, string key, string title)
    {
        var c = d.Compound;
        if (c.Sections.TryGetValue(key, out var text))
        {
            h.Append("<section id=\"").Append(key).Append("\">\n<h2>").Append(E(title)).Append("</h2>\n<p>").Append(P(d, text)).Append("</p>\n</section>\n");
        }
    }

    private static string Refs(MonographDocument d, IEnumerable<string> ids) =>
        string.Concat(ids.Select(id => string.Create(CultureInfo.InvariantCulture, $"<a href=\"#ref-{E(id)}\">[{d.ReferenceNumber(id)}]</a>")));

    private static string Badges(MonographDocument d, IEnumerable<string> ids) =>
        string.Join(" ", ids.Select(id => Badge(d.References[d.ReferenceNumber(id) - 1].Verification.Status)).Distinct(StringComparer.Ordinal));

    private static string Badge(VerificationStatus status)
    {
        var css = status switch
        {
            VerificationStatus.VerifiedAbstract or VerificationStatus.VerifiedFullText => "v-ok",
            VerificationStatus.NotFound or VerificationStatus.Contradicted => "v-bad",
            _ => "v-mid",
        };
        return $"<span class=\"badge {css}\" data-status=\"{TermText.Of(status)}\">{E(Wording.Verification(status))}</span>";
    }

    private static string Short(Citation c)
    {
        var who = c.Authors.Count > 0 ? c.Authors[0].Split(' ')[0] + (c.Authors.Count > 1 ? " et al." : string.Empty) : null;
        var year = c.Year?.ToString(CultureInfo.InvariantCulture);
        var head = string.Join(" ", new[] { who, c.Journal, year }.OfType<string>());
        return head.Length > 0 ? head : c.Title;
    }

    private static string KindWords(Compound c) => KindText(c.Kind);

    /// <summary>What kind of entry a monograph is, in words for a page (<c>Drug class</c>, <c>Supplement</c>), never the YAML term.</summary>
    public static string KindText(CompoundKind kind) => kind switch
    {
        CompoundKind.DrugClass => "Drug class",
        var k => char.ToUpperInvariant(Wording.Term(k)[0]) + Wording.Term(k)[1..],
    };

    private static string Title(string key) =>
        key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..].Replace('-', ' ');

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// Prose, encoded, with each claim or citation id an editor wrote in it shown as the page shows that
    /// thing elsewhere: a citation as its reference number (replacing the brackets around a lone id), a
    /// claim as its title, linked where it is on this page.
    /// </summary>
    private static string P(MonographDocument d, string text)
    {
        var encoded = E(text);
        return d.Mentions.Count == 0 ? encoded : MentionedId.Replace(encoded, m =>
        {
            var id = m.Groups["id"].Value;
            if (!d.Mentions.TryGetValue(id, out var mention))
            {
                return m.Value;
            }

            var alone = m.Groups["open"].Success && m.Groups["close"].Success;
            var shown = mention.Href is null ? E(mention.Text) : $"<a href=\"{E(mention.Href)}\">{E(mention.Text)}</a>";
            var link = mention.IsReference || alone ? shown : "“" + shown + "”";
            return mention.IsReference && alone ? link : m.Groups["open"].Value + link + m.Groups["close"].Value;
        });
    }

    private static readonly System.Text.RegularExpressions.Regex MentionedId = new("(?<open>\\()?(?<![\\w/#.-])(?<id>[a-z0-9]+(?:-[a-z0-9]+)+)(?![\\w/-])(?<close>\\))?", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
