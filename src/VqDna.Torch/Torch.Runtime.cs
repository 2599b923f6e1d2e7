using VqDna.Torch.Native;

namespace VqDna.Torch;

// Process-wide runtime: seeding, threads, grad mode, dispose scopes, build information.
public static partial class torch
{
    /// <summary>OMP_WAIT_POLICY as libtorch's OpenMP runtime sees it: PASSIVE unless the user set it (set before libtorch loads, by NativeMethods).</summary>
    public static string omp_wait_policy => NativeMethods.OmpWaitPolicy;

    /// <summary>
    /// False when libtorch's OpenMP runtime was loaded into the process before this library set
    /// <see cref="omp_wait_policy"/> (by another library), so the setting is not in effect.
    /// </summary>
    public static bool omp_wait_policy_applied => NativeMethods.OmpWaitPolicyApplied;

    static torch()
    {
        // libtorch assumes hyper-threading and uses half the logical cores; on 2 vCPUs that is 1 thread.
        // We use every core unless the user says otherwise (VQDNA_THREADS); data-parallel workers on one
        // machine share them (cores / LOCAL_WORLD_SIZE, which torchrun and --nproc set).
        var env = Environment.GetEnvironmentVariable("VQDNA_THREADS");
        int local = int.TryParse(Environment.GetEnvironmentVariable("LOCAL_WORLD_SIZE"), out int l) && l > 0 ? l : 1;
        int threads = int.TryParse(env, out int n) && n > 0 ? n : Math.Max(1, Environment.ProcessorCount / local);
        NativeMethods.Check(NativeMethods.vq_set_num_threads(threads));
    }

    /// <summary>
    /// Seeds libtorch's global CPU generator (the same streams as <c>torch.manual_seed</c>) and, where CUDA is
    /// available, every GPU's generator (libtorch's at::manual_seed does both, as PyTorch's does).
    /// </summary>
    public static void manual_seed(ulong seed) => NativeMethods.Check(NativeMethods.vq_manual_seed(seed));

    /// <summary>Sets libtorch's intra-op thread count; at least 1 (torch.set_num_threads).</summary>
    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "need at least one thread");
        NativeMethods.Check(NativeMethods.vq_set_num_threads(threads));
    }

    /// <summary>libtorch's intra-op thread count (torch.get_num_threads).</summary>
    public static int get_num_threads() => NativeMethods.vq_get_num_threads();

    /// <summary>Opens a scope that frees every tensor created inside it on Dispose.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Turns autograd recording off until the returned guard is disposed.</summary>
    public static GradModeGuard no_grad() => new(false);

    /// <summary>Turns autograd recording on until the returned guard is disposed (torch.enable_grad).</summary>
    public static GradModeGuard enable_grad() => new(true);

    /// <summary>Whether autograd records operations on this thread (torch.is_grad_enabled).</summary>
    public static bool is_grad_enabled() => NativeMethods.vq_is_grad_enabled() != 0;

    /// <summary>libtorch's build configuration (torch.__config__.show()).</summary>
    public static string config_show() => NativeMethods.CheckString(NativeMethods.vq_config_show());

    /// <summary>libtorch's thread and parallel backend report (torch.__config__.parallel_info()).</summary>
    public static string parallel_info() => NativeMethods.CheckString(NativeMethods.vq_parallel_info());

    /// <summary>Sets grad mode for the current thread and restores the previous mode on Dispose.</summary>
    public readonly struct GradModeGuard : IDisposable
    {
        private readonly bool previous;

        internal GradModeGuard(bool enabled) => previous = NativeMethods.vq_set_grad_enabled(enabled ? 1 : 0) != 0;

        /// <summary>Restores the grad mode that was in force before the guard.</summary>
        public void Dispose() => NativeMethods.vq_set_grad_enabled(previous ? 1 : 0);
    }
}
