using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Engine;

public sealed class TimeBudgetTests
{
    [Fact]
    public void TheStepsOfABudgetAreMeasuredOnceAndKeptForResume()
    {
        using var temp = RepoData.NewTempFolder();
        using var folder = RunFolder.Open(temp.Path);
        Assert.Equal(240, TimeBudget.Resolve(folder, 2, () => 0.5));
        Assert.Equal(240, TimeBudget.Resolve(folder, 2, () => throw new InvalidOperationException("measured again")));
        Assert.Equal(60, TimeBudget.Resolve(folder, 0.5, () => 0.5));       // another budget is measured anew
    }
}
