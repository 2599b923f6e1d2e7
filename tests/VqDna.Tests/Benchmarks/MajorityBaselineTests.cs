using VqDna.Benchmarks;
using VqDna.Datasets;
using VqDna.Evaluation;

namespace VqDna.Tests.Benchmarks;

public sealed class MajorityBaselineTests
{
    private static GueTask Task(int[] train, int[] test) => new("covid_variant_1kb", new LabelSet(["Alpha", "Beta", "Delta"]),
        train.Select(l => new LabelledSequence("ACGT", l)).ToList(), [], test.Select(l => new LabelledSequence("ACGT", l)).ToList());

    [Fact]
    public void MacroF1IsTheMajorityClassF1OverTheClassCount()
    {
        // Train's majority is Beta; test truth Beta, Beta, Alpha, Delta: Beta F1 = 2·2 / (2·2 + 2 + 0) = 2/3, the
        // other two 0, so macro F1 = 2/9.
        var floor = MajorityBaseline.Of(Task([1, 1, 1, 0, 2], [1, 1, 0, 2]), TaskMetric.F1Macro);
        Assert.Equal("Beta", floor.Label);
        Assert.Equal(2.0 / 9, floor.Score, 12);
    }

    [Fact]
    public void MccOfAConstantAnswerIsZeroAndTiesTakeTheFirstLabel()
    {
        var floor = MajorityBaseline.Of(Task([2, 0, 2, 0], [0, 1, 2]), TaskMetric.Mcc);
        Assert.Equal("Alpha", floor.Label);
        Assert.Equal(0.0, floor.Score, 12);
    }
}
