using Decodex.Core.Monographs;

namespace Decodex.Core.Tests.Monographs;

public sealed class MonographRenderingTests
{
    public static TheoryData<string> Compounds()
    {
        var data = new TheoryData<string>();
        foreach (var compound in ShippedKnowledge.Base.Compounds)
        {
            data.Add(compound.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Compounds))]
    public void Render_EveryShippedMonograph_InEveryFormat(string id)
    {
        var document = MonographDocument.Create(ShippedKnowledge.Base, ShippedKnowledge.Base.Compound(id)!);

        var html = MonographHtmlRenderer.Render(document);
        var text = MonographTextRenderer.Render(document);
        var json = MonographJson.Render(document);

        Assert.Contains("Not medical advice", html, StringComparison.Ordinal);
        Assert.Contains("NOT MEDICAL ADVICE", text, StringComparison.Ordinal);
        Assert.StartsWith("{", json, StringComparison.Ordinal);
        Assert.All(document.References, r => Assert.Contains($"id=\"ref-{r.Id}\"", html, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Compounds))]
    public void Render_IdsWrittenInProse_ShowAsReferenceNumbersAndClaimTitles(string id)
    {
        var document = MonographDocument.Create(ShippedKnowledge.Base, ShippedKnowledge.Base.Compound(id)!);
        var html = MonographHtmlRenderer.RenderContent(document);

        // Text between tags only: ids stay in anchors and addresses, where they belong.
        var shown = System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", " ");
        var ids = ShippedKnowledge.Base.Citations.Select(c => c.Id)
            .Concat(ShippedKnowledge.Base.Compounds.SelectMany(c => c.Claims).Select(c => c.Id))
            .Where(x => x.Contains('-', StringComparison.Ordinal));
        Assert.All(ids, x => Assert.DoesNotMatch($"(?<![\\w/#.-]){System.Text.RegularExpressions.Regex.Escape(x)}(?![\\w/-])", shown));
        Assert.All(document.Mentions.Where(m => m.Value.IsReference), m => Assert.Contains(document.References, r => r.Id == m.Key));
    }

    [Fact]
    public void Render_ACitationNamedOnlyInProse_IsNumberedAndListed()
    {
        var document = MonographDocument.Create(ShippedKnowledge.Base, ShippedKnowledge.Base.Compound("cortexin")!);
        var html = MonographHtmlRenderer.RenderContent(document);
        var number = document.ReferenceNumber("cortexin-label-kz");

        Assert.True(number > 0);
        Assert.Contains($"not possible <a href=\"#ref-cortexin-label-kz\">[{number}]</a>, so", html, StringComparison.Ordinal);
    }

    [Fact]
    public void CitationLine_TitleAlone_EndsWithOneFullStop()
    {
        var citation = ShippedKnowledge.Base.Citations.First(c => c.Journal is null && c.Year is null && c.Volume is null && c.Pages is null && c.Authors.Count == 0);

        Assert.DoesNotContain("..", Wording.CitationLine(citation), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Compounds))]
    public void RenderContent_EveryShippedMonograph_IsTheDocumentsBodyWithoutADocument(string id)
    {
        var document = MonographDocument.Create(ShippedKnowledge.Base, ShippedKnowledge.Base.Compound(id)!);

        var html = MonographHtmlRenderer.Render(document);
        var content = MonographHtmlRenderer.RenderContent(document);

        Assert.Contains("<body>\n" + content + "</body>\n</html>\n", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", content, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", content, StringComparison.Ordinal);
        Assert.StartsWith("<header>", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RisperidoneAcuteSchizophrenia_ShowsTheReviewersOwnRatingBesideOurs()
    {
        var document = MonographDocument.Create(ShippedKnowledge.Base, ShippedKnowledge.Base.Compound("risperidone")!);

        var text = MonographTextRenderer.Render(document);
        var html = MonographHtmlRenderer.Render(document);

        Assert.Contains("Symptoms of acute schizophrenia — High (review authors' own rating: very low)", text, StringComparison.Ordinal);
        Assert.Contains("(review authors&#39; own rating: very low)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CpicModifier_ShowsTheGuidelineSchemeNotAGradeCertainty()
    {
        var document = MonographDocument.Create(ShippedKnowledge.Base, ShippedKnowledge.Base.Compound("ssris")!);

        var text = MonographTextRenderer.Render(document);

        Assert.Contains("- CYP2C19 ultrarapid metabolisers taking citalopram [Guideline: CPIC level A, strong", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Single study; Guideline", text, StringComparison.Ordinal);
    }
}
