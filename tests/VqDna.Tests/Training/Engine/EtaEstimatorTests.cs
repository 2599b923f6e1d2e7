using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Engine;

/// <summary>
/// The ETA (issue 20: the first ETA of `pretrain` was 2–5× too high): slow first steps and evaluations do not
/// inflate the per-step estimate, the estimate follows a change of speed, and evaluations still to come are counted.
/// Durations are given, not measured: nothing here depends on the machine's speed.
/// </summary>
public sealed class EtaEstimatorTests
{
    [Fact]
    public void SlowFirstStepsAreLeftOutAndNoEstimateIsGivenBeforeTheyEnd()
    {
        var eta = new EtaEstimator();
        eta.Step(10);                                                    // allocation, first touches
        Assert.Null(eta.Remaining(99, 0));
        eta.Step(4);
        Assert.Null(eta.Remaining(98, 0));
        eta.Step(1);
        Assert.Equal(TimeSpan.FromSeconds(97), eta.Remaining(97, 0));
        // The old estimate, elapsed / steps done × steps left: (10 + 4 + 1) / 3 × 97 = 485 s, five times too high.
    }

    [Fact]
    public void TheMovingAverageFollowsAChangeOfSpeed()
    {
        var eta = new EtaEstimator(warmupSteps: 0, smoothing: 0.5);
        eta.Step(2);
        eta.Step(2);
        Assert.Equal(TimeSpan.FromSeconds(20), eta.Remaining(10, 0));
        eta.Step(1);
        eta.Step(1);
        eta.Step(1);                                                     // 2 → 1.5 → 1.25 → 1.125
        Assert.Equal(TimeSpan.FromSeconds(11.25), eta.Remaining(10, 0));
    }

    [Fact]
    public void EvaluationsToComeAreAddedAtTheirMeanCost()
    {
        var eta = new EtaEstimator(warmupSteps: 1);
        eta.Step(5);
        eta.Step(1);
        eta.Evaluation(3);
        eta.Evaluation(5);
        Assert.Equal(TimeSpan.FromSeconds(10 * 1 + 2 * 4), eta.Remaining(10, 2));
        Assert.Equal(TimeSpan.Zero, eta.Remaining(0, 0));
    }

    [Theory]
    [InlineData(0, 100, 10, 10)]                                         // steps 10, 20, … 100
    [InlineData(15, 100, 10, 9)]                                         // 20 … 100
    [InlineData(95, 103, 10, 2)]                                         // 100, and the last step 103
    [InlineData(100, 100, 10, 0)]
    [InlineData(3, 50, 0, 1)]                                            // only the last step evaluates
    public void EvaluationsLeftCountsEveryNthStepAndTheLast(int done, int total, int every, int expected) =>
        Assert.Equal(expected, EtaEstimator.EvaluationsLeft(done, total, every));
}
