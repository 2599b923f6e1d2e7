using System.Net;
using System.Net.Sockets;
using VqDna.Torch;
using VqDna.Torch.Distributed;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;
using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Distributed;

/// <summary>
/// The shared training loop with a two-rank Gloo group (a thread per rank, real sockets on 127.0.0.1): each rank
/// trains on its half of the global batch; the result must be one process's on the whole batch.
/// </summary>
[Collection("serial")]
public sealed class DataParallelLoopTests : IDisposable
{
    private const int Steps = 6;
    private readonly string root = Path.Combine(Path.GetTempPath(), $"vqdna-ddp-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private sealed record LossOnly : StepDetails
    {
        public override string Describe() => "";
        public override IEnumerable<KeyValuePair<string, object?>> Fields() => [];
    }

    private sealed class StopHere : Exception;

    /// <summary>Least squares; the global batch of 8 rows is a function of the step alone, a rank takes its 4.</summary>
    private static StepOutput Regression(Linear model, int step, int from, int rows)
    {
        var random = new Random(1000 + step);
        var x = new float[8 * 4];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        var mine = x.AsSpan(from * 4, rows * 4).ToArray();
        var y = Enumerable.Range(0, rows).Select(r => mine[r * 4] - 2 * mine[r * 4 + 1] + 0.5f * mine[r * 4 + 3]).ToArray();
        var prediction = model.Forward(torch.tensor(mine, [rows, 4])).squeeze(-1);
        return new StepOutput(F.mse_loss(prediction, torch.tensor(y, [rows])), new LossOnly());
    }

    private static OptimizationConfig Config => new(Steps: Steps, LearningRate: 0.05, WarmupSteps: 0, CheckpointEvery: 3);

    /// <summary>One rank's (or, without a group, the single process's) run; returns the final weight and bias.</summary>
    private float[] Train(string folderName, ProcessGroup? group, ulong initSeed, int? failAtStep = null,
        Action<Linear, int>? tamper = null)
    {
        Linear model;
        lock (root)
        {
            torch.manual_seed(initSeed);
            model = new Linear(4, 1);
        }
        using var _ = model;
        using var optimizer = new AdamW(model.Parameters(), lr: 0.05);
        var path = Path.Combine(root, folderName);
        using var folder = group is { IsMain: false } ? RunFolder.Follow(path) : RunFolder.Open(path);
        var loop = new TrainingLoop(folder, Config) { Group = group };
        int rows = group is null ? 8 : 4, from = group is null ? 0 : 4 * group.Rank;
        loop.Run(model, optimizer, (step, _, _) =>
        {
            if (step == failAtStep) throw new StopHere();
            tamper?.Invoke(model, step);
            return Regression(model, step, from, rows);
        });
        return [.. model.weight.ToArray<float>(), .. model.bias!.ToArray<float>()];
    }

    private static T[] TwoRanks<T>(Func<ProcessGroup, T> body)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var tasks = Enumerable.Range(0, 2).Select(rank => Task.Factory.StartNew(() =>
        {
            using var group = ProcessGroup.Create("127.0.0.1", port, rank, 2, TimeSpan.FromSeconds(30));
            return body(group);
        }, TaskCreationOptions.LongRunning)).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            throw e.Flatten().InnerExceptions[0];
        }
        return tasks.Select(t => t.Result).ToArray();
    }

    private double[] Losses(string folderName) =>
        MetricsLog.Read(Path.Combine(root, folderName, RunFolder.MetricsFile)).Select(l => l.GetProperty("loss").GetDouble()).ToArray();

    [Fact]
    public void TwoRanksOnHalfBatchesTrainAsOneProcessOnTheWholeBatch()
    {
        var single = Train("single", null, 7);
        var ranks = TwoRanks(group => Train("ddp", group, group.IsMain ? 7ul : 8ul));

        Assert.Equal(ranks[0], ranks[1]);                                      // replicas bit-identical
        for (int i = 0; i < single.Length; i++) Assert.Equal(single[i], ranks[0][i], 5);
        var expected = Losses("single");
        var logged = Losses("ddp");                                            // rank 0 logs the global batch's loss
        Assert.Equal(Steps, logged.Length);
        for (int s = 0; s < Steps; s++) Assert.Equal(expected[s], logged[s], 5);
        Assert.True(File.Exists(Path.Combine(root, "ddp", RunFolder.CheckpointFile)));
    }

    [Fact]
    public void AResumedDataParallelRunEndsWithTheUninterruptedRunsWeights()
    {
        var uninterrupted = TwoRanks(group => Train("whole", group, 7));
        Assert.Throws<StopHere>(() => TwoRanks(group => Train("resumed", group, 7, failAtStep: 4)));   // checkpoint of step 3 kept
        var resumed = TwoRanks(group => Train("resumed", group, group.IsMain ? 11ul : 12ul));        // weights come from rank 0's checkpoint
        Assert.Equal(uninterrupted[0], resumed[0]);
        Assert.Equal(uninterrupted[0], resumed[1]);
        Assert.Equal(Steps, Losses("resumed").Length);
    }

    [Fact]
    public void ReplicasThatWentApartStopTheRunAtTheCheckpoint()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TwoRanks(group => Train("apart", group, 7, tamper: (model, step) =>
        {
            if (group.Rank == 1 && step == 1)
                using (torch.no_grad()) model.bias!.add_(1.0);                 // a change no gradient carries
        })));
        Assert.Contains("rank(s) 1 differs", e.Message);
        Assert.Contains("after step 3", e.Message);
        Assert.False(File.Exists(Path.Combine(root, "apart", RunFolder.CheckpointFile)));
    }
}
