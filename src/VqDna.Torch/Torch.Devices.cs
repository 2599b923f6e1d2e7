using VqDna.Torch.Native;

namespace VqDna.Torch;

// Devices: torch.device, torch.cuda, autocast, matmul precision, the libtorch version.
public static partial class torch
{
    /// <summary>torch.device("cuda:0"): parses a device name (see <see cref="Device.Parse"/>).</summary>
    public static Device device(string name) => Device.Parse(name);

    /// <summary>The libtorch this library was compiled against, e.g. "1.13.0" (Debian) or "2.11.0" (a wheel).</summary>
    public static string libtorch_version
    {
        get
        {
            NativeMethods.vq_torch_version(out int major, out int minor, out int patch);
            return $"{major}.{minor}.{patch}";
        }
    }

    /// <summary>
    /// torch.set_float32_matmul_precision: "highest" keeps float32 matrix products in full float32; "high" lets
    /// CUDA use TF32 tensor cores (10-bit mantissa inputs, float32 accumulation), as PyTorch recommends for
    /// training on Ampere and later. No effect on the CPU.
    /// </summary>
    public static void set_float32_matmul_precision(string precision) =>
        NativeMethods.Check(NativeMethods.vq_set_float32_matmul_precision(precision));

    /// <summary>The float32 matmul precision in force: "highest", "high" or "medium" (torch.get_float32_matmul_precision).</summary>
    public static string get_float32_matmul_precision() => NativeMethods.vq_get_float32_matmul_precision() switch
    {
        0 => "highest",
        1 => "high",
        _ => "medium",
    };

    /// <summary>
    /// torch.autocast(device_type, dtype): until the guard is disposed, this thread's ops on libtorch's autocast
    /// lists (matmuls, linear, convolutions, baddbmm...) run in <paramref name="dtype"/> on that device type while
    /// parameters, gradients and the optimizer stay float32, and precision-sensitive ops (softmax, layer norm,
    /// losses) stay float32; mixed-precision training as PyTorch does it. Run the forward and the loss inside,
    /// the backward outside. Nested regions restore the outer state; the outermost one drops the cached
    /// low-precision weight copies on exit, so an optimizer step is never followed by stale copies.
    /// </summary>
    public static AutocastGuard autocast(Device device, ScalarType dtype = ScalarType.BFloat16, bool enabled = true) =>
        new(device, dtype, enabled);

    /// <summary>Whether autocast is on for this thread and device type.</summary>
    public static bool is_autocast_enabled(Device device)
    {
        int r = NativeMethods.vq_autocast_is_enabled((int)device.type);
        if (r < 0) throw new TorchException(NativeMethods.LastError());
        return r != 0;
    }

    /// <summary>An autocast region; restores the previous state on Dispose (see <see cref="autocast"/>).</summary>
    public readonly struct AutocastGuard : IDisposable
    {
        private readonly int type;
        private readonly int previous;

        internal AutocastGuard(Device device, ScalarType dtype, bool enabled)
        {
            type = (int)device.type;
            NativeMethods.Check(NativeMethods.vq_autocast_enter(type, enabled ? 1 : 0, (int)dtype, out previous));
        }

        /// <summary>Restores the autocast state that was in force before the region.</summary>
        public void Dispose() => NativeMethods.Check(NativeMethods.vq_autocast_exit(type, previous));
    }

    /// <summary>torch.cuda: whether GPUs are usable here, how many, and waiting for their queued work.</summary>
    public static class cuda
    {
        /// <summary>True when libtorch has CUDA and sees at least one GPU (false on Debian's CPU libtorch).</summary>
        public static bool is_available() => NativeMethods.vq_cuda_is_available() != 0;

        /// <summary>True when the library was built against a CUDA libtorch, GPU or not (torch.backends.cuda.is_built).</summary>
        public static bool is_built() => NativeMethods.vq_cuda_is_built() != 0;

        /// <summary>Number of visible GPUs; 0 without CUDA.</summary>
        public static int device_count() => NativeMethods.vq_cuda_device_count();

        /// <summary>
        /// Waits until the work queued on the device's current stream has finished (the binding queues on that
        /// stream only), so a timer read afterwards measures the work. An error without CUDA.
        /// </summary>
        public static void synchronize(Device? device = null)
        {
            var d = device ?? Device.CUDA;
            if (!d.is_cuda) throw new ArgumentException($"torch.cuda.synchronize needs a CUDA device, got '{d}'", nameof(device));
            NativeMethods.Check(NativeMethods.vq_cuda_synchronize(d.index));
        }

    }
}
