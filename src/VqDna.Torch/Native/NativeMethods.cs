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
