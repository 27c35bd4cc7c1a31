using System.Globalization;
using System.Text;
using Decodex.Core.Knowledge;

namespace Decodex.Core.Monographs;

/// <summary>Renders a monograph as plain text for a terminal: the same sections, in the same order, as the HTML page.</summary>
public static class MonographTextRenderer
{
    /// <summary>Renders <paramref name="document"/>; lines are wrapped at <paramref name="width"/> characters.</summary>
    public static string Render(MonographDocument document, int width = 100)
    {
        ArgumentNullException.ThrowIfNull(document);
        var c = document.Compound;
        var t = new StringBuilder(32 * 1024);
        t.Append(c.Name.ToUpperInvariant()).Append('\n');
        if (c.Synonyms.Count > 0)
        {
            Wrap(t, "Also called: " + string.Join(", ", c.Synonyms), width);
        }

        Wrap(t, "NOT MEDICAL ADVICE. " + document.Disclaimer + (c.Disclaimer is null ? string.Empty : " " + c.Disclaimer), width);
        Heading(t, "Summary");
        Wrap(t, c.Summary, width);
        foreach (var s in c.Safety.Where(s => s.Type == SafetyType.Contraindication))
        {
            Wrap(t, "! Contraindicated in " + Wording.Population(s, document.Name) + ": " + s.Statement + Refs(document, s.CitationIds), width);
        }

        foreach (var i in c.Interactions.Where(i => i.Severity is InteractionSeverity.Major or InteractionSeverity.Moderate))
        {
            Wrap(t, "! Interaction with " + document.Name(i.With.Key) + " (" + Wording.Term(i.Severity) + "): " + i.Effect, width);
        }

        Heading(t, "What it is");
        if (c.Composition is not null)
        {
            Wrap(t, c.Composition, width);
        }

        foreach (var r in c.Regulatory)
        {
            Wrap(t, "- " + r.Region + ": " + r.Status + Refs(document, r.CitationIds), width);
        }

        if (c.Routes.Count > 0)
        {
            Wrap(t, "Routes: " + string.Join(", ", c.Routes.Select(r => Wording.Term(r))), width);
        }

        ClaimSectionText(t, document, "How it is said to work", c.Claims.Where(x => x.Section == ClaimSection.Mechanism), width);
        ClaimSectionText(t, document, "Effects", c.Claims.Where(x => x.Section == ClaimSection.Effect).OrderBy(x => x.Scope == EvidenceScope.Human ? 0 : 1), width);
        if (c.Sections.TryGetValue("limitations", out var limitations))
        {
            Heading(t, "Limitations of the evidence");
            Wrap(t, limitations, width);
        }

        if (c.Dosing.Count > 0)
        {
            Heading(t, "Dosing and routes (as sources state them; not a recommendation)");
            foreach (var d in c.Dosing)
            {
                var parts = new[] { d.Dose, d.Route is { } r ? Wording.Term(r) : null, d.Frequency, d.Duration }.OfType<string>();
                Wrap(t, "- " + (d.Indication == "general" ? "General" : document.Name(d.Indication)) + ": " + string.Join(", ", parts) + " [" + Wording.Term(d.SourceType) + "]" + Refs(document, d.CitationIds), width);
            }
        }

        if (c.Safety.Count > 0)
        {
            Heading(t, "Risks, contraindications and side effects");
            foreach (var s in c.Safety.OrderBy(s => s.Type))
            {
                Wrap(t, "- " + Wording.SafetyType(s.Type) + (s.ConditionId is null ? string.Empty : " (" + document.Name(s.ConditionId) + ")") + ": " + s.Statement + Refs(document, s.CitationIds), width);
            }
        }

        if (c.Interactions.Count > 0)
        {
            Heading(t, "Interactions");
            foreach (var i in c.Interactions.OrderBy(i => i.Severity))
            {
                Wrap(t, "- With " + document.Name(i.With.Key) + " [" + Wording.Term(i.Severity) + ", " + Wording.Term(i.Mechanism) + ", " + Wording.Scope(i.Scope) + " evidence; " + i.Grade.Label + "]: " + i.Effect
                    + (i.Action is null ? string.Empty : " What to do: " + i.Action) + Refs(document, i.Evidence.Select(e => e.CitationId)), width);
            }
        }

        if (c.Modifiers.Count > 0)
        {
            Heading(t, "Genes and other personal factors");
            foreach (var m in c.Modifiers)
            {
                var consistency = m.Grade.Scale == GradeScale.Guideline ? string.Empty : Wording.Consistency(m.Consistency) + "; ";
                Wrap(t, "- " + m.Factor.Description + " [" + consistency + m.Grade.Label + "]: " + m.Effect, width);
                foreach (var e in m.Evidence)
                {
                    Wrap(t, "    " + Refs(document, [e.CitationId]).Trim() + " " + Wording.Term(e.Design) + ", n " + Wording.Size(e) + ": carriers " + (e.CarrierResponse is { } r ? Wording.Term(r) : "?") + " — " + Wording.Verification(document.References[document.ReferenceNumber(e.CitationId) - 1].Verification.Status), width);
                }
            }
        }

        if (c.Related.Count > 0)
        {
            Heading(t, "Related compounds");
            foreach (var r in c.Related)
            {
                Wrap(t, "- " + document.Name(r.CompoundId) + " (" + Wording.Term(r.Relation) + ")" + (r.Note is null ? string.Empty : ": " + r.Note), width);
            }
        }

        if (c.UserReports is { } u)
        {
            Heading(t, "User-reported experiences (anecdotes; never part of a grade)");
            if (u.Rating is { } rating)
            {
                Wrap(t, string.Create(CultureInfo.InvariantCulture, $"Community rating on the source page: {rating.Average:0.##} of {rating.Scale} from {rating.Votes} votes."), width);
            }

            foreach (var p in u.Positive)
            {
                Wrap(t, "+ " + p, width);
            }

            foreach (var n in u.Negative)
            {
                Wrap(t, "- " + n, width);
            }

            foreach (var comment in u.Comments)
            {
                Wrap(t, "  " + comment, width);
            }
        }

        foreach (var (key, text) in c.Sections.Where(s => s.Key != "limitations"))
        {
            Heading(t, char.ToUpperInvariant(key[0]) + key[1..].Replace('-', ' '));
            Wrap(t, text, width);
        }

        Heading(t, "References");
        for (var i = 0; i < document.References.Count; i++)
        {
            var r = document.References[i];
            Wrap(t, string.Create(CultureInfo.InvariantCulture, $"[{i + 1}] {Wording.CitationLine(r)} ({Wording.Verification(r.Verification.Status)})"), width);
        }

        t.Append('\n').Append("Knowledge base ").Append(document.KnowledgeBaseVersion).Append(", grades by ").Append(document.GradingAlgorithm).Append(".\n");
        return t.ToString();
    }

    private static void ClaimSectionText(StringBuilder t, MonographDocument d, string title, IEnumerable<Claim> claims, int width)
    {
        var list = claims.ToList();
        if (list.Count == 0)
        {
            return;
        }

        Heading(t, title);
        foreach (var claim in list)
        {
            t.Append('\n');
            Wrap(t, "* " + claim.Title + " — " + claim.Grade.Label + Wording.ReportedCertainty(claim.Grade) + " (" + Wording.Scope(claim.Scope) + " evidence; finding: " + Wording.Direction(claim.Direction) + ")", width);
            Wrap(t, "  " + claim.Statement, width);
            if (claim.Assertion is { } a)
            {
                Wrap(t, "  As commonly claimed: \"" + a.Text + "\" — " + Wording.Assertion(a.Status) + (a.Note is null ? "." : ". " + a.Note), width);
            }

            foreach (var reason in claim.Grade.Reasons)
            {
                Wrap(t, "  · " + reason, width);
            }

            foreach (var e in claim.Evidence)
            {
                var citation = d.References[d.ReferenceNumber(e.CitationId) - 1];
                Wrap(t, "  " + Refs(d, [e.CitationId]).Trim() + " " + Wording.Term(e.Design) + (e.Species == Species.Human ? string.Empty : " (" + Wording.Term(e.Species) + ")") + ", n " + Wording.Size(e) + ", " + Wording.Term(e.Role) + " — " + Wording.Verification(citation.Verification.Status), width);
                foreach (var x in citation.Discrepancies)
                {
                    Wrap(t, "    Discrepancy: claimed — " + x.Claim + " Found — " + x.Finding, width);
                }
            }

            foreach (var x in claim.Excluded)
            {
                Wrap(t, "  " + Refs(d, [x.CitationId]).Trim() + " not counted: " + x.Reason, width);
            }
        }
    }

    private static void Heading(StringBuilder t, string title) => t.Append('\n').Append(title).Append('\n').Append('-', title.Length).Append('\n');

    private static string Refs(MonographDocument d, IEnumerable<string> ids) =>
        " " + string.Concat(ids.Select(id => string.Create(CultureInfo.InvariantCulture, $"[{d.ReferenceNumber(id)}]")));

    private static void Wrap(StringBuilder t, string text, int width)
    {
        var lead = text.Length - text.TrimStart().Length;
        var body = text.TrimStart();
        var hanging = lead + (body.StartsWith("- ", StringComparison.Ordinal) || body.StartsWith("* ", StringComparison.Ordinal) || body.StartsWith("+ ", StringComparison.Ordinal) ? 2 : 0);
        var line = new StringBuilder().Append(' ', lead);
        var empty = true;
        foreach (var word in body.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                t.Append(line).Append('\n');
                line.Clear().Append(' ', hanging);
                empty = true;
            }

            if (!empty)
            {
                line.Append(' ');
            }

            line.Append(word);
            empty = false;
        }

        t.Append(line).Append('\n');
    }
}
