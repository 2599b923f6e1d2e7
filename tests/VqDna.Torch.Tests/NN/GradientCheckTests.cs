using VqDna.Torch.NN;

namespace VqDna.Torch.Tests.NN;

/// <summary>
/// Autograd against central finite differences in float64, for each layer's functional op, w.r.t.
/// inputs and weights. The weights come from our float32 modules (converted exactly to float64),
/// and each module's own float32 gradients are compared with the float64 ones too.
/// </summary>
public sealed class GradientCheckTests
{
    private const double Eps = 1e-6;
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-7;
    private const double Float32Tolerance = 1e-4;

    /// <summary>A differentiable float64 input: its values (float32-representable) and shape.</summary>
    private sealed record Input(string Name, double[] Values, long[] Shape);

    /// <summary>Uniform on [-1, 1), rounded to float so float32 and float64 runs see the same numbers.</summary>
    private static Input RandomInput(string name, int seed, params long[] shape)
    {
        var rng = new Random(seed);
        var values = new double[shape.Aggregate(1L, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return new Input(name, values, shape);
    }

    private static Input FromParameter(string name, Tensor parameter)
    {
        using var p64 = parameter.detach().to(ScalarType.Float64);
        return new Input(name, p64.ToArray<double>(), parameter.shape);
    }

    /// <summary>sum(output · R) for a fixed R: a scalar whose gradient reaches every output element.</summary>
    private static Tensor Project(Tensor output)
    {
        var rng = new Random(7);
        var r = new double[output.numel()];
        for (int i = 0; i < r.Length; i++) r[i] = rng.NextDouble() * 2 - 1;
        using var weights = torch.tensor(r, output.shape);
        using var float64 = output.to(ScalarType.Float64);
        using var product = float64 * weights;
        return product.sum();
    }

    /// <summary>
    /// Checks d loss / d input for every element of every input against central differences and
    /// returns the autograd gradients.
    /// </summary>
    private static double[][] GradCheck(string op, Input[] inputs, Func<Tensor[], Tensor> loss)
    {
        double[][] analytic;
        using (torch.NewDisposeScope())
        {
            var leaves = inputs.Select(i => torch.tensor(i.Values, i.Shape, requires_grad: true)).ToArray();
            loss(leaves).backward();
            analytic = leaves.Select((l, k) => l.grad?.ToArray<double>()
                ?? throw new InvalidOperationException($"{op}: no gradient reached {inputs[k].Name}")).ToArray();
        }

        for (int k = 0; k < inputs.Length; k++)
        {
            for (int j = 0; j < inputs[k].Values.Length; j++)
            {
                double numeric = (Evaluate(inputs, loss, k, j, Eps) - Evaluate(inputs, loss, k, j, -Eps)) / (2 * Eps);
                double a = analytic[k][j];
                double bound = RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(numeric)) + AbsoluteTolerance;
                Assert.True(Math.Abs(a - numeric) <= bound,
                    $"{op}: d loss / d {inputs[k].Name}[{j}] is {a:R} by autograd but {numeric:R} by finite differences");
            }
        }
        return analytic;
    }

    /// <summary>The loss with element j of input k moved by delta, without recording a graph.</summary>
    private static double Evaluate(Input[] inputs, Func<Tensor[], Tensor> loss, int k, int j, double delta)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var tensors = inputs.Select((input, i) =>
        {
            var values = input.Values;
            if (i == k)
            {
                values = (double[])values.Clone();
                values[j] += delta;
            }
            return torch.tensor(values, input.Shape);
        }).ToArray();
        return loss(tensors).item<double>();
    }

    /// <summary>The module's float32 gradients (its own forward and parameters) agree with the float64 ones.</summary>
    private static void AssertModuleGradients(string op, Input[] inputs, double[][] float64Grads, Tensor[] float32Leaves, Func<Tensor> moduleLoss)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var leaf in float32Leaves) leaf.grad = null;
        moduleLoss().backward();
        for (int k = 0; k < float32Leaves.Length; k++)
        {
            var grad = float32Leaves[k].grad ?? throw new InvalidOperationException($"{op} module: no gradient reached {inputs[k].Name}");
            var actual = grad.to(ScalarType.Float64).ToArray<double>();
            for (int j = 0; j < actual.Length; j++)
            {
                double e = float64Grads[k][j];
                Assert.True(Math.Abs(actual[j] - e) <= Float32Tolerance * (1 + Math.Abs(e)),
                    $"{op} module (float32): d loss / d {inputs[k].Name}[{j}] is {actual[j]:R}, float64 autograd gives {e:R}");
            }
        }
    }

    private static Tensor Float32Input(Input input) =>
        torch.tensor(input.Values.Select(v => (float)v).ToArray(), input.Shape, requires_grad: true);

    [Fact]
    public void Linear()
    {
        using var scope = torch.NewDisposeScope();
        using var module = new Linear(4, 5);
        Input[] inputs = [RandomInput("x", 1, 3, 4), FromParameter("weight", module.weight), FromParameter("bias", module.bias!)];
        var grads = GradCheck("linear", inputs, t => Project(F.linear(t[0], t[1], t[2])));

        var x = Float32Input(inputs[0]);
        AssertModuleGradients("Linear", inputs, grads, [x, module.weight, module.bias!], () => Project(module.Forward(x)));
    }

    [Fact]
    public void LayerNorm()
    {
        using var scope = torch.NewDisposeScope();
        using var module = new LayerNorm(6);
        // Move weight and bias off (1, 0) so their gradients are not a special case.
        using (torch.no_grad())
        {
            module.weight!.copy_(torch.tensor(RandomInput("w", 2, 6).Values.Select(v => (float)(1 + v / 2)).ToArray()));
            module.bias!.copy_(torch.tensor(RandomInput("b", 3, 6).Values.Select(v => (float)v).ToArray()));
        }
        Input[] inputs = [RandomInput("x", 4, 2, 3, 6), FromParameter("weight", module.weight!), FromParameter("bias", module.bias!)];
        var grads = GradCheck("layer_norm", inputs, t => Project(F.layer_norm(t[0], [6], t[1], t[2], 1e-5)));

        var x = Float32Input(inputs[0]);
        AssertModuleGradients("LayerNorm", inputs, grads, [x, module.weight!, module.bias!], () => Project(module.Forward(x)));
    }

    [Fact]
    public void Conv1d()
    {
        using var scope = torch.NewDisposeScope();
        using var module = new Conv1d(3, 4, kernel_size: 5, padding: 2);
        Input[] inputs = [RandomInput("x", 5, 2, 3, 10), FromParameter("weight", module.weight), FromParameter("bias", module.bias!)];
        var grads = GradCheck("conv1d", inputs, t => Project(F.conv1d(t[0], t[1], t[2], padding: 2)));

        var x = Float32Input(inputs[0]);
        AssertModuleGradients("Conv1d", inputs, grads, [x, module.weight, module.bias!], () => Project(module.Forward(x)));
    }

    [Fact]
    public void DepthwiseConv1d()
    {
        using var scope = torch.NewDisposeScope();
        using var module = new Conv1d(4, 4, kernel_size: 7, padding: 3, groups: 4);
        Input[] inputs = [RandomInput("x", 6, 2, 4, 12), FromParameter("weight", module.weight), FromParameter("bias", module.bias!)];
        var grads = GradCheck("conv1d depth-wise", inputs, t => Project(F.conv1d(t[0], t[1], t[2], padding: 3, groups: 4)));

        var x = Float32Input(inputs[0]);
        AssertModuleGradients("Conv1d depth-wise", inputs, grads, [x, module.weight, module.bias!], () => Project(module.Forward(x)));
    }

    [Fact]
    public void MultiheadAttentionWithKeyPaddingMask()
    {
        using var scope = torch.NewDisposeScope();
        const long batch = 2, length = 4, embed = 8, heads = 2;
        using var module = new MultiheadAttention(embed, heads);
        using (torch.no_grad()) // zero-initialised biases would hide their gradient paths
        {
            module.in_proj_bias!.copy_(torch.tensor(RandomInput("b", 8, 3 * embed).Values.Select(v => (float)v).ToArray()));
            module.out_proj.bias!.copy_(torch.tensor(RandomInput("b", 9, embed).Values.Select(v => (float)v).ToArray()));
        }
        // The second sequence's last key is padding: no query may attend to it.
        var mask = torch.tensor(new[] { false, false, false, false, false, false, false, true }, [batch, length]);
        Input[] inputs =
        [
            RandomInput("x", 10, batch, length, embed),
            FromParameter("in_proj_weight", module.in_proj_weight), FromParameter("in_proj_bias", module.in_proj_bias!),
            FromParameter("out_proj.weight", module.out_proj.weight), FromParameter("out_proj.bias", module.out_proj.bias!),
        ];

        Tensor Attention(Tensor[] t)
        {
            var (x, inW, inB, outW, outB) = (t[0], t[1], t[2], t[3], t[4]);
            using var qkv = F.linear(x, inW, inB);                                                    // (B, T, 3E)
            using var split = qkv.view(batch, length, 3, heads, embed / heads).permute(2, 0, 3, 1, 4); // (3, B, H, T, D)
            var (q, k, v) = (split[0], split[1], split[2]);
            using var attended = F.scaled_dot_product_attention(q, k, v, mask, 0.0, training: false);  // (B, H, T, D)
            using var merged = attended.transpose(1, 2).reshape(batch, length, embed);               // (B, T, E)
            return Project(F.linear(merged, outW, outB));
        }
        var grads = GradCheck("multihead attention", inputs, Attention);

        var x32 = Float32Input(inputs[0]);
        Tensor[] leaves = [x32, module.in_proj_weight, module.in_proj_bias!, module.out_proj.weight, module.out_proj.bias!];
        AssertModuleGradients("MultiheadAttention", inputs, grads, leaves, () => Project(module.Forward(x32, mask)));

        // The padded key (batch 1, position 3) feeds only its own query's row, never another's output:
        // moving it must leave positions 0..2 of sequence 1 unchanged.
        using var noGrad = torch.no_grad();
        var moved = x32.detach().clone();
        moved.select(0, 1).select(0, 3).add_(5.0);
        var before = module.Forward(x32, mask).select(0, 1).narrow(0, 0, 3);
        var after = module.Forward(moved, mask).select(0, 1).narrow(0, 0, 3);
        Assert.True(before.equal(after), "MultiheadAttention: a padded key changed the output of another position");
    }

    [Fact]
    public void CrossEntropy()
    {
        using var scope = torch.NewDisposeScope();
        var target = torch.tensor(new long[] { 0, 3, 4, 1, 1, 2 });
        Input[] inputs = [RandomInput("logits", 11, 6, 5)];
        GradCheck("cross_entropy", inputs, t => F.cross_entropy(t[0], target));
    }

    [Fact]
    public void CrossEntropyWithWeightIgnoreIndexAndLabelSmoothing()
    {
        using var scope = torch.NewDisposeScope();
        var target = torch.tensor(new long[] { 0, 3, -100, 1, 4, -100 });
        var weight = torch.tensor(new double[] { 0.5, 1.0, 2.0, 1.5, 0.25 });
        Input[] inputs = [RandomInput("logits", 12, 6, 5)];
        var grads = GradCheck("cross_entropy (weight, ignore_index, label_smoothing)", inputs,
            t => F.cross_entropy(t[0], target, weight, ignore_index: -100, label_smoothing: 0.1));
        for (int c = 0; c < 5; c++)
        {
            Assert.True(grads[0][2 * 5 + c] == 0, "cross_entropy: an ignored row must get zero gradient");
            Assert.True(grads[0][5 * 5 + c] == 0, "cross_entropy: an ignored row must get zero gradient");
        }
    }

    [Fact]
    public void CrossEntropyOverSequences()
    {
        using var scope = torch.NewDisposeScope();
        var target = torch.tensor(new long[] { 0, 3, 2, 4, 1, 1 }, [2, 3]);
        Input[] inputs = [RandomInput("logits", 13, 2, 5, 3)]; // (N, C, L)
        GradCheck("cross_entropy (N, C, L)", inputs, t => F.cross_entropy(t[0], target, reduction: Reduction.Sum));
    }
}
