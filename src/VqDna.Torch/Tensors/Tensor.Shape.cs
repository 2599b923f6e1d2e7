using VqDna.Torch.Native;

namespace VqDna.Torch;

// Views, reshapes, splits and indexing.
public sealed partial class Tensor
{
    private unsafe Tensor DimsOp(delegate*<Tensor, long*, int, IntPtr> op, ReadOnlySpan<long> dims)
    {
        fixed (long* p = dims) return Adopt(op(this, p, dims.Length));
    }

    /// <summary>A view with a new shape over the same storage; one size may be −1 (Tensor.view).</summary>
    public unsafe Tensor view(params long[] shape) => DimsOp(&NativeMethods.vq_view, shape);
    /// <summary>The same elements in a new shape: a view when possible, else a copy; one size may be −1 (torch.reshape).</summary>
    public unsafe Tensor reshape(params long[] shape) => DimsOp(&NativeMethods.vq_reshape, shape);
    /// <summary>A view with the dimensions reordered (torch.permute).</summary>
    public unsafe Tensor permute(params long[] dims) => DimsOp(&NativeMethods.vq_permute, dims);
    /// <summary>A view broadcast to a larger shape without copying; −1 keeps a size (Tensor.expand).</summary>
    public unsafe Tensor expand(params long[] shape) => DimsOp(&NativeMethods.vq_expand, shape);
    /// <summary>A copy tiled <paramref name="repeats"/> times along each dimension (Tensor.repeat).</summary>
    public unsafe Tensor repeat(params long[] repeats) => DimsOp(&NativeMethods.vq_repeat, repeats);
    /// <summary>A copy reversed along <paramref name="dims"/> (torch.flip).</summary>
    public unsafe Tensor flip(params long[] dims) => DimsOp(&NativeMethods.vq_flip, dims);

    /// <summary>A view with <paramref name="dim0"/> and <paramref name="dim1"/> swapped (torch.transpose).</summary>
    public Tensor transpose(long dim0, long dim1) => Adopt(NativeMethods.vq_transpose(this, dim0, dim1));

    /// <summary>Matrix transpose of a 2-D tensor.</summary>
    public Tensor t() => transpose(0, 1);

    /// <summary>This tensor in row-major layout: itself when already so, else a copy (Tensor.contiguous).</summary>
    public Tensor contiguous() => Adopt(NativeMethods.vq_contiguous(this));

    /// <summary>
    /// A view of <paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/> (torch.narrow).
    /// </summary>
    public Tensor narrow(long dim, long start, long length) => Adopt(NativeMethods.vq_narrow(this, dim, start, length));

    /// <summary>t[start:end:step] along <paramref name="dim"/>; end is exclusive and clamped like Python's.</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => Adopt(NativeMethods.vq_slice(this, dim, start, end, step));

    /// <summary>A view of index <paramref name="index"/> along <paramref name="dim"/>, that dimension removed (torch.select).</summary>
    public Tensor select(long dim, long index) => Adopt(NativeMethods.vq_select(this, dim, index));

    /// <summary>t[i] along the first dimension.</summary>
    public Tensor this[long index] => select(0, index);

    /// <summary>A view with a size-1 dimension inserted at <paramref name="dim"/> (torch.unsqueeze).</summary>
    public Tensor unsqueeze(long dim) => Adopt(NativeMethods.vq_unsqueeze(this, dim));

    /// <summary>A view with every size-1 dimension removed (torch.squeeze).</summary>
    public Tensor squeeze() => Adopt(NativeMethods.vq_squeeze(this, long.MinValue));

    /// <summary>A view with <paramref name="dim"/> removed if its size is 1 (torch.squeeze).</summary>
    public Tensor squeeze(long dim) => Adopt(NativeMethods.vq_squeeze(this, dim));

    /// <summary>Dimensions <paramref name="start_dim"/> to <paramref name="end_dim"/> merged into one (torch.flatten).</summary>
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => Adopt(NativeMethods.vq_flatten(this, start_dim, end_dim));

    /// <summary>
    /// Views of <paramref name="split_size"/> elements along <paramref name="dim"/>; the last may be shorter (torch.split).
    /// </summary>
    public Tensor[] split(long split_size, long dim = 0) =>
        TakeList(NativeMethods.vq_split(this, split_size, dim, out IntPtr arr), arr);

    /// <summary>Views of the given sizes along <paramref name="dim"/> (torch.split).</summary>
    public unsafe Tensor[] split(long[] split_sizes, long dim = 0)
    {
        fixed (long* p = split_sizes)
            return TakeList(NativeMethods.vq_split_sizes(this, p, split_sizes.Length, dim, out IntPtr arr), arr);
    }

    /// <summary>At most <paramref name="chunks"/> views of equal size along <paramref name="dim"/> (torch.chunk).</summary>
    public Tensor[] chunk(long chunks, long dim = 0) =>
        TakeList(NativeMethods.vq_chunk(this, chunks, dim, out IntPtr arr), arr);

    /// <summary>The slices along <paramref name="dim"/>, each without that dimension (torch.unbind).</summary>
    public Tensor[] unbind(long dim = 0) =>
        TakeList(NativeMethods.vq_unbind(this, dim, out IntPtr arr), arr);

    /// <summary>The entries at <paramref name="index"/> (int64, 1-D) along <paramref name="dim"/> (torch.index_select).</summary>
    public Tensor index_select(long dim, Tensor index) => Adopt(NativeMethods.vq_index_select(this, dim, index));

    /// <summary>Values picked along <paramref name="dim"/> by <paramref name="index"/>, shaped like the index (torch.gather).</summary>
    public Tensor gather(long dim, Tensor index) => Adopt(NativeMethods.vq_gather(this, dim, index));

    /// <summary>
    /// A copy with <paramref name="src"/>'s values written at <paramref name="index"/> along <paramref name="dim"/> (torch.scatter).
    /// </summary>
    public Tensor scatter(long dim, Tensor index, Tensor src) => Adopt(NativeMethods.vq_scatter(this, dim, index, src));

    /// <summary>
    /// In place: writes <paramref name="src"/>'s values at <paramref name="index"/> along <paramref name="dim"/>; returns this
    /// (Tensor.scatter_).
    /// </summary>
    public Tensor scatter_(long dim, Tensor index, Tensor src)
    {
        NativeMethods.Check(NativeMethods.vq_scatter_(this, dim, index, src));
        return this;
    }

    /// <summary>
    /// In place: writes <paramref name="value"/> at <paramref name="index"/> along <paramref name="dim"/>; returns this (Tensor.scatter_).
    /// </summary>
    public Tensor scatter_(long dim, Tensor index, Scalar value)
    {
        NativeMethods.Check(NativeMethods.vq_scatter_value_(this, dim, index, value));
        return this;
    }

    /// <summary>
    /// A copy with <paramref name="src"/>'s values added at <paramref name="index"/> along <paramref name="dim"/>, repeats summed
    /// (torch.scatter_add).
    /// </summary>
    public Tensor scatter_add(long dim, Tensor index, Tensor src) => Adopt(NativeMethods.vq_scatter_add(this, dim, index, src));

    /// <summary>
    /// A copy with <paramref name="alpha"/> × <paramref name="source"/>'s slices added at <paramref name="index"/> along
    /// <paramref name="dim"/> (torch.index_add).
    /// </summary>
    public Tensor index_add(long dim, Tensor index, Tensor source, Scalar? alpha = null) =>
        Adopt(NativeMethods.vq_index_add(this, dim, index, source, alpha ?? 1));

    /// <summary>
    /// In place: adds <paramref name="alpha"/> × <paramref name="source"/>'s slices at <paramref name="index"/> along
    /// <paramref name="dim"/>; returns this (Tensor.index_add_).
    /// </summary>
    public Tensor index_add_(long dim, Tensor index, Tensor source, Scalar? alpha = null)
    {
        NativeMethods.Check(NativeMethods.vq_index_add_(this, dim, index, source, alpha ?? 1));
        return this;
    }

    /// <summary>A copy with <paramref name="value"/> where the bool <paramref name="mask"/> is true (torch.masked_fill).</summary>
    public Tensor masked_fill(Tensor mask, Scalar value) => Adopt(NativeMethods.vq_masked_fill(this, mask, value));

    /// <summary>
    /// In place: sets <paramref name="value"/> where the bool <paramref name="mask"/> is true; returns this (Tensor.masked_fill_).
    /// </summary>
    public Tensor masked_fill_(Tensor mask, Scalar value)
    {
        NativeMethods.Check(NativeMethods.vq_masked_fill_(this, mask, value));
        return this;
    }

    /// <summary>The elements where the bool <paramref name="mask"/> is true, as a 1-D tensor (torch.masked_select).</summary>
    public Tensor masked_select(Tensor mask) => Adopt(NativeMethods.vq_masked_select(this, mask));

    /// <summary>The indices of the non-zero elements, (count, dim) int64 (torch.nonzero).</summary>
    public Tensor nonzero() => Adopt(NativeMethods.vq_nonzero(this));

    /// <summary>A copy with the elements above diagonal <paramref name="diagonal"/> set to 0 (torch.tril).</summary>
    public Tensor tril(long diagonal = 0) => Adopt(NativeMethods.vq_tril(this, diagonal));

    /// <summary>A copy with the elements below diagonal <paramref name="diagonal"/> set to 0 (torch.triu).</summary>
    public Tensor triu(long diagonal = 0) => Adopt(NativeMethods.vq_triu(this, diagonal));

    /// <summary>A view of this tensor's storage with explicit sizes, strides and element offset.</summary>
    public unsafe Tensor as_strided(long[] size, long[] stride, long storage_offset = 0)
    {
        if (size.Length != stride.Length) throw new ArgumentException($"as_strided: {size.Length} sizes but {stride.Length} strides");
        fixed (long* sz = size, st = stride) return Adopt(NativeMethods.vq_as_strided(this, sz, st, size.Length, storage_offset));
    }

    /// <summary>A copy shifted by <paramref name="shifts"/> along <paramref name="dim"/>, wrapping around (torch.roll).</summary>
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
