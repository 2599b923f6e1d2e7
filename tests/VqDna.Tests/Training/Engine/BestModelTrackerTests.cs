using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Engine;

[Collection("serial")]
public sealed class BestModelTrackerTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"vqdna-best-{Guid.NewGuid():N}.safetensors");

    public void Dispose()
    {
        if (File.Exists(path)) File.Delete(path);
    }

    [Fact]
    public void PatienceRunsOutOnlyAfterTheMinimumStep()
    {
        torch.manual_seed(1);
        using var model = new Linear(2, 2);
        var tracker = new BestModelTracker(path, patience: 2, minimumStep: 10);

        Assert.False(tracker.Update(2, 0.5, model));
        Assert.False(tracker.Update(4, 0.4, model));
        Assert.False(tracker.Update(6, 0.3, model));   // patience spent, but step 6 < 10
        Assert.False(tracker.Update(8, 0.3, model));
        Assert.True(tracker.Update(10, 0.3, model));
        Assert.Equal(2, tracker.BestStep);
        Assert.Equal(0.5, tracker.BestScore);
    }

    [Fact]
    public void WithoutAMinimumPatienceAloneStops()
    {
        torch.manual_seed(1);
        using var model = new Linear(2, 2);
        var tracker = new BestModelTracker(path, patience: 2);

        Assert.False(tracker.Update(2, 0.5, model));
        Assert.False(tracker.Update(4, 0.4, model));
        Assert.True(tracker.Update(6, 0.3, model));
    }

    [Fact]
    public void AModelThatNeverBeatChanceIsNotStopped()
    {
        torch.manual_seed(1);
        using var model = new Linear(2, 2);
        var tracker = new BestModelTracker(path, patience: 1);

        Assert.False(tracker.Update(1, 0.0, model));
        Assert.False(tracker.Update(2, 0.0, model));
        Assert.False(tracker.Update(3, -0.1, model));
        Assert.False(tracker.Update(4, 0.2, model));
        Assert.True(tracker.Update(5, 0.1, model));
    }

    [Theory]
    [InlineData(625, 157)]
    [InlineData(4, 1)]
    [InlineData(0, 0)]
    public void TheMinimumStepIsAQuarterOfTheRunRoundedUp(int steps, int minimum) =>
        Assert.Equal(minimum, BestModelTracker.MinimumStepOf(steps));
}
