using System.Diagnostics;

namespace VqDna.Torch.Diagnostics;

/// <summary>Measured single-precision matrix-multiply throughput: the machine's practical peak.</summary>
public static class MatmulThroughput
{
    /// <summary>
    /// Best-of-<paramref name="repeats"/> GFLOP/s of an n×n by n×n float32 matmul (2n³ flops each),
    /// after one warm-up. Best, not mean: we want the peak the hardware allows, not scheduler noise.
    /// </summary>
    public static double MeasureSgemmGflops(int n = 1024, int repeats = 7)
    {
        if (n < 1 || repeats < 1) throw new ArgumentOutOfRangeException(nameof(n), "size and repeats must be positive");
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var a = torch.randn(n, n);
        var b = torch.randn(n, n);
        a.matmul(b).Dispose();
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            using var c = a.matmul(b);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * (double)n / best / 1e9;
    }

    /// <summary>
    /// Best-of-<paramref name="repeats"/> GFLOP/s of an n×n by n×n matmul in <paramref name="dtype"/> on a GPU, each
    /// timed from launch to device synchronize, after two warm-ups (the H200 ran 8192³ bf16 at ~790 TFLOP/s).
    /// Float32 runs at the current float32 matmul precision (TF32 when "high").
    /// </summary>
    public static double MeasureCudaGflops(Device device, ScalarType dtype = ScalarType.BFloat16, int n = 8192, int repeats = 10)
    {
        if (!device.is_cuda) throw new ArgumentException($"MeasureCudaGflops needs a CUDA device, got '{device}'", nameof(device));
        if (n < 1 || repeats < 1) throw new ArgumentOutOfRangeException(nameof(n), "size and repeats must be positive");
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var a = torch.randn([n, n], dtype, device: device);
        var b = torch.randn([n, n], dtype, device: device);
        for (int i = 0; i < 2; i++) a.matmul(b).Dispose();
        torch.cuda.synchronize(device);
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            using var c = a.matmul(b);
            torch.cuda.synchronize(device);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * (double)n / best / 1e9;
    }
}
