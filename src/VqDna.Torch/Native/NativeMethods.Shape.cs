using System.Runtime.InteropServices;

namespace VqDna.Torch.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_view(Tensor t, long* dims, int n);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_reshape(Tensor t, long* dims, int n);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_permute(Tensor t, long* dims, int n);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_expand(Tensor t, long* dims, int n);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_repeat(Tensor t, long* dims, int n);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_flip(Tensor t, long* dims, int n);
    [LibraryImport(Lib)] internal static partial IntPtr vq_transpose(Tensor t, long a, long b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_contiguous(Tensor t);
    [LibraryImport(Lib)] internal static partial IntPtr vq_narrow(Tensor t, long dim, long start, long length);
    [LibraryImport(Lib)] internal static partial IntPtr vq_slice(Tensor t, long dim, long start, long end, long step);
    [LibraryImport(Lib)] internal static partial IntPtr vq_select(Tensor t, long dim, long index);
    [LibraryImport(Lib)] internal static partial IntPtr vq_unsqueeze(Tensor t, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr vq_squeeze(Tensor t, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr vq_flatten(Tensor t, long start, long end);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_cat(IntPtr* ts, int n, long dim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_stack(IntPtr* ts, int n, long dim);
    [LibraryImport(Lib)] internal static partial int vq_split(Tensor t, long size, long dim, out IntPtr output);
    [LibraryImport(Lib)] internal static unsafe partial int vq_split_sizes(Tensor t, long* sizes, int n, long dim, out IntPtr output);
    [LibraryImport(Lib)] internal static partial int vq_chunk(Tensor t, long chunks, long dim, out IntPtr output);
    [LibraryImport(Lib)] internal static partial int vq_unbind(Tensor t, long dim, out IntPtr output);
    [LibraryImport(Lib)] internal static partial IntPtr vq_index_select(Tensor t, long dim, Tensor index);
    [LibraryImport(Lib)] internal static partial IntPtr vq_gather(Tensor t, long dim, Tensor index);
    [LibraryImport(Lib)] internal static partial IntPtr vq_scatter(Tensor t, long dim, Tensor index, Tensor src);
    [LibraryImport(Lib)] internal static partial int vq_scatter_(Tensor t, long dim, Tensor index, Tensor src);
    [LibraryImport(Lib)] internal static partial int vq_scatter_value_(Tensor t, long dim, Tensor index, Scalar value);
    [LibraryImport(Lib)] internal static partial IntPtr vq_scatter_add(Tensor t, long dim, Tensor index, Tensor src);
    [LibraryImport(Lib)] internal static partial int vq_index_add_(Tensor t, long dim, Tensor index, Tensor src, Scalar alpha);
    [LibraryImport(Lib)] internal static partial IntPtr vq_index_add(Tensor t, long dim, Tensor index, Tensor src, Scalar alpha);
    [LibraryImport(Lib)] internal static partial IntPtr vq_masked_fill(Tensor t, Tensor mask, Scalar value);
    [LibraryImport(Lib)] internal static partial int vq_masked_fill_(Tensor t, Tensor mask, Scalar value);
    [LibraryImport(Lib)] internal static partial IntPtr vq_masked_select(Tensor t, Tensor mask);
    [LibraryImport(Lib)] internal static partial IntPtr vq_where(Tensor cond, Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_nonzero(Tensor t);
    [LibraryImport(Lib)] internal static partial IntPtr vq_tril(Tensor t, long diagonal);
    [LibraryImport(Lib)] internal static partial IntPtr vq_triu(Tensor t, long diagonal);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_as_strided(Tensor t, long* sizes, long* strides, int n, long offset);
    [LibraryImport(Lib)] internal static partial IntPtr vq_roll(Tensor t, long shift, long dim);
}
