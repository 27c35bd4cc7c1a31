using System.Globalization;
using System.Text;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Testing;
using UglyToad.PdfPig;

namespace Decodex.Core.Tests.Reports;

/// <summary>The PDF report: its embedded font, its header and its numbered references, read back with PdfPig.</summary>
public sealed class ReportPdfTests
{
    private static readonly Lazy<PersonalReport> Sample = new(() =>
    {
        var kb = ShippedKnowledge.Base;
        var (profile, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), kb);
        Assert.NotNull(profile);
        var pgx = PgxDataLoader.LoadEmbedded();
        return ReportEngine.Build(kb, pgx, ReportInputs.Load(profile, kb, pgx));
    });

    private static PersonalReport Synthetic(params string[] person) => new()
    {
        Disclaimer = ReportEngine.Disclaimer,
        KnowledgeBaseVersion = "0123456789ab",
        CpicDataVersion = "CPIC test",
        Person = person,
        OnFile = [],
        AsOf = new DateOnly(2026, 12, 4),
    };

    private static List<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => p.Text)];
    }

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void Pdf_GreekMicroAndSymbols_PrintAsThemselves()
    {
        const string Line = "APOE ε4/ε4; vitamin B12 ≥ 200 pmol/L and ≤ 900 pmol/L; 5 µg – twice daily — “as written” 10⁹/L ± 2 → 1.73 m²";

        var text = string.Concat(Pages(ReportPdf.Render(Synthetic(Line))));

        Assert.Contains(Squeezed(Line), Squeezed(text), StringComparison.Ordinal);
        foreach (var c in "ε≥≤µ–—“”")
        {
            Assert.Contains(c, text);
        }

        Assert.DoesNotContain("e4/e4", text, StringComparison.Ordinal);
        Assert.DoesNotContain(">=", text, StringComparison.Ordinal);
        Assert.DoesNotContain('?', text);
    }

    [Fact]
    public void Pdf_SampleReport_ShowsApoeWithItsGreekLetter()
    {
        var text = string.Concat(Pages(ReportPdf.Render(Sample.Value)));

        Assert.Contains("APOEε4/ε4", Squeezed(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_CarriesTheDateAndTheKnowledgeBaseVersion()
    {
        var report = Sample.Value;

        var first = Pages(ReportPdf.Render(report))[0];

        Assert.Contains(Squeezed("Date: " + report.AsOf.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)), Squeezed(first), StringComparison.Ordinal);
        Assert.Contains(Squeezed("Knowledge base version " + ShippedKnowledge.Base.Version), Squeezed(first), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{12}$", report.KnowledgeBaseVersion);
    }

    [Fact]
    public void Html_Sources_AreNumberedLinksToTheReferencesNotIds()
    {
        var report = Sample.Value;
        var html = ReportHtml.Render(report);

        var references = html[html.IndexOf("<h2 id=\"references\">", StringComparison.Ordinal)..];
        foreach (var r in report.References)
        {
            Assert.Contains($"<li id=\"ref-{r.Number}\" value=\"{r.Number}\">{System.Net.WebUtility.HtmlEncode(ReportPdf.ReferenceText(r with { Link = null }))}", references, StringComparison.Ordinal);
        }

        // Every number a finding cites points to a reference, and no citation id is shown in its place.
        var cited = System.Text.RegularExpressions.Regex.Matches(html, "href=\"#ref-(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, n => Assert.Contains(report.References, r => r.Number == n));
        var body = html[..html.IndexOf("<h2 id=\"references\">", StringComparison.Ordinal)];
        Assert.All(report.References.Where(r => !r.Key.StartsWith("cpic:", StringComparison.Ordinal)), r => Assert.DoesNotContain($"Sources: {r.Key}", body, StringComparison.Ordinal));
    }

    [Fact]
    public void Pdf_Sources_AreNumberedReferencesWithTitlesNotIds()
    {
        var report = Sample.Value;

        // The disclaimer at the foot of each page is taken out, so a reference that runs onto the next page reads whole.
        var text = Squeezed(string.Concat(Pages(ReportPdf.Render(report)))).Replace(Squeezed(report.Disclaimer), string.Empty, StringComparison.Ordinal);

        Assert.NotEmpty(report.References);
        Assert.Equal(Enumerable.Range(1, report.References.Count), report.References.Select(r => r.Number));
        Assert.Contains("References", text, StringComparison.Ordinal);
        var references = text[text.LastIndexOf("References", StringComparison.Ordinal)..];
        foreach (var r in report.References)
        {
            Assert.Contains(Squeezed($"[{r.Number}]{ReportPdf.ReferenceText(r)}"), references, StringComparison.Ordinal);
            Assert.NotEqual(r.Key, r.Title);
        }

        Assert.Contains(report.References, r => r.Link is not null);
        Assert.Contains(report.References, r => r.Identifiers.Any(i => i.StartsWith("PMID ", StringComparison.Ordinal)));
        Assert.Contains(report.References, r => r.Key.StartsWith("cpic:", StringComparison.Ordinal));

        // Every cited source has a number, and the findings point to numbers, not to internal ids.
        var cited = report.Compounds.SelectMany(c => c.Findings.SelectMany(f => f.Citations).Concat(c.Effects.SelectMany(e => e.Citations))).ToHashSet(StringComparer.Ordinal);
        Assert.All(cited, id => Assert.NotNull(report.ReferenceNumber(id)));
        Assert.Matches(@"Sources:\[\d+\](,\[\d+\])*\.", text);
        Assert.Equal(1, report.ReferenceNumber(report.References[0].Key));
        var body = text[..text.LastIndexOf("References", StringComparison.Ordinal)];
        Assert.All(cited, id => Assert.DoesNotContain(id, body, StringComparison.Ordinal));
    }

    [Fact]
    public void Pdf_EveryLine_StaysInsideTheMargins()
    {
        using var document = PdfDocument.Open(ReportPdf.Render(Sample.Value));

        Assert.True(document.NumberOfPages > 3);
        foreach (var page in document.GetPages())
        {
            var widest = page.Letters.Max(l => Math.Max(l.BoundingBox.Right, l.EndBaseLine.X));
            Assert.True(widest <= 595 - 50 + 1, $"Page {page.Number}: a letter ends at {widest:0.0} pt, beyond the right margin.");
        }
    }

    [Fact]
    public void Pdf_WrittenOnSeveralThreadsAtOnce_ReadsTheSame()
    {
        var report = Sample.Value;
        var expected = string.Concat(Pages(ReportPdf.Render(report)));

        var texts = new string[4];
        Parallel.For(0, texts.Length, i => texts[i] = string.Concat(Pages(ReportPdf.Render(report))));

        Assert.All(texts, t => Assert.Equal(expected, t));
    }

    [Fact]
    public void Pdf_LongWordsAndUnknownCharacters_WrapAndNeverFail()
    {
        var address = "https://example.org/" + new string('x', 300);
        var many = new StringBuilder();
        for (var c = 'А'; c <= 'я'; c++)
        {
            many.Append(c);
        }

        for (var c = 'ἀ'; c < 'ἀ' + 250; c++)
        {
            many.Append(c).Append(' ');
        }

        // A simple TrueType font holds 255 characters: past 250 distinct ones a new character prints as '?'.
        var pdf = ReportPdf.Render(Synthetic("emoji 😀 and CJK 漢字 and a tab\there", address, many.ToString()));
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));

        Assert.Contains(new string('x', 100), text, StringComparison.Ordinal);
        Assert.Contains("АБВ", text, StringComparison.Ordinal);
        Assert.Contains('?', text[text.IndexOf('ἀ', StringComparison.Ordinal)..]);
        Assert.Contains("emoji ? and CJK ?? and a tab here", text, StringComparison.Ordinal);
        Assert.All(document.GetPages(), p => Assert.True(p.Letters.Max(l => Math.Max(l.BoundingBox.Right, l.EndBaseLine.X)) <= 595 - 50 + 1));
    }
}
