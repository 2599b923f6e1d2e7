using VqDna.Torch.Native;

namespace VqDna.Torch;

// Shape, dtype and element access.
public sealed partial class Tensor
{
    /// <summary>Number of dimensions (Tensor.dim).</summary>
    public int dim() => NativeMethods.vq_dim(this);

    /// <summary>The size of each dimension, in a new array (Tensor.shape).</summary>
    public unsafe long[] shape
    {
        get
        {
            var result = new long[dim()];
            fixed (long* p = result) NativeMethods.vq_shape(this, p);
            return result;
        }
    }

    /// <summary>Elements to step in storage for one step along each dimension (Tensor.stride).</summary>
    public unsafe long[] stride()
    {
        var result = new long[dim()];
        fixed (long* p = result) NativeMethods.vq_strides(this, p);
        return result;
    }

    /// <summary>Size of one dimension; negative indices count from the end.</summary>
    public long size(int dim)
    {
        var s = shape;
        int d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length) throw new ArgumentOutOfRangeException(nameof(dim), dim, $"tensor has {s.Length} dimensions");
        return s[d];
    }

    /// <summary>The element type (Tensor.dtype).</summary>
    public ScalarType dtype => (ScalarType)NativeMethods.vq_dtype(this);

    /// <summary>Number of elements (Tensor.numel).</summary>
    public long numel() => NativeMethods.vq_numel(this);

    /// <summary>True when the elements lie in row-major order without gaps (Tensor.is_contiguous).</summary>
    public bool is_contiguous() => NativeMethods.vq_is_contiguous(this) != 0;

    /// <summary>Bytes per element (Tensor.element_size).</summary>
    public long element_size() => NativeMethods.vq_element_size(this);

    /// <summary>The value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(bool))
        {
            NativeMethods.Check(NativeMethods.vq_item_long(this, out long l));
            if (typeof(T) == typeof(bool)) return (T)(object)(l != 0);
            return typeof(T) == typeof(int) ? (T)(object)checked((int)l) : (T)(object)l;
        }
        NativeMethods.Check(NativeMethods.vq_item_double(this, out double d));
        if (typeof(T) == typeof(double)) return (T)(object)d;
        if (typeof(T) == typeof(float)) return (T)(object)(float)d;
        throw new NotSupportedException($"item<{typeof(T).Name}> is not supported");
    }

    /// <summary>Copies the elements (row-major) into a new array; T must match the dtype.</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        var want = ScalarTypes.Of<T>();
        if (dtype != want) throw new InvalidOperationException($"tensor has dtype {dtype}; ToArray<{typeof(T).Name}> needs {want}");
        var result = new T[numel()];
        fixed (T* p = result) NativeMethods.Check(NativeMethods.vq_copy_to_buffer(this, p, (long)result.Length * sizeof(T)));
        return result;
    }

    /// <summary>Copies the elements into <paramref name="destination"/>, whose length must equal numel().</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var want = ScalarTypes.Of<T>();
        if (dtype != want) throw new InvalidOperationException($"tensor has dtype {dtype}; CopyTo<{typeof(T).Name}> needs {want}");
        fixed (T* p = destination) NativeMethods.Check(NativeMethods.vq_copy_to_buffer(this, p, (long)destination.Length * sizeof(T)));
    }

    /// <summary>Copies the raw bytes (row-major, the tensor's own dtype, little-endian).</summary>
    public unsafe byte[] ToBytes()
    {
        var result = new byte[numel() * element_size()];
        fixed (byte* p = result) NativeMethods.Check(NativeMethods.vq_copy_to_buffer(this, p, result.Length));
        return result;
    }

    /// <summary>This tensor converted to <paramref name="type"/> (Tensor.to).</summary>
    public Tensor to(ScalarType type) => Adopt(NativeMethods.vq_to_dtype(this, (int)type));

    /// <summary>This tensor as float32 (Tensor.float).</summary>
    public Tensor @float() => to(ScalarType.Float32);

    /// <summary>This tensor as int64 (Tensor.long).</summary>
    public Tensor @long() => to(ScalarType.Int64);

    /// <summary>This tensor as bool (Tensor.bool).</summary>
    public Tensor @bool() => to(ScalarType.Bool);

    /// <summary>A copy with its own storage; gradients flow back to this tensor (Tensor.clone).</summary>
    public Tensor clone() => Adopt(NativeMethods.vq_clone(this));

    /// <summary>A second handle to the same tensor (shares storage and autograd identity).</summary>
    public Tensor alias() => Adopt(NativeMethods.vq_alias(this));

    /// <summary>
    /// In place: copies <paramref name="source"/>'s elements into this tensor, broadcasting and converting; returns this (Tensor.copy_).
    /// </summary>
    public Tensor copy_(Tensor source)
    {
        NativeMethods.Check(NativeMethods.vq_copy_(this, source));
        return this;
    }

    /// <summary>In place: sets every element to 0; returns this (Tensor.zero_).</summary>
    public Tensor zero_()
    {
        NativeMethods.Check(NativeMethods.vq_zero_(this));
        return this;
    }

    /// <summary>In place: sets every element to <paramref name="value"/>; returns this (Tensor.fill_).</summary>
    public Tensor fill_(Scalar value)
    {
        NativeMethods.Check(NativeMethods.vq_fill_(this, value));
        return this;
    }

    /// <summary>
    /// In place: draws every element from U(<paramref name="from"/>, <paramref name="to"/>) with the global generator; returns this
    /// (Tensor.uniform_).
    /// </summary>
    public Tensor uniform_(double from = 0, double to = 1)
    {
        NativeMethods.Check(NativeMethods.vq_uniform_(this, from, to));
        return this;
    }

    /// <summary>
    /// In place: draws every element from N(<paramref name="mean"/>, <paramref name="std"/>²) with the global generator; returns this
    /// (Tensor.normal_).
    /// </summary>
    public Tensor normal_(double mean = 0, double std = 1)
    {
        NativeMethods.Check(NativeMethods.vq_normal_(this, mean, std));
        return this;
    }

    /// <summary>
    /// In place: sets every element to 1 with probability <paramref name="p"/>, else 0; returns this (Tensor.bernoulli_).
    /// </summary>
    public Tensor bernoulli_(double p)
    {
        NativeMethods.Check(NativeMethods.vq_bernoulli_(this, p));
        return this;
    }
}
