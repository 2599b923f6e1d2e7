using System.Runtime.InteropServices;

namespace VqDna.Torch.Native;

// Optional tensor arguments are IntPtr (zero for none); callers keep the Tensor alive across the call.
internal static partial class NativeMethods
{
    // unary
    [LibraryImport(Lib)] internal static partial IntPtr vq_neg(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_abs(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_exp(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_log(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_log1p(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_sqrt(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_rsqrt(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_sin(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_cos(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_tanh(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_sigmoid(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_relu(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_silu(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_floor(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_ceil(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_round(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_sign(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_reciprocal(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_logical_not(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_isnan(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_isinf(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_isfinite(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_square(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_gelu(Tensor a, int tanhApproximation);
    [LibraryImport(Lib)] internal static partial IntPtr vq_softmax(Tensor a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr vq_log_softmax(Tensor a, long dim);

    // binary
    [LibraryImport(Lib)] internal static partial IntPtr vq_add(Tensor a, Tensor b, Scalar alpha);
    [LibraryImport(Lib)] internal static partial IntPtr vq_sub(Tensor a, Tensor b, Scalar alpha);
    [LibraryImport(Lib)] internal static partial IntPtr vq_mul(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_div(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_pow(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_remainder(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_maximum(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_minimum(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_eq(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_ne(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_lt(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_le(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_gt(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_ge(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_logical_and(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_logical_or(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_logical_xor(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_matmul(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_mm(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_bmm(Tensor a, Tensor b);

    // with a scalar
    [LibraryImport(Lib)] internal static partial IntPtr vq_add_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_sub_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_rsub_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_mul_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_div_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_rdiv_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_pow_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_rpow_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_remainder_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_eq_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_ne_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_lt_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_le_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_gt_scalar(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial IntPtr vq_ge_scalar(Tensor a, Scalar s);

    // in place
    [LibraryImport(Lib)] internal static partial int vq_add_(Tensor a, Tensor b, Scalar alpha);
    [LibraryImport(Lib)] internal static partial int vq_sub_(Tensor a, Tensor b, Scalar alpha);
    [LibraryImport(Lib)] internal static partial int vq_mul_(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial int vq_div_(Tensor a, Tensor b);
    [LibraryImport(Lib)] internal static partial int vq_add_scalar_(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial int vq_sub_scalar_(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial int vq_mul_scalar_(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial int vq_div_scalar_(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial int vq_pow_scalar_(Tensor a, Scalar s);
    [LibraryImport(Lib)] internal static partial int vq_sqrt_(Tensor a);
    [LibraryImport(Lib)] internal static partial int vq_addcmul_(Tensor a, Tensor t1, Tensor t2, Scalar value);
    [LibraryImport(Lib)] internal static partial int vq_addcdiv_(Tensor a, Tensor t1, Tensor t2, Scalar value);
    [LibraryImport(Lib)] internal static partial int vq_lerp_(Tensor a, Tensor end, Scalar weight);
    [LibraryImport(Lib)] internal static partial int vq_clamp_(Tensor a, int hasMin, double min, int hasMax, double max);
    [LibraryImport(Lib)] internal static partial IntPtr vq_clamp(Tensor a, int hasMin, double min, int hasMax, double max);

    // products and sampling
    [LibraryImport(Lib)] internal static partial IntPtr vq_addmm(Tensor input, Tensor a, Tensor b, Scalar beta, Scalar alpha);
    [LibraryImport(Lib)] internal static partial IntPtr vq_baddbmm(Tensor input, Tensor a, Tensor b, Scalar beta, Scalar alpha);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static unsafe partial IntPtr vq_einsum(string equation, IntPtr* ts, int n);
    [LibraryImport(Lib)] internal static partial IntPtr vq_one_hot(Tensor a, long numClasses);
    [LibraryImport(Lib)] internal static partial IntPtr vq_bernoulli(Tensor probs);
    [LibraryImport(Lib)] internal static partial IntPtr vq_multinomial(Tensor probs, long n, int replacement);
    [LibraryImport(Lib)] internal static partial IntPtr vq_cdist(Tensor a, Tensor b, double p);

    // reductions
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_sum(Tensor a, long* dims, int n, int hasDims, int keepdim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_mean(Tensor a, long* dims, int n, int hasDims, int keepdim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_logsumexp(Tensor a, long* dims, int n, int hasDims, int keepdim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_amax(Tensor a, long* dims, int n, int hasDims, int keepdim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_amin(Tensor a, long* dims, int n, int hasDims, int keepdim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_var(Tensor a, long* dims, int n, int hasDims, long correction, int keepdim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_std(Tensor a, long* dims, int n, int hasDims, long correction, int keepdim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_norm(Tensor a, double p, long* dims, int n, int hasDims, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr vq_prod(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_all(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_any(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_max_all(Tensor a);
    [LibraryImport(Lib)] internal static partial IntPtr vq_min_all(Tensor a);
    [LibraryImport(Lib)] internal static partial int vq_max_dim(Tensor a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [LibraryImport(Lib)] internal static partial int vq_min_dim(Tensor a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [LibraryImport(Lib)] internal static partial IntPtr vq_argmax(Tensor a, long dim, int hasDim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr vq_argmin(Tensor a, long dim, int hasDim, int keepdim);
    [LibraryImport(Lib)] internal static partial int vq_topk(Tensor a, long k, long dim, int largest, int sorted, out IntPtr values, out IntPtr indices);
    [LibraryImport(Lib)] internal static partial int vq_sort(Tensor a, long dim, int descending, out IntPtr values, out IntPtr indices);
    [LibraryImport(Lib)] internal static partial IntPtr vq_argsort(Tensor a, long dim, int descending);
    [LibraryImport(Lib)] internal static partial IntPtr vq_cumsum(Tensor a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr vq_bincount(Tensor a, IntPtr weights, long minlength);
    [LibraryImport(Lib)] internal static partial int vq_allclose(Tensor a, Tensor b, double rtol, double atol, out int result);
    [LibraryImport(Lib)] internal static partial int vq_equal(Tensor a, Tensor b, out int result);

    // nn functional
    [LibraryImport(Lib)] internal static partial IntPtr vq_linear(Tensor x, Tensor w, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr vq_embedding(Tensor weight, Tensor indices, long paddingIdx);
    [LibraryImport(Lib)] internal static partial IntPtr vq_conv1d(Tensor x, Tensor w, IntPtr b, long stride, long padding, long dilation, long groups);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_layer_norm(Tensor x, long* shape, int ndim, IntPtr w, IntPtr b, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr vq_dropout(Tensor x, double p, int train);
    [LibraryImport(Lib)] internal static partial int vq_has_scaled_dot_product_attention();
    [LibraryImport(Lib)] internal static partial IntPtr vq_scaled_dot_product_attention(Tensor q, Tensor k, Tensor v, IntPtr attnMask, double dropoutP);
    [LibraryImport(Lib)] internal static partial IntPtr vq_cross_entropy(Tensor logits, Tensor target, IntPtr weight, long reduction, long ignoreIndex, double labelSmoothing);
    [LibraryImport(Lib)] internal static partial IntPtr vq_nll_loss(Tensor logp, Tensor target, IntPtr weight, long reduction, long ignoreIndex);
    [LibraryImport(Lib)] internal static partial IntPtr vq_mse_loss(Tensor a, Tensor b, long reduction);
    [LibraryImport(Lib)] internal static partial IntPtr vq_binary_cross_entropy_with_logits(Tensor logits, Tensor target, IntPtr weight, long reduction);

    // random
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vq_dropout_mask(long* shape, int ndim, double p, int dtype, int device, int index);

    // optim
    [LibraryImport(Lib)] internal static unsafe partial int vq_adamw_step(IntPtr* parameters, IntPtr* grads, IntPtr* expAvgs, IntPtr* expAvgSqs, int n, double lr, double beta1, double beta2, double eps, double weightDecay, long step);

    // serialization
    [LibraryImport(Lib)] internal static unsafe partial int vq_save_dict(byte* path, IntPtr* names, IntPtr* tensors, int n);
}
