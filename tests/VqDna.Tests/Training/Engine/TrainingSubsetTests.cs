using VqDna.Datasets;
using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Engine;

/// <summary>
/// The row budgets a fine-tuning run and its baselines share (--max-train, --max-dev): fixed per seed, drawn from the
/// split they cut, and cutting dev leaves the training subset as it was (earlier runs' subsets stay reproducible).
/// </summary>
public sealed class TrainingSubsetTests
{
    private static GueTask Task()
    {
        static IReadOnlyList<LabelledSequence> Rows(string prefix, int count) =>
            Enumerable.Range(0, count).Select(i => new LabelledSequence($"{prefix}{i}", i % 2)).ToList();
        return new GueTask("t", new LabelSet(["a", "b"]), Rows("train", 50), Rows("dev", 40), Rows("test", 30));
    }

    [Fact]
    public void CutKeepsAtMostTheBudgetOfEachSplitAndTheTestSplitWhole()
    {
        var task = Task();
        var cut = TrainingSubset.Cut(task, maxTrain: 20, maxDev: 10, seed: 7);
        Assert.Equal(20, cut.Train.Count);
        Assert.Equal(10, cut.Dev.Count);
        Assert.Same(task.Test, cut.Test);
        Assert.All(cut.Dev, r => Assert.StartsWith("dev", r.Sequence));
        Assert.Equal(10, cut.Dev.Distinct().Count());
        Assert.Subset(task.Dev.ToHashSet(), cut.Dev.ToHashSet());
    }

    [Fact]
    public void CuttingDevLeavesTheTrainingSubsetAsBeforeAndZeroKeepsEverything()
    {
        var task = Task();
        Assert.Equal(TrainingSubset.Of(task.Train, 20, 7), TrainingSubset.Cut(task, 20, 10, 7).Train);
        Assert.Equal(TrainingSubset.Of(task.Train, 20, 7), TrainingSubset.Cut(task, 20, 0, 7).Train);
        var whole = TrainingSubset.Cut(task, 0, 0, 7);
        Assert.Same(task.Train, whole.Train);
        Assert.Same(task.Dev, whole.Dev);
        Assert.Same(task.Dev, TrainingSubset.Cut(task, 0, 40, 7).Dev);          // a budget the split fits in: all of it
    }

    [Fact]
    public void TheSameSeedDrawsTheSameRowsAndAnotherSeedOthers()
    {
        var task = Task();
        Assert.Equal(TrainingSubset.Cut(task, 0, 10, 3).Dev, TrainingSubset.Cut(task, 0, 10, 3).Dev);
        Assert.NotEqual(TrainingSubset.Cut(task, 0, 10, 3).Dev, TrainingSubset.Cut(task, 0, 10, 4).Dev);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingSubset.Cut(task, 0, -1, 3));
    }
}
