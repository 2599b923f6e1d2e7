using VqDna.Torch.Native;

namespace VqDna.Torch;

/// <summary>PyTorch's <c>torch</c> namespace: factories, joins and runtime settings, same names and order.</summary>
public static partial class torch
{
    /// <summary>32-bit float (torch.float32), the default dtype of the float factories.</summary>
    public const ScalarType float32 = ScalarType.Float32;
    /// <summary>16-bit IEEE half float (torch.float16).</summary>
    public const ScalarType float16 = ScalarType.Float16;
    /// <summary>16-bit brain float: float32's range, 8-bit mantissa (torch.bfloat16).</summary>
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    /// <summary>64-bit float (torch.float64).</summary>
    public const ScalarType float64 = ScalarType.Float64;
    /// <summary>64-bit signed integer (torch.int64), the dtype of indices.</summary>
    public const ScalarType int64 = ScalarType.Int64;
    /// <summary>32-bit signed integer (torch.int32).</summary>
    public const ScalarType int32 = ScalarType.Int32;
    /// <summary>8-bit unsigned integer (torch.uint8).</summary>
    public const ScalarType uint8 = ScalarType.UInt8;
    /// <summary>Boolean (torch.bool).</summary>
    public const ScalarType @bool = ScalarType.Bool;

    // Every creation function takes an optional device, last (so positional callers stay as they were);
    // null is the CPU, PyTorch's default.
    private static (int type, int index) Native(Device? device) => device is { } d ? ((int)d.type, d.index) : (0, -1);

    private static unsafe Tensor Factory(delegate*<long*, int, int, int, int, IntPtr> op, long[] shape, ScalarType? dtype, bool requires_grad, Device? device)
    {
        Tensor t;
        var (type, index) = Native(device);
        fixed (long* p = shape) t = Tensor.Adopt(op(p, shape.Length, (int)(dtype ?? float32), type, index));
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    /// <summary>An uninitialized tensor of the given shape, float32 unless <paramref name="dtype"/> is given (torch.empty).</summary>
    public static unsafe Tensor empty(long[] shape, ScalarType? dtype = null, bool requires_grad = false, Device? device = null) => Factory(&NativeMethods.vq_empty, shape, dtype, requires_grad, device);
    /// <summary>A tensor of zeros, float32 unless <paramref name="dtype"/> is given (torch.zeros).</summary>
    public static unsafe Tensor zeros(long[] shape, ScalarType? dtype = null, bool requires_grad = false, Device? device = null) => Factory(&NativeMethods.vq_zeros, shape, dtype, requires_grad, device);
    /// <summary>A tensor of ones, float32 unless <paramref name="dtype"/> is given (torch.ones).</summary>
    public static unsafe Tensor ones(long[] shape, ScalarType? dtype = null, bool requires_grad = false, Device? device = null) => Factory(&NativeMethods.vq_ones, shape, dtype, requires_grad, device);

    /// <summary>Uniform on [0, 1), from the global generator (same stream as PyTorch's for the same seed).</summary>
    public static unsafe Tensor rand(long[] shape, ScalarType? dtype = null, bool requires_grad = false, Device? device = null) => Factory(&NativeMethods.vq_rand, shape, dtype, requires_grad, device);

    /// <summary>Samples of N(0, 1) from the global generator, float32 unless <paramref name="dtype"/> is given (torch.randn).</summary>
    public static unsafe Tensor randn(long[] shape, ScalarType? dtype = null, bool requires_grad = false, Device? device = null) => Factory(&NativeMethods.vq_randn, shape, dtype, requires_grad, device);

    /// <summary>A float32 CPU tensor of zeros (torch.zeros).</summary>
    public static unsafe Tensor zeros(params long[] shape) => zeros(shape, null);
    /// <summary>A float32 CPU tensor of ones (torch.ones).</summary>
    public static unsafe Tensor ones(params long[] shape) => ones(shape, null);
    /// <summary>A float32 CPU tensor uniform on [0, 1) (torch.rand).</summary>
    public static unsafe Tensor rand(params long[] shape) => rand(shape, null);
    /// <summary>A float32 CPU tensor of N(0, 1) samples (torch.randn).</summary>
    public static unsafe Tensor randn(params long[] shape) => randn(shape, null);

    /// <summary>A tensor filled with <paramref name="value"/>, float32 unless <paramref name="dtype"/> is given (torch.full).</summary>
    public static unsafe Tensor full(long[] shape, Scalar value, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Native(device);
        fixed (long* p = shape) return Tensor.Adopt(NativeMethods.vq_full(p, shape.Length, value, (int)(dtype ?? float32), type, index));
    }

    /// <summary>[start, end) by step; int64 unless a dtype is given (as torch.arange on integers).</summary>
    public static Tensor arange(Scalar start, Scalar end, Scalar? step = null, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Native(device);
        return Tensor.Adopt(NativeMethods.vq_arange(start, end, step ?? 1, (int)(dtype ?? int64), type, index));
    }

    /// <summary>0, 1, …, <paramref name="end"/> − 1; int64 unless a dtype is given (torch.arange).</summary>
    public static Tensor arange(long end, ScalarType? dtype = null, Device? device = null) => arange(0, end, 1, dtype, device);

    /// <summary>
    /// <paramref name="steps"/> evenly spaced values from <paramref name="start"/> to <paramref name="end"/>, both included
    /// (torch.linspace).
    /// </summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Native(device);
        return Tensor.Adopt(NativeMethods.vq_linspace(start, end, steps, (int)(dtype ?? float32), type, index));
    }

    /// <summary>Integers uniform on [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] shape, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Native(device);
        fixed (long* p = shape) return Tensor.Adopt(NativeMethods.vq_randint(low, high, p, shape.Length, (int)(dtype ?? int64), type, index));
    }

    /// <summary>
    /// A random permutation of 0 … <paramref name="n"/> − 1 from the global generator, int64 by default (torch.randperm).
    /// </summary>
    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Native(device);
        return Tensor.Adopt(NativeMethods.vq_randperm(n, (int)(dtype ?? int64), type, index));
    }

    /// <summary>The <paramref name="n"/> × <paramref name="n"/> identity matrix, float32 by default (torch.eye).</summary>
    public static Tensor eye(long n, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Native(device);
        return Tensor.Adopt(NativeMethods.vq_eye(n, (int)(dtype ?? float32), type, index));
    }

    /// <summary>Zeros with <paramref name="t"/>'s shape, dtype and device (torch.zeros_like).</summary>
    public static Tensor zeros_like(Tensor t) => Tensor.Adopt(NativeMethods.vq_zeros_like(t));
    /// <summary>Ones with <paramref name="t"/>'s shape, dtype and device (torch.ones_like).</summary>
    public static Tensor ones_like(Tensor t) => Tensor.Adopt(NativeMethods.vq_ones_like(t));
    /// <summary>An uninitialized tensor with <paramref name="t"/>'s shape, dtype and device (torch.empty_like).</summary>
    public static Tensor empty_like(Tensor t) => Tensor.Adopt(NativeMethods.vq_empty_like(t));
    /// <summary><paramref name="value"/> in <paramref name="t"/>'s shape, dtype and device (torch.full_like).</summary>
    public static Tensor full_like(Tensor t, Scalar value) => Tensor.Adopt(NativeMethods.vq_full_like(t, value));
    /// <summary>N(0, 1) samples in <paramref name="t"/>'s shape, dtype and device (torch.randn_like).</summary>
    public static Tensor randn_like(Tensor t) => Tensor.Adopt(NativeMethods.vq_randn_like(t));
    /// <summary>Samples uniform on [0, 1) in <paramref name="t"/>'s shape, dtype and device (torch.rand_like).</summary>
    public static Tensor rand_like(Tensor t) => Tensor.Adopt(NativeMethods.vq_rand_like(t));

    /// <summary>A tensor holding a copy of <paramref name="data"/>, shaped as given (1-D by default), on <paramref name="device"/>.</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, bool requires_grad = false, Device? device = null) where T : unmanaged
    {
        shape ??= [data.Length];
        Tensor t;
        var (type, index) = Native(device);
        fixed (T* d = data)
        fixed (long* s = shape)
            t = Tensor.Adopt(NativeMethods.vq_from_buffer(d, (long)data.Length * sizeof(T), s, shape.Length, (int)ScalarTypes.Of<T>(), type, index));
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    /// <summary>A tensor holding a copy of <paramref name="data"/>, shaped as given (1-D by default) (torch.tensor).</summary>
    public static Tensor tensor<T>(T[] data, long[]? shape = null, bool requires_grad = false, Device? device = null) where T : unmanaged =>
        tensor((ReadOnlySpan<T>)data, shape, requires_grad, device);

    /// <summary>A tensor from raw little-endian bytes of the given dtype (used by the file readers).</summary>
    public static unsafe Tensor frombuffer(ReadOnlySpan<byte> bytes, long[] shape, ScalarType dtype, Device? device = null)
    {
        var (type, index) = Native(device);
        fixed (byte* d = bytes)
        fixed (long* s = shape)
            return Tensor.Adopt(NativeMethods.vq_from_buffer(d, bytes.Length, s, shape.Length, (int)dtype, type, index));
    }

    /// <summary>A zero-dimensional tensor.</summary>
    public static Tensor scalar_tensor(double value, ScalarType? dtype = null, Device? device = null) => full([], value, dtype, device);
}
