using Decodex.Core.Community;

namespace Decodex.Core.Tests.Community;

/// <summary>Community rating summaries against hand-computed values: hidden small cells, Wilson intervals, shrinkage.</summary>
public sealed class RatingSummaryTests
{
    [Fact]
    public void Wilson_MatchesTheSurveyFigureAndTheEdges()
    {
        // 20 of 26 rated Cerebrolysin 5 or more in the 2016 SSC survey copy: 0.77 (0.58–0.89), as the community notes report.
        var w = RatingSummaries.Wilson(20, 26);
        Assert.Equal(0.7692, w.Estimate, 4);
        Assert.Equal(0.579, w.Lower, 3);
        Assert.Equal(0.890, w.Upper, 3);

        // 0 of 10: the interval still has width (0 to 0.278), unlike the plain ±1.96·SE.
        var none = RatingSummaries.Wilson(0, 10);
        Assert.Equal(0, none.Lower, 10);
        Assert.Equal(0.2775, none.Upper, 4);
        Assert.Equal(1, RatingSummaries.Wilson(10, 10).Upper, 10);
    }

    [Fact]
    public void Summaries_HideSmallCells_AndShrinkTowardTheAllCompoundMean()
    {
        var ratings = new Dictionary<string, IReadOnlyList<int>>
        {
            ["a"] = [8, 8, 8, 8, 8, 6, 6, 6, 6, 6], // mean 7, squares 10
            ["b"] = [4, 4, 4, 4, 4, 2, 2, 2, 2, 2], // mean 3, squares 10
            ["c"] = [5, 5, 5, 5, 5], // mean 5, squares 0
            ["d"] = [10, 10, 10, 10], // 4 ratings: hidden, and left out of the shrinkage
        };
        var s = RatingSummaries.Of(ratings);

        Assert.True(s["d"].Hidden);
        Assert.Equal(4, s["d"].Count);
        Assert.Null(s["d"].Mean);
        Assert.Null(s["d"].Histogram);

        // By hand: σ² = (10 + 10 + 0) / (9 + 9 + 4) = 0.9091; μ = (7 + 3 + 5) / 3 = 5;
        // τ² = (2² + 2² + 0) / 2 − (σ²/10 + σ²/10 + σ²/5) / 3 = 4 − 0.1212 = 3.8788;
        // a: (τ² × 7 + σ²/10 × 5) / (τ² + σ²/10) = 6.9542.
        var sigma2 = 20 / 22.0;
        var tau2 = 4 - (((sigma2 / 10) + (sigma2 / 10) + (sigma2 / 5)) / 3);
        Assert.Equal(((tau2 * 7) + (sigma2 / 10 * 5)) / (tau2 + (sigma2 / 10)), s["a"].ShrunkMean!.Value, 10);
        Assert.Equal(6.9542, s["a"].ShrunkMean!.Value, 4);
        Assert.Equal(10 - 6.9542, s["b"].ShrunkMean!.Value, 4); // symmetric about μ = 5
        Assert.Equal(5, s["c"].ShrunkMean!.Value, 10);

        Assert.Equal(7, s["a"].Median);
        Assert.Equal([0, 0, 0, 0, 0, 0, 5, 0, 5, 0, 0], s["a"].Histogram);
        Assert.Equal(1, s["a"].ShareAtLeastFive!.Estimate);
        Assert.Equal(0, s["b"].ShareAtLeastFive!.Estimate);
        Assert.Equal(3, s["b"].Median);
    }

    [Fact]
    public void Summaries_WithFewerThanThreeShownCompounds_HaveNoShrunkMean()
    {
        var s = RatingSummaries.Of(new Dictionary<string, IReadOnlyList<int>> { ["a"] = [1, 2, 3, 4, 5], ["b"] = [5, 6, 7, 8, 9] });
        Assert.Null(s["a"].ShrunkMean);
        Assert.Equal(3, s["a"].Median);
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingSummaries.Of(new Dictionary<string, IReadOnlyList<int>> { ["a"] = [11] }));
    }
}
