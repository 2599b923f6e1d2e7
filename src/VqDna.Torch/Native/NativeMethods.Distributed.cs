using System.Runtime.InteropServices;

namespace VqDna.Torch.Native;

internal static partial class NativeMethods
{
    // distributed (c10d TCPStore + ProcessGroupGloo); a group is an opaque handle owned by ProcessGroup
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vq_dist_init(string masterAddr, int port, int rank, int worldSize, long timeoutMs, string? storePrefix, out IntPtr group);
    [LibraryImport(Lib)] internal static partial void vq_dist_free(IntPtr group);
    [LibraryImport(Lib)] internal static unsafe partial int vq_dist_allreduce(Distributed.ProcessGroup group, IntPtr* tensors, int n);
    [LibraryImport(Lib)] internal static unsafe partial int vq_dist_broadcast(Distributed.ProcessGroup group, IntPtr* tensors, int n, int root);
    [LibraryImport(Lib)] internal static partial int vq_dist_barrier(Distributed.ProcessGroup group);
    [LibraryImport(Lib)] internal static partial IntPtr vq_dist_allgather(Distributed.ProcessGroup group, Tensor input);
}
