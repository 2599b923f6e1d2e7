using VqDna.Torch.Optim;

namespace VqDna.Torch.Tests.Optim;

public sealed class ScheduleAndClippingTests
{
    [Fact]
    public void WarmupRisesLinearlyThenCosineDecaysToTheFloor()
    {
        var schedule = new WarmupCosineSchedule(PeakLr: 1e-3, WarmupSteps: 10, TotalSteps: 110, MinLrRatio: 0.1);
        Assert.Equal(1e-4, schedule.LearningRate(0), 12);         // first warm-up step: peak / 10
        Assert.Equal(1e-3, schedule.LearningRate(9), 12);         // end of warm-up: peak
        Assert.Equal(1e-3, schedule.LearningRate(10), 12);        // cosine starts at the peak
        Assert.Equal(0.55e-3, schedule.LearningRate(60), 12);     // half-way: floor + (peak - floor) / 2
        Assert.Equal(1e-4, schedule.LearningRate(110), 12);       // the floor
        Assert.Equal(1e-4, schedule.LearningRate(500), 12);       // and it stays there
    }

    [Fact]
    public void ClippingScalesEveryGradientToTheGlobalNormAndReturnsTheNormBefore()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 3, 0 }, requires_grad: true);
        var b = torch.tensor(new float[] { 0, 4 }, requires_grad: true);
        a.grad = torch.tensor(new float[] { 3, 0 });
        b.grad = torch.tensor(new float[] { 0, 4 });               // global norm 5
        double before = GradientClipping.clip_grad_norm_([a, b], max_norm: 1.0);
        Assert.Equal(5.0, before, 5);
        Assert.Equal(new[] { 0.6f, 0f }, a.grad!.ToArray<float>().Select(x => MathF.Round(x, 5)));
        Assert.Equal(new[] { 0f, 0.8f }, b.grad!.ToArray<float>().Select(x => MathF.Round(x, 5)));
    }

    [Fact]
    public void ClippingLeavesSmallGradientsAlone()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.zeros([2], requires_grad: true);
        a.grad = torch.tensor(new float[] { 0.3f, 0.4f });
        Assert.Equal(0.5, GradientClipping.clip_grad_norm_([a], max_norm: 1.0), 5);
        Assert.Equal(new[] { 0.3f, 0.4f }, a.grad!.ToArray<float>());
    }
}
