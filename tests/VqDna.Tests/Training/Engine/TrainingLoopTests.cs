using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;
using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Engine;

[Collection("serial")]
public sealed class TrainingLoopTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"vqdna-loop-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private sealed record LossOnly : StepDetails
    {
        public override string Describe() => "";
        public override IEnumerable<KeyValuePair<string, object?>> Fields() => [];
    }

    /// <summary>Least squares on a fixed random problem: y = x·w*, 8 rows per step drawn from the step's sampler.</summary>
    private static (Linear model, AdamW optimizer) Model()
    {
        torch.manual_seed(7);
        var model = new Linear(4, 1);
        return (model, new AdamW(model.Parameters(), lr: 0.05));
    }

    private static StepOutput Regression(Linear model, Random random, int rows, int offset = 0)
    {
        var x = new float[rows * 4];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < 4; c++) x[r * 4 + c] = (float)(random.NextDouble() * 2 - 1);
            y[r] = x[r * 4] - 2 * x[r * 4 + 1] + 0.5f * x[r * 4 + 3];
        }
        var prediction = model.Forward(torch.tensor(x, [rows, 4])).squeeze(-1);
        return new StepOutput(F.mse_loss(prediction, torch.tensor(y, [rows])), new LossOnly());
    }

    [Fact]
    public void ANaNLossStopsTheRunAndKeepsTheLastCheckpoint()
    {
        var (model, optimizer) = Model();
        using var _ = model;
        using var __ = optimizer;
        using var folder = RunFolder.Open(root);
        var loop = new TrainingLoop(folder, new OptimizationConfig(Steps: 10, LearningRate: 0.05, CheckpointEvery: 2));
        var e = Assert.Throws<TrainingDivergedException>(() => loop.Run(model, optimizer, (step, _, random) =>
        {
            var output = Regression(model, random, 8);
            return step == 5 ? output with { Loss = output.Loss * double.NaN } : output;
        }));
        Assert.Contains("step 6", e.Message);
        Assert.Contains("checkpoint of step 4 is kept", e.Message);
        Assert.True(folder.HasCheckpoint);
    }

    [Fact]
    public void TwoMicroBatchesOfFourTakeTheStepOneBatchOfEightTakes()
    {
        float[] Train(int accumulation)
        {
            var (model, optimizer) = Model();
            using var _ = model;
            using var __ = optimizer;
            using var folder = RunFolder.Open(Path.Combine(root, $"acc{accumulation}"));
            var loop = new TrainingLoop(folder, new OptimizationConfig(Steps: 5, LearningRate: 0.05, WarmupSteps: 0, AccumulationSteps: accumulation));
            loop.Run(model, optimizer, (_, _, random) => Regression(model, random, 8 / accumulation));
            return model.weight.ToArray<float>();
        }
        var whole = Train(1);
        var accumulated = Train(2);
        for (int i = 0; i < whole.Length; i++) Assert.Equal(whole[i], accumulated[i], 5);
    }

    [Fact]
    public void AnEvaluationThatAsksToStopEndsTheRunAndAResumeDoesNotContinueIt()
    {
        var (model, optimizer) = Model();
        using var _ = model;
        using var __ = optimizer;
        int evaluations = 0;
        TrainingOutcome RunOnce()
        {
            using var folder = RunFolder.Open(root);
            var loop = new TrainingLoop(folder, new OptimizationConfig(Steps: 50, LearningRate: 0.05, CheckpointEvery: 100))
            {
                EvaluateEvery = 5,
                Evaluate = step => { evaluations++; return new EvaluationResult(new Dictionary<string, double> { ["x"] = step }, Stop: step >= 15); },
            };
            return loop.Run(model, optimizer, (_, _, random) => Regression(model, random, 8));
        }
        var first = RunOnce();
        Assert.Equal((15, true), (first.Steps, first.StoppedEarly));
        Assert.Equal(3, evaluations);
        var second = RunOnce();
        Assert.Equal((15, true), (second.Steps, second.StoppedEarly));
        Assert.Equal(3, evaluations);
        var lines = MetricsLog.Read(Path.Combine(root, RunFolder.MetricsFile)).ToList();
        Assert.Equal(15, lines.Count);
        Assert.Equal(15, lines[^1].GetProperty("eval_x").GetDouble());
    }
}
