using VqDna.Torch.NN;

namespace VqDna.Torch.Tests.NN;

/// <summary>BatchNorm1d(affine=False) against values worked by hand from PyTorch's definition.</summary>
public sealed class BatchNorm1dTests
{
    private const double Tolerance = 1e-4;

    /// <summary>
    /// Rows (1, 2) and (3, 6): batch mean (2, 4), biased variance (1, 4), so every value is ±1 in training; the running
    /// mean moves a tenth of the way from 0 to (2, 4) and the running variance from 1 toward the unbiased (2, 8).
    /// </summary>
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    public void TrainingStandardisesWithTheBatchAndMovesTheRunningEstimates(ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var norm = new BatchNorm1d(2);
        var y = norm.Forward(torch.tensor(new[] { 1f, 2f, 3f, 6f }, [2, 2]).to(dtype));
        Assert.Equal(dtype, y.dtype);
        AssertClose([-1, -1, 1, 1], y, dtype == ScalarType.BFloat16 ? 1e-2 : Tolerance);
        AssertClose([0.2, 0.4], norm.running_mean, Tolerance);
        AssertClose([0.9 + 0.2, 0.9 + 0.8], norm.running_var, Tolerance);
        Assert.Equal(1L, norm.num_batches_tracked.item<long>());
        Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], norm.StateDict().Keys);   // PyTorch's names and order
    }

    [Fact]
    public void EvalStandardisesWithTheRunningEstimatesAndLeavesThem()
    {
        using var scope = torch.NewDisposeScope();
        using var norm = new BatchNorm1d(2);
        norm.Forward(torch.tensor(new[] { 1f, 2f, 3f, 6f }, [2, 2])).Dispose();
        norm.Eval();
        var y = norm.Forward(torch.tensor(new[] { 0.2f, 0.4f + (float)Math.Sqrt(1.7 + 1e-5), 0.2f - 2 * (float)Math.Sqrt(1.1 + 1e-5), 0.4f }, [2, 2]));
        AssertClose([0, 1, -2, 0], y, Tolerance);
        AssertClose([0.2, 0.4], norm.running_mean, Tolerance);
        Assert.Equal(1L, norm.num_batches_tracked.item<long>());
    }

    /// <summary>A training batch of one row has no spread: it is read with the running estimates, which stay where they were.</summary>
    [Fact]
    public void ATrainingBatchOfOneRowIsReadWithTheRunningEstimates()
    {
        using var scope = torch.NewDisposeScope();
        using var norm = new BatchNorm1d(3);
        var y = norm.Forward(torch.tensor(new[] { 1f, -2f, 0.5f }, [1, 3]));
        AssertClose([1 / Math.Sqrt(1 + 1e-5), -2 / Math.Sqrt(1 + 1e-5), 0.5 / Math.Sqrt(1 + 1e-5)], y, Tolerance);
        AssertClose([0, 0, 0], norm.running_mean, 0);
        Assert.Equal(0L, norm.num_batches_tracked.item<long>());
    }

    [Fact]
    public void TheGradientReachesTheInputThroughTheBatchStatistics()
    {
        using var scope = torch.NewDisposeScope();
        using var norm = new BatchNorm1d(1);
        var x = torch.tensor(new[] { 0f, 1f, 3f }, [3, 1], requires_grad: true);
        var weights = torch.tensor(new[] { 1f, 0f, 0f }, [3, 1]);
        norm.Forward(x).mul(weights).sum().backward();
        // y0 = (x0 − m)/s with m and s of all three rows: ∂y0/∂x depends on every row, and the three partials sum to 0
        // (shifting every row leaves y unchanged).
        var grad = x.grad!.ToArray<float>();
        Assert.All(grad, g => Assert.NotEqual(0f, g));
        Assert.InRange(grad.Sum(), -1e-5, 1e-5);
    }

    [Fact]
    public void AnInputOfAnotherWidthIsAnErrorNamingBoth()
    {
        using var scope = torch.NewDisposeScope();
        using var norm = new BatchNorm1d(4);
        var error = Assert.Throws<ArgumentException>(() => norm.Forward(torch.zeros(2, 3)));
        Assert.Contains("BatchNorm1d(4) expects (batch, 4), got [2, 3]", error.Message);
    }

    private static void AssertClose(double[] expected, Tensor actual, double tolerance)
    {
        var values = actual.to(ScalarType.Float64).ToArray<double>();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++) Assert.InRange(values[i], expected[i] - tolerance, expected[i] + tolerance);
    }
}
