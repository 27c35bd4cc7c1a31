using Decodex.Core.Knowledge;
using Decodex.Core.Trials;

namespace Decodex.Core.Tests.Trials;

/// <summary>Evidence meets experience: the knowledge base's population effect beside a person's own result, and as a prior.</summary>
public sealed class PopulationEffectTests
{
    [Fact]
    public void Find_TakesTheStandardisedHumanEffect_WithItsIntervalGradeAndCitation()
    {
        var effect = PopulationEffect.Find(ShippedKnowledge.Base, "caffeine", "attention")!;

        Assert.Equal("caffeine-sleep-loss-performance", effect.ClaimId);
        Assert.StartsWith("Hedges' g", effect.Metric, StringComparison.Ordinal);
        Assert.Equal((0.68, 0.48, 0.88), (effect.Estimate, effect.Lower, effect.Upper));
        Assert.Equal(EffectDirection.Benefit, effect.Direction);
        Assert.NotNull(ShippedKnowledge.Base.Citation(effect.CitationId));
        Assert.Equal(0.68, effect.BenefitInSds, 12);
        Assert.Equal(0.4 / 3.92, effect.SpreadInSds, 12);
    }

    [Fact]
    public void Find_ANegativeSmdForABenefit_PointsTheBetterWay_AndNothingIsInventedWhereThereIsNoFigure()
    {
        // Ashwagandha's pooled SMDs for stress are negative: lower stress, which the claim calls a benefit.
        var stress = ShippedKnowledge.Base.Compound("ashwagandha")!.Claims.First(c => c.Evidence.Any(e => e.Effect?.Metric == "SMD")).OutcomeId;
        var effect = PopulationEffect.Find(ShippedKnowledge.Base, "ashwagandha", stress)!;
        Assert.True(effect.Estimate < 0);
        Assert.True(effect.BenefitInSds > 0);

        Assert.Null(PopulationEffect.Find(ShippedKnowledge.Base, "caffeine", "no-such-outcome"));
        Assert.Null(PopulationEffect.Find(ShippedKnowledge.Base, "no-such-compound", "attention"));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, -1)]
    public void ToPrior_ScalesByThePersonsSd_SignedToTheBetterDirection_WithRoomForIndividualResponse(bool lowerIsBetter, int sign)
    {
        var effect = PopulationEffect.Find(ShippedKnowledge.Base, "caffeine", "attention")!;
        var prior = effect.ToPrior(personSd: 2, lowerIsBetter);

        Assert.Equal(sign * 0.68 * 2, prior.Mean, 12);
        Assert.Equal(2 * Math.Sqrt(Math.Pow(0.4 / 3.92, 2) + 0.25), prior.StandardDeviation, 12);
        Assert.Contains("Attention and reaction time after sleep loss", prior.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Analysis_ShowsThePopulationEffectBesideThePersonsOwn_AndThePosteriorWithAndWithoutIt()
    {
        var days = TrialSimulation.Simulate(new SimulationScenario(6, 7, 0.3, 0, 1), new Random(21));
        var population = PopulationEffect.Find(ShippedKnowledge.Base, "caffeine", "attention")!;
        var a = TrialAnalyzer.AnalyzeOutcome("attention", days, new OutcomeSettings(Population: population), trend: false);

        Assert.NotNull(a.Posterior);
        Assert.NotNull(a.PosteriorWithPrior);
        Assert.True(a.PosteriorWithPrior!.Effect.Estimate > a.Posterior!.Effect.Estimate - 1e-9); // pulled towards the published benefit
        Assert.Contains("published evidence (\u201CAttention and reaction time after sleep loss\u201D", a.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("caffeine-sleep-loss-performance", a.Summary, StringComparison.Ordinal);
        Assert.Contains("average over other people", a.Summary, StringComparison.Ordinal);
    }
}
