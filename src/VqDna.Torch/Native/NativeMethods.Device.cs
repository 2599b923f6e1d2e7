using System.Runtime.InteropServices;

namespace VqDna.Torch.Native;

internal static partial class NativeMethods
{
    // devices (a device crosses as c10::DeviceType code + index, -1 = none)
    [LibraryImport(Lib)] internal static partial int vq_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int vq_cuda_is_built();
    [LibraryImport(Lib)] internal static partial int vq_cuda_device_count();
    [LibraryImport(Lib)] internal static partial int vq_cuda_synchronize(int index);
    [LibraryImport(Lib)] internal static partial void vq_torch_version(out int major, out int minor, out int patch);
    [LibraryImport(Lib)] internal static partial void vq_device_of(Tensor t, out int type, out int index);
    [LibraryImport(Lib)] internal static partial IntPtr vq_to_device(Tensor t, int type, int index, int dtype, int nonBlocking);
    [LibraryImport(Lib)] internal static partial int vq_set_data(Tensor t, Tensor source);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int vq_set_float32_matmul_precision(string precision);
    [LibraryImport(Lib)] internal static partial int vq_get_float32_matmul_precision();
    [LibraryImport(Lib)] internal static partial int vq_autocast_enter(int type, int enabled, int dtype, out int previous);
    [LibraryImport(Lib)] internal static partial int vq_autocast_exit(int type, int previous);
    [LibraryImport(Lib)] internal static partial int vq_autocast_is_enabled(int type);
}
