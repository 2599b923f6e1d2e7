using VqDna.Torch.Distributed;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;

namespace VqDna.Torch.Tests.Distributed;

/// <summary>
/// Two replicas of a small tanh network trained with DDP on halves of a batch against one process on the
/// whole batch: replicas stay bit-identical, and match the single process to float rounding.
/// </summary>
public sealed class DistributedDataParallelTests
{
    private const int Steps = 5;

    private sealed class Net : Module
    {
        public Net()
        {
            fc1 = RegisterModule("fc1", new Linear(4, 16));
            fc2 = RegisterModule("fc2", new Linear(16, 1));
        }

        private readonly Linear fc1, fc2;

        public Tensor Forward(Tensor x)
        {
            using var hidden = fc1.Forward(x).tanh();
            return fc2.Forward(hidden).squeeze(-1);
        }
    }

    /// <summary>The step's global batch of 8 rows, a fixed function of the step; rows [from, from + count).</summary>
    private static (Tensor x, Tensor y) Batch(int step, int from, int count)
    {
        var x = new float[count * 4];
        var y = new float[count];
        for (int r = 0; r < count; r++)
        {
            for (int c = 0; c < 4; c++) x[r * 4 + c] = MathF.Sin(1.3f * (from + r) + 0.7f * c + step);
            y[r] = x[r * 4] - 2 * x[r * 4 + 1] + 0.5f * x[r * 4 + 3];
        }
        return (torch.tensor(x, [count, 4]), torch.tensor(y, [count]));
    }

    private static Net NewNet(ulong seed)
    {
        lock (typeof(DistributedDataParallelTests))
        {
            torch.manual_seed(seed);
            return new Net();
        }
    }

    /// <summary>Trains and returns the losses and the final weights; rank -1 is the single process on all 8 rows.</summary>
    private static (double[] losses, float[] weights) Train(Net net, ProcessGroup? group, double bucketMb, int accumulation = 1)
    {
        using var optimizer = new AdamW(net.Parameters(), lr: 0.05);
        var ddp = group is null ? null : new DistributedDataParallel(net, group, bucket_cap_mb: bucketMb);
        int rows = group is null ? 8 : 4, from = group is null ? 0 : 4 * group.Rank, micro = rows / accumulation;
        var losses = new double[Steps];
        for (int step = 0; step < Steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            double loss = 0;
            for (int m = 0; m < accumulation; m++)
            {
                var (x, y) = Batch(step, from + m * micro, micro);
                var l = F.mse_loss(net.Forward(x), y) / accumulation;
                loss += l.item<double>();
                if (ddp is null) l.backward();
                else using (m < accumulation - 1 ? ddp.no_sync() : null) ddp.backward(l);
            }
            GradientClipping.clip_grad_norm_(optimizer.Parameters, 1.0);
            optimizer.Step();
            optimizer.ZeroGrad();
            losses[step] = loss;
        }
        var weights = net.Parameters().SelectMany(p => p.ToArray<float>()).ToArray();
        return (losses, weights);
    }

    [Theory]
    [InlineData(25.0, 1)]       // one bucket
    [InlineData(0.0001, 1)]     // a bucket per parameter
    [InlineData(25.0, 2)]       // two micro-batches, the first under no_sync
    public void ReplicasStayIdenticalAndMatchOneProcessOnTheGlobalBatch(double bucketMb, int accumulation)
    {
        using var initial = NewNet(3);
        var start = initial.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        using var single = NewNet(5);
        single.LoadStateDict(start);
        var (singleLosses, singleWeights) = Train(single, null, bucketMb, accumulation);
        var ranks = TwoRanks.Run(group =>
        {
            using var net = NewNet(99);                                     // rank 1 starts elsewhere: DDP broadcasts rank 0's weights
            if (group.Rank == 0) net.LoadStateDict(start);
            return Train(net, group, bucketMb, accumulation);
        });
        foreach (var t in start.Values) t.Dispose();
        Assert.Equal(ranks[0].weights, ranks[1].weights);                   // bit for bit
        for (int i = 0; i < singleWeights.Length; i++) Assert.Equal(singleWeights[i], ranks[0].weights[i], 5);
        for (int s = 0; s < Steps; s++)
            Assert.Equal(singleLosses[s], (ranks[0].losses[s] + ranks[1].losses[s]) / 2, 5);   // the global batch's loss
    }

    [Fact]
    public void BucketsFollowReverseParameterOrderUnderTheCap()
    {
        var sizes = TwoRanks.Run(group =>
        {
            using var net = NewNet(1);
            // fc2.bias (1), fc2.weight (16), fc1.bias (16), fc1.weight (64) floats; a 100-byte cap
            return new DistributedDataParallel(net, group, bucket_cap_mb: 100.0 / (1024 * 1024)).BucketSizes.ToArray();
        });
        Assert.Equal([2, 1, 1], sizes[0]);
    }
}
