using VqDna.Torch.Native;

namespace VqDna.Torch;

// Functions over several tensors: joins, selection, products, sampling.
public static partial class torch
{
    private static unsafe Tensor ListOp(delegate*<IntPtr*, int, long, IntPtr> op, IReadOnlyList<Tensor> tensors, long dim)
    {
        var handles = new IntPtr[tensors.Count];
        for (int i = 0; i < handles.Length; i++) handles[i] = tensors[i].Raw;
        try
        {
            fixed (IntPtr* p = handles) return Tensor.Adopt(op(p, handles.Length, dim));
        }
        finally
        {
            GC.KeepAlive(tensors);
        }
    }

    /// <summary>Joins <paramref name="tensors"/> along an existing dimension <paramref name="dim"/> (torch.cat).</summary>
    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => ListOp(&NativeMethods.vq_cat, tensors, dim);

    /// <summary>Joins <paramref name="tensors"/> of one shape along a new dimension <paramref name="dim"/> (torch.stack).</summary>
    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => ListOp(&NativeMethods.vq_stack, tensors, dim);

    /// <summary>
    /// Element-wise <paramref name="input"/> where <paramref name="condition"/> is true, else <paramref name="other"/>, broadcasting
    /// (torch.where).
    /// </summary>
    public static Tensor where(Tensor condition, Tensor input, Tensor other) => Tensor.Adopt(NativeMethods.vq_where(condition, input, other));

    /// <summary>
    /// Sums products of <paramref name="operands"/> as the Einstein-notation <paramref name="equation"/> says, e.g. "bij,bjk->bik"
    /// (torch.einsum).
    /// </summary>
    public static unsafe Tensor einsum(string equation, params Tensor[] operands)
    {
        var handles = operands.Select(t => t.Raw).ToArray();
        try
        {
            fixed (IntPtr* p = handles) return Tensor.Adopt(NativeMethods.vq_einsum(equation, p, handles.Length));
        }
        finally
        {
            GC.KeepAlive(operands);
        }
    }

    /// <summary>Matrix product with broadcasting over batch dimensions (torch.matmul).</summary>
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);

    /// <summary>beta * input + alpha * (mat1 @ mat2).</summary>
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, Scalar? beta = null, Scalar? alpha = null) =>
        Tensor.Adopt(NativeMethods.vq_addmm(input, mat1, mat2, beta ?? 1, alpha ?? 1));

    /// <summary>beta * input + alpha * (batch1 @ batch2), batched.</summary>
    public static Tensor baddbmm(Tensor input, Tensor batch1, Tensor batch2, Scalar? beta = null, Scalar? alpha = null) =>
        Tensor.Adopt(NativeMethods.vq_baddbmm(input, batch1, batch2, beta ?? 1, alpha ?? 1));

    /// <summary>Pairwise p-norm distances between the rows of a and b.</summary>
    public static Tensor cdist(Tensor a, Tensor b, double p = 2) => Tensor.Adopt(NativeMethods.vq_cdist(a, b, p));

    /// <summary>Draws 0/1 with the probabilities in <paramref name="probs"/>.</summary>
    public static Tensor bernoulli(Tensor probs) => Tensor.Adopt(NativeMethods.vq_bernoulli(probs));

    /// <summary>
    /// Draws <paramref name="num_samples"/> category indices per row of <paramref name="probs"/> (non-negative weights), from the global
    /// generator (torch.multinomial).
    /// </summary>
    public static Tensor multinomial(Tensor probs, long num_samples, bool replacement = false) =>
        Tensor.Adopt(NativeMethods.vq_multinomial(probs, num_samples, replacement ? 1 : 0));

    /// <summary>Counts of each non-negative integer, optionally weighted.</summary>
    public static Tensor bincount(Tensor input, Tensor? weights = null, long minlength = 0)
    {
        var r = Tensor.Adopt(NativeMethods.vq_bincount(input, Tensor.RawOrZero(weights), minlength));
        GC.KeepAlive(weights);
        return r;
    }

    /// <summary>Element-wise e^x (torch.exp).</summary>
    public static Tensor exp(Tensor t) => t.exp();
    /// <summary>Element-wise natural logarithm (torch.log).</summary>
    public static Tensor log(Tensor t) => t.log();
    /// <summary>Element-wise square root (torch.sqrt).</summary>
    public static Tensor sqrt(Tensor t) => t.sqrt();
    /// <summary>Element-wise hyperbolic tangent (torch.tanh).</summary>
    public static Tensor tanh(Tensor t) => t.tanh();
    /// <summary>Element-wise logistic sigmoid (torch.sigmoid).</summary>
    public static Tensor sigmoid(Tensor t) => t.sigmoid();
    /// <summary>Softmax along <paramref name="dim"/> (torch.softmax).</summary>
    public static Tensor softmax(Tensor t, long dim) => t.softmax(dim);
    /// <summary>Log-softmax along <paramref name="dim"/> (torch.log_softmax).</summary>
    public static Tensor log_softmax(Tensor t, long dim) => t.log_softmax(dim);
    /// <summary>Element-wise maximum (torch.maximum).</summary>
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    /// <summary>Element-wise minimum (torch.minimum).</summary>
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    /// <summary>Raises every element to a scalar power (torch.pow).</summary>
    public static Tensor pow(Tensor a, Scalar exponent) => a.pow(exponent);
    /// <summary>
    /// Limits every element to [<paramref name="min"/>, <paramref name="max"/>]; a null bound is not applied (torch.clamp).
    /// </summary>
    public static Tensor clamp(Tensor t, double? min = null, double? max = null) => t.clamp(min, max);
    /// <summary>Index of the largest element; with no dim, into the flattened tensor (torch.argmax).</summary>
    public static Tensor argmax(Tensor t, long? dim = null, bool keepdim = false) => t.argmax(dim, keepdim);
    /// <summary>Index of the smallest element; with no dim, into the flattened tensor (torch.argmin).</summary>
    public static Tensor argmin(Tensor t, long? dim = null, bool keepdim = false) => t.argmin(dim, keepdim);
    /// <summary>Running sum along <paramref name="dim"/> (torch.cumsum).</summary>
    public static Tensor cumsum(Tensor t, long dim) => t.cumsum(dim);
    /// <summary>
    /// The <paramref name="k"/> largest (or smallest) values along <paramref name="dim"/> and their indices (torch.topk).
    /// </summary>
    public static (Tensor values, Tensor indices) topk(Tensor t, long k, long dim = -1, bool largest = true, bool sorted = true) => t.topk(k, dim, largest, sorted);
}
