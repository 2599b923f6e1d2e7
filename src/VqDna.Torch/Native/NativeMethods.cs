using System.Runtime.InteropServices;

namespace VqDna.Torch.Native;

/// <summary>
/// P/Invoke declarations for libvqdna_native, split by topic over partial files. Tensor arguments
/// are marshalled as SafeHandles (AddRef for the call's duration, so a finalizer cannot free a tensor
/// mid-call); results come back as raw handles that <see cref="Tensor"/> adopts.
/// </summary>
internal static partial class NativeMethods
{
    internal const string Lib = "vqdna_native";

    /// <summary>
    /// Runs before the first call of any export, so before libvqdna_native, libtorch and libtorch's OpenMP runtime
    /// (libgomp) load. libgomp reads OMP_WAIT_POLICY once, as it loads; its default, spinning after each parallel
    /// region, makes its workers fight OpenBLAS's own thread pool for the cores: a fine-tuning step on 2 vCPUs took
    /// 2.3x longer, and bench/train-step measured ~1.9x for us and PyTorch alike. Set here rather than in
    /// <see cref="torch"/>'s static constructor: a call that reached an export through another class first
    /// (every command with --device: `torch.cuda.is_available()`, a nested class, does not run that constructor) loaded libgomp before that constructor ran, and the setting came too late. A value the
    /// user set wins.
    /// </summary>
    static NativeMethods()
    {
        OmpWaitPolicyApplied = !NativeEnvironment.IsLoaded("libgomp");
        OmpWaitPolicy = NativeEnvironment.SetDefault("OMP_WAIT_POLICY", "PASSIVE");
    }

    /// <summary>OMP_WAIT_POLICY as set in the C environment before the native library loaded.</summary>
    internal static string OmpWaitPolicy { get; }

    /// <summary>False when libgomp was already in the process (loaded by something else), so it read the variable earlier.</summary>
    internal static bool OmpWaitPolicyApplied { get; }

    [LibraryImport(Lib)] internal static partial IntPtr vq_last_error();
    [LibraryImport(Lib)] internal static partial long vq_live_tensors();
    [LibraryImport(Lib)] internal static partial void vq_free(IntPtr t);
    [LibraryImport(Lib)] internal static partial void vq_free_array(IntPtr arr);

    // runtime
    [LibraryImport(Lib)] internal static partial int vq_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial int vq_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int vq_get_num_threads();
    [LibraryImport(Lib)] internal static partial int vq_set_num_interop_threads(int n);
    [LibraryImport(Lib)] internal static partial int vq_set_grad_enabled(int enabled);
    [LibraryImport(Lib)] internal static partial int vq_is_grad_enabled();
    [LibraryImport(Lib)] internal static partial IntPtr vq_config_show();
    [LibraryImport(Lib)] internal static partial IntPtr vq_parallel_info();

    /// <summary>The calling thread's last native error message.</summary>
    internal static string LastError() => Marshal.PtrToStringUTF8(vq_last_error()) ?? "(no message)";

    /// <summary>Throws the native error when a status-returning export failed.</summary>
    internal static void Check(int status)
    {
        if (status != 0) throw new TorchException(LastError());
    }

    internal static string CheckString(IntPtr text) =>
        text == IntPtr.Zero ? throw new TorchException(LastError()) : Marshal.PtrToStringUTF8(text)!;
}
