using VqDna.Torch;

namespace VqDna.Models.Engines;

/// <summary>
/// Where a run computes and how precisely (issue 18): the device that models, batches and a learned tokenizer's
/// frozen encoder live on, and fp32 or bf16 autocast for training forwards. Commands resolve it once from the user's
/// text (<see cref="Resolve"/>, the only place that asks libtorch what is here) and pass it down. It is not part of
/// a run's settings (training.json): a checkpoint made on one device resumes on another; run.json records both.
/// </summary>
/// <param name="Device">cpu, cuda or cuda:N.</param>
/// <param name="Precision">fp32, or bf16 autocast over float32 weights (training forwards only).</param>
public sealed record DeviceSettings(Device Device, Precision Precision)
{
    /// <summary>The word that picks the default: CUDA when available, else the CPU; bf16 on CUDA and on a CPU with native bfloat16 (AVX512-BF16), else fp32.</summary>
    public const string Auto = "auto";

    /// <summary>The CPU in float32: what every library call uses when given no device.</summary>
    public static DeviceSettings Cpu { get; } = new(Device.CPU, Precision.FP32);

    /// <summary>
    /// A device and precision a user asked for by name: <c>auto|cpu|cuda|cuda:N</c> and <c>auto|fp32|bf16</c>.
    /// <paramref name="deviceSource"/> and <paramref name="precisionSource"/> name the options in errors.
    /// </summary>
    /// <exception cref="ArgumentException">a name is neither, or names a GPU that is not here (one line naming the option).</exception>
    public static DeviceSettings Resolve(string device = Auto, string precision = Auto, string deviceSource = "device", string precisionSource = "precision")
    {
        var resolved = Device.Resolve(device, deviceSource);
        return new(resolved, Precisions.Resolve(precision, resolved, precisionSource));
    }

    /// <summary>The device's name as written in run.json: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>.</summary>
    public string DeviceName => Device.ToString();

    /// <summary>The precision's name as written in run.json: <c>fp32</c> or <c>bf16</c>.</summary>
    public string PrecisionName => Precision.Name();

    /// <summary>The device and precision, e.g. "cpu, fp32".</summary>
    public override string ToString() => $"{DeviceName}, {PrecisionName}";
}
