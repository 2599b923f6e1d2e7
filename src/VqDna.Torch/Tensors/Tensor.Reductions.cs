using VqDna.Torch.Native;

namespace VqDna.Torch;

// Reductions, scans, sorting and selection.
public sealed partial class Tensor
{
    private unsafe Tensor Reduce(delegate*<Tensor, long*, int, int, int, IntPtr> op, long[]? dims, bool keepdim)
    {
        fixed (long* p = dims) return Adopt(op(this, p, dims?.Length ?? 0, dims is null ? 0 : 1, keepdim ? 1 : 0));
    }

    /// <summary>Sum of all elements, a scalar tensor (torch.sum).</summary>
    public unsafe Tensor sum() => Reduce(&NativeMethods.vq_sum, null, false);
    /// <summary>Sum along <paramref name="dim"/> (torch.sum).</summary>
    public unsafe Tensor sum(long dim, bool keepdim = false) => Reduce(&NativeMethods.vq_sum, [dim], keepdim);
    /// <summary>Sum over <paramref name="dims"/> (torch.sum).</summary>
    public unsafe Tensor sum(long[] dims, bool keepdim = false) => Reduce(&NativeMethods.vq_sum, dims, keepdim);
    /// <summary>Mean of all elements, a scalar tensor (torch.mean).</summary>
    public unsafe Tensor mean() => Reduce(&NativeMethods.vq_mean, null, false);
    /// <summary>Mean along <paramref name="dim"/> (torch.mean).</summary>
    public unsafe Tensor mean(long dim, bool keepdim = false) => Reduce(&NativeMethods.vq_mean, [dim], keepdim);
    /// <summary>Mean over <paramref name="dims"/> (torch.mean).</summary>
    public unsafe Tensor mean(long[] dims, bool keepdim = false) => Reduce(&NativeMethods.vq_mean, dims, keepdim);
    /// <summary>log Σ exp(x) along <paramref name="dim"/>, computed stably (torch.logsumexp).</summary>
    public unsafe Tensor logsumexp(long dim, bool keepdim = false) => Reduce(&NativeMethods.vq_logsumexp, [dim], keepdim);
    /// <summary>Largest value along <paramref name="dim"/>, without indices (torch.amax).</summary>
    public unsafe Tensor amax(long dim, bool keepdim = false) => Reduce(&NativeMethods.vq_amax, [dim], keepdim);
    /// <summary>Smallest value along <paramref name="dim"/>, without indices (torch.amin).</summary>
    public unsafe Tensor amin(long dim, bool keepdim = false) => Reduce(&NativeMethods.vq_amin, [dim], keepdim);

    /// <summary>Variance; correction 1 is the unbiased estimator (PyTorch's default), 0 the population one.</summary>
    public unsafe Tensor var(long[]? dims = null, long correction = 1, bool keepdim = false)
    {
        fixed (long* p = dims) return Adopt(NativeMethods.vq_var(this, p, dims?.Length ?? 0, dims is null ? 0 : 1, correction, keepdim ? 1 : 0));
    }

    /// <summary>
    /// Standard deviation over <paramref name="dims"/> (all when null); correction 1 is the unbiased estimator (torch.std).
    /// </summary>
    public unsafe Tensor std(long[]? dims = null, long correction = 1, bool keepdim = false)
    {
        fixed (long* p = dims) return Adopt(NativeMethods.vq_std(this, p, dims?.Length ?? 0, dims is null ? 0 : 1, correction, keepdim ? 1 : 0));
    }

    /// <summary>The p-norm over <paramref name="dims"/> (all elements when null) (torch.norm).</summary>
    public unsafe Tensor norm(double p = 2, long[]? dims = null, bool keepdim = false)
    {
        fixed (long* d = dims) return Adopt(NativeMethods.vq_norm(this, p, d, dims?.Length ?? 0, dims is null ? 0 : 1, keepdim ? 1 : 0));
    }

    /// <summary>Product of all elements, a scalar tensor (torch.prod).</summary>
    public Tensor prod() => Adopt(NativeMethods.vq_prod(this));
    /// <summary>A bool scalar: true when every element is non-zero (torch.all).</summary>
    public Tensor all() => Adopt(NativeMethods.vq_all(this));
    /// <summary>A bool scalar: true when any element is non-zero (torch.any).</summary>
    public Tensor any() => Adopt(NativeMethods.vq_any(this));
    /// <summary>Largest element, a scalar tensor (torch.max).</summary>
    public Tensor max() => Adopt(NativeMethods.vq_max_all(this));
    /// <summary>Smallest element, a scalar tensor (torch.min).</summary>
    public Tensor min() => Adopt(NativeMethods.vq_min_all(this));

    /// <summary>Largest values along <paramref name="dim"/> and their indices (torch.max).</summary>
    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        NativeMethods.Check(NativeMethods.vq_max_dim(this, dim, keepdim ? 1 : 0, out var v, out var i));
        return (Adopt(v), Adopt(i));
    }

    /// <summary>Smallest values along <paramref name="dim"/> and their indices (torch.min).</summary>
    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        NativeMethods.Check(NativeMethods.vq_min_dim(this, dim, keepdim ? 1 : 0, out var v, out var i));
        return (Adopt(v), Adopt(i));
    }

    /// <summary>Index of the largest element; with no dim, into the flattened tensor.</summary>
    public Tensor argmax(long? dim = null, bool keepdim = false) =>
        Adopt(NativeMethods.vq_argmax(this, dim ?? 0, dim.HasValue ? 1 : 0, keepdim ? 1 : 0));

    /// <summary>Index of the smallest element; with no dim, into the flattened tensor (torch.argmin).</summary>
    public Tensor argmin(long? dim = null, bool keepdim = false) =>
        Adopt(NativeMethods.vq_argmin(this, dim ?? 0, dim.HasValue ? 1 : 0, keepdim ? 1 : 0));

    /// <summary>
    /// The <paramref name="k"/> largest (or smallest) values along <paramref name="dim"/> and their indices (torch.topk).
    /// </summary>
    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        NativeMethods.Check(NativeMethods.vq_topk(this, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i));
        return (Adopt(v), Adopt(i));
    }

    /// <summary>Values sorted along <paramref name="dim"/> and the indices that sort them (torch.sort).</summary>
    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false)
    {
        NativeMethods.Check(NativeMethods.vq_sort(this, dim, descending ? 1 : 0, out var v, out var i));
        return (Adopt(v), Adopt(i));
    }

    /// <summary>Indices that sort the values along <paramref name="dim"/> (torch.argsort).</summary>
    public Tensor argsort(long dim = -1, bool descending = false) => Adopt(NativeMethods.vq_argsort(this, dim, descending ? 1 : 0));

    /// <summary>Running sum along <paramref name="dim"/> (torch.cumsum).</summary>
    public Tensor cumsum(long dim) => Adopt(NativeMethods.vq_cumsum(this, dim));

    /// <summary>True when the shapes match and |a − b| ≤ atol + rtol × |b| for every element (torch.allclose).</summary>
    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        NativeMethods.Check(NativeMethods.vq_allclose(this, other, rtol, atol, out int r));
        return r != 0;
    }

    /// <summary>Same shape and exactly the same elements.</summary>
    public bool equal(Tensor other)
    {
        NativeMethods.Check(NativeMethods.vq_equal(this, other, out int r));
        return r != 0;
    }
}
