using Decodex.Core.Knowledge;

namespace Decodex.Core.Tests.Knowledge;

/// <summary>Identifiers corrected in issue 14 carry what the record shows and say how far they were checked.</summary>
public sealed class CorrectedIdentifiersTests
{
    [Fact]
    public void EgfrBiologicalVariationReview_CarriesItsRealTitle()
    {
        var citation = Citation("frontiers-2022-creatinine-biological-variation");

        Assert.Equal("10.3389/fmed.2022.1009358", citation.Doi);
        Assert.Equal("Biological variation and reference change value of the estimated glomerular filtration rate in humans: A systematic review and meta-analysis", citation.Title);
        Assert.True(citation.Verification.IsVerified);
    }

    [Fact]
    public void Cpic2023AntidepressantGuideline_RecordsItsDoi()
    {
        var citation = Citation("cpic-2023-ssri");

        Assert.Equal(("10.1002/cpt.2903", "37032427"), (citation.Doi, citation.Pmid));
        Assert.Contains(citation.Verification.SeenAt, u => u.Contains("childrensmercy", StringComparison.Ordinal));
    }

    [Fact]
    public void Spina2002Fluoxetine_HasItsJournal_SeenOnlySecondHand()
    {
        var citation = Citation("spina-2002-fluoxetine");

        Assert.Equal("J Clin Psychopharmacol", citation.Journal);
        Assert.Contains("second-hand", citation.Verification.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Carobene2022Doi_MarkedAsSeenOnlySecondHand()
    {
        var citation = Citation("carobene-2022-eubivas-summary");

        Assert.Equal("10.1515/cclm-2021-0370", citation.Doi);
        Assert.Equal(VerificationStatus.Secondary, citation.Verification.Status);
        Assert.StartsWith("DOI seen only second-hand", citation.Verification.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(citation.Verification.SeenAt, u => u.Contains("doi.org", StringComparison.Ordinal));
    }

    private static Citation Citation(string id) => ShippedKnowledge.Base.Citation(id) ?? throw new InvalidOperationException($"No citation {id}.");
}
