namespace VqDna.Torch;

/// <summary>Parsing, defaults and the autocast region of a <see cref="Precision"/>.</summary>
public static class Precisions
{
    /// <summary>
    /// <c>fp32</c>, <c>bf16</c> or <c>auto</c>: bf16 on CUDA and on a CPU that multiplies bfloat16 natively
    /// (<see cref="CpuBfloat16.IsNative"/>: a training step 1.4–1.5× faster than in float32 there), fp32 on any other
    /// CPU, where oneDNN emulates bfloat16 and is slower than float32. <paramref name="source"/> names where the text came
    /// from (e.g. <c>--precision</c>).
    /// </summary>
    /// <exception cref="ArgumentException">the text is none of those.</exception>
    public static Precision Resolve(string text, Device device, string source = "precision") =>
        text.Trim().ToLowerInvariant() switch
        {
            "fp32" or "float32" => Precision.FP32,
            "bf16" or "bfloat16" => Precision.BF16,
            "auto" => device.is_cuda || CpuBfloat16.IsNative ? Precision.BF16 : Precision.FP32,
            _ => throw new ArgumentException($"{source} '{text}' is not a precision: expected fp32, bf16 or auto"),
        };

    /// <summary>The name written in run records: <c>fp32</c> or <c>bf16</c>.</summary>
    public static string Name(this Precision precision) => precision == Precision.BF16 ? "bf16" : "fp32";

    /// <summary>The region to run forward passes in: bfloat16 autocast on <paramref name="device"/>, or a no-op for fp32.</summary>
    public static torch.AutocastGuard Autocast(this Precision precision, Device device) =>
        torch.autocast(device, ScalarType.BFloat16, enabled: precision == Precision.BF16);
}
