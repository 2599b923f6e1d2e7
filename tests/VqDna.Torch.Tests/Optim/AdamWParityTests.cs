using VqDna.Torch.NN;
using VqDna.Torch.Optim;
using VqDna.Torch.Tests.Reference;

namespace VqDna.Torch.Tests.Optim;

/// <summary>
/// 100 AdamW steps on a 2-layer tanh regression, against torch.optim.AdamW on the same weights and data
/// (recorded by scripts/make_reference_values.py): both our fused and op-by-op paths.
/// </summary>
public sealed class AdamWParityTests
{
    private const double MaxDifference = 1e-6;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HundredStepsMatchTorchOptimAdamW(bool fused)
    {
        using var scope = torch.NewDisposeScope();
        var c = ReferenceValues.AdamW;
        var x = c.T("x");
        var y = c.T("y");
        Tensor[] parameters = [c.T("w1", requires_grad: true), c.T("b1", requires_grad: true), c.T("w2", requires_grad: true), c.T("b2", requires_grad: true)];
        using var optimizer = new AdamW(parameters, lr: c.Number("lr"), weight_decay: c.Number("weight_decay"), fused: fused);

        var losses = new List<double>();
        for (long step = 0; step < c.Integer("steps"); step++)
        {
            using var stepScope = torch.NewDisposeScope();
            optimizer.ZeroGrad();
            var hidden = F.linear(x, parameters[0], parameters[1]).tanh();
            var loss = F.mse_loss(F.linear(hidden, parameters[2], parameters[3]), y);
            loss.backward();
            optimizer.Step();
            losses.Add(loss.item<double>());
        }

        string op = $"AdamW(fused: {fused})";
        Assert.True(Math.Abs(losses[0] - c.Number("first_loss")) < 1e-6, $"{op}: first loss {losses[0]:R}, PyTorch {c.Number("first_loss"):R}");
        Assert.True(Math.Abs(losses[^1] - c.Number("last_loss")) < 1e-6, $"{op}: loss before the last step {losses[^1]:R}, PyTorch {c.Number("last_loss"):R}");
        string[] names = ["w1", "b1", "w2", "b2"];
        for (int i = 0; i < names.Length; i++)
        {
            double diff = TensorAssert.MaxAbsDifference(c.Floats("final_" + names[i]), parameters[i].ToArray<float>());
            Assert.True(diff < MaxDifference, $"{op}: final {names[i]} differs from torch.optim.AdamW by {diff:E2} (limit {MaxDifference:E0})");
        }
    }

    [Fact]
    public void FusedAndOpByOpPathsAgree()
    {
        using var scope = torch.NewDisposeScope();
        var c = ReferenceValues.AdamW;
        Tensor[] Run(bool fused)
        {
            Tensor[] ps = [c.T("w1", requires_grad: true), c.T("b1", requires_grad: true)];
            using var optimizer = new AdamW(ps, lr: 1e-2, weight_decay: 0.1, fused: fused);
            for (int step = 0; step < 20; step++)
            {
                using var stepScope = torch.NewDisposeScope();
                optimizer.ZeroGrad();
                F.linear(c.T("x"), ps[0], ps[1]).pow(2).mean().backward();
                optimizer.Step();
            }
            return ps;
        }
        var (a, b) = (Run(true), Run(false));
        for (int i = 0; i < a.Length; i++)
        {
            double diff = TensorAssert.MaxAbsDifference(a[i].ToArray<float>(), b[i].ToArray<float>());
            Assert.True(diff < 1e-6, $"AdamW: fused and op-by-op parameter {i} differ by {diff:E2}");
        }
    }

    /// <summary>
    /// Parameters the fused CPU loop does not take (here float64; on a GPU every parameter) go through libtorch's
    /// multi-tensor ops: they must give what the single-tensor code line gives, bit for bit (same ops, same order).
    /// </summary>
    [Fact]
    public void TheMultiTensorPathEqualsTheSingleTensorPath()
    {
        using var scope = torch.NewDisposeScope();
        Tensor[] Run(bool fused)
        {
            torch.manual_seed(9);
            Tensor[] ps = [torch.randn([6, 5], torch.float64, requires_grad: true), torch.randn([6], torch.float64, requires_grad: true)];
            var x = torch.randn([4, 5], torch.float64);
            using var optimizer = new AdamW(ps, lr: 1e-2, weight_decay: 0.1, fused: fused);
            for (int step = 0; step < 5; step++)
            {
                using var stepScope = torch.NewDisposeScope();
                optimizer.ZeroGrad();
                F.linear(x, ps[0], ps[1]).pow(2).mean().backward();
                optimizer.Step();
            }
            return ps;
        }
        var (a, b) = (Run(true), Run(false));
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(a[i].equal(b[i]), $"AdamW: multi-tensor and single-tensor parameter {i} differ by {(a[i] - b[i]).abs().max().item<double>():E2}");
        }
    }
}
