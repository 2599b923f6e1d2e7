using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.Tests.Models.Engines;

/// <summary>The one resolver of --device and --precision (issue 18), and which engine runs on which device.</summary>
public sealed class DeviceSettingsTests
{
    [Fact]
    public void AutoIsAGpuInBf16WhenCudaIsAvailableElseTheCpuInBf16OnlyWhereItIsNative()
    {
        var resolved = DeviceSettings.Resolve();
        if (torch.cuda.is_available()) Assert.Equal(new DeviceSettings(Device.CUDA, Precision.BF16), resolved);
        else Assert.Equal(new DeviceSettings(Device.CPU, CpuBfloat16.IsNative ? Precision.BF16 : Precision.FP32), resolved);
    }

    [Theory]
    [InlineData("cpu", "fp32", "cpu", "fp32")]
    [InlineData("CPU", "bf16", "cpu", "bf16")]
    public void NamesResolveToTheirDeviceAndPrecision(string device, string precision, string deviceName, string precisionName)
    {
        var resolved = DeviceSettings.Resolve(device, precision, "--device", "--precision");
        Assert.Equal(deviceName, resolved.DeviceName);
        Assert.Equal(precisionName, resolved.PrecisionName);
        Assert.Equal($"{deviceName}, {precisionName}", resolved.ToString());
    }

    [Theory]
    [InlineData("gpu", "auto", "--device 'gpu' is not a device: expected auto, cpu, cuda or cuda:N")]
    [InlineData("cuda:x", "auto", "--device 'cuda:x' is not a device")]
    [InlineData("cpu", "fp16", "--precision 'fp16' is not a precision: expected fp32, bf16 or auto")]
    [InlineData("cuda:99", "auto", "--device 'cuda:99' asks for")]
    public void AnImpossibleChoiceIsOneLineNamingTheOption(string device, string precision, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceSettings.Resolve(device, precision, "--device", "--precision"));
        Assert.StartsWith(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void CudaWithoutAGpuSaysSoAndWhatToUseInstead()
    {
        if (torch.cuda.is_available()) return;                               // a GPU machine resolves it (CudaParityTests cover that side)
        var e = Assert.Throws<ArgumentException>(() => DeviceSettings.Resolve("cuda", "auto", "--device"));
        Assert.StartsWith("--device 'cuda' asks for a GPU, but CUDA is not available here (libvqdna_native is built against libtorch ", e.Message);
        Assert.EndsWith("use --device cpu or auto", e.Message);
    }

    [Theory]
    [InlineData(InferenceEngine.Onnx, "cpu", InferenceEngine.Onnx)]
    [InlineData(InferenceEngine.Torch, "cpu", InferenceEngine.Torch)]
    [InlineData(InferenceEngine.Onnx, "cuda", InferenceEngine.Torch)]
    [InlineData(InferenceEngine.Onnx, "cuda:1", InferenceEngine.Torch)]
    [InlineData(InferenceEngine.Torch, "cuda", InferenceEngine.Torch)]
    public void OnnxRunsOnTheCpuOnlySoAGpuTakesLibtorch(InferenceEngine requested, string device, InferenceEngine expected) =>
        Assert.Equal(expected, requested.On(Device.Parse(device)));
}
