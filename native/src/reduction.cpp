// Reductions, scans, sorting and selection. `has_dims == 0` reduces over all elements.
#include "common.h"

#define VQ_DIMS_REDUCE(name, all_expr, dims_expr)                                                 \
  VQ_API Tensor vq_##name(Tensor a, const int64_t* d, int32_t n, int32_t has_dims, int32_t keepdim) { \
    VQ_TRY                                                                                        \
    bool kd = keepdim != 0;                                                                       \
    (void)kd;                                                                                     \
    return vq::wrap(has_dims ? (dims_expr) : (all_expr));                                         \
    VQ_CATCH(nullptr)                                                                             \
  }

VQ_DIMS_REDUCE(sum, a->sum(), a->sum(vq::dims(d, n), kd))
VQ_DIMS_REDUCE(mean, a->mean(), a->mean(vq::dims(d, n), kd))
VQ_DIMS_REDUCE(logsumexp, a->flatten().logsumexp(0), a->logsumexp(vq::dims(d, n), kd))
VQ_DIMS_REDUCE(amax, a->amax(at::IntArrayRef{}, false), a->amax(vq::dims(d, n), kd))
VQ_DIMS_REDUCE(amin, a->amin(at::IntArrayRef{}, false), a->amin(vq::dims(d, n), kd))

// libtorch 2.x takes the correction as a Scalar, 1.13 as an int64; an explicit optional also keeps the
// int64 from binding to the (bool unbiased) overload.
#if TORCH_VERSION_MAJOR >= 2
using Correction = c10::optional<at::Scalar>;
#else
using Correction = c10::optional<int64_t>;
#endif

VQ_API Tensor vq_var(Tensor a, const int64_t* d, int32_t n, int32_t has_dims, int64_t correction, int32_t keepdim) {
  VQ_TRY
  auto dims = has_dims ? at::OptionalIntArrayRef(vq::dims(d, n)) : at::OptionalIntArrayRef(c10::nullopt);
  return vq::wrap(at::var(*a, dims, Correction(correction), keepdim != 0));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_std(Tensor a, const int64_t* d, int32_t n, int32_t has_dims, int64_t correction, int32_t keepdim) {
  VQ_TRY
  auto dims = has_dims ? at::OptionalIntArrayRef(vq::dims(d, n)) : at::OptionalIntArrayRef(c10::nullopt);
  return vq::wrap(at::std(*a, dims, Correction(correction), keepdim != 0));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_norm(Tensor a, double p, const int64_t* d, int32_t n, int32_t has_dims, int32_t keepdim) {
  VQ_TRY
  return vq::wrap(has_dims ? a->norm(p, vq::dims(d, n), keepdim != 0) : a->norm(p));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_prod(Tensor a) {
  VQ_TRY
  return vq::wrap(a->prod());
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_all(Tensor a) {
  VQ_TRY
  return vq::wrap(a->all());
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_any(Tensor a) {
  VQ_TRY
  return vq::wrap(a->any());
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_max_all(Tensor a) {
  VQ_TRY
  return vq::wrap(a->max());
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_min_all(Tensor a) {
  VQ_TRY
  return vq::wrap(a->min());
  VQ_CATCH(nullptr)
}

VQ_API int32_t vq_max_dim(Tensor a, int64_t dim, int32_t keepdim, Tensor* values, Tensor* indices) {
  VQ_TRY
  auto r = a->max(dim, keepdim != 0);
  *values = vq::wrap(std::get<0>(r));
  *indices = vq::wrap(std::get<1>(r));
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_min_dim(Tensor a, int64_t dim, int32_t keepdim, Tensor* values, Tensor* indices) {
  VQ_TRY
  auto r = a->min(dim, keepdim != 0);
  *values = vq::wrap(std::get<0>(r));
  *indices = vq::wrap(std::get<1>(r));
  return 0;
  VQ_CATCH(-1)
}

/// has_dim == 0: index into the flattened tensor, as torch.argmax(t) does.
VQ_API Tensor vq_argmax(Tensor a, int64_t dim, int32_t has_dim, int32_t keepdim) {
  VQ_TRY
  return vq::wrap(a->argmax(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_argmin(Tensor a, int64_t dim, int32_t has_dim, int32_t keepdim) {
  VQ_TRY
  return vq::wrap(a->argmin(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0));
  VQ_CATCH(nullptr)
}

VQ_API int32_t vq_topk(Tensor a, int64_t k, int64_t dim, int32_t largest, int32_t sorted, Tensor* values,
                       Tensor* indices) {
  VQ_TRY
  auto r = a->topk(k, dim, largest != 0, sorted != 0);
  *values = vq::wrap(std::get<0>(r));
  *indices = vq::wrap(std::get<1>(r));
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_sort(Tensor a, int64_t dim, int32_t descending, Tensor* values, Tensor* indices) {
  VQ_TRY
  auto r = a->sort(dim, descending != 0);
  *values = vq::wrap(std::get<0>(r));
  *indices = vq::wrap(std::get<1>(r));
  return 0;
  VQ_CATCH(-1)
}

VQ_API Tensor vq_argsort(Tensor a, int64_t dim, int32_t descending) {
  VQ_TRY
  return vq::wrap(a->argsort(dim, descending != 0));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_cumsum(Tensor a, int64_t dim) {
  VQ_TRY
  return vq::wrap(a->cumsum(dim));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_bincount(Tensor a, Tensor weights, int64_t minlength) {
  VQ_TRY
  return vq::wrap(at::bincount(*a, vq::opt(weights), minlength));
  VQ_CATCH(nullptr)
}

VQ_API int32_t vq_allclose(Tensor a, Tensor b, double rtol, double atol, int32_t* out) {
  VQ_TRY
  *out = at::allclose(*a, *b, rtol, atol) ? 1 : 0;
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_equal(Tensor a, Tensor b, int32_t* out) {
  VQ_TRY
  *out = at::equal(*a, *b) ? 1 : 0;
  return 0;
  VQ_CATCH(-1)
}
