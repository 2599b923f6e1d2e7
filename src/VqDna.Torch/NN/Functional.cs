using VqDna.Torch.Native;

namespace VqDna.Torch.NN;

/// <summary>torch.nn.functional: the stateless ops that modules are built from.</summary>
public static class F
{
    /// <summary>x @ weight.T + bias.</summary>
    public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        var r = Tensor.Adopt(NativeMethods.vq_linear(input, weight, Tensor.RawOrZero(bias)));
        GC.KeepAlive(bias);
        return r;
    }

    /// <summary>Rows of <paramref name="weight"/> picked by integer indices; padding_idx gets no gradient (-1: none).</summary>
    public static Tensor embedding(Tensor input, Tensor weight, long padding_idx = -1) =>
        Tensor.Adopt(NativeMethods.vq_embedding(weight, input, padding_idx));

    /// <summary>1-D convolution over (N, C_in, L); groups = C_in with C_out = C_in is depth-wise.</summary>
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1)
    {
        var r = Tensor.Adopt(NativeMethods.vq_conv1d(input, weight, Tensor.RawOrZero(bias), stride, padding, dilation, groups));
        GC.KeepAlive(bias);
        return r;
    }

    /// <summary>Layer normalization over the last dimensions; a bfloat16 or float16 input with float32 weights runs in float32.</summary>
    /// <remarks>
    /// The mixed case is what bf16 autocast produces (a matmul's bfloat16 output into a float32-weighted norm): autocast's
    /// fp32 policy for layer_norm, which CUDA's lists apply and libtorch 1.13's CPU lists do not (issue 18).
    /// </remarks>
    public static unsafe Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        Tensor r;
        using var upcast = weight is not null && input.dtype is ScalarType.BFloat16 or ScalarType.Float16 && weight.dtype == ScalarType.Float32
            ? input.to(ScalarType.Float32) : null;
        fixed (long* s = normalized_shape)
            r = Tensor.Adopt(NativeMethods.vq_layer_norm(upcast ?? input, s, normalized_shape.Length, Tensor.RawOrZero(weight), Tensor.RawOrZero(bias), eps));
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return r;
    }

    /// <summary>Zeroes elements with probability p and scales the rest by 1/(1-p), in training only.</summary>
    /// <remarks>
    /// Floating inputs (float32, and the bfloat16 activations of bf16 autocast) are multiplied by a mask in their own
    /// dtype, filled in parallel by a counter-based generator (see native/src/random.cpp), several times faster than
    /// libtorch 1.13's serial bernoulli_; the mask is as random and is fixed by torch.manual_seed, but the stream
    /// differs from PyTorch's, so masks are not bit-identical to PyTorch's. On a GPU libtorch's own dropout runs (one
    /// fused kernel drawing from the device's generator, as PyTorch's).
    /// </remarks>
    public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
    {
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
        if (!training || p == 0 || p == 1 || !input.dtype.IsFloatingPoint() || input.is_cuda)
            return Tensor.Adopt(NativeMethods.vq_dropout(input, p, training ? 1 : 0));
        using var mask = dropout_mask(input.shape, p, input.device, input.dtype);
        return input * mask;
    }

    /// <summary>
    /// Inverted-dropout mask on <paramref name="device"/> (the CPU by default) in <paramref name="dtype"/> (float32 by
    /// default): 0 with probability p, 1/(1-p) otherwise. One seed gives every floating dtype the same zeros.
    /// </summary>
    public static unsafe Tensor dropout_mask(long[] shape, double p, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"a dropout mask is a floating dtype, not {dtype}", nameof(dtype));
        var d = device ?? Device.CPU;
        fixed (long* s = shape) return Tensor.Adopt(NativeMethods.vq_dropout_mask(s, shape.Length, p, (int)dtype, (int)d.type, d.index));
    }

    /// <summary>GELU; approximate "tanh" selects the tanh approximation, "none" the exact erf form.</summary>
    public static Tensor gelu(Tensor input, string approximate = "none") => approximate switch
    {
        "none" => Tensor.Adopt(NativeMethods.vq_gelu(input, 0)),
        "tanh" => Tensor.Adopt(NativeMethods.vq_gelu(input, 1)),
        _ => throw new ArgumentException($"gelu approximate must be 'none' or 'tanh', not '{approximate}'", nameof(approximate)),
    };

    /// <summary>
    /// Max over non-overlapping windows of <paramref name="kernel_size"/> along the last dim of (N, C, L), as
    /// torch.nn.functional.max_pool1d with stride = kernel_size and no padding: a tail shorter than the kernel
    /// is dropped. Written over reshape and max, so autograd needs no native op of its own.
    /// </summary>
    public static Tensor max_pool1d(Tensor input, long kernel_size)
    {
        if (kernel_size < 1) throw new ArgumentOutOfRangeException(nameof(kernel_size), kernel_size, "must be positive");
        if (input.dim() != 3) throw new ArgumentException($"max_pool1d expects (N, C, L), got {input.dim()} dimensions", nameof(input));
        long n = input.size(0), c = input.size(1), windows = input.size(2) / kernel_size;
        if (windows == 0) throw new ArgumentException($"max_pool1d: length {input.size(2)} is shorter than the kernel {kernel_size}", nameof(input));
        using var kept = input.narrow(2, 0, windows * kernel_size);
        using var grouped = kept.reshape(n, c, windows, kernel_size);                       // (N, C, L / k, k)
        var (values, indices) = grouped.max(-1);
        indices.Dispose();
        return values;
    }

    /// <summary>Element-wise max(x, 0) (torch.nn.functional.relu).</summary>
    public static Tensor relu(Tensor input) => input.relu();
    /// <summary>Element-wise x · sigmoid(x) (torch.nn.functional.silu).</summary>
    public static Tensor silu(Tensor input) => Tensor.Adopt(NativeMethods.vq_silu(input));
    /// <summary>Softmax along <paramref name="dim"/> (torch.nn.functional.softmax).</summary>
    public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);
    /// <summary>Log-softmax along <paramref name="dim"/> (torch.nn.functional.log_softmax).</summary>
    public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);

    /// <summary>
    /// int64 one-hot vectors of the class indices in <paramref name="input"/>, (…, num_classes); −1 infers the count from the largest index
    /// (torch.nn.functional.one_hot).
    /// </summary>
    public static Tensor one_hot(Tensor input, long num_classes = -1) => Tensor.Adopt(NativeMethods.vq_one_hot(input, num_classes));

    /// <summary>
    /// Cross-entropy of logits (N, C) or (N, C, d...) against class indices; positions whose target is
    /// ignore_index count neither in the loss nor in the mean's denominator.
    /// </summary>
    public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
        Reduction reduction = Reduction.Mean, double label_smoothing = 0.0)
    {
        if (label_smoothing < 0 || label_smoothing > 1)
            throw new ArgumentOutOfRangeException(nameof(label_smoothing), label_smoothing, "label smoothing must be in [0, 1]");
        var r = Tensor.Adopt(NativeMethods.vq_cross_entropy(input, target, Tensor.RawOrZero(weight), (long)reduction, ignore_index, label_smoothing));
        GC.KeepAlive(weight);
        return r;
    }

    /// <summary>
    /// Negative log-likelihood of log-probabilities <paramref name="input"/> (N, C) at the target class indices; targets equal to
    /// <paramref name="ignore_index"/> are skipped (torch.nn.functional.nll_loss).
    /// </summary>
    public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, Reduction reduction = Reduction.Mean)
    {
        var r = Tensor.Adopt(NativeMethods.vq_nll_loss(input, target, Tensor.RawOrZero(weight), (long)reduction, ignore_index));
        GC.KeepAlive(weight);
        return r;
    }

    /// <summary>Squared error (input − target)², reduced as <paramref name="reduction"/> says (torch.nn.functional.mse_loss).</summary>
    public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Tensor.Adopt(NativeMethods.vq_mse_loss(input, target, (long)reduction));

    /// <summary>
    /// Binary cross-entropy of sigmoid(<paramref name="input"/>) against 0/1 targets, computed stably from logits
    /// (torch.nn.functional.binary_cross_entropy_with_logits).
    /// </summary>
    public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        var r = Tensor.Adopt(NativeMethods.vq_binary_cross_entropy_with_logits(input, target, Tensor.RawOrZero(weight), (long)reduction));
        GC.KeepAlive(weight);
        return r;
    }

    /// <summary>
    /// softmax(q kᵀ / √d + mask) v. Queries, keys and values are (N, T, D), or (B, H, T, D) which runs as
    /// (B·H, T, D). key_padding_mask is (B, S) bool, true where a key is padding and gets no attention
    /// (as in nn.MultiheadAttention). attn_mask is an optional additive float bias (as PyTorch's float
    /// attn_mask) broadcastable to the scores: (N, T, S) for 3-D inputs, (B, H, T, S) for 4-D ones, e.g.
    /// (H, T, S) or (1, H, T, S) for a per-head position bias such as ALiBi; it is added to the scaled scores
    /// together with the padding mask. The math is PyTorch 1.13's multi_head_attention_forward: an additive
    /// mask, softmax, dropout on the weights, then the weighted sum of values. The 1/√d scale rides in
    /// baddbmm's alpha instead of a separate pass over q, and kᵀ reaches BLAS as a transposed view, uncopied.
    /// </summary>
    /// <remarks>
    /// Where libtorch has its own (2.0 and later: <see cref="has_fused_attention"/>), (B, H, T, D) inputs without a
    /// key_padding_mask run libtorch's at::scaled_dot_product_attention (flash or memory-efficient kernels on a GPU) with
    /// attn_mask as its float mask, in the queries' dtype: the same math, libtorch's dropout draws. Debian's 1.13 has none:
    /// the composed path runs there, as it always did (issue 18: nothing changes on the CPU build).
    /// </remarks>
    public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? key_padding_mask = null,
        double dropout_p = 0.0, bool training = true, Tensor? attn_mask = null)
    {
        if (!has_fused_attention || key_padding_mask is not null || query.dim() != 4)
            return ComposedAttention(query, key, value, key_padding_mask, dropout_p, training, attn_mask);
        var fused = Tensor.Adopt(NativeMethods.vq_scaled_dot_product_attention(query, key, value, Tensor.RawOrZero(attn_mask), training ? dropout_p : 0.0));
        GC.KeepAlive(attn_mask);
        return fused;
    }

    /// <summary>The attention composed of baddbmm, softmax, dropout and bmm (see <see cref="scaled_dot_product_attention"/>): every libtorch has it.</summary>
    internal static Tensor ComposedAttention(Tensor query, Tensor key, Tensor value, Tensor? key_padding_mask = null,
        double dropout_p = 0.0, bool training = true, Tensor? attn_mask = null)
    {
        var shape = query.shape;
        if (shape.Length is not (3 or 4)) throw new ArgumentException($"attention expects (N, T, D) or (B, H, T, D) queries, got [{string.Join(", ", shape)}]");
        long length = shape[^2], headDim = shape[^1], sourceLength = key.size(-2);
        long batch = shape.Length == 4 ? shape[0] * shape[1] : shape[0];
        using var q = query.reshape(batch, length, headDim);
        using var k = key.reshape(batch, sourceLength, headDim);
        using var v = value.reshape(batch, sourceLength, headDim);
        using var keyT = k.transpose(1, 2);                                     // (N, D, S), a view
        using var bias = attn_mask is null
            ? AttentionBias(key_padding_mask, batch, sourceLength, q)                 // (N or 1, 1, S): 0 or −∞
            : CombinedBias(attn_mask, key_padding_mask, shape, sourceLength);    // (N, T, S)
        using var scores = torch.baddbmm(bias, q, keyT, beta: 1, alpha: 1 / Math.Sqrt(headDim)); // (N, T, S)
        using var weights = scores.softmax(-1);
        using var dropped = dropout_p > 0 && training ? dropout(weights, dropout_p, true) : weights.alias();
        using var attended = dropped.bmm(v);                                     // (N, T, D)
        return shape.Length == 4 ? attended.view(shape) : attended.alias();
    }

    /// <summary>Whether the native library's libtorch has at::scaled_dot_product_attention (2.0 and later; not Debian's 1.13).</summary>
    public static bool has_fused_attention { get; } = NativeMethods.vq_has_scaled_dot_product_attention() != 0;


    /// <summary>
    /// The additive attn_mask broadcast to (N, T, S), plus the padding bias when there is a key_padding_mask.
    /// A full (B, H, T, S) or (N, T, S) contiguous mask is used as a view, uncopied.
    /// </summary>
    private static Tensor CombinedBias(Tensor attnMask, Tensor? keyPaddingMask, long[] queryShape, long sourceLength)
    {
        if (attnMask.dtype is not (ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16))
            throw new ArgumentException($"attn_mask must be an additive float bias, got dtype {attnMask.dtype}");
        long[] scoreShape = queryShape.Length == 4
            ? [queryShape[0], queryShape[1], queryShape[2], sourceLength]   // (B, H, T, S)
            : [queryShape[0], queryShape[1], sourceLength];                 // (N, T, S)
        if (attnMask.dim() > scoreShape.Length || !Broadcastable(attnMask.shape, scoreShape))
            throw new ArgumentException($"attn_mask of shape [{string.Join(", ", attnMask.shape)}] does not broadcast to the scores [{string.Join(", ", scoreShape)}]");
        using var full = attnMask.expand(scoreShape);
        long batch = queryShape.Length == 4 ? queryShape[0] * queryShape[1] : queryShape[0];
        var flat = full.reshape(batch, queryShape[^2], sourceLength);                                  // (N, T, S)
        if (keyPaddingMask is null) return flat;
        using var _ = flat;
        using var padding = AttentionBias(keyPaddingMask, batch, sourceLength, flat);                        // (N, 1, S)
        return flat + padding;
    }

    private static bool Broadcastable(long[] from, long[] to)
    {
        for (int i = 1; i <= from.Length; i++)
            if (from[^i] != 1 && from[^i] != to[^i]) return false;
        return true;
    }

    /// <summary>
    /// The additive mask: −∞ at padded keys, repeated for each head; zeros when there is no mask. Made in the
    /// dtype and on the device of <paramref name="like"/> (the queries), which baddbmm requires.
    /// </summary>
    private static Tensor AttentionBias(Tensor? keyPaddingMask, long batch, long sourceLength, Tensor like)
    {
        if (keyPaddingMask is null) return torch.zeros([1, 1, sourceLength], like.dtype, device: like.device);
        long maskBatch = keyPaddingMask.size(0);
        if (keyPaddingMask.dim() != 2 || keyPaddingMask.size(1) != sourceLength || batch % maskBatch != 0)
            throw new ArgumentException($"key_padding_mask must be (B, {sourceLength}) with B dividing {batch}, got [{string.Join(", ", keyPaddingMask.shape)}]");
        using var zeros = torch.zeros([maskBatch, 1, 1, sourceLength], like.dtype, device: like.device);
        using var mask = keyPaddingMask.view(maskBatch, 1, 1, sourceLength);
        using var additive = zeros.masked_fill(mask, double.NegativeInfinity);
        using var perHead = additive.expand(maskBatch, batch / maskBatch, 1, sourceLength);
        return perHead.reshape(batch, 1, sourceLength);
    }
}
