using VqDna.Torch.Native;

namespace VqDna.Torch;

// Views, reshapes, splits and indexing.
public sealed partial class Tensor
{
    private unsafe Tensor DimsOp(delegate*<Tensor, long*, int, IntPtr> op, ReadOnlySpan<long> dims)
    {
        fixed (long* p = dims) return Adopt(op(this, p, dims.Length));
    }

    public unsafe Tensor view(params long[] shape) => DimsOp(&NativeMethods.vq_view, shape);
    public unsafe Tensor reshape(params long[] shape) => DimsOp(&NativeMethods.vq_reshape, shape);
    public unsafe Tensor permute(params long[] dims) => DimsOp(&NativeMethods.vq_permute, dims);
    public unsafe Tensor expand(params long[] shape) => DimsOp(&NativeMethods.vq_expand, shape);
    public unsafe Tensor repeat(params long[] repeats) => DimsOp(&NativeMethods.vq_repeat, repeats);
    public unsafe Tensor flip(params long[] dims) => DimsOp(&NativeMethods.vq_flip, dims);

    public Tensor transpose(long dim0, long dim1) => Adopt(NativeMethods.vq_transpose(this, dim0, dim1));

    /// <summary>Matrix transpose of a 2-D tensor.</summary>
    public Tensor t() => transpose(0, 1);

    public Tensor contiguous() => Adopt(NativeMethods.vq_contiguous(this));

    public Tensor narrow(long dim, long start, long length) => Adopt(NativeMethods.vq_narrow(this, dim, start, length));

    /// <summary>t[start:end:step] along <paramref name="dim"/>; end is exclusive and clamped like Python's.</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => Adopt(NativeMethods.vq_slice(this, dim, start, end, step));

    public Tensor select(long dim, long index) => Adopt(NativeMethods.vq_select(this, dim, index));

    /// <summary>t[i] along the first dimension.</summary>
    public Tensor this[long index] => select(0, index);

    public Tensor unsqueeze(long dim) => Adopt(NativeMethods.vq_unsqueeze(this, dim));

    public Tensor squeeze() => Adopt(NativeMethods.vq_squeeze(this, long.MinValue));

    public Tensor squeeze(long dim) => Adopt(NativeMethods.vq_squeeze(this, dim));

    public Tensor flatten(long start_dim = 0, long end_dim = -1) => Adopt(NativeMethods.vq_flatten(this, start_dim, end_dim));

    public Tensor[] split(long split_size, long dim = 0) =>
        TakeList(NativeMethods.vq_split(this, split_size, dim, out IntPtr arr), arr);

    public unsafe Tensor[] split(long[] split_sizes, long dim = 0)
    {
        fixed (long* p = split_sizes)
            return TakeList(NativeMethods.vq_split_sizes(this, p, split_sizes.Length, dim, out IntPtr arr), arr);
    }

    public Tensor[] chunk(long chunks, long dim = 0) =>
        TakeList(NativeMethods.vq_chunk(this, chunks, dim, out IntPtr arr), arr);

    public Tensor[] unbind(long dim = 0) =>
        TakeList(NativeMethods.vq_unbind(this, dim, out IntPtr arr), arr);

    public Tensor index_select(long dim, Tensor index) => Adopt(NativeMethods.vq_index_select(this, dim, index));

    public Tensor gather(long dim, Tensor index) => Adopt(NativeMethods.vq_gather(this, dim, index));

    public Tensor scatter(long dim, Tensor index, Tensor src) => Adopt(NativeMethods.vq_scatter(this, dim, index, src));

    public Tensor scatter_(long dim, Tensor index, Tensor src)
    {
        NativeMethods.Check(NativeMethods.vq_scatter_(this, dim, index, src));
        return this;
    }

    public Tensor scatter_(long dim, Tensor index, Scalar value)
    {
        NativeMethods.Check(NativeMethods.vq_scatter_value_(this, dim, index, value));
        return this;
    }

    public Tensor scatter_add(long dim, Tensor index, Tensor src) => Adopt(NativeMethods.vq_scatter_add(this, dim, index, src));

    public Tensor index_add(long dim, Tensor index, Tensor source, Scalar? alpha = null) =>
        Adopt(NativeMethods.vq_index_add(this, dim, index, source, alpha ?? 1));

    public Tensor index_add_(long dim, Tensor index, Tensor source, Scalar? alpha = null)
    {
        NativeMethods.Check(NativeMethods.vq_index_add_(this, dim, index, source, alpha ?? 1));
        return this;
    }

    public Tensor masked_fill(Tensor mask, Scalar value) => Adopt(NativeMethods.vq_masked_fill(this, mask, value));

    public Tensor masked_fill_(Tensor mask, Scalar value)
    {
        NativeMethods.Check(NativeMethods.vq_masked_fill_(this, mask, value));
        return this;
    }

    public Tensor masked_select(Tensor mask) => Adopt(NativeMethods.vq_masked_select(this, mask));

    public Tensor nonzero() => Adopt(NativeMethods.vq_nonzero(this));

    public Tensor tril(long diagonal = 0) => Adopt(NativeMethods.vq_tril(this, diagonal));

    public Tensor triu(long diagonal = 0) => Adopt(NativeMethods.vq_triu(this, diagonal));

    /// <summary>A view of this tensor's storage with explicit sizes, strides and element offset.</summary>
    public unsafe Tensor as_strided(long[] size, long[] stride, long storage_offset = 0)
    {
        if (size.Length != stride.Length) throw new ArgumentException($"as_strided: {size.Length} sizes but {stride.Length} strides");
        fixed (long* sz = size, st = stride) return Adopt(NativeMethods.vq_as_strided(this, sz, st, size.Length, storage_offset));
    }

    public Tensor roll(long shifts, long dim) => Adopt(NativeMethods.vq_roll(this, shifts, dim));

    /// <summary>Adopts a malloc'ed array of handles returned by a list-valued export.</summary>
    internal static unsafe Tensor[] TakeList(int count, IntPtr array)
    {
        if (count < 0) throw new TorchException(NativeMethods.LastError());
        try
        {
            var handles = (IntPtr*)array;
            var result = new Tensor[count];
            for (int i = 0; i < count; i++) result[i] = Adopt(handles[i]);
            return result;
        }
        finally
        {
            NativeMethods.vq_free_array(array);
        }
    }
}
