using Decodex.Core.Trials.Cognitive;

namespace Decodex.Core.Tests.Trials;

/// <summary>Known answers for each cognitive test's scoring, worked by hand from short trial sequences.</summary>
public sealed class CognitiveScoringTests
{
    private static readonly PvtTrial[] Pvt =
    [
        new(250), new(300), new(400), new(520), new(null), new(80), new(null, ResponseWithoutStimulus: true),
    ];

    [Fact]
    public void Pvt_Standard_SpeedLapsesFalseStartsAndTails()
    {
        var s = CognitiveScoring.ScorePvt(Pvt, brief: false);

        // Valid RTs 250, 300, 400, 520 ms: speed = (4 + 3.333 + 2.5 + 1.923) / 4 s⁻¹.
        Assert.Equal(6, s.Trials);
        Assert.Equal(2.9391025641025643, s.ResponseSpeed!.Value, 12);
        Assert.Equal(350, s.MedianRtMs);
        Assert.Equal(2, s.Lapses);        // 520 ms and the trial without response
        Assert.Equal(2, s.FalseStarts);   // 80 ms and the press with no stimulus
        Assert.Equal(250, s.Fastest10PercentRtMs);
        Assert.Equal(1000 / 520.0, s.Slowest10PercentSpeed!.Value, 12);
        Assert.Equal(500, s.LapseThresholdMs);
    }

    [Fact]
    public void Pvt_Brief_CountsLapsesFrom355Ms_AndNoValidResponseGivesNoSpeed()
    {
        Assert.Equal(3, CognitiveScoring.ScorePvt(Pvt, brief: true).Lapses); // 400, 520 and the missed trial

        var none = CognitiveScoring.ScorePvt([new PvtTrial(null), new PvtTrial(50)], brief: true);
        Assert.Null(none.ResponseSpeed);
        Assert.Equal(1, none.Lapses);
        Assert.Equal(1, none.FalseStarts);
    }

    [Fact]
    public void DigitSpan_MeanSpanIsTheMeanOfTheReversals()
    {
        // Outcomes T T F T T F F T at lengths 3 4 5 4 5 6 5 4: reversals at 5, 4, 6 and 4.
        var s = CognitiveScoring.ScoreDigitSpan([new(3, true), new(4, true), new(5, false), new(4, true), new(5, true), new(6, false), new(5, false), new(4, true)]);

        Assert.Equal(4.75, s.MeanSpan);
        Assert.Equal(4, s.Reversals);
        Assert.Equal(5, s.LongestCorrect);

        var noReversal = CognitiveScoring.ScoreDigitSpan([new(3, true), new(4, true)]);
        Assert.Equal(4, noReversal.MeanSpan);
        Assert.Null(CognitiveScoring.ScoreDigitSpan([new(3, false)]).LongestCorrect);
    }

    [Fact]
    public void NBack_DPrimeWithTheLogLinearCorrection()
    {
        // 10 targets with 8 hits, 30 non-targets with 3 false alarms: H = 8.5/11, FA = 3.5/31.
        var trials = Enumerable.Range(0, 10).Select(i => new NBackTrial(true, i < 8, i < 8 ? 500 + (i * 10) : null))
            .Concat(Enumerable.Range(0, 30).Select(i => new NBackTrial(false, i < 3))).ToList();
        var s = CognitiveScoring.ScoreNBack(trials);

        Assert.Equal((10, 30, 8, 2, 3, 27), (s.Targets, s.NonTargets, s.Hits, s.Misses, s.FalseAlarms, s.CorrectRejections));
        Assert.Equal(8.5 / 11, s.HitRate, 12);
        Assert.Equal(3.5 / 31, s.FalseAlarmRate, 12);
        Assert.Equal(1.959090725684647, s.DPrime, 9);
        Assert.Equal(0.23168676807902144, s.Criterion, 9);
        Assert.Equal(535, s.MeanHitRtMs);

        // Perfect performance stays finite: H = 10.5/11, FA = 0.5/31.
        var perfect = CognitiveScoring.ScoreNBack([.. Enumerable.Range(0, 10).Select(_ => new NBackTrial(true, true)), .. Enumerable.Range(0, 30).Select(_ => new NBackTrial(false, false))]);
        Assert.True(double.IsFinite(perfect.DPrime));
        Assert.True(perfect.DPrime > s.DPrime);
    }

    [Fact]
    public void NBack_AgreesWithAnIndependentImplementation()
    {
        // The R package statpsych documents signal(82, 46, 100, 100): HR 0.8168317, FAR 0.460396, d′ 1.002793
        // (0.5 added to each count, 1 to each total, as here).
        var trials = Enumerable.Range(0, 100).Select(i => new NBackTrial(true, i < 82))
            .Concat(Enumerable.Range(0, 100).Select(i => new NBackTrial(false, i < 46))).ToList();
        var s = CognitiveScoring.ScoreNBack(trials);

        Assert.Equal(0.8168317, s.HitRate, 7);
        Assert.Equal(0.460396, s.FalseAlarmRate, 6);
        Assert.Equal(1.002793, s.DPrime, 6);
    }

    [Fact]
    public void Stroop_SpeedAccuracyInterferenceAndInverseEfficiency()
    {
        var s = CognitiveScoring.ScoreStroop(
        [
            new(true, true, 500), new(true, true, 600), new(true, false, 700),
            new(false, true, 700), new(false, true, 800), new(false, false, null),
        ]);

        Assert.Equal(6, s.Trials);
        Assert.Equal(1.586309523809524, s.ResponseSpeed!.Value, 12);
        Assert.Equal(4.0 / 6, s.Accuracy, 12);
        Assert.Equal(550, s.MedianCongruentMs);
        Assert.Equal(750, s.MedianIncongruentMs);
        Assert.Equal(200, s.InterferenceMs);
        Assert.Equal(200 / 550.0, s.InterferenceRatio!.Value, 12);
        Assert.Equal(650 / (4.0 / 6), s.InverseEfficiencyMs!.Value, 9);
    }
}
