// Functional neural-network ops (torch.nn.functional equivalents). Optional tensors may be nullptr.
#include "common.h"

VQ_API Tensor vq_linear(Tensor x, Tensor w, Tensor b) {
  VQ_TRY
  return vq::wrap(at::linear(*x, *w, vq::opt(b)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_embedding(Tensor weight, Tensor indices, int64_t padding_idx) {
  VQ_TRY
  return vq::wrap(at::embedding(*weight, *indices, padding_idx));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_conv1d(Tensor x, Tensor w, Tensor b, int64_t stride, int64_t padding, int64_t dilation,
                        int64_t groups) {
  VQ_TRY
  return vq::wrap(at::conv1d(*x, *w, vq::opt(b), {stride}, {padding}, {dilation}, groups));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_layer_norm(Tensor x, const int64_t* shape, int32_t ndim, Tensor w, Tensor b, double eps) {
  VQ_TRY
  return vq::wrap(at::layer_norm(*x, vq::dims(shape, ndim), vq::opt(w), vq::opt(b), eps));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_dropout(Tensor x, double p, int32_t train) {
  VQ_TRY
  return vq::wrap(at::dropout(*x, p, train != 0));
  VQ_CATCH(nullptr)
}

// ---- at::scaled_dot_product_attention: libtorch 2.x's fused kernels (flash, memory-efficient, math) ----
// Debian's 1.13 has none: there the C# composed attention (baddbmm, softmax, dropout, bmm) runs instead.

/// 1 when this build has at::scaled_dot_product_attention (libtorch 2.0 and later), else 0.
VQ_API int32_t vq_has_scaled_dot_product_attention() { return TORCH_VERSION_MAJOR >= 2 ? 1 : 0; }

/// softmax(q kᵀ / √d + attn_mask) v, dropout on the weights; q, k, v (B, H, T, D); attn_mask an additive float bias
/// broadcastable to (B, H, T, S), or null. The mask takes q's dtype: under bf16 autocast the kernels want one dtype.
VQ_API Tensor vq_scaled_dot_product_attention(Tensor q, Tensor k, Tensor v, Tensor attn_mask, double dropout_p) {
  VQ_TRY
#if TORCH_VERSION_MAJOR >= 2
  c10::optional<at::Tensor> mask;
  if (attn_mask != nullptr) mask = attn_mask->scalar_type() == q->scalar_type() ? *attn_mask : attn_mask->to(q->scalar_type());
  return vq::wrap(at::scaled_dot_product_attention(*q, *k, *v, mask, dropout_p, /*is_causal=*/false));
#else
  TORCH_CHECK(false, "scaled_dot_product_attention needs libtorch 2.0 or later; this build has ", TORCH_VERSION_MAJOR, ".",
              TORCH_VERSION_MINOR);
  return nullptr;
#endif
  VQ_CATCH(nullptr)
}

/// reduction: 0 none, 1 mean, 2 sum (at::Reduction codes).
VQ_API Tensor vq_cross_entropy(Tensor logits, Tensor target, Tensor weight, int64_t reduction, int64_t ignore_index,
                               double label_smoothing) {
  VQ_TRY
  return vq::wrap(at::cross_entropy_loss(*logits, *target, vq::opt(weight), reduction, ignore_index, label_smoothing));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_nll_loss(Tensor logp, Tensor target, Tensor weight, int64_t reduction, int64_t ignore_index) {
  VQ_TRY
  return vq::wrap(at::nll_loss_nd(*logp, *target, vq::opt(weight), reduction, ignore_index));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_mse_loss(Tensor a, Tensor b, int64_t reduction) {
  VQ_TRY
  return vq::wrap(at::mse_loss(*a, *b, reduction));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_binary_cross_entropy_with_logits(Tensor logits, Tensor target, Tensor weight, int64_t reduction) {
  VQ_TRY
  return vq::wrap(at::binary_cross_entropy_with_logits(*logits, *target, vq::opt(weight), c10::nullopt, reduction));
  VQ_CATCH(nullptr)
}
