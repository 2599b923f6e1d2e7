using VqDna.Torch.NN;
using VqDna.Torch.Optim;
using VqDna.Torch.Serialization;

namespace VqDna.Torch.Tests.Devices;

/// <summary>
/// Devices on any machine (CPU in CI): names, defaults, moves, mixed-device errors (CPU against meta tensors,
/// which have a device but no data), a clear error for CUDA where there is none, bfloat16 on the CPU, and a
/// module's in-place move keeping the tensors an optimizer holds.
/// </summary>
public sealed class DeviceTests
{
    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1, "cpu")]
    [InlineData("cuda", DeviceType.CUDA, -1, "cuda")]
    [InlineData("cuda:0", DeviceType.CUDA, 0, "cuda:0")]
    [InlineData(" CUDA:3 ", DeviceType.CUDA, 3, "cuda:3")]
    [InlineData("meta", DeviceType.Meta, -1, "meta")]
    [InlineData("cpu:0", DeviceType.CPU, -1, "cpu")]
    public void ParsesPyTorchDeviceNames(string text, DeviceType type, int index, string shown)
    {
        var device = torch.device(text);
        Assert.Equal(type, device.type);
        Assert.Equal(index, device.index);
        Assert.Equal(shown, device.ToString());
        Assert.Equal(device, Device.Parse(shown));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:")]
    [InlineData("cpu:1")]
    [InlineData("")]
    public void RefusesWhatIsNoDeviceQuotingIt(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => Device.Parse(text));
        Assert.Contains($"'{text}' is not a device", e.Message);
        Assert.Contains("cuda:N", e.Message);
    }

    [Fact]
    public void CreationFunctionsDefaultToTheCpuAndTakeADevice()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(Device.CPU, torch.zeros(2, 3).device);
        Assert.Equal(Device.CPU, torch.tensor(new[] { 1f, 2f }).device);
        Assert.Equal(Device.CPU, torch.arange(4, device: Device.CPU).device);
        var onMeta = new[]
        {
            torch.empty([2, 3], device: Device.Meta), torch.zeros([2, 3], device: Device.Meta), torch.ones([2, 3], device: Device.Meta),
            torch.randn([2, 3], device: Device.Meta), torch.rand([2, 3], device: Device.Meta), torch.full([2, 3], 7, device: Device.Meta),
            torch.arange(0, 6, device: Device.Meta), torch.eye(3, device: Device.Meta), torch.tensor(new[] { 1L, 2L }, device: Device.Meta),
            torch.linspace(0, 1, 5, device: Device.Meta), torch.scalar_tensor(1, device: Device.Meta),
        };
        Assert.All(onMeta, t => Assert.Equal(Device.Meta, t.device));
        Assert.Equal([2L, 3L], onMeta[0].shape);
        var e = Assert.Throws<TorchException>(() => onMeta[1].ToArray<float>());
        Assert.Contains("meta tensor has no data", e.Message);
    }

    [Fact]
    public void ToTheCpuRoundTripsAndKeepsValuesAndGradients()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var x = torch.randn([4, 5], requires_grad: true);
        var same = x.to(Device.CPU);
        Assert.Equal(x.ToArray<float>(), same.ToArray<float>());
        Assert.Equal(x.ToArray<float>(), x.cpu().ToArray<float>());
        var meta = x.to(Device.Meta);
        Assert.Equal(Device.Meta, meta.device);
        Assert.Equal(x.shape, meta.shape);
        (same * 3.0).sum().backward();
        Assert.Equal(Enumerable.Repeat(3f, 20), x.grad!.ToArray<float>());
    }

    [Fact]
    public void TensorsOnDifferentDevicesMeetingIsAnErrorNamingBoth()
    {
        using var scope = torch.NewDisposeScope();
        var cpu = torch.ones(3, 3);
        var meta = torch.ones([3, 3], device: Device.Meta);
        var e = Assert.Throws<TorchException>(() => cpu + meta);
        Assert.Contains("Expected all tensors to be on the same device", e.Message);
        Assert.Contains("meta and cpu", e.Message);
    }

    [Fact]
    public void CudaWhereThereIsNoneIsAClearErrorNamingWhatWasAsked()
    {
        using var scope = torch.NewDisposeScope();
        if (torch.cuda.is_available())
        {
            Assert.Equal(Device.CUDA, Device.Resolve("auto"));
            Assert.Equal(DeviceType.CUDA, torch.zeros([1], device: Device.Resolve("cuda:0")).device.type);
            return;
        }
        Assert.Equal(0, torch.cuda.device_count());
        Assert.Equal(Device.CPU, Device.Resolve("auto"));
        Assert.Equal(Device.CPU, Device.Resolve("cpu", "--device"));
        var option = Assert.Throws<ArgumentException>(() => Device.Resolve("cuda", "--device"));
        Assert.Contains("--device 'cuda'", option.Message);
        Assert.Contains("CUDA is not available", option.Message);
        Assert.Contains(torch.libtorch_version, option.Message);
        var spelling = Assert.Throws<ArgumentException>(() => Device.Resolve("gpu0", "--device"));
        Assert.Contains("--device 'gpu0' is not a device", spelling.Message);
        // The native layer refuses too, whoever asks: factories, moves, synchronize.
        var factory = Assert.Throws<TorchException>(() => torch.zeros([2], device: torch.device("cuda:1")));
        Assert.Contains("'cuda:1' was asked for, but CUDA is not available", factory.Message);
        var move = Assert.Throws<TorchException>(() => torch.ones(2).cuda());
        Assert.Contains("'cuda' was asked for", move.Message);
        Assert.Throws<TorchException>(() => torch.cuda.synchronize());
    }

    [Fact]
    public void BFloat16OnTheCpuRoundTripsAndMultiplies()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        var a = torch.randn(16, 32);
        var b = torch.randn(32, 8);
        var a16 = a.to(torch.bfloat16);
        Assert.Equal(ScalarType.BFloat16, a16.dtype);
        var back = a16.to(Device.CPU, torch.float32);
        // bfloat16 keeps 8 significant bits: relative rounding error at most 2^-8.
        Assert.True((back - a).abs().le(a.abs() * (1.0 / 256)).all().item<bool>());
        Assert.False(back.equal(a)); // it did round
        var product = a16.matmul(b.to(torch.bfloat16));
        Assert.Equal(ScalarType.BFloat16, product.dtype);
        var exact = a.matmul(b);
        double scale = exact.abs().max().item<double>();
        Assert.True((product.@float() - exact).abs().max().item<double>() < 0.02 * scale);
    }

    [Fact]
    public void ModuleToMovesInPlaceSoAnOptimizerMadeBeforeStillTrainsIt()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var layer = new Linear(4, 3);
        var weight = layer.weight;
        using var optimizer = new AdamW(layer.Parameters(), lr: 0.1);
        layer.to(Device.CPU);
        Assert.Same(weight, layer.weight);
        var before = weight.ToArray<float>();
        layer.Forward(torch.ones(2, 4)).sum().backward();
        optimizer.Step();
        Assert.NotEqual(before, layer.weight.ToArray<float>());

        // A dtype cast in place: floating tensors only, same objects, requires_grad kept, gradients cast too.
        layer.Forward(torch.ones(2, 4)).sum().backward();
        layer.to(torch.bfloat16);
        Assert.Same(weight, layer.weight);
        Assert.Equal(ScalarType.BFloat16, layer.weight.dtype);
        Assert.Equal(ScalarType.BFloat16, layer.weight.grad!.dtype);
        Assert.True(layer.weight.requires_grad);
        var y = layer.Forward(torch.ones([2, 4], torch.bfloat16));
        Assert.Equal(ScalarType.BFloat16, y.dtype);
        layer.to(Device.CPU, torch.float32);
        Assert.Equal(ScalarType.Float32, layer.bias!.dtype);
    }

    [Fact]
    public void ModulesMoveInPlaceBetweenCpuAndCudaOnlyAndMetaTensorsCannotBeSaved()
    {
        using var scope = torch.NewDisposeScope();
        using var norm = new LayerNorm(6);
        var e = Assert.Throws<NotSupportedException>(() => norm.to(Device.Meta));
        Assert.Contains("meta", e.Message);
        Assert.All(norm.StateDict().Values, t => Assert.Equal(Device.CPU, t.device));
        var path = Path.Combine(Path.GetTempPath(), $"vqdna-meta-{Environment.ProcessId}.safetensors");
        var meta = torch.zeros([2, 2], device: Device.Meta);
        var save = Assert.Throws<TorchException>(() => Safetensors.Save([new("w", meta)], path));
        Assert.Contains("meta tensor has no data", save.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ABFloat16ModuleSavesAndLoadsBackExactly()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(6);
        using var source = new Linear(5, 4);
        source.to(Device.CPU, torch.bfloat16);
        using var target = new Linear(5, 4);
        target.to(torch.bfloat16);
        var path = Path.Combine(Path.GetTempPath(), $"vqdna-bf16-{Environment.ProcessId}.safetensors");
        try
        {
            Safetensors.Save(source.StateDict(), path);
            var loaded = Safetensors.Load(path);
            Assert.Equal(ScalarType.BFloat16, loaded["weight"].dtype);
            target.LoadStateDict(loaded);
            Assert.True(target.weight.equal(source.weight));
            Assert.True(target.bias!.equal(source.bias!));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AutocastRunsMatmulsInBFloat16OverFloat32WeightsAndRestoresOnExit()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(8);
        using var layer = new Linear(8, 4);
        var x = torch.randn(3, 8);
        Tensor y, inner;
        Assert.False(torch.is_autocast_enabled(Device.CPU));
        using (torch.autocast(Device.CPU))
        {
            Assert.True(torch.is_autocast_enabled(Device.CPU));
            using (torch.autocast(Device.CPU, enabled: false))
            {
                Assert.False(torch.is_autocast_enabled(Device.CPU));
                inner = layer.Forward(x);
            }
            Assert.True(torch.is_autocast_enabled(Device.CPU));
            y = layer.Forward(x);
        }
        Assert.False(torch.is_autocast_enabled(Device.CPU));
        Assert.Equal(ScalarType.Float32, inner.dtype);
        Assert.Equal(ScalarType.BFloat16, y.dtype);
        Assert.Equal(ScalarType.Float32, layer.weight.dtype);
        y.@float().sum().backward();
        Assert.Equal(ScalarType.Float32, layer.weight.grad!.dtype); // master weights and gradients stay float32
        var exact = layer.Forward(x);
        Assert.Equal(ScalarType.Float32, exact.dtype);
        Assert.True((y.@float() - exact).abs().max().item<double>() < 0.05);
    }

    [Theory]
    [InlineData("auto", "cuda", Precision.BF16)]
    [InlineData("bf16", "cpu", Precision.BF16)]
    [InlineData("FP32", "cuda", Precision.FP32)]
    [InlineData("fp32", "cpu", Precision.FP32)]
    public void APrecisionNamedIsThatPrecisionAndAutoIsBFloat16OnCuda(string text, string device, Precision expected) =>
        Assert.Equal(expected, Precisions.Resolve(text, Device.Parse(device)));

    [Fact]
    public void AutoOnTheCpuIsBFloat16ExactlyWhenTheCpuReportsAvx512Bf16()
    {
        // The kernel's view of the same CPUID bit (Linux names it avx512_bf16 in /proc/cpuinfo's flags).
        if (!File.Exists("/proc/cpuinfo")) return;
        bool reported = File.ReadLines("/proc/cpuinfo").Any(l => l.StartsWith("flags", StringComparison.Ordinal)
            && l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("avx512_bf16"));
        Assert.Equal(reported, CpuBfloat16.IsNative);
        Assert.Equal(reported ? Precision.BF16 : Precision.FP32, Precisions.Resolve("auto", Device.CPU));
    }

    [Fact]
    public void APrecisionThatIsNoneIsAnErrorNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => Precisions.Resolve("fp16", Device.CPU, "--precision"));
        Assert.Contains("--precision 'fp16'", e.Message);
        Assert.Contains("fp32, bf16 or auto", e.Message);
    }

    [Fact]
    public void MatmulPrecisionIsASettingThatReadsBack()
    {
        var previous = torch.get_float32_matmul_precision();
        try
        {
            torch.set_float32_matmul_precision("high");
            Assert.Equal("high", torch.get_float32_matmul_precision());
            var e = Assert.Throws<TorchException>(() => torch.set_float32_matmul_precision("tf32"));
            Assert.Contains("'tf32'", e.Message);
        }
        finally
        {
            torch.set_float32_matmul_precision(previous);
        }
        Assert.Matches(@"^[12]\.\d+\.\d+$", torch.libtorch_version);
    }
}
