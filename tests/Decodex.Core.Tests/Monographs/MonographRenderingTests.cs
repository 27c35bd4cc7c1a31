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
