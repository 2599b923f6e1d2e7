using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Engine;

/// <summary>
/// The warm-up rule every trainer shares, and what a settings file records of it: fine-tuning writes its settings
/// with Steps 0 (it counts epochs and resolves the steps from the training split), where a resolved warm-up of 0 once
/// read as "no warm-up" while the run warmed up over a tenth of its steps.
/// </summary>
public sealed class OptimizationConfigTests
{
    [Theory]
    [InlineData(600, 60)]       // a tenth of the run
    [InlineData(5_000, 100)]    // at most 100 steps
    [InlineData(7, 0)]
    public void WarmupIsATenthOfTheRunAtMost100Steps(int steps, int expected) =>
        Assert.Equal(expected, new OptimizationConfig(Steps: steps).ResolvedWarmupSteps);

    [Fact]
    public void AnExplicitWarmupWins() =>
        Assert.Equal(7, new OptimizationConfig(Steps: 600, WarmupSteps: 7).ResolvedWarmupSteps);

    [Fact]
    public void WarmupIsUnresolvedWhileTheStepsAre()
    {
        Assert.Null(new OptimizationConfig(Steps: 0).ResolvedWarmupSteps);
        Assert.Equal(3, new OptimizationConfig(Steps: 0, WarmupSteps: 3).ResolvedWarmupSteps);
    }
}
