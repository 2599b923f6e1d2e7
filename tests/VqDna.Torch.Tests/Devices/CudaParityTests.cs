using VqDna.Torch.NN;
using VqDna.Torch.Optim;
using VqDna.Torch.Serialization;

namespace VqDna.Torch.Tests.Devices;

/// <summary>
/// The GPU subset (<c>--filter Category=GPU</c>): each module's forward and backward, a loss, AdamW steps, a whole
/// training step, and save → load across devices, computed on CUDA and compared with the same computation on the
/// CPU. Skipped, visibly, without a GPU. Float32 matmuls stay full float32 here ("highest", libtorch's default) so
/// the tolerances measure our binding, not TF32 rounding.
/// </summary>
[Trait("Category", "GPU")]
public sealed class CudaParityTests
{
    private const double Tolerance = 1e-4;

    /// <summary>Builds the same module twice from one seed; returns (on CPU, on CUDA).</summary>
    private static (T cpu, T gpu) Twins<T>(Func<T> make) where T : Module
    {
        torch.manual_seed(11);
        var cpu = make();
        torch.manual_seed(11);
        var gpu = make();
        gpu.to(Device.CUDA);
        return (cpu, gpu);
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(DeviceType.CPU, expected.device.type);
        Assert.Equal(DeviceType.CUDA, actual.device.type);
        using var back = actual.cpu();
        double scale = Math.Max(1, expected.abs().max().item<double>());
        double diff = (back - expected).abs().max().item<double>();
        Assert.True(diff <= Tolerance * scale, $"{what}: CUDA differs from CPU by {diff:G3} (scale {scale:G3})");
    }

    /// <summary>Forward, then backward of sum(output²), compared output and every parameter's gradient.</summary>
    private static void ForwardBackward<T>(Func<T> make, Func<T, Tensor, Tensor> forward, Tensor input) where T : Module
    {
        using var scope = torch.NewDisposeScope();
        var (cpu, gpu) = Twins(make);
        using (cpu)
        using (gpu)
        {
            var gpuInput = input.cuda();
            var expected = forward(cpu, input);
            var actual = forward(gpu, gpuInput);
            AssertClose(expected, actual, $"{typeof(T).Name} forward");
            expected.pow(2).sum().backward();
            actual.pow(2).sum().backward();
            foreach (var ((name, p), (_, q)) in cpu.NamedParameters().Zip(gpu.NamedParameters()))
                if (p.grad is { } g) AssertClose(g, q.grad!, $"{typeof(T).Name}.{name} gradient");
        }
    }

    [CudaFact]
    public void LinearMatches() => ForwardBackward(() => new Linear(32, 16), (m, x) => m.Forward(x), Randn(8, 32));

    [CudaFact]
    public void EmbeddingMatches()
    {
        using var ids = torch.tensor(new long[] { 0, 3, 7, 3, 9 }, [1, 5]);
        ForwardBackward(() => new Embedding(10, 12), (m, x) => m.Forward(x), ids);
    }

    [CudaFact]
    public void LayerNormMatches() => ForwardBackward(() => new LayerNorm(24), (m, x) => m.Forward(x), Randn(4, 6, 24));

    [CudaFact]
    public void Conv1dMatches() => ForwardBackward(() => new Conv1d(8, 8, 7, padding: 3, groups: 8), (m, x) => m.Forward(x), Randn(2, 8, 40));

    [CudaFact]
    public void MultiheadAttentionWithPaddingMatches()
    {
        using var padding = torch.tensor(new[] { false, false, false, true, false, false, true, true }, [2, 4]);
        ForwardBackward(() => new MultiheadAttention(32, 4), (m, x) => m.Forward(x, x.is_cuda ? padding.cuda() : padding.alias()), Randn(2, 4, 32));
    }

    [CudaFact]
    public void TransformerEncoderLayerMatchesInEvalMode() =>
        ForwardBackward(() => (TransformerEncoderLayer)new TransformerEncoderLayer(32, 4, 64).Eval(), (m, x) => m.Forward(x), Randn(2, 10, 32));

    [CudaFact]
    public void LoRALinearMatches() =>
        ForwardBackward(() => { var l = new LoRALinear(new Linear(16, 16), r: 4, lora_alpha: 8); Init.normal_(l.lora_B.weight); return l; },
            (m, x) => m.Forward(x), Randn(3, 16));

    [CudaFact]
    public void CrossEntropyMatches()
    {
        using var scope = torch.NewDisposeScope();
        var logits = Randn(16, 5).requires_grad_();
        var gpuLogits = logits.detach().cuda().requires_grad_();
        var target = torch.tensor(new long[] { 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, -100, 1, 2, 3, 4, 0 });
        var expected = F.cross_entropy(logits, target);
        var actual = F.cross_entropy(gpuLogits, target.cuda());
        AssertClose(expected, actual, "cross_entropy");
        expected.backward();
        actual.backward();
        AssertClose(logits.grad!, gpuLogits.grad!, "cross_entropy gradient");
    }

    [CudaFact]
    public void ATrainingStepWithAdamWMatches()
    {
        using var scope = torch.NewDisposeScope();
        var (cpu, gpu) = Twins(() => new TransformerEncoderLayer(32, 4, 64, dropout: 0));
        using (cpu)
        using (gpu)
        {
            using var cpuOpt = new AdamW(cpu.Parameters(), lr: 1e-3);
            using var gpuOpt = new AdamW(gpu.Parameters(), lr: 1e-3);
            var x = Randn(4, 12, 32);
            var gx = x.cuda();
            for (int step = 0; step < 5; step++)
            {
                using var stepScope = torch.NewDisposeScope();
                cpu.Forward(x).pow(2).mean().backward();
                gpu.Forward(gx).pow(2).mean().backward();
                GradientClipping.clip_grad_norm_(cpu.Parameters(), 1.0);
                GradientClipping.clip_grad_norm_(gpu.Parameters(), 1.0);
                cpuOpt.Step();
                gpuOpt.Step();
                cpuOpt.ZeroGrad();
                gpuOpt.ZeroGrad();
            }
            foreach (var ((name, p), (_, q)) in cpu.NamedParameters().Zip(gpu.NamedParameters()))
                AssertClose(p, q, $"{name} after 5 AdamW steps");
            foreach (var ((name, m), (_, n)) in cpuOpt.StateDict().Zip(gpuOpt.StateDict()))
                AssertClose(m, n, name);
        }
    }

    [CudaFact]
    public void SavedOnTheGpuLoadsOnTheCpuAndBack()
    {
        using var scope = torch.NewDisposeScope();
        var (cpu, gpu) = Twins(() => new TransformerEncoderLayer(16, 2, 32));
        using (cpu)
        using (gpu)
        {
            var dir = Directory.CreateTempSubdirectory("vqdna-cuda-").FullName;
            try
            {
                using (torch.no_grad())
                    foreach (var p in gpu.Parameters()) p.add_(0.5);
                Safetensors.Save(gpu.StateDict(), Path.Combine(dir, "gpu.safetensors"));
                TorchFile.Save(gpu.StateDict(), Path.Combine(dir, "gpu.pt"));
                foreach (var file in new[] { "gpu.safetensors", "gpu.pt" })
                {
                    var state = file.EndsWith(".pt") ? TorchFile.Load(Path.Combine(dir, file)) : Safetensors.Load(Path.Combine(dir, file));
                    Assert.All(state.Values, t => Assert.Equal(Device.CPU, t.device));
                    cpu.LoadStateDict(state);
                    foreach (var ((name, p), (_, q)) in cpu.StateDict().Zip(gpu.StateDict()))
                        Assert.True(p.equal(q.cpu()), $"{file}: {name} changed on the way through the file");
                }
                // And the other way: a CPU file into the GPU module (copy_ crosses devices).
                Safetensors.Save(cpu.StateDict(), Path.Combine(dir, "cpu.safetensors"));
                gpu.LoadStateDict(Safetensors.Load(Path.Combine(dir, "cpu.safetensors")));
                Assert.All(gpu.StateDict().Values, t => Assert.Equal(DeviceType.CUDA, t.device.type));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [CudaFact]
    public void BFloat16MatmulOnTheGpuIsCloseToFloat32()
    {
        using var scope = torch.NewDisposeScope();
        var a = Randn(64, 128);
        var b = Randn(128, 32);
        var product = a.cuda().to(Device.CUDA, torch.bfloat16).matmul(b.cuda().to(Device.CUDA, torch.bfloat16));
        torch.cuda.synchronize();
        var exact = a.matmul(b);
        double scale = exact.abs().max().item<double>();
        Assert.True((product.cpu().@float() - exact).abs().max().item<double>() < 0.02 * scale);
    }

    [CudaFact]
    public void DropoutOnTheGpuKeepsItsRateAndTheInputsDtypeAndItsGradientIsItsMask()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var x = torch.ones(64, 1000).to(Device.CUDA, torch.bfloat16).requires_grad_();
        var y = F.dropout(x, 0.1);
        Assert.Equal(ScalarType.BFloat16, y.dtype);
        Assert.Equal(DeviceType.CUDA, y.device.type);
        Assert.InRange(y.ne(0).to(ScalarType.Float64).mean().item<double>(), 0.895, 0.905);
        y.sum().backward();
        Assert.True(x.grad!.eq(0).equal(y.eq(0)));
    }

    private static Tensor Randn(params long[] shape)
    {
        torch.manual_seed(7);
        return torch.randn(shape);
    }
}
