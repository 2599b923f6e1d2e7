using System.Runtime.InteropServices;

namespace VqDna.Torch.Native;

internal static partial class NativeMethods
{
    // metadata and element access
    [LibraryImport(Lib)] internal static partial int vq_dim(Tensor t);
    [LibraryImport(Lib)] internal static unsafe partial void vq_shape(Tensor t, long* output);
    [LibraryImport(Lib)] internal static unsafe partial void vq_strides(Tensor t, long* output);
    [LibraryImport(Lib)] internal static partial int vq_dtype(Tensor t);
    [LibraryImport(Lib)] internal static partial long vq_numel(Tensor t);
    [LibraryImport(Lib)] internal static partial int vq_is_contiguous(Tensor t);
    [LibraryImport(Lib)] internal static partial int vq_requires_grad(Tensor t);
    [LibraryImport(Lib)] internal static partial int vq_is_leaf(Tensor t);
    [LibraryImport(Lib)] internal static partial int vq_set_requires_grad(Tensor t, int value);
    [LibraryImport(Lib)] internal static partial IntPtr vq_alias(Tensor t);
    [LibraryImport(Lib)] internal static partial int vq_item_double(Tensor t, out double value);
    [LibraryImport(Lib)] internal static partial int vq_item_long(Tensor t, out long value);
    [LibraryImport(Lib)] internal static unsafe partial int vq_copy_to_buffer(Tensor t, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial IntPtr vq_data_ptr(Tensor t);
    [LibraryImport(Lib)] internal static partial long vq_element_size(Tensor t);
    [LibraryImport(Lib)] internal static partial IntPtr vq_to_string(Tensor t);
    [LibraryImport(Lib)] internal static partial IntPtr vq_to_dtype(Tensor t, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr vq_clone(Tensor t);
    [LibraryImport(Lib)] internal static partial IntPtr vq_detach(Tensor t);
    [LibraryImport(Lib)] internal static partial int vq_copy_(Tensor dst, Tensor src);
    [LibraryImport(Lib)] internal static partial int vq_zero_(Tensor t);
    [LibraryImport(Lib)] internal static partial int vq_fill_(Tensor t, Scalar value);
    [LibraryImport(Lib)] internal static partial int vq_uniform_(Tensor t, double from, double to);
    [LibraryImport(Lib)] internal static partial int vq_normal_(Tensor t, double mean, double std);
    [LibraryImport(Lib)] internal static partial int vq_bernoulli_(Tensor t, double p);

    // autograd
    [LibraryImport(Lib)] internal static partial int vq_backward(Tensor t, IntPtr grad, int retainGraph);
    [LibraryImport(Lib)] internal static partial int vq_grad(Tensor t, out IntPtr grad);
    [LibraryImport(Lib)] internal static partial int vq_set_grad(Tensor t, IntPtr grad);

    // creation
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_empty(long* shape, int ndim, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_zeros(long* shape, int ndim, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_ones(long* shape, int ndim, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_rand(long* shape, int ndim, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_randn(long* shape, int ndim, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_full(long* shape, int ndim, Scalar value, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static partial IntPtr vq_arange(Scalar start, Scalar end, Scalar step, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static partial IntPtr vq_linspace(double start, double end, long steps, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_randint(long low, long high, long* shape, int ndim, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static partial IntPtr vq_randperm(long n, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static partial IntPtr vq_eye(long n, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_from_buffer(void* data, long nbytes, long* shape, int ndim, int dtype, int device, int index);
    [LibraryImport(Lib)] internal static partial IntPtr vq_zeros_like(Tensor t);
    [LibraryImport(Lib)] internal static partial IntPtr vq_ones_like(Tensor t);
    [LibraryImport(Lib)] internal static partial IntPtr vq_empty_like(Tensor t);
    [LibraryImport(Lib)] internal static partial IntPtr vq_full_like(Tensor t, Scalar value);
    [LibraryImport(Lib)] internal static partial IntPtr vq_randn_like(Tensor t);
    [LibraryImport(Lib)] internal static partial IntPtr vq_rand_like(Tensor t);
}
